"""Cases by the month they started: 「7月に導入した自治体は？」, "Which cases started before June?",
「8月以降に始めた自治体は？」 list the cases whose own sentences date their start so (the same start a
timeline and a ranking read: not a study group's, not a month something was only announced), and
「導入が一番多かった月は？」 is the timeline — by the library and by `chatbot ask --json`."""
import json

import pytest

from test_cli import run

JULY = {"青森県むつ市", "山形県庁", "新潟県長岡市", "東京都練馬区", "埼玉県庁", "群馬県庁", "広島県", "愛媛県"}
MAY = {"長野県庁", "神奈川県庁", "神奈川県厚木市", "三重県伊賀市", "佐賀県"}
AUGUST_ON = {"東京都庁", "東京都千代田区", "大阪府門真市", "滋賀県", "鳥取県", "沖縄県那覇市", "栃木県庁"}


def _cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.model
def test_a_month_a_case_began_in_lists_the_cases_that_date_their_start_so(shared_e5_bot):
    # 「7月に導入した」 had been read as a topic and listed 37 cases
    assert _cases(shared_e5_bot.ask("7月に導入した自治体は？")) == JULY
    # 愛媛県's May is a study group's (「5月から若手職員を中心に勉強会」), its trial began in July;
    # 神奈川県庁 「2023年5月中に…試験利用を…開始」 is a start within May
    may = shared_e5_bot.ask("Which governments began using it in May?")
    assert _cases(may) == MAY
    prefectures = shared_e5_bot.ask("6月に試験導入を始めた県は？")
    assert _cases(prefectures) == {"富山県", "福井県", "茨城県庁"}


@pytest.mark.model
def test_a_start_before_or_after_a_month_compares_each_cases_first_start(shared_e5_bot):
    later = shared_e5_bot.ask("8月以降に始めた自治体は？")
    # 練馬区 began in July; its 「10月から有償での本格導入」 is not its first start; the lead names
    # what the cases are listed for
    assert _cases(later) == AUGUST_ON and "「8月以降に開始」に当たるのは 7 件" in later.text
    assert _cases(shared_e5_bot.ask("Which cases started before June?")) == MAY
    assert _cases(shared_e5_bot.ask("6月より前に導入した市は？")) == {"神奈川県厚木市", "三重県伊賀市"}
    # 「6月までに」 is a start by June, not a trial that ends in June
    by_june = shared_e5_bot.ask("6月までに導入した県は？")
    assert {"富山県", "福井県", "茨城県庁", "神奈川県庁", "佐賀県"} <= _cases(by_june)
    assert not _cases(by_june) & {"愛媛県", "群馬県藤岡市"}


@pytest.mark.model
@pytest.mark.parametrize("question", ["導入が一番多かった月は？", "導入時期の分布を教えて",
                                      "What month did the most local governments start using ChatGPT?"])
def test_which_month_most_cases_started_in_is_the_timeline(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "timeline"
    july = next(r for r in a.table["rows"] if r[0].startswith("2023年7月"))
    assert int(july[1]) == max(int(r[1]) for r in a.table["rows"])


def test_ask_json_lists_the_cases_started_in_a_month(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "7月に導入した自治体は？", "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    out = out[0] if isinstance(out, list) else out
    assert {c["case"] for c in out["citations"]} == JULY
    assert "「7月に開始」に当たる" in out["answer"]


# --- a trial's length compared with a number of months; its end in Japanese --------------------

THREE_OR_MORE = {"神奈川県厚木市", "茨城県庁", "東京都千代田区", "三重県桑名市", "愛媛県", "熊本県熊本市"}


@pytest.mark.model
def test_a_length_compared_with_months_reads_each_trials_period_by_its_length_or_its_ends(shared_e5_bot):
    # 「3カ月以上」 had listed only the case that writes 「3カ月間」; 厚木市 writes 「5月から8月」
    at_least = shared_e5_bot.ask("3カ月以上試験する自治体は？")
    assert _cases(at_least) == THREE_OR_MORE and "「3カ月以上」に当たる" in at_least.text
    # "longer than two months" had been read as "two months long" (練馬区, 門真市)
    longer = shared_e5_bot.ask("Which trials last longer than two months?")
    assert _cases(longer) == THREE_OR_MORE | {"長野県庁"}
    assert _cases(shared_e5_bot.ask("試験期間が2か月未満の自治体は？")) == {"富山県"}
    assert {"東京都練馬区", "大阪府門真市", "富山県"} <= _cases(shared_e5_bot.ask("2カ月以内の短い試験をした自治体は？"))


@pytest.mark.model
def test_a_trial_that_ends_in_a_month_in_japanese_is_the_end_month_not_every_trial(shared_e5_bot):
    # 「9月末で試験が終わる」 had listed every trial (12, 富山県's ended in July)
    ends = shared_e5_bot.ask("9月末で試験が終わる自治体は？")
    assert {"青森県むつ市", "茨城県庁", "大阪府門真市", "愛媛県", "滋賀県"} <= _cases(ends)
    assert not _cases(ends) & {"富山県", "広島県", "熊本県熊本市"}    # 広島, 熊本: 9月末までに (a deadline)


# --- more ways to name a start month; a start only the reference's headline dates ------------------

@pytest.mark.model
@pytest.mark.parametrize("question", ["Which prefectures started using it in July or August?", "7月か8月に始めた県は？"])
def test_two_months_named_at_once_are_both_read(shared_e5_bot, question):
    # only the last month named had been read
    assert _cases(shared_e5_bot.ask(question)) == {"山形県庁", "埼玉県庁", "群馬県庁", "広島県", "愛媛県",
                                                   "東京都庁", "滋賀県", "鳥取県"}


@pytest.mark.model
def test_a_start_month_written_as_the_subject_is_read_and_a_headline_start_says_so(shared_e5_bot):
    # 「導入開始が5月の自治体」 had listed 22 cases by topic words
    assert _cases(shared_e5_bot.ask("導入開始が5月の自治体")) == MAY
    june = shared_e5_bot.ask("開始時期が6月の市は？")
    assert _cases(june) == {"神奈川県相模原市", "香川県三豊市", "熊本県熊本市"}
    # 相模原市's sentences date no month; its reference's headline does (「実証実験を6/1開始!」): the
    # quote is the sentence it dates, the reason names the headline (not 「条件の数値を記載」)
    sagamihara = next(c for c in june.citations if c.case == "神奈川県相模原市")
    assert "実証実験を開始しました" in sagamihara.passage
    assert sagamihara.reason == "参考記事の見出し「6/1開始」"


def test_a_headline_reason_is_faithful_only_when_the_headline_says_it():
    from chatbot.tools.faithful import faithful
    sentences = ("相模原市は、実証実験を開始しました。", "具体的には、文案作成に使います。")
    assert faithful("headline:6/1開始", sentences[0], sentences, "実証実験を6/1開始!") is True
    assert faithful("headline:6/1開始", sentences[0], sentences, "実証実験を始めた") is False
    assert faithful("headline:6/1開始", "ほかの文。", sentences, "実証実験を6/1開始!") is False
