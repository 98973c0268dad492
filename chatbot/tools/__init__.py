"""Tooling around the chatbot: the `chatbot` command, evaluation, the baseline, the benchmark.

    cli       the `chatbot` command (ingest, ask, eval, versions, serve, feedback)
    evaluate  scores answers against a gold question set
    baseline  the plain LangChain pipeline (500-character chunks, top 4) measured beside it
    bench     the speed and memory benchmark
"""
