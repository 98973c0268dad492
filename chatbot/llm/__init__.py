"""Optional LLM answers, grounded in the extractive answer's passages and verified before shown.

    providers  the chat model for CHATBOT_LLM (none | openai | azure | ollama), one factory
    prompt     the passages as a delimited data block, numbered [1]…[n], and the rules
    verify     every [n] is a passage, every quote is verbatim, a list keeps every case
    generate   stream the LLM's words, then the verified answer or the extractive one
    notice     the one-line reasons a user sees when the LLM answer is not shown

The extractive answer decides which cases answer (and whether any does); the LLM may only
reword it. Anything that fails verification is replaced by the extractive answer.
"""
from chatbot.llm.generate import stream
from chatbot.llm.notice import fallback_notice
from chatbot.llm.providers import PROVIDERS, LLMConfigError, chat_model, destination

__all__ = ["PROVIDERS", "LLMConfigError", "chat_model", "destination", "fallback_notice", "stream"]
