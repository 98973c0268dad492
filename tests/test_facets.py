"""Facets read from the real article, and from new sentences phrased differently ("next month")."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.facets import FacetHit, extract_facets, facets_in_question, taxonomy
from core.figures import extract_dates, extract_staff_counts
from core.knowledge import Facet

TAXONOMY = taxonomy().facets
FACETS = taxonomy().by_key
from ingest.parse import parse_article

ARTICLE = Path(__file__).resolve().parents[1] / "corpus" / "chatgpt_jichitai_katsuyo_jirei_62.txt"


@pytest.fixture(scope="module")
def cases():
    article = parse_article(ARTICLE.read_text(encoding="utf-8"))
    return {c.id: c for c in article.cases}


@pytest.fixture(scope="module")
def hits(cases):
    return {cid: extract_facets(c.sentences) for cid, c in cases.items()}


def keys(hits_of_case) -> set[str]:
    return {h.key for h in hits_of_case}


def status(hits_of_case) -> str | None:
    found = [h.key for h in hits_of_case if FACETS[h.key].group == "status"]
    assert len(found) <= 1
    return found[0] if found else None


def case(cases, name):
    """A case by (part of) its id: 横須賀市 → 神奈川県横須賀市."""
    found = [cid for cid in cases if cid.endswith(name) or cid == name]
    assert len(found) == 1, (name, found)
    return found[0]


# --- the taxonomy itself ---------------------------------------------------------------------

def test_taxonomy_shape():
    assert len(FACETS) == len(TAXONOMY)
    for f in TAXONOMY:
        assert f.key.startswith(f.group + ".")
        assert f.group in ("status", "vendor", "use", "rule", "info")
        assert f.ja and f.en and f.cues and f.ask, f.key
    assert {"rule.no_personal_info", "rule.external_use_banned", "use.external_drafting",
            "vendor.azure_openai", "use.translation", "status.trial"} <= set(FACETS)


def test_facet_is_frozen_and_hit_is_value():
    f = FACETS["rule.no_personal_info"]
    with pytest.raises(Exception):
        f.key = "x"  # type: ignore[misc]
    assert FacetHit("a", "b") == FacetHit("a", "b")


# --- the real article -------------------------------------------------------------------------

def test_evidence_is_a_verbatim_sentence_of_the_case(cases, hits):
    total = 0
    for cid, hs in hits.items():
        seen = set()
        for h in hs:
            assert h.evidence in cases[cid].sentences, (cid, h)
            assert h.key in FACETS
            assert h.key not in seen, (cid, h.key)      # at most one hit per key
            seen.add(h.key)
            total += 1
    assert total > 300


@pytest.mark.parametrize("name", ["福島県", "静岡県"])
def test_external_drafting_is_a_use_not_a_ban(cases, hits, name):
    ks = keys(hits[case(cases, name)])
    assert "use.external_drafting" in ks
    assert "rule.external_use_banned" not in ks


@pytest.mark.parametrize("name", ["広島県", "山口県", "島根県", "千葉県"])
def test_external_use_banned(cases, hits, name):
    ks = keys(hits[case(cases, name)])
    assert "rule.external_use_banned" in ks
    assert "use.external_drafting" not in ks


def test_external_use_banned_evidence_says_so(cases, hits):
    ev = {h.evidence for cid in ("広島県", "山口県", "島根県", "千葉県")
          for h in hits[case(cases, cid)] if h.key == "rule.external_use_banned"}
    assert any("外部向けの資料作成には使用しない" in e for e in ev)
    assert any("外部への回答には使わない" in e for e in ev)
    assert any("対外的な資料には使用しない" in e for e in ev)
    assert any("内部資料に限定" in e for e in ev)


@pytest.mark.parametrize("name, expected", [
    ("横須賀市", "status.full"),      # 試験導入し…本格利用に切り替えました
    ("長岡市", "status.full"),        # 正式に導入することを決定
    ("江戸川区", "status.full"),      # 使用を解禁
    ("東京都", "status.full"),        # 約5万人の都職員が…利用可能に
    ("新潟市", "status.trial"),       # 試行利用…本格的な導入を目指しています
    ("千代田区", "status.trial"),     # 試験導入…正式導入を検討する方針
    ("練馬区", "status.trial"),       # 試行…本格導入を計画
    ("宮城県", "status.trial"),       # 試用…全庁的な活用をめざす
    ("滋賀県", "status.trial"),       # 全職員が利用可能 but 試用
    ("むつ市", "status.trial"),       # 全職員の端末で使用でき but 試験導入
    ("松阪市", "status.considering"),
    ("青森県", "status.considering"),
    ("山口県", "status.considering"),  # 試験導入…を進める意向
])
def test_status(cases, hits, name, expected):
    assert status(hits[case(cases, name)]) == expected


def test_status_evidence(cases, hits):
    hs = {h.key: h.evidence for h in hits[case(cases, "横須賀市")]}
    assert "本格利用に切り替えました" in hs["status.full"]


@pytest.mark.parametrize("name, vendor", [
    ("千代田区", "vendor.azure_openai"), ("茨城県", "vendor.azure_openai"),
    ("千代田区", "vendor.gpt4"),
    ("富山県", "vendor.google_bard"), ("富士市", "vendor.google_bard"),
    ("練馬区", "vendor.logo_chat"), ("門真市", "vendor.logo_chat"), ("つくば市", "vendor.logo_chat"),
    ("大阪市", "vendor.aws"), ("伊賀市", "vendor.fixer"), ("枚方市", "vendor.graffer"),
    ("都城市", "vendor.shiftplus"), ("日光市", "vendor.ntt"), ("長野県", "vendor.logmeets"),
    ("桑名市", "vendor.mental_compass"), ("群馬県", "vendor.crew"), ("三豊市", "vendor.matsuo_lab"),
    ("茨城県", "vendor.access_obotai"), ("大阪市", "vendor.partner"),
])
def test_vendors(cases, hits, name, vendor):
    assert vendor in keys(hits[case(cases, name)])


def test_vendor_named_about_another_city_is_not_this_case(cases, hits):
    # 桑名市's text says 「伊賀市もIT企業のFIXERと提携し」: FIXER belongs to 伊賀市
    assert "vendor.fixer" not in keys(hits[case(cases, "桑名市")])
    assert "vendor.azure_openai" not in keys(hits[case(cases, "つくば市")])


@pytest.mark.parametrize("name, use", [
    ("大阪市", "use.minutes"), ("神戸市", "use.minutes"), ("長野県", "use.minutes"),
    ("熊本市", "use.translation"), ("三豊市", "use.translation"),
    ("藤岡市", "use.parliament"), ("佐賀県", "use.programming"), ("農林水産省", "use.manual_revision"),
    ("枚方市", "use.inquiry_response"), ("越前市", "use.inquiry_response"),
    ("厚木市", "use.proofreading"), ("山形県", "use.greetings"),
])
def test_uses(cases, hits, name, use):
    assert use in keys(hits[case(cases, name)])


def test_forbidden_use_is_not_a_use(cases, hits):
    # 鳥取県: 答弁資料の作成や予算編成、重要政策決定には使用禁止
    ks = keys(hits[case(cases, "鳥取県")])
    assert "use.parliament" not in ks and "use.budget" not in ks
    assert "rule.restricted_use" in ks
    # 富山県 feeds 議事録 as data (公開データをAIに学習させて): not minutes-taking
    ks = keys(hits[case(cases, "富山県")])
    assert "use.minutes" not in ks and "use.own_data" in ks


@pytest.mark.parametrize("name, rule", [
    ("宮城県", "rule.no_personal_info"),       # 個人・秘匿情報の入力禁止
    ("長岡市", "rule.no_personal_info"),       # 個人情報や内部資料の内容を入力しない
    ("枚方市", "rule.no_personal_info"),       # 個人情報は排除
    ("福井県", "rule.no_personal_info"),       # 入力に制限を加えた
    ("いわき市", "rule.no_personal_info"),     # 個人情報を含まない
    ("都城市", "rule.no_personal_info"),       # 扱わない前提
    ("古賀市", "rule.no_personal_info"),       # 個人情報保護などの留意点を共有
    ("練馬区", "rule.no_confidential_info"),
    ("デジタル庁", "rule.no_confidential_info"),
    ("静岡県", "rule.multi_person_check"), ("松戸市", "rule.multi_person_check"),
    ("佐賀県", "rule.multi_person_check"),
    ("静岡県", "rule.usage_logging"), ("鳥取県", "rule.usage_logging"), ("島根県", "rule.usage_logging"),
    ("静岡県", "rule.no_training"), ("つくば市", "rule.no_training"),
    ("宮城県", "rule.copyright"), ("高崎市", "rule.copyright"),
    ("山口県", "rule.accuracy_check"), ("門真市", "rule.accuracy_check"),
    ("鳥取県", "rule.application_required"), ("笹間市", "rule.application_required"),  # heading misspells 笠間市
    ("埼玉県", "rule.training"), ("江戸川区", "rule.training"),
    ("経済産業省", "rule.public_info_only"), ("相模原市", "rule.public_info_only"),
    ("江戸川区", "rule.sensitive_info_detection"), ("松戸市", "rule.isolated_environment"),
])
def test_rules(cases, hits, name, rule):
    assert rule in keys(hits[case(cases, name)])


def test_concern_or_risk_is_not_a_rule(cases, hits):
    # 長岡市: 「真実性の担保や機密情報の漏洩についての懸念も確認されました」 is a concern
    nagaoka = {h.key: h.evidence for h in hits[case(cases, "長岡市")]}
    assert "懸念" not in nagaoka.get("rule.no_confidential_info", "")
    assert "rule.accuracy_check" not in nagaoka
    # …but its guideline 「個人情報や内部資料の内容を入力しない」 is
    assert "入力しない" in nagaoka["rule.no_personal_info"]
    # 文部科学省 names 個人情報の流出・著作権侵害のリスク: risks, no input ban, no copyright rule
    mext = keys(hits[case(cases, "文部科学省")])
    assert "rule.no_personal_info" not in mext and "rule.copyright" not in mext
    # 松阪市 will study 個人情報の取り扱いなどのリスク: no rule yet
    assert not {k for k in keys(hits[case(cases, "松阪市")]) if k.startswith("rule.")}
    # 栃木県庁 judges that 個人情報の保護…に十分に注意をはらう必要はある: a judgement, not a rule
    assert "rule.no_personal_info" not in keys(hits[case(cases, "栃木県")])


def test_planned_guideline_and_training_are_not_yet_facts(cases, hits):
    assert "rule.guideline" not in keys(hits[case(cases, "神奈川県")])   # 策定も予定
    assert "rule.guideline" not in keys(hits[case(cases, "熊本市")])     # 9月末までに…作成し
    assert "rule.guideline" not in keys(hits[case(cases, "つくば市")])   # 今後…指針を策定し
    assert "rule.training" not in keys(hits[case(cases, "長岡市")])      # 研修も予定


def test_staff_counts(cases):
    def counts(name):
        return [n for n, _ in extract_staff_counts(cases[case(cases, name)].sentences)]
    assert counts("東京都") == [50000]
    assert counts("埼玉県") == [13000]
    assert counts("門真市") == [750]
    assert counts("愛媛県") == [100]
    assert counts("高崎市") == [28]
    assert counts("鳥取県") == [30]
    assert counts("神奈川県") == [30]          # 20~30人規模: upper bound
    assert counts("滋賀県") == [6000]
    assert counts("枚方市") == []             # 28万件 are inquiries, not staff
    assert counts("笹間市") == []             # 笠間市 (heading misspelt): 約3割 is a share
    for name in ("東京都", "埼玉県"):
        for _, ev in extract_staff_counts(cases[case(cases, name)].sentences):
            assert ev in cases[case(cases, name)].sentences


def test_dates(cases):
    def dates(name):
        return [d for d, _ in extract_dates(cases[case(cases, name)].sentences)]
    assert "2023年7月20日" in dates("埼玉県")
    assert "7月末" in dates("むつ市")
    assert "8月23日" in dates("東京都")
    assert "23年9月" in dates("栃木県")
    assert "令和5年6月末日" in dates("文部科学省")
    assert "2024年度" in dates("大阪市")
    assert not any("カ月" in d or d == "2" for d in dates("門真市"))
    for name in ("埼玉県", "栃木県"):
        for _, ev in extract_dates(cases[case(cases, name)].sentences):
            assert ev in cases[case(cases, name)].sentences


# --- questions --------------------------------------------------------------------------------

@pytest.mark.parametrize("question, expected", [
    ("外部向けの利用を禁止している県は？", "rule.external_use_banned"),
    ("which prefectures ban external-facing use?", "rule.external_use_banned"),
    ("Which municipalities keep AI output internal only?", "rule.external_use_banned"),
    ("内部資料に限定している県", "rule.external_use_banned"),
    ("Which cities forbid entering personal information?", "rule.no_personal_info"),
    ("個人情報の入力を禁止している市", "rule.no_personal_info"),
    ("who uses Azure OpenAI?", "vendor.azure_openai"),
    ("ＡＺＵＲＥ　ＯｐｅｎＡＩ を使う市", "vendor.azure_openai"),
    ("Bardを使っている自治体", "vendor.google_bard"),
    ("ロゴ チャット", "vendor.logo_chat"),
    ("cases that use it for translation", "use.translation"),
    ("議事録作成に使っているのは？", "use.minutes"),
    ("which municipalities are still only considering it?", "status.considering"),
    ("full-scale adoption", "status.full"),
    ("本格導入した自治体", "status.full"),
    ("trial", "status.trial"),
    ("Which cities are piloting ChatGPT?", "status.trial"),
    ("require checking by several staff", "rule.multi_person_check"),
    ("複数の職員で確認することを求めている自治体", "rule.multi_person_check"),
    ("record usage", "rule.usage_logging"),
    ("利用状況を記録している", "rule.usage_logging"),
    ("copyright", "rule.copyright"),
    ("著作権に注意している自治体", "rule.copyright"),
    ("who uses ChatGPT to draft external e-mails?", "use.external_drafting"),
    ("外部へのメールの下書きに使っている自治体", "use.external_drafting"),
    ("答弁に使うのは禁止？", "rule.restricted_use"),
    ("Which ones don't let their data be used for training?", "rule.no_training"),
    ("Which cities hold staff training?", "rule.training"),
])
def test_question_facets(question, expected):
    assert expected in {f.key for f in facets_in_question(question)}


@pytest.mark.parametrize("question, not_expected", [
    ("who uses ChatGPT to draft external e-mails?", "rule.external_use_banned"),
    ("外部へのメールの下書きに使っている自治体", "rule.external_use_banned"),
    ("外部向けの利用を禁止している県は？", "use.external_drafting"),
    ("外部向けの資料作成を禁止している県", "use.external_drafting"),
    ("which prefectures ban external-facing use?", "use.external_drafting"),
    ("答弁に使うのは禁止？", "use.parliament"),
    ("本格導入を検討している自治体", "status.full"),
    ("Which ones don't let their data be used for training?", "rule.training"),
    ("Which cities hold staff training?", "rule.no_training"),
])
def test_question_polarity(question, not_expected):
    assert not_expected not in {f.key for f in facets_in_question(question)}


@pytest.mark.parametrize("question, asked, not_asked", [
    ("Which cities use it for policy planning?", "use.ideas", "status.considering"),
    ("Which city lets ChatGPT suggest keywords when planning projects?", "use.ideas", "status.considering"),
    ("Which cases report how many minutes of working time were saved?", "info.time_saved", "use.minutes"),
])
def test_words_inside_the_longer_words_of_another_facet_ask_only_that_facet(question, asked, not_asked):
    found = {f.key for f in facets_in_question(question)}
    assert asked in found and not_asked not in found


def test_a_facets_own_short_words_still_ask_it():
    assert "status.considering" in {f.key for f in facets_in_question("Which cases are planning to introduce it?")}


def test_question_returns_facets_in_taxonomy_order():
    fs = facets_in_question("個人情報と著作権のルールは？ personal data and copyright")
    assert all(isinstance(f, Facet) for f in fs)
    order = [f.key for f in TAXONOMY]
    assert [f.key for f in fs] == sorted((f.key for f in fs), key=order.index)
    assert facets_in_question("こんにちは") == ()


# --- next month: new sentences, phrased differently -------------------------------------------

def facet_keys(*sentences: str) -> set[str]:
    return keys(extract_facets(sentences))


def test_next_month_status():
    assert status(extract_facets((
        "〇〇市は10月から生成AIのトライアルを実施しています。",
        "効果が認められれば来年度の本格運用を視野に入れるとしています。"))) == "status.trial"
    assert status(extract_facets((
        "〇〇町は実証実験を経て、11月から全庁で生成AIを正式に運用しています。",))) == "status.full"
    assert status(extract_facets((
        "〇〇県は生成AIの本格導入に向けた検討会を立ち上げました。",))) == "status.considering"
    assert status(extract_facets((
        "〇〇村は職員全員が生成AIを使用できる環境を整えました。",))) == "status.full"
    assert status(extract_facets((
        "〇〇市は一部の課でパイロット運用を始め、職員全員が利用できるようにする計画です。",))) == "status.trial"
    assert status(extract_facets(("〇〇市は観光パンフレットを刷新しました。",))) is None


def test_next_month_polarity_rules_vs_uses():
    ks = facet_keys("住民に送付する文書の作成には生成AIを使わないこととしました。")
    assert "use.drafting" not in ks
    ks = facet_keys("生成した文章を対外的な発表資料に用いることは禁止です。")
    assert "rule.external_use_banned" in ks and "use.external_drafting" not in ks
    ks = facet_keys("市民向けのお知らせメールの文案作成に活用しています。")
    assert "use.external_drafting" in ks and "rule.external_use_banned" not in ks
    ks = facet_keys("氏名や住所などの個人情報はプロンプトに入力してはならないと定めました。")
    assert "rule.no_personal_info" in ks
    ks = facet_keys("個人情報の漏えいリスクが指摘されています。")
    assert "rule.no_personal_info" not in ks
    ks = facet_keys("出力結果は必ず上司のチェックを受けてから使うことになっています。")
    assert "rule.multi_person_check" in ks


@pytest.mark.parametrize("sentence, key", [
    ("生成物を外部への公表資料に利用することは認めない。", "rule.external_use_banned"),
    ("AIの出力をそのまま外部に出すことは禁止です。", "rule.external_use_banned"),
    ("機密性の高い情報は入力禁止としています。", "rule.no_confidential_info"),
    ("入力したデータはAIの学習に使われない契約としています。", "rule.no_training"),
    ("利用は事前に所属長の承認を得た職員に限ります。", "rule.application_required"),
    ("AIの回答は職員が必ずファクトチェックを行います。", "rule.accuracy_check"),
    ("職員向けの操作研修を11月に開催しました。", "rule.training"),
    ("ガイドラインを改定し、画像生成AIも対象に加えました。", "rule.guideline"),
    ("観光PR動画のシナリオ作成にも使っています。", "use.external_drafting"),
    ("市議会の答弁案作成の補助に使っています。", "use.parliament"),
    ("まず一部の課で先行導入しました。", "status.trial"),
    ("11月から本番運用を開始しました。", "status.full"),
])
def test_next_month_sentences(sentence, key):
    assert key in facet_keys(sentence)


def test_next_month_plans_are_not_facts():
    ks = facet_keys("生成AIに関するガイドラインを今年度中に策定する方針です。")
    assert "rule.guideline" not in ks and "status.considering" in ks
    assert "rule.training" not in facet_keys("来月、全職員向けの研修を開く予定です。")


def test_next_month_vendors_and_uses():
    ks = facet_keys(
        "△△市はＡｍａｚｏｎ Ｂｅｄｒｏｃｋを使った庁内チャットを、地元のIT企業と協力して構築しました。",
        "英語や中国語への翻訳、会議録の作成、住民からの問い合わせへの回答案づくりに使います。",
        "ExcelのVBAマクロ作成にも役立てています。")
    assert {"vendor.aws", "vendor.partner", "vendor.dedicated_system", "use.translation",
            "use.minutes", "use.inquiry_response", "use.programming"} <= ks
    ks = facet_keys("Googleの「Gemini」も併せて試しています。")
    assert "vendor.google_bard" in ks


def test_next_month_other_organisation_is_skipped():
    ks = facet_keys("近隣の川北町もAzure OpenAI Serviceを使った実証を始めています。")
    assert "vendor.azure_openai" not in ks
    assert status(extract_facets(("県内では本山市と川北町も試験運用を開始しています。",))) is None


def test_next_month_counts_and_dates():
    s = ("対象は職員約2.5万人で、2024年4月1日から利用できます。",
         "市の人口約40万人のうち、外国人住民は3千人です。",
         "10～15人の職員で1月中旬から検証します。")
    assert [n for n, _ in extract_staff_counts(s)] == [25000, 15]
    assert [d for d, _ in extract_dates(s)] == ["2024年4月1日", "1月中旬"]


def test_info_facets_staff_count_and_firsts():
    hits = extract_facets(["対象は正規職員と非常勤職員の合計約13,000人で、文章要約に使う。"])
    assert "info.staff_count" in {h.key for h in hits}
    assert "info.staff_count" not in {h.key for h in extract_facets(["人口約10万人の市です。"])}
    first = extract_facets(["○○市は、県内で初めて生成AIを業務に試験導入しました。"])
    assert "info.first" in {h.key for h in first}
    assert "info.first_nationwide" in {f.key for f in facets_in_question("Which cases are a nationwide first?")}
    assert "info.first" in {f.key for f in facets_in_question("全国初や県内初の取り組みは？")}   # both kinds: the umbrella
    assert "info.staff_count" in {f.key for f in facets_in_question("職員数が書かれている事例は？")}


@pytest.mark.parametrize("sentence, in_place", [
    ("対外的な資料には使用しないといったルールを定めているとのことです。", True),   # 島根県: in place
    ("県はガイドラインを策定しているという。", True),
    ("県は今後、利用ルールを定めるとのことです。", False),                             # planned
    ("ガイドラインを作成するという。", False),
])
def test_a_rule_reported_as_in_place_is_in_place(sentence, in_place):
    """「…ルールを定めているとのことです」 was read as a plan (「…るとのこと」), so 島根県 had no
    guideline facet and "What rules did they set?" was told the case says nothing about rules."""
    keys = {h.key for h in extract_facets([sentence])}
    assert ("rule.guideline" in keys) is in_place


@pytest.mark.model
def test_the_rules_a_case_set_are_not_called_unstated(shared_e5_bot):
    _, rules = shared_e5_bot.converse(["Tell me about Shimane.", "What rules did they set?"])
    assert [c.case for c in rules.citations][:1] == ["島根県"]
    assert "does not say" not in rules.text and "ルール" in rules.citations[0].passage
