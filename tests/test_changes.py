"""Questions about the latest version (`chatbot.qa.changes`): versions named so staff can tell
them apart, and no 「削除」 line claiming something was removed when nothing was."""
import re

from chatbot.qa.changes import version_names
from conftest import SEED, fake_bot_over_copy

CHANGED = "前の版から何が変わりましたか？"


def row(as_of: str, time: str, version: str = "v") -> dict:
    return {"as_of": as_of, "time": time, "version": version}


def test_versions_are_named_by_label_and_ingest_time_precise_enough_to_differ():
    dec, jan = row("12月最新版", "2026-12-03T10:15:02+09:00"), row("1月最新版", "2027-01-05T09:00:00+09:00")
    assert version_names(jan, dec) == ("【1月最新版】（2027-01-05 09:00 取り込み）",
                                       "【12月最新版】（2026-12-03 10:15 取り込み）")
    assert version_names(jan, dec, ja=False)[1] == "【12月最新版】 (ingested 2026-12-03 10:15)"
    again = row("12月最新版", "2026-12-03T10:15:40+09:00")            # same label, same minute
    assert version_names(again, dec) == ("【12月最新版】（2026-12-03 10:15:40 取り込み）",
                                         "【12月最新版】（2026-12-03 10:15:02 取り込み）")
    twin = row("12月最新版", "2026-12-03T10:15:02+09:00", "w")          # even the second: the version id
    now, before = version_names(twin, dec)
    assert now != before and now.endswith("10:15:02、w 取り込み）")
    assert version_names(dec, None) == ("【12月最新版】（2026-12-03 10:15 取り込み）", "")


def test_two_versions_with_the_same_label_read_apart_and_nothing_removed_says_so(fake_index_dir, tmp_path):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    first = bot.ask(CHANGED)
    assert "最初に取り込んだ版" in first.text and first.citations == ()
    edited = tmp_path / "edited.txt"                     # same 【12月最新版】 label, one figure changed
    edited.write_text(SEED.read_text(encoding="utf-8").replace("平均21分", "平均25分"), encoding="utf-8")
    assert bot.ingest(edited).updated == ["神奈川県厚木市"]
    answer = bot.ask(CHANGED)
    head = answer.text.splitlines()[0]
    names = re.findall(r"【12月最新版】（[^）]+ 取り込み）", head)
    assert len(names) == 2 and names[0] != names[1], head
    assert "削除 0件: なし" in answer.text and "現在の記事にはありません" not in answer.text
    assert [c.case for c in answer.citations] == ["神奈川県厚木市"]
    one = bot.ask("厚木市の事例は前の版からどう変わった？")
    assert names[1] in one.text and "21分" in one.text and "25分" in one.citations[0].passage
    english = bot.ask("What changed in the latest update?")
    assert "removed (0): none" in english.text and "(ingested " in english.text
