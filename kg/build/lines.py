"""A named graph written straight to N-Quads lines, as `kg.store.Quads` keeps them: no rdflib
terms made for the triples a build writes most (spans, offsets, texts)."""
from __future__ import annotations

from typing import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.namespace import MKG, OA
from kg.store import _nt, quoted

# made once: every span is written with them, and `OA.x` makes a new URIRef on each lookup
OA_SELECTOR, OA_START, OA_END = OA.TextPositionSelector, OA.start, OA.end
_SPAN, _START, _END, _IN_DOCUMENT = (f"<{t}>" for t in (MKG.span, OA_START, OA_END, MKG.inDocument))
_TYPE_SELECTOR = f"<{RDF.type}> <{OA_SELECTOR}>"


def _integer(n: int) -> str:
    """A character offset as N-Triples writes `Literal(n)`, without making the Literal (a
    build writes two for every third triple)."""
    if type(n) is not int:  # noqa: E721 (True == 1, yet Literal(True) is a boolean)
        return _nt(Literal(n))
    return f'"{n}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def _decimal(lexical: str) -> str:
    """An xsd:decimal as N-Triples writes `Literal(lexical, datatype=XSD.decimal)` for a number
    written without an exponent ("0.50", "1200"), which rdflib keeps as it is."""
    return f'"{lexical}"^^<{XSD.decimal}>'


class _Lines:
    """A named graph being written: each triple goes straight to its N-Quads line."""

    def __init__(self, iri: URIRef, forms: Callable[[object], str]):
        self.iri = iri
        self.nt = forms
        self.end = f" {forms(iri)} ."
        self.lines: set[str] = set()

    def add(self, triple) -> "_Lines":
        s, p, o = triple
        nt = self.nt
        self.lines.add(f"{nt(s)} {nt(p)} {nt(o)}{self.end}")
        return self

    def add_text(self, s: URIRef, p: URIRef, text: str) -> None:
        """`add((s, p, Literal(text)))`, without making the Literal."""
        nt = self.nt
        self.lines.add(f"{nt(s)} {nt(p)} {quoted(text)}{self.end}")  # as `_nt` writes a plain literal

    def add_value(self, s: URIRef, p: URIRef, value) -> None:
        """`add((s, p, Literal(value)))`, without making the Literal for a text or an integer."""
        kind = type(value)
        if kind is str:
            self.add_text(s, p, value)
        elif kind is int:
            self.add_written(s, p, _integer(value))
        else:
            self.add((s, p, Literal(value)))

    def add_written(self, s: URIRef, p: URIRef, written: str) -> None:
        """A triple whose object is already in N-Triples form (`_integer`, `_decimal`)."""
        nt = self.nt
        self.lines.add(f"{nt(s)} {nt(p)} {written}{self.end}")


class _Said(list):
    """What a document says of shared nodes, kept in order for `_Shared.replay`."""

    def add(self, triple) -> None:
        self.append(("add", triple))


def _block(lines) -> bytes:
    """A graph's lines as `kg.store.Quads` keeps them: sorted, each ending in a newline, UTF-8."""
    ordered = sorted(lines)
    return ("\n".join(ordered) + "\n").encode("utf-8") if ordered else b""
