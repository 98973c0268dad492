"""Question answering: read a question, retrieve, decide which cases answer, compose the answer.

    understand  a question's language, intent, level, region, places, facets (`Query`)
    retrieve    hybrid retrieval: dense (Chroma) + BM25, fused, per case (`Retriever`, `Filters`)
    lexical     BM25
    policy      every threshold of the answer policy, keyed to the embedding model
    answer      the answer policy: routes (facet list, named case, retrieval, not in the article)
    compose     the answer text with verbatim quotes and [n] markers (`Answer`, `Citation`)
"""
