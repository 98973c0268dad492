"""What the user reads when an LLM answer is not shown: one line, in the answer's language."""
from __future__ import annotations

# key: (Japanese, English); {…} fields are filled by `reason`.
REASONS: dict[str, tuple[str, str]] = {
    "personal_data": ("個人情報の可能性がある質問は、確認なしに外部のLLMへ送信しません",
                      "a question that may hold personal data is not sent to the LLM without confirmation"),
    "timeout": ("LLMが{seconds:g}秒以内に回答しませんでした",
                "the LLM did not answer within {seconds:g} s"),
    "unreachable": ("LLMに接続できませんでした", "the LLM could not be reached"),
    "refused": ("LLMがエラーを返しました（{detail}）", "the LLM returned an error ({detail})"),
    "failed": ("LLMの呼び出しに失敗しました（{detail}）", "calling the LLM failed ({detail})"),
    "cut_off": ("LLMの回答が長すぎて途中で切れました", "the LLM's answer was cut off (too long)"),
    "empty": ("LLMの回答が空でした", "the LLM's answer was empty"),
    "no_citation": ("LLMの回答に出典番号 [n] がありません", "the LLM's answer cites no passage [n]"),
    "unknown_marker": ("LLMの回答が存在しない出典 {markers} を挙げています",
                       "the LLM's answer cites {markers}, which is not a passage it was given"),
    "language": ("LLMの回答が質問と同じ言語ではありません", "the LLM's answer is not in the question's language"),
    "misquote": ("LLMの回答の引用「{quote}」が出典 {markers} の原文にありません",
                 "the LLM's quote \"{quote}\" is not in passage {markers}"),
    "incomplete": ("LLMの回答が該当事例 {markers} を挙げていません（一覧は省略できません）",
                   "the LLM's answer leaves out {markers} (a list must keep every case)"),
    "prompt": ("LLMの回答に指示文（プロンプト）の文言が含まれています",
               "the LLM's answer repeats its instructions (the prompt)"),
    "instruction": ("LLMの回答が指示文を含むか、記事中の指示文に従っています",
                    "the LLM's answer gives or follows an instruction planted in the article"),
    "uncited": ("LLMの回答の文「{sentence}」に出典番号 [n] がありません",
                "the LLM's sentence \"{sentence}\" cites no passage"),
    "figure": ("LLMの回答の数値「{what}」が出典 {markers} にありません",
               "the LLM's figure \"{what}\" is not in passage {markers}"),
    "name": ("LLMの回答の「{what}」が出典 {markers} の事例にも本文にもありません",
             "the LLM's answer names \"{what}\", which is neither the case nor in passage {markers}"),
    "extra_case": ("LLMの回答が該当事例にない「{what}」を挙げています（{markers} の事例ではありません）",
                   "the LLM's answer lists \"{what}\", which is not a matching case ({markers} is another)"),
    "negation": ("LLMの回答の文「{sentence}」の否定が出典 {markers} と合いません",
                 "the LLM's sentence \"{sentence}\" negates what passage {markers} does not"),
    "unsupported": ("LLMの回答の文「{sentence}」は出典 {markers} に書かれていません",
                    "the LLM's sentence \"{sentence}\" is not what passage {markers} says"),
    "instructions_only": ("出典の文が指示文のため、LLMには送信しませんでした",
                          "the passages are instructions, so nothing was sent to the LLM"),
}


def reason(key: str, lang: str, **fields) -> str:
    ja, en = REASONS[key]
    return (ja if lang == "ja" else en).format(**fields)


def fallback_notice(fallback_reason: str, lang: str = "ja") -> str:
    """The line shown under an extractive answer that stands in for an LLM answer."""
    if lang == "ja":
        return f"※ LLMによる回答は表示できないため、記事の引用で回答しました（理由：{fallback_reason}）。"
    return f"Note: the LLM's answer could not be shown, so this answer quotes the article ({fallback_reason})."


def markers(numbers) -> str:
    """[1][3] for the numbers given."""
    return "".join(f"[{n}]" for n in numbers)
