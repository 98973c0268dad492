"""Optional LLM answers, grounded in the extractive answer's passages and verified before shown.

    providers  the chat model for CHATBOT_LLM (none | openai | azure | ollama), one factory;
               whether a request reached the server (Delivery)
    prompt     the passages (never a sentence flagged as an instruction) as a delimited data
               block, numbered [1]…[n], and the rules
    verify     the answer may be shown: every sentence cited and supported, quotes verbatim,
               the question's language, no prompt text or instruction, a list's exact cases
      sentences  quotes, sentences and their [n]
      support    one sentence against its passages: figures, names, negation, content words
      clauses    each clause and list item against the [n] next to it
      words      content words, synonyms, translations, negation (verification.toml)
    generate   stream the LLM's words, then the verified answer or the extractive one
    notice     the one-line reasons a user sees when the LLM answer is not shown

The extractive answer decides which cases answer (and whether any does); the LLM may only
reword it. Anything that fails verification is replaced by the extractive answer.
"""
from chatbot.llm.generate import stream
from chatbot.llm.notice import fallback_notice
from chatbot.llm.providers import PROVIDERS, LLMConfigError, chat_model, destination

__all__ = ["PROVIDERS", "LLMConfigError", "chat_model", "destination", "fallback_notice", "stream"]
