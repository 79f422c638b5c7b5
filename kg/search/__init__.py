"""Full-text search over what the minutes say (`kg search`): an SQLite FTS5 index beside the
graph (`index`), and the researcher's query read into a safe FTS5 query and run on it (`query`)."""
from __future__ import annotations

from kg.search.index import KINDS, Passage, build_index, index_built, index_graph, index_path, open_index, passages
from kg.search.query import SearchHit, highlight, search_index, to_fts

__all__ = ["KINDS", "Passage", "SearchHit", "build_index", "highlight", "index_built", "index_graph", "index_path",
           "open_index", "passages", "search_index", "to_fts"]
