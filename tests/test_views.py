"""What the app shows, without a browser: escaping, source cards, filters, the cases table,
and the personal-data guard-rail."""
import csv
import json
from types import SimpleNamespace

import pytest

from chatbot import Answer, Citation, Filters, privacy
from chatbot.web import cases, views
from chatbot.web import html as web_html
from conftest import QA
from core.cases import Case
from core.facets import taxonomy
from core.knowledge import knowledge

SCRIPT = '試験は<script>alert("x")</script>9月末まで<img src=x onerror=alert(1)>行われます。'
MUTSU = Case(id="青森県むつ市", title="青森県むつ市", region="北海道・東北", level="市区町村",
             prefecture="青森県", body=f"むつ市は試験導入すると発表しました。{SCRIPT}\n二段落目です。",
             source="参考:「チャットGPT」で効率化 むつ市、試験導入", position=6, article="記事",
             sentences=("むつ市は試験導入すると発表しました。", SCRIPT, "二段落目です。"))
ATSUGI = Case(id="神奈川県厚木市", title="神奈川県厚木市", region="関東", level="市区町村",
              prefecture="神奈川県", body="業務時間が1件当たり平均21分短縮されました。\n本格導入を決定しました。",
              source="参考:厚木市「チャットGPT」本格導入", position=27, article="記事",
              sentences=("業務時間が1件当たり平均21分短縮されました。", "本格導入を決定しました。"))
CHIBA = Case(id="千葉県", title="千葉県庁", region="関東", level="都道府県", prefecture="千葉県",
             body="個人情報や機密情報を入力しないこと。", source="参考:千葉県", position=28, article="記事",
             sentences=("個人情報や機密情報を入力しないこと。",))
NOURIN = Case(id="農林水産省", title="農林水産省", region="省庁", level="国", prefecture="",
              body="マニュアル改訂に活用します。", source="参考:農水省", position=1, article="記事",
              sentences=("マニュアル改訂に活用します。",))
CASES = [NOURIN, MUTSU, ATSUGI, CHIBA]


def cite(case: Case, n: int, marker: int = 1) -> Citation:
    return Citation(marker, case.title, case.id, case.region, case.level, case.prefecture,
                    case.sentences[n], 0.5, case.source, n)


# --- personal data ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("私のマイナンバーは123456789012です", "マイナンバー"),
    ("番号 1234 5678 9012 を確認", "マイナンバー"),
    ("１２３４−５６７８−９０１２", "マイナンバー"),
    ("担当 03-1234-5678 まで", "電話番号"),
    ("携帯090-1234-5678に連絡", "電話番号"),
    ("09012345678へ", "電話番号"),
    ("連絡先 yamada.taro@city.example.lg.jp", "メールアドレス"),
    ("〒100-0001 東京都千代田区", "住所"),
    ("千代田区丸の内1丁目", "住所"),
    ("大字小川123番地", "住所"),
    ("本町2番3号に住む", "住所"),
    ("氏名：山田太郎 生年月日：昭和55年3月3日", "氏名と生年月日"),
    ("鈴木花子さん（1980年4月1日生まれ）の申請", "氏名と生年月日"),
    ("生年月日 1990/1/2 の職員", "生年月日"),
])
def test_personal_data_is_warned(text, expected):
    warnings = privacy.personal_data_warnings(text)
    assert any(expected in w for w in warnings), warnings


@pytest.mark.parametrize("text", [
    "外部向けの利用を禁止している県は？", "厚木市はどれくらい業務時間を短縮できましたか？",
    "Who uses Azure OpenAI Service?", "2023年7月20日から試験導入した県は？",
    "約13,000人が利用できる県は？", "生年月日を入力禁止にしている自治体は？", "2024年度に本格導入する市は？",
    "個人情報の入力を禁止している自治体は？", "", "03",
])
def test_ordinary_questions_are_not_warned(text):
    assert privacy.personal_data_warnings(text) == []


