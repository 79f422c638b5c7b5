"""The `/search?q=` page of `kg serve`: a form and the ranked hits, as plain HTML.

Every piece of text from the minutes is escaped; the matched words are marked with <mark>
after escaping, from the private markers the index puts around them. No script, no asset."""
from __future__ import annotations

import atexit
import html
import shutil
import tempfile
import urllib.parse
from pathlib import Path

from kg.errors import SearchError
from kg.search.index import KINDS, index_fresh, index_graph, index_path
from kg.search.query import MARK, search_index

LIMIT = 50
FIELDS = {"q": "", "from": "", "to": "", "committee": "", "body": "", "kind": ""}


def index_for_serving(graph: Path) -> Path:
    """GRAPH's index when it holds what GRAPH says now, else one made now in a folder removed at exit."""
    beside = index_path(graph)
    if index_fresh(graph, beside):
        return beside
    folder = tempfile.mkdtemp(prefix="kg-serve-search-")
    atexit.register(shutil.rmtree, folder, True)
    return index_graph(graph, Path(folder) / "graph.search.sqlite")[0]


def search_page(index: Path | None, query_string: str) -> tuple[int, bytes, str]:
    """(status, body, content type) of the page for `?q=...&from=&to=&committee=&body=&kind=`."""
    given = urllib.parse.parse_qs(query_string, keep_blank_values=True)
    form = {k: (given.get(k) or [v])[0][:500] for k, v in FIELDS.items()}
    status, results = 200, ""
    if index is None:
        status, results = 404, "<p>This server has no search index for its graph.</p>"
    elif form["q"].strip():
        try:
            hits = search_index(index, form["q"], date_from=form["from"] or None, date_to=form["to"] or None,
                                committee=form["committee"] or None, body=form["body"] or None,
                                kinds=[form["kind"]] if form["kind"] else None, limit=LIMIT)
            results = _hits(hits)
        except SearchError as err:
            status, results = 400, f'<p class="error">{html.escape(str(err))}</p>'
    return status, (PAGE.format(form=_form(form), results=results)).encode("utf-8"), "text/html; charset=utf-8"


def _form(form: dict[str, str]) -> str:
    e = {k: html.escape(v, quote=True) for k, v in form.items()}
    kinds = "".join(f'<option value="{k}"{" selected" if form["kind"] == k else ""}>{k}</option>' for k in KINDS)
    return (f'<form method="get" action="/search"><input name="q" size="50" value="{e["q"]}" autofocus> '
            f'<label>from <input name="from" type="date" value="{e["from"]}"></label> '
            f'<label>to <input name="to" type="date" value="{e["to"]}"></label> '
            f'<label>committee <input name="committee" value="{e["committee"]}"></label> '
            f'<label>body <input name="body" value="{e["body"]}"></label> '
            f'<select name="kind"><option value="">any kind</option>{kinds}</select> <button>Search</button></form>')


def _hits(hits) -> str:
    if not hits:
        return "<p>Nothing found: try fewer words, a prefix (placement*) or fewer filters.</p>"
    rows = []
    for h in hits:
        snippet = html.escape(h.snippet).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>")
        where = f"{h.document}:{h.start}-{h.end}" if h.document else ""
        meeting = " · ".join(v for v in (h.committee, h.body) if v)
        rows.append(f"<tr><td>{html.escape(h.date or 'undated')}</td><td>{html.escape(meeting)}</td>"
                    f"<td>{html.escape(h.kind)}</td><td>{snippet}</td>"
                    f"<td><code>{html.escape(h.iri)}</code><br>{html.escape(where)}</td></tr>")
    return (f"<p>{len(hits)} hit{'s' if len(hits) != 1 else ''}, best first</p><table><tr><th>date</th>"
            "<th>meeting</th><th>kind</th><th>what was said</th><th>node and source</th></tr>" + "".join(rows)
            + "</table>")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>minutes-kg search</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 80rem; }}
table {{ border-collapse: collapse; margin-top: 1rem; font-size: 0.9rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }}
.error {{ color: #a00; }}
</style></head>
<body><h1>minutes-kg search</h1>
<p>Words find their other endings too; "quoted words" are a phrase; placement* a prefix; AND, OR, NOT and
brackets combine them. <a href="/">SPARQL query page</a></p>
{form}
{results}
</body></html>
"""
