"""A researcher's search words → a safe FTS5 query, and the ranked hits of the index.

The words are read by a small parser of our own, never handed to FTS5 as they are:

    placement            a word; its other endings too ("placements", "placed" → "place")
    placement*           any word starting so
    "further report"     the words in this order
    a b                  both (AND may be written: a AND b)
    a OR b               either
    a NOT b              a, but not where b is also said
    (a OR b) c           brackets group

Every word is written out as a quoted FTS5 string, so no character the researcher types can
be read by FTS5 as its own syntax, and the result is passed to SQLite as a parameter. A query
the parser cannot read raises SearchError with one line saying what to change.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.errors import SearchError
from kg.search.index import KINDS, open_index

OPERATORS = ("AND", "OR", "NOT")
MARK = ("\x02", "\x03")  # around each matched word in a snippet; `highlight` turns them into what a reader sees
_TOKEN = re.compile(r'\s*(?:(")|([()])|([^\s"()]+))')
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    """One place the minutes say what was searched for, best first."""

    date: str | None
    committee: str | None
    body: str | None
    kind: str
    title: str
    snippet: str      # the words around the match, each matched word between MARK[0] and MARK[1]
    iri: str
    document: str | None
    start: int | None
    end: int | None
    score: float      # BM25 as FTS5 gives it: lower is better

    def as_dict(self, marks: tuple[str, str] = ("[", "]")) -> dict:
        row = asdict(self)
        row["snippet"] = highlight(self.snippet, *marks)
        row["score"] = round(self.score, 4)
        return row


def highlight(snippet: str, before: str = "[", after: str = "]") -> str:
    """The snippet with each matched word between `before` and `after`."""
    return snippet.replace(MARK[0], before).replace(MARK[1], after)


# ---------------------------------------------------------------- the parser

def _tokens(query: str) -> list[tuple[str, str]]:
    """[(kind, text)]: kind is "phrase", "word", "op" or a bracket."""
    out, pos = [], 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m.group(1):
            close = query.find('"', pos)
            if close < 0:
                raise SearchError('unbalanced quotes: close the phrase with another " (or drop the quote)')
            text, pos = query[pos:close], close + 1
            star = query.startswith("*", pos)
            pos += star
            out.append(("phrase", text + ("*" if star else "")))
        elif m.group(2):
            out.append((m.group(2), m.group(2)))
        else:
            word = m.group(3)
            if word in OPERATORS:
                out.append(("op", word))
            elif _WORD.search(word) or "*" in word:
                out.append(("word", word))  # a bare mark ("-", "+", "&") is no word: FTS5 would skip it too
    return out


def _fts_string(text: str, kind: str) -> str:
    """One quoted FTS5 string (with * after it for a prefix) for a word or phrase."""
    prefix = text.endswith("*")
    text = text.rstrip("*")
    if "*" in text:
        raise SearchError(f"'{text}*': a * may only end a word (placement*), not stand inside one")
    if not _WORD.search(text):
        what = "phrase" if kind == "phrase" else "word"
        raise SearchError(f"the {what} '{text}{'*' if prefix else ''}' has no letters or digits to search for")
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens, self.pos = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> str:
        expr = self.either()
        if self.peek() is not None:
            raise SearchError("unbalanced brackets: a ')' has no '(' before it")
        return expr

    def either(self) -> str:  # a OR b
        parts = [self.both()]
        while self.peek() == ("op", "OR"):
            self.take()
            parts.append(self.both("OR"))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def both(self, after: str | None = None) -> str:  # a AND b, a b, a NOT b
        expr = self.operand(after)
        while (tok := self.peek()) is not None and tok != ("op", "OR") and tok[0] != ")":
            if tok[0] == "op":
                op = self.take()[1]
                expr = f"({expr} {op} {self.operand(op)})"
            else:
                expr = f"({expr} AND {self.operand(None)})"
        return expr

    def operand(self, after: str | None) -> str:
        tok = self.peek()
        if tok is None or tok[0] == ")" or tok[0] == "op":
            if tok is not None and tok[0] == "op" and after is None:
                raise SearchError(f"'{tok[1]}' needs words before it: write a {tok[1]} b"
                                  + (" (NOT keeps the first words' hits without the second's)" if tok[1] == "NOT" else ""))
            if after:
                raise SearchError(f"'{after}' needs words after it: write a {after} b")
            raise SearchError("nothing to search for: give a word, a \"phrase\" or a prefix*")
        self.take()
        if tok[0] == "(":
            inner = self.either()
            if self.peek() is None or self.peek()[0] != ")":
                raise SearchError("unbalanced brackets: close each '(' with a ')'")
            self.take()
            return inner
        return _fts_string(tok[1], tok[0])


def to_fts(query: str) -> str:
    """The FTS5 MATCH expression for a researcher's query (see the module's docstring)."""
    tokens = _tokens(query)
    if not tokens:
        raise SearchError("nothing to search for: give a word, a \"phrase\" or a prefix*")
    return _Parser(tokens).parse()


# ---------------------------------------------------------------- searching

def search_index(index: str | Path | sqlite3.Connection, query: str, *, date_from: str | None = None,
                 date_to: str | None = None, committee: str | None = None, body: str | None = None,
                 kinds: tuple[str, ...] | list[str] | None = None, limit: int | None = 20) -> list[SearchHit]:
    """The passages of the index that say `query`, best first (BM25, a title counting more than
    the text under it; then by date). `date_from`/`date_to` (YYYY-MM-DD, both included) keep
    meetings of those days; `committee` and `body` keep those whose name contains the words
    given (any case); `kinds` keeps those kinds of passage (see KINDS)."""
    match = to_fts(query)
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown:
        raise SearchError(f"unknown kind {', '.join(unknown)}: use {', '.join(KINDS)}")
    where, params = ["passage_fts MATCH ?"], [match]
    for column, op, value in (("date", ">=", date_from), ("date", "<=", date_to)):
        if value:
            where.append(f"p.date {op} ?")
            params.append(_day(value))
    for column, value in (("committee", committee), ("body", body)):
        if value:
            where.append(f"instr(lower(coalesce(p.{column}, '')), ?) > 0")
            params.append(value.lower())
    if kinds:
        where.append(f"p.kind IN ({', '.join('?' for _ in kinds)})")
        params.extend(kinds)
    sql = ("SELECT p.date, p.committee, p.body, p.kind, p.title, "
           "snippet(passage_fts, -1, ?, ?, '…', 16), p.iri, p.document, p.start, p.\"end\", "
           "bm25(passage_fts, 4.0, 1.0) AS score "
           "FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid "
           f"WHERE {' AND '.join(where)} ORDER BY score, coalesce(p.date, '9999'), p.iri"
           + (" LIMIT ?" if limit else ""))
    params = [*MARK, *params] + ([limit] if limit else [])
    db = index if isinstance(index, sqlite3.Connection) else open_index(index)
    try:
        rows = db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as err:
        raise SearchError(f"the search could not be run ({err}): simplify the query") from None
    finally:
        if db is not index:
            db.close()
    return [SearchHit(*row) for row in rows]


def _day(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise SearchError(f"'{value}' is not a date: write it YYYY-MM-DD") from None
