"""A number that counts the wards a question leaves out (「東京23区以外」, "outside Tokyo's 23 wards") is
part of the place: it had been read as a topic word, and only the cases writing 「23」 (「23年6月」)
were listed. (Where the wards are asked about, 「23区で初」 is what 江戸川区 writes: the number stays.)"""
import pytest

WARDS = {"東京都江戸川区", "東京都千代田区", "東京都練馬区"}


def _cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.model
@pytest.mark.parametrize("question", ["東京23区以外で要約に使っている自治体は？",
                                      "Outside Tokyo's 23 wards, which cases use it for summaries?"])
def test_leaving_out_the_23_wards_keeps_every_other_case_of_the_topic(shared_e5_bot, question):
    found = _cases(shared_e5_bot.ask(question))
    assert len(found) >= 15 and not found & WARDS
    assert {"神奈川県厚木市", "山形県庁"} <= found


@pytest.mark.model
def test_a_number_of_staff_is_still_a_figure(shared_e5_bot):
    assert "群馬県高崎市" in _cases(shared_e5_bot.ask("28人で試験している自治体は？"))
