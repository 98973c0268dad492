"""Question answering over the article's cases, one direction per question (`answer`):

    read      (read/)      understand, conversation, words, where, conditions → `Request`
    scope     (scope)      the cases in play → `Scoped`
    evidence  (evidence/)  sentences scored per case; sources: named, lists, search, figures → `Found`
    shape     (shape/)     fact, list/count, version, none → `Shaped`
    compose   (wording, compose, lead)  the answer's words and citations → `Answer`

Underneath every stage: `retrieve` (hybrid retrieval, `Retriever`, `Filters`), `lexical` (BM25),
`catalog` (what is derived once per served version), `policy` (every threshold, keyed to the
embedding model), `kinds` (the kinds of answer).
"""
