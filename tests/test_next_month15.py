"""Issue 16 on a fifteenth next-month article written by another editor
(tests/qa/tune/next_month15_article.txt): 全角 and kanji figures, 令和 dates, quoted comments,
a trial that was stopped, a plan not yet begun, a case shared by two cities.

- 「何本」 is a count, and 「約１，２００本」 answers it (the counter 本);
- an era's one-digit year is a date (「令和８年の冬から」 answers 「いつから」);
- a partner asked 「どこの市と一緒に」 or 「誰と作っている」 is named by 「…と共同で」 / 「…と一緒に」;
- "what time" asks an hour (「毎朝７時までに」), not a date;
- 「なぜ」 asks a reason: the sentence that gives a cause (「…ことが続き、…取りやめた」);
- a change asked of a case that states none (a plan not yet begun) is not stated there, while
  a change in kanji numerals (「三割ほどにまで落ち込んだ」) answers.

Through `Chatbot` and `chatbot ask --json`. Real e5 model, real Chroma."""

import json

import pytest

from conftest import bot_over, cited
from test_cli import run


@pytest.fixture(scope="module")
def bot(next_month15_e5_dir, e5):
    return bot_over(next_month15_e5_dir, e5)


@pytest.mark.model
@pytest.mark.parametrize("question, case, detail", [
    ("遠野市が集めた昔話のテープは何本ありますか？", "岩手県遠野市", "１，２００本"),
    ("白馬村の雪崩の知らせはいつから始まりますか？", "長野県白馬村", "令和８年"),
    ("鯖江市はどこの市と一緒に工場見学の窓口を作りましたか？", "福井県鯖江市", "越前市と共同で"),
    ("根室市の水揚げの知らせは誰と作っていますか？", "北海道根室市", "漁業協同組合と一緒に"),
    ("By what time each morning does Nemuro send its landing report?", "北海道根室市", "７時までに"),
    ("別府市が温泉案内のAIをやめたのはなぜですか？", "大分県別府市", "料金を間違えて答えることが続き"),
    ("根室のサンマの水揚げはどれくらい減りましたか？", "北海道根室市", "三割ほどにまで落ち込んだ"),
])
def test_a_detail_asked_in_other_words(bot, question, case, detail):
    answer = bot.ask(question)
    assert cited(answer) == {case}
    assert detail in answer.text.split("\n")[0]     # the asked detail leads the answer


@pytest.mark.model
def test_a_change_a_plan_not_yet_begun_does_not_state(bot):
    answer = bot.ask("白馬村の雪崩の知らせで、スキー客の事故はどれだけ減りましたか？")
    assert not cited(answer)
    assert "記述はありません" in answer.text


@pytest.mark.model
def test_ask_json_on_the_fifteenth_article(next_month15_e5_dir):
    p = run("--data-dir", str(next_month15_e5_dir), "ask", "遠野市が集めた昔話のテープは何本ありますか？",
            "白馬村の雪崩の知らせで、スキー客の事故はどれだけ減りましたか？", "--json")
    tapes, accidents = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in tapes["citations"]} == {"岩手県遠野市"}
    assert "１，２００本" in tapes["answer"]
    assert accidents["citations"] == []
