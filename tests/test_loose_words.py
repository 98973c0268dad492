"""Issue 16: an English question's word group counts a sentence that holds only a loose rendering
of the word (定期 for "contracts": JMdict glosses its first sense "fixed term", "regular") at
less than the word itself — through `Chatbot`, on the real article and e5."""
from __future__ import annotations

import pytest

from conftest import bot_over

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_loose_rendering_alone_does_not_list_a_case(shared_e5_bot):
    # 飯島町's 「定期的に研究会を開き」 holds 定期, which "contracts" was rendered as beside 契約
    answer = shared_e5_bot.ask("Which cases forbid entering information about contracts?")
    assert cases(answer) == {"千葉県松戸市"}
    # 戸田市 holds 事業 and 改善 ("better"), not 職場: the workplace is 桑名市's
    answer = shared_e5_bot.ask("Which cases use data from ChatGPT to build a better workplace for staff?")
    assert "三重県桑名市" in cases(answer) and "埼玉県戸田市" not in cases(answer)


def test_the_glossary_and_the_dictionary_s_phrases_are_not_loose(shared_e5_bot, next_month2_e5_dir, e5):
    # 社内 is the glossary's word for "internal": 群馬県庁's 「社内書類の管理」 is still listed
    assert "群馬県庁" in cases(shared_e5_bot.ask("Which cases mention internal documents?"))
    # "nursery school" is 保育園 to the dictionary: 保育 is what it means, not a loose 保育 for "nursery"
    bot = bot_over(next_month2_e5_dir, e5)
    answer = bot.ask("Which municipalities answer parents' questions about nursery school admission with AI?")
    assert "東京都世田谷区" in cases(answer)


def test_a_sentence_near_in_meaning_needs_more_than_a_common_noun(shared_e5_bot):
    # 「音声で質問すると答える」: only 三豊市 writes 音声 (「音声でごみ出し方法を尋ねると」); いわき市,
    # 越前市 and つくば市 write 質問 alone, near in meaning but not what is asked
    assert cases(shared_e5_bot.ask("音声で質問すると答えてくれる仕組みを作った市は？")) == {"香川県三豊市"}
    # a verb's noun (狙い) is how it is asked, not its rarest noun: 新潟市's 「職員のデジタル意識の向上」 stays
    answer = shared_e5_bot.ask("職員のスキルや意識を高めることも狙いにしている事例は？")
    assert {"新潟県新潟市", "神奈川県横須賀市"} <= cases(answer)
