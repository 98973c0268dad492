"""Issue 19: figures a ranking orders cases by are made comparable — a trial's period written as
a length or by its two ends (in one sentence or two), a time saving written per task, per day,
as a total or as "before → after" — and a timeline's month is a start, not an end or a study
session. Pure functions over made-up sentences (no model)."""
import pytest

from chatbot.qa.evidence.stated import period_stated, start_stated, time_saved_stated
from core.cases import Case
from core.durations import length_days, minutes, months, span_days
from core.knowledge import knowledge


def _case(*sentences: str) -> Case:
    return Case("x", "x市", "", "市区町村", "", "".join(sentences), "", 1, "", tuple(sentences))


@pytest.mark.parametrize("ends, days", [
    ((6, 9, 7, "末"), 53),             # 6月9日から7月末
    ((5, None, 8, None), 123),         # 5月から8月: 1 May to 31 August
    ((7, "末", 9, "末"), 62),          # 7月末から9月末: about two months, not three
    ((8, 1, 9, 30), 61),
    ((11, None, 2, None), 120),        # 11月から2月: into the next year
    ((6, 31, 7, None), 32),            # 6月31日 is read as 6月30日
])
def test_a_span_by_its_ends_counts_both_days(ends, days):
    assert span_days(*ends) == days


def test_a_span_that_is_not_one_is_none():
    assert span_days(13, None, 2, None) is None
    assert span_days(0, None, 2, None) is None


@pytest.mark.parametrize("text, days", [
    ("3カ月間", 3 * 365 / 12), ("2週間", 14), ("10日間", 10), ("1年間", 365), ("2ヶ月", 2 * 365 / 12),
    ("２か月", 2 * 365 / 12),
])
def test_a_length_in_days(text, days):
    assert length_days(text) == pytest.approx(days)


def test_lengths_and_spans_of_about_two_months_compare_as_equal():
    assert months(length_days("2カ月間")) == months(span_days(8, 1, 9, 30)) == 2.0
    assert months(span_days(6, 9, 7, "末")) < months(length_days("2か月"))


@pytest.mark.parametrize("text, value", [
    ("51時間", 3060), ("半日", 240), ("10分", 10), ("1.5時間", 90), ("1日", 480), ("２１分", 21),
    ("2時間半", 150), ("90秒", 1.5), ("約1時間半", 90),
])
def test_working_time_in_minutes(text, value):
    assert minutes(text) == value


def test_no_amount_is_none():
    assert minutes("効率化") is None and length_days("7月") is None
    assert minutes("約3分の1") is None                 # a fraction, not three minutes


# --- a case's period -----------------------------------------------------------------------------

def test_a_period_by_its_ends_outranks_a_shorter_length_in_the_same_units():
    long = period_stated(_case("実験期間は5月から8月までで、効果を確認しました。"))
    short = period_stated(_case("試験期間は6月9日から7月末まで、18の部署で試験導入しました。"))
    two = period_stated(_case("2か月間試行します。"))
    assert (long.value, short.value, two.value) == (4.0, 1.7, 2.0)
    assert long.text == "5月から8月" and short.text == "6月9日から7月末"


def test_a_trial_started_in_one_sentence_and_ended_in_another_is_a_period():
    k = knowledge()
    case = _case("市は6月から実証実験を開始します。", "職員約100人が対象となり、8月末まで検証作業を行います。",
                 "9月末までに報告書を作成します。")
    s = period_stated(case, k)
    assert s.value == 3.0 and s.n == 1 and s.sentences == (0, 1)
    assert period_stated(case) is None                   # without the start pattern: not read


def test_time_since_more_time_and_an_offer_to_others_are_not_the_cases_period():
    k = knowledge()
    assert period_stated(_case("試験利用から2週間の反応では、好評でした。"), k) is None
    assert period_stated(_case("県は7月から試験運用している。", "試験運用をさらに1カ月続けます。"), k) is None
    assert period_stated(_case("他自治体向けに1ヶ月間の無償トライアルも実施予定です。"), k) is None


# --- a case's time saving -----------------------------------------------------------------------

def test_a_saving_per_task_comes_before_a_total_and_says_what_it_is_per():
    s = time_saved_stated(_case("業務時間が1件当たり平均21分短縮されました。", "合計で約51時間の効率化が見られました。"))
    assert s.value == 21 and s.text == "1件当たり平均21分"
    only_total = time_saved_stated(_case("合計で約51時間の効率化が見られました。"))
    assert only_total.value == 3060