def test_no_gold_question_is_warned():
    questions = [json.loads(line)["question"] for line in QA.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    assert len(questions) > 100
    assert [q for q in questions if privacy.personal_data_warnings(q)] == []


def test_warning_markdown_lists_messages_and_the_way_out():
    md = privacy.warning_markdown(["電話番号のような番号が含まれています。"])
    assert "電話番号" in md and "このまま送信" in md


# --- chat and sources ------------------------------------------------------------------------

def test_mark_passage_escapes_and_marks():
    html = web_html.mark_passage(MUTSU.body, SCRIPT)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<mark>") == 1 and html.count("<p>") == 2


def test_source_card_has_heading_meta_quote_paragraph_source_and_full_case():
    html = views.sources_html(Answer("q", "[1] …", (cite(MUTSU, 1),)), views.case_lookup(CASES))
    assert "[1]" in html and "青森県むつ市" in html and "北海道・東北 / 市区町村 / 青森県" in html
    assert "参考:「チャットGPT」で効率化" in html
    assert "<details" in html and "事例の全文を表示" in html and "二段落目です。" in html
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    # the quote is highlighted both in its paragraph and in the full text
    assert html.count("<mark>") == 2


def test_two_quotes_of_one_case_make_one_card_with_both_markers():
    answer = Answer("q", "", (cite(ATSUGI, 0, 1), cite(MUTSU, 1, 2), cite(ATSUGI, 1, 3)))
    html = views.sources_html(answer, views.case_lookup(CASES))
    assert html.count('class="source-card"') == 2 and html.index("厚木市") < html.index("むつ市")
    atsugi = html.split("\n")[0]
    assert "[1][3]" in atsugi and atsugi.count("<mark>") == 4    # two paragraphs + the full text
    assert [[c.marker for c in g] for g in views.by_case(answer.citations)] == [[1, 3], [2]]


def test_source_card_without_case_text_still_shows_the_quote():
    html = views.sources_html(Answer("q", "", (cite(ATSUGI, 0),)), {})
    assert "21分" in html and "<mark>" in html and "<details" not in html


def test_a_list_of_thousands_of_cases_gets_cards_then_quote_lines_then_a_count(monkeypatch):
    monkeypatch.setattr(views, "FULL_CARDS", 3)
    monkeypatch.setattr(views, "SHORT_LINES", 4)
    cites = tuple(Citation(i, f"市{i}", f"c{i}", "関東", "市区町村", "", f"<引用{i}>。", 0.1, "参考:x", 0)
                  for i in range(1, 11))
    html = views.sources_html(Answer("q", "", cites, lang="ja"), {})
    assert html.count('class="source-card"') == 3 and "市3" in html
    short = html.split('class="source-short"')[1]
    assert "ほか7件の引用を表示" in short and "[4]" in short and "&lt;引用7&gt;" in short
    assert "市8" not in html and "ほか3件" in short      # cases 8-10 are counted, not shown
    english = views.sources_html(Answer("q", "", cites[:5], lang="en"), {})
    assert "Show the quotes of 2 more cases" in english and "more (narrow" not in english


def test_sources_without_citations_say_so_and_list_related():
    html = views.sources_html(Answer("q", "", (), ({"case": "<b>札幌</b>", "region": "北海道"},), "ja", "none"))
    assert "引用した事例はありません" in html and "関連する事例" in html
    assert "<b>札幌</b>" not in html and "&lt;b&gt;札幌&lt;/b&gt;" in html
    assert "No case cited" in views.sources_html(Answer("q", "", lang="en"))


def test_chat_messages_escape_question_and_answer():
    answer = Answer("<script>x</script>", "記事には次の記述があります。\n[1] <b>")
    msgs = views.chat_messages([{"role": "user", "content": "前", "metadata": None}], "<script>x</script>", answer)
    assert [m["role"] for m in msgs] == ["user", "user", "assistant"]
    assert msgs[1]["content"] == "&lt;script&gt;x&lt;/script&gt;"
    assert msgs[2]["content"].endswith("[1] &lt;b&gt;") and "\n" in msgs[2]["content"]


def test_filters_from_dropdowns():
    assert views.filters_from("関東", "", None) == Filters(region="関東")
    assert views.filters_from() == Filters()


class StubBot:
    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.asked = []

    def ask(self, question, filters=Filters(), history=()):
        self.asked.append((question, filters))
        return Answer(question, "[1] 厚木市", (cite(ATSUGI, 0),), kind="fact")

    def retriever(self):
        return SimpleNamespace(cases={f"a:{c.id}": c for c in CASES}, memo=lambda name, build: build())

    def chat_model(self):
        return None        # no LLM configured


def test_chat_turn_asks_logs_and_renders(tmp_path):
    from chatbot.feedback import audit_rows

    bot = StubBot(tmp_path)
    turn = views.chat_turn(bot, " 厚木市は？ ", [], Filters(region="関東"), user="staff1")
    assert bot.asked == [("厚木市は？", Filters(region="関東"))]
    assert turn.answer["citations"][0]["case"] == "神奈川県厚木市"
    assert "source-card" in turn.sources and "<details" in turn.sources
    assert turn.last["cited"] == ["神奈川県厚木市"] and turn.last["audit_id"] == 1
    [row] = audit_rows(tmp_path)
    assert row["user"] == "staff1" and row["question"] == "厚木市は？"
    assert json.loads(row["cited"]) == ["神奈川県厚木市"] and json.loads(row["filters"]) == {"region": "関東"}


def test_chat_turn_ignores_empty_question(tmp_path):
    bot = StubBot(tmp_path)
    turn = views.chat_turn(bot, "  ", [{"role": "user", "content": "x"}])
    assert bot.asked == [] and turn.answer == {} and len(turn.history) == 1


# --- filters and the cases table -------------------------------------------------------------

def test_filter_choices_come_from_cases():
    c = cases.filter_choices(CASES)
    assert c["region"] == [("すべて", ""), ("省庁", "省庁"), ("北海道・東北", "北海道・東北"), ("関東", "関東")]
    assert [v for _, v in c["level"]] == ["", "国", "都道府県", "市区町村"]
    assert [v for _, v in c["prefecture"]] == ["", "青森県", "神奈川県", "千葉県"]
    assert [v for _, v in cases.filter_choices(CASES, "関東")["prefecture"]] == ["", "神奈川県", "千葉県"]


FACETS = {"a:神奈川県厚木市": {"status.full": 1, "use.summary": 0},
          "a:千葉県": {"rule.no_personal_info": 0}}


def rows():
    retriever = SimpleNamespace(cases={f"a:{c.id}": c for c in CASES}, facets=FACETS,
                                knowledge=knowledge(),
                                index=SimpleNamespace(data_dir="/nonexistent", version=""))
    return cases.catalog(retriever)


def test_catalog_rows_carry_facet_labels_by_group():
    by_key = taxonomy().by_key
    by_title = {r.case.title: r.cells() for r in rows()}
    assert [r.case.title for r in rows()] == ["農林水産省", "青森県むつ市", "神奈川県厚木市", "千葉県庁"]
    atsugi = by_title["神奈川県厚木市"]
    assert atsugi[:4] == ["神奈川県厚木市", "関東", "市区町村", "神奈川県"]
    assert atsugi[cases.CASE_COLUMNS.index("導入状況")] == by_key["status.full"].ja
    assert atsugi[cases.CASE_COLUMNS.index("用途")] == by_key["use.summary"].ja
    assert len(atsugi) == len(cases.CASE_COLUMNS)


def test_info_facets_have_their_column():
    g = cases.grouped_facets({"info.first": 3, "info.staff_count": 1}, taxonomy())
    by_key = taxonomy().by_key
    assert g["info"] == [by_key["info.staff_count"].ja, by_key["info.first"].ja]   # taxonomy order
    assert "記載事項" in cases.CASE_COLUMNS


def test_facet_keys_the_taxonomy_does_not_know_show_as_themselves():
    g = cases.grouped_facets({"rule.no_personal_info": 0, "rule.site_added": 1}, taxonomy())
    assert g["rule"] == [taxonomy().by_key["rule.no_personal_info"].ja, "rule.site_added"]
    assert cases.grouped_facets({"info.first": 0})["info"] == ["info.first"]


def test_filter_rows_by_text_region_and_level():
    all_rows = rows()
    assert [r.case.title for r in cases.filter_rows(all_rows, region="関東")] == ["神奈川県厚木市", "千葉県庁"]
    assert [r.case.title for r in cases.filter_rows(all_rows, level="国")] == ["農林水産省"]
    assert [r.case.title for r in cases.filter_rows(all_rows, "21分")] == ["神奈川県厚木市"]   # body
    assert [r.case.title for r in cases.filter_rows(all_rows, "ｍｕｔｓｕ むつ")] == []
    assert [r.case.title for r in cases.filter_rows(all_rows, "むつ 試験")] == ["青森県むつ市"]
    assert cases.filter_rows(all_rows, "厚木", region="省庁") == []


def test_count_label():
    assert cases.count_label(62, 62) == "事例一覧（62件）"
    assert cases.count_label(2, 62) == "事例一覧（2件 / 全62件）"


def test_write_csv_has_bom_header_and_case_text(tmp_path):
    path = cases.write_csv(rows(), tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == [*cases.CASE_COLUMNS, "本文", "参考"]
    assert len(table) == 5 and table[2][0] == "青森県むつ市" and SCRIPT in table[2][-2]
    assert cases.write_csv(rows(), tmp_path) == path                  # same content, same file
    assert cases.write_csv(rows()[:1], tmp_path) != path
    assert len(list(tmp_path.rglob("*.csv"))) == 2 and not list(tmp_path.rglob("*.tmp"))


def test_case_detail_is_escaped_with_facets_and_evidence():
    row = cases.find_row(rows(), ["神奈川県厚木市", "関東"])
    html = cases.case_detail_html(row)
    assert "神奈川県厚木市" in html and "参考:厚木市" in html and "<mark>本格導入を決定しました。</mark>" in html
    assert "導入状況" in html and "用途" in html
    mutsu = cases.case_detail_html(cases.find_row(rows(), "青森県むつ市"))
    assert "<script" not in mutsu and "&lt;script&gt;" in mutsu
    assert "表の行を選ぶと" in cases.case_detail_html(None)
    assert cases.find_row(rows(), ["なし"]) is None


def test_the_narrow_table_keeps_heading_stage_and_use_and_the_detail_has_the_rest():
    all_rows = rows()
    assert cases.NARROW_COLUMNS == ["事例", "導入状況", "用途"]
    narrow = cases.narrow_table(all_rows)
    wide = cases.table(all_rows)
    for short, full in zip(narrow, wide):
        assert short == [full[cases.CASE_COLUMNS.index(c)] for c in cases.NARROW_COLUMNS]
    atsugi = next(r for r in all_rows if r.case.title == "神奈川県厚木市")
    html = cases.case_detail_html(atsugi)
    for cell, column in zip(atsugi.cells(), cases.CASE_COLUMNS):   # every column the phone leaves out
        for part in filter(None, cell.split("、")):
            assert part in html, (column, part)
    changed = cases.CaseRow(atsugi.key, atsugi.case, atsugi.facets, atsugi.labels, "更新")
    assert "<b>最新版での変更</b>: 更新" in cases.case_detail_html(changed)


def test_a_refusal_is_said_in_japanese_without_echoing_markup():
    from chatbot import UserError
    from chatbot.limits import LimitError

    too_long = LimitError("質問が長すぎます（2,100文字）。2,000文字以内に短くしてください。", "2100 > 2000")
    assert views.refusal_markdown(too_long) == \
        "**⚠ 送信できませんでした。** 質問が長すぎます（2,100文字）。2,000文字以内に短くしてください。"
    assert "&lt;b&gt;" in views.refusal_markdown(UserError("<b>索引がありません</b>"))
    unexpected = views.refusal_markdown(RuntimeError("Traceback: secret path /srv/x"))
    assert "もう一度送信してください" in unexpected and "secret" not in unexpected
