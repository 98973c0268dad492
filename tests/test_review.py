"""What an update brings (`ingest.review`), as the administrator sees it before applying: each
added case's facets, each updated case's changed sentences, and the sentences no facet reads
(「知識ファイルにない話題」) — through the real `chatbot ingest --json` / `--dry-run` and the admin
tab's functions."""
import json

import pytest

from chatbot import Chatbot, Settings
from chatbot.web import admin
from conftest import FIXTURES, SEED
from ingest.review import sentence_edits
from test_reingest import cli, snapshot

NEXT = FIXTURES / "next_month.txt"
SAPPORO_END = "参考:札幌市、チャットGPTを試験導入 個人情報の入力は禁止\n\n"
# Two cases on topics no knowledge file names (snow clearing, a library's reference desk).
NEW_TOPICS = (
    "秋田県横手市\n\n"
    "秋田県横手市は、冬の除雪車の出動順を決める作業にChatGPTを試験導入しました。"
    "降雪の予報と通学路や病院への道路の優先度をもとに、出動の順番の案を示します。"
    "除雪の担当者が案を確かめてから、業者に連絡します。\n\n"
    "参考:横手市、除雪の出動計画にAI\n\n"
    "長野県松本市\n\n"
    "長野県松本市の市立図書館は、利用者からの調べものの相談に答える参考業務にChatGPTを活用しています。"
    "司書が回答の手がかりを得るために使い、利用者に案内する前に必ず所蔵資料で確かめます。"
    "個人情報は入力しないことにしています。\n\n"
    "参考:松本市立図書館、レファレンスにChatGPT\n\n")
SNOW = "降雪の予報と通学路や病院への道路の優先度をもとに、出動の順番の案を示します。"
LIBRARIAN = "司書が回答の手がかりを得るために使い、利用者に案内する前に必ず所蔵資料で確かめます。"


@pytest.fixture
def new_topics(tmp_path):
    """Next month's article (札幌市 added, 厚木市 edited, 桑名市 removed) plus 横手市 and 松本市."""
    text = NEXT.read_text(encoding="utf-8")
    assert SAPPORO_END in text
    path = tmp_path / "next_month_new_topics.txt"
    path.write_text(text.replace(SAPPORO_END, SAPPORO_END + NEW_TOPICS), encoding="utf-8")
    return path


def test_sentence_edits_pair_old_and_new_in_order():
    old = ["A。", "B。", "C。", "D。"]
    assert sentence_edits(old, old) == []
    assert sentence_edits(old, ["A。", "B2。", "C。", "D。", "E。"]) == [
        {"old": "B。", "new": "B2。"}, {"old": "", "new": "E。"}]
    assert sentence_edits(old, ["A。", "D。"]) == [{"old": "B。", "new": ""}, {"old": "C。", "new": ""}]


def by_case(report: dict) -> dict:
    return {c["case"]: c for c in report["changes"]}


def test_ingest_json_lists_facets_edits_and_what_no_facet_reads(data_dir, new_topics):
    cli("ingest", str(SEED), data_dir=data_dir)
    before = snapshot(data_dir)
    dry = json.loads(cli("ingest", str(new_topics), "--dry-run", "--json", data_dir=data_dir).stdout)
    assert snapshot(data_dir) == before and dry["version"] == ""          # nothing written
    assert dry["added"] == ["北海道札幌市", "秋田県横手市", "長野県松本市"]
    changes = by_case(dry)
    assert [c["change"] for c in dry["changes"]] == ["added", "added", "added", "updated"]
    sapporo, yokote, matsumoto = changes["北海道札幌市"], changes["秋田県横手市"], changes["長野県松本市"]
    keys = {f["key"] for f in sapporo["facets"]}
    assert {"use.minutes", "rule.no_personal_info"} <= keys and not sapporo["new_topic"]
    assert {"key": "use.minutes", "ja": "議事録・会議録の作成", "en": "Meeting minutes"} in sapporo["facets"]
    # only its adoption stage reads 横手市's case: a topic the knowledge files do not name
    assert [f["key"] for f in yokote["facets"]] == ["status.trial"] and yokote["new_topic"]
    assert len(yokote["uncovered"]) == 3 and SNOW in yokote["uncovered"]
    # 松本市: its rule and its use are known, the librarian's way of working is not
    assert {"rule.no_personal_info"} <= {f["key"] for f in matsumoto["facets"]}
    assert not matsumoto["new_topic"] and matsumoto["uncovered"] == [LIBRARIAN]
    atsugi = changes["神奈川県厚木市"]
    [edit] = atsugi["edits"]
    assert "平均21分" in edit["old"] and "平均25分" in edit["new"] and atsugi["uncovered"] == []
    assert "三重県桑名市" not in changes                                  # removed: nothing to review

    applied = json.loads(cli("ingest", str(new_topics), "--json", data_dir=data_dir).stdout)
    assert applied["version"] and by_case(applied) == changes              # the same review, applied
    rows = json.loads(cli("versions", "--json", data_dir=data_dir).stdout)
    assert "changes" not in rows[-1]                 # the history keeps the counts, not the review
    again = json.loads(cli("ingest", str(new_topics), "--json", data_dir=data_dir).stdout)
    assert again["changes"] == [] and again["version"] == ""


