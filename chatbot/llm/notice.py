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
