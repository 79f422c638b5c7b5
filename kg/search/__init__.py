"""Full-text search over what the minutes say (`kg search`): what the graph says, read graph by
graph (`read`); an SQLite FTS5 index beside the graph, kept in step with each build (`index`);
and the researcher's query read into a safe FTS5 query and run on it (`query`)."""
from __future__ import annotations

from kg.search.index import (KINDS, Indexed, build_index, index_built, index_fresh, index_graph, index_path,
                             open_index, update_index)
from kg.search.query import SearchHit, highlight, search_index, to_fts

__all__ = ["KINDS", "Indexed", "build_index", "highlight", "index_built", "index_fresh", "index_graph", "index_path",
           "open_index", "search_index", "to_fts", "update_index"]
