"""Issue 17, session 20: the words that open a new subject ("Different topic:", "Switching topics —",
"By the way,") are no part of the question also when they open a first message (a chat reopened, or
a user who always writes so): "Different topic: which government opened ChatGPT to around 50,000
staff?" alone answered nothing, its "different"/"topic" read as words of the question.

Real e5 model, real Chroma, through `Chatbot.ask`."""
from __future__ import annotations

import pytest


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.model
@pytest.mark.parametrize("opening", ["Different topic: ", "Switching topics — ", "By the way, "])
def test_a_first_message_that_opens_a_new_subject_is_its_question(shared_e5_bot, opening):
    question = "which government opened ChatGPT to around 50,000 staff?"
    plain = cases(shared_e5_bot.ask(question[0].upper() + question[1:]))
    assert plain[:1] == ["東京都庁"]
    assert cases(shared_e5_bot.ask(opening + question))[:1] == ["東京都庁"]