def test_before_and_after_saves_the_difference():
    s = time_saved_stated(_case("「半日かかる作業が1時間ほどでできるようになった」との報告がありました。"))
    assert s.value == 180 and s.text.startswith("半日かかる作業が1時間")
    per_day = time_saved_stated(_case("少なくとも1日10分程度短縮できると試算されました。"))
    assert per_day.value == 10 and per_day.text == "1日10分"
    assert s.value > per_day.value


# --- a case's start -----------------------------------------------------------------------------

def test_a_start_is_not_an_end_a_point_of_reference_or_a_study_session():
    k = knowledge()
    assert start_stated(_case("市は7月末まで試験導入を続けます。"), k, 2023) is None
    assert start_stated(_case("令和5年6月末日時点の知見をもとにまとめ、公表しました。"), k, 2023) is None
    s = start_stated(_case("県は5月から若手職員を中心に勉強会を開くなど検討してきました。",
                           "試験期間は7月から9月末までです。"), k, 2023)
    assert s.text == "2023年7月" and s.n == 1


def test_a_start_within_a_month_and_rules_put_in_force_are_starts():
    k = knowledge()
    assert start_stated(_case("5月中に事務文書作成の支援から始め、夏以降は全庁に広げます。"), k, 2023).text == "2023年5月"
    s = start_stated(_case("業務の効率化を目指し、5月中に施行予定です。", "条例施行後、6月中の試験運用を目指します。"), k, 2023)
    assert s.text == "2023年5月"


def test_a_start_only_its_references_headline_gives_is_read_from_there_and_says_so():
    k = knowledge()
    case = Case("x", "x市", "", "市区町村", "", "市は実証実験を開始しました。", "参考:x市 実証実験を6/1開始!(2023/5/30)",
                1, "", ("市は実証実験を開始しました。",))
    s = start_stated(case, k, 2022)
    assert s.value == 2023 * 12 + 6 and s.text.startswith("2023年6月") and "6/1開始" in s.text and s.n == 0
    body = Case("x", "x市", "", "市区町村", "", "市は7月から試験導入しました。", "参考:x市 実証実験を6/1開始!",
                1, "", ("市は7月から試験導入しました。",))
    assert start_stated(body, k, 2023).text == "2023年7月"          # the body's own start comes first


def test_a_staff_range_is_shown_as_written_and_ranked_by_its_upper_end():
    from chatbot.qa.evidence.stated import staff_stated
    s = staff_stated(_case("県は試験利用を20~30人規模の複数部署で開始すると発表した。"))
    assert s.value == 25 and s.text == "20~30人"          # its middle: below 「約30人」, above 「20人」


def test_a_saving_per_month_says_so():
    s = time_saved_stated(_case("職員アンケートでは月に約20時間の業務時間が削減されました。"))
    assert s.value == 1200 and s.text == "月に約20時間"


@pytest.mark.parametrize("sentence, value, text", [
    # from one amount to a smaller one, whatever the verb (issue 16: next month's wording)
    ("指令書を作るまでの時間が平均約90秒から約40秒に縮まりました。", 50 / 60, "90秒から約40秒"),
    ("通知書1通あたりの作成時間は平均50分から20分程度になったということです。", 30, "50分から20分"),
    ("手続きにかける時間は、平均で2時間半から1時間ほどに短くなりました。", 90, "2時間半から1時間"),
    ("1か月分の献立を作る時間は、約40時間から約25時間に減りました。", 900, "40時間から約25時間"),
    # an amount it took, then the fraction of it it takes now
    ("記録の作成に30分近くかかっていましたが、今はその3分の1ほどで済んでいます。", 20,
     "30分近くかかっていましたが、今はその3分の1"),
    ("1件に1時間かかっていた作業が、半分で終わるようになりました。", 30, "1時間かかっていた作業が、半分"),
])
def test_a_saving_written_as_from_to_or_as_a_fraction_is_read(sentence, value, text):
    s = time_saved_stated(_case(sentence))
    assert s.value == pytest.approx(value) and s.text == text


def test_a_fraction_alone_or_dates_from_to_are_no_saving():
    assert time_saved_stated(_case("紹介文1件あたりの作業時間は約3分の1になりました。")) is None
    assert time_saved_stated(_case("5月15日から7月21日の期間で使用し、効率化を検証します。")) is None
    assert time_saved_stated(_case("作業時間は2時間から3時間に増えました。")) is None
