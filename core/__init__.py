"""The ground floor shared by ingest and question time; it imports nothing above it.

* ``cases``      — the case model (`Case`, `Article`, levels) every layer hands around;
* ``text``       — NFKC normalisation, sentence splitting, language, the one Sudachi service;
* ``knowledge``  — the domain vocabulary as validated data files (``core/domain/*.toml``),
  plus a site's own additions from ``<data dir>/knowledge/``;
* ``facets``     — reading facets (status, vendor, use, rule, info) off sentences and questions;
* ``places``     — the gazetteer: prefectures, national bodies and the article's organisations;
* ``embeddings`` — embedding backends behind LangChain's `Embeddings`, one factory;
* ``store``      — the index on disk, read side (versions, manifests, the Chroma store);
* ``errors``     — `UserError`, the one error type users see.
"""