def test_ingest_text_output_flags_what_no_facet_reads(data_dir, new_topics):
    first = json.loads(cli("ingest", str(SEED), "--json", data_dir=data_dir).stdout)
    assert first["changes"] == []                     # a first ingest: every case is new
    text = cli("ingest", str(new_topics), "--dry-run", data_dir=data_dir).stdout
    lines = text.splitlines()
    assert lines[0].startswith("dry run, nothing written: ingesting would leave 64 cases")
    assert "  added: 秋田県横手市  [試験導入]" in lines
    assert f"      知識ファイルにない話題: {LIBRARIAN}" in lines
    assert any(line.startswith("  added: 北海道札幌市  [") and "議事録・会議録の作成" in line for line in lines)
    i = lines.index("  updated: 神奈川県厚木市")
    assert "平均21分" in lines[i + 1] and lines[i + 1].startswith("      - ")
    assert "平均25分" in lines[i + 2] and lines[i + 2].startswith("      + ")
    assert "  removed: 三重県桑名市" in lines
    same = cli("ingest", str(SEED), "--dry-run", data_dir=data_dir).stdout
    assert same.startswith("no change: 62 cases")


def test_admin_preview_shows_facets_edits_and_topics_no_facet_names(data_dir, fake, new_topics):
    bot = Chatbot(Settings(data_dir=data_dir, embeddings="fake"), embeddings=fake)
    bot.ingest(SEED)
    diff = admin.preview_diff(bot, new_topics)
    assert [c["case"] for c in diff.changes] == ["北海道札幌市", "秋田県横手市", "長野県松本市", "神奈川県厚木市"]
    html, ok = admin.preview(bot, str(new_topics))
    assert ok
    assert "知識ファイルにない話題: 3件の事例の6文" in html                  # the summary, first
    assert html.index("review-summary") < html.index("diff-added")
    yokote = html[html.index("秋田県横手市"):html.index("長野県松本市")]
    assert '<span class="facet">試験導入</span>' in yokote and "導入段階のほかに当てはまる分類がありません" in yokote
    assert SNOW in yokote
    matsumoto = html[html.index("長野県松本市"):html.index("diff-updated")]
    assert "個人情報の入力禁止" in matsumoto and "（1文）" in matsumoto and LIBRARIAN in matsumoto
    updated = html[html.index("diff-updated"):html.index("diff-removed")]
    assert "前: " in updated and "平均21分" in updated and "後: " in updated and "平均25分" in updated
    assert updated.index("平均21分") < updated.index("平均25分")
    plain, _ = admin.preview(bot, str(NEXT))       # known topics only: 札幌市's stage sentences are listed
    assert "知識ファイルにない話題: 1件の事例の2文" in plain


def test_preview_escapes_the_article_it_reviews(data_dir, fake, new_topics):
    bot = Chatbot(Settings(data_dir=data_dir, embeddings="fake"), embeddings=fake)
    bot.ingest(SEED)
    new_topics.write_text(new_topics.read_text(encoding="utf-8").replace(
        "業者に連絡します。", "業者に<script>alert(1)</script>連絡します。"), encoding="utf-8")
    html, ok = admin.preview(bot, str(new_topics))
    assert ok and "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
