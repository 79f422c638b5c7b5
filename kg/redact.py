"""Members of the public → stable pseudonyms, over a built dataset (`kg build --redact-public`).

Minutes name the residents who put questions to a committee. A graph meant for publication
need not: `redact_public` turns every person whose only role is "public" into
"Member of the public 3fa2c1", where the six hex digits are the start of the SHA-256 of the
IRI the build minted for them. The IRI is minted from the name, so the same person gets the
same pseudonym in every build of the same minutes, and two people never share one.

For each such person:

* the IRI (``person/<key>``, which holds the surname) becomes ``person/public-<hex>`` in
  every graph, as subject and as object;
* ``rdfs:label`` becomes the pseudonym and every ``skos:altLabel`` is dropped;
* every written form of the name (the label, the other labels, the surface forms of the
  mentions that refer to them, with or without the dots and with either apostrophe) is
  replaced by the pseudonym inside every string literal of the dataset: question texts,
  "Question of ..." labels, mention surface forms, topic evidence, anything else;
* in the literals of the questions they asked and of the mentions that refer to them, the
  bare surname and full given names are replaced as well ("Corrie said ...").

Councillors, officers and people seen in any other role are left alone, and a form that
could be someone else's (an honorific and a surname shared with another person in the
graph) is not replaced outside the person's own questions and mentions.

This is pseudonymisation, not anonymity: the digits come from the IRI, so anyone who
guesses a name can confirm the guess. Contact details need nothing here: `kg.ingest`
never lets an e-mail address or a telephone number into the text.

Pure rdflib; no document text is needed.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from extractors.names import HONORIFICS, POSTNOMINALS, RANK_PATTERN, parse_person, squash, straighten
from kg.namespace import ID, MKG

__all__ = ["Pseudonym", "redact_public", "redact_text", "pseudonym_label", "PUBLIC_ROLE"]

PUBLIC_ROLE = "public"
HEX_DIGITS = 6


@dataclass(frozen=True)
class Pseudonym:
    """What one member of the public became: their IRI before and after, the pseudonym,
    and the written forms of their name that were replaced (kept in memory, never saved)."""

    iri: URIRef
    new_iri: URIRef
    label: str
    forms: tuple[str, ...]


def pseudonym_label(digest: str) -> str:
    return f"Member of the public {digest}"


def redact_public(dataset: Dataset) -> dict[URIRef, Pseudonym]:
    """Replace the names of members of the public in `dataset` (in place) by stable
    pseudonyms; returns what each became, keyed by the IRI the build had minted."""
    people = _public_people(dataset)
    if not people:
        return {}
    digests = _digests(people)
    surnames_elsewhere = _surnames_of_others(dataset, set(people))
    out: dict[URIRef, Pseudonym] = {}
    for iri in people:
        forms = _forms(dataset, iri)
        out[iri] = Pseudonym(iri, ID[f"person/public-{digests[iri]}"], pseudonym_label(digests[iri]), tuple(forms))
    everywhere = _Replacer([(p.label, _patterns(p.forms, surnames_elsewhere, bare=False)) for p in out.values()])
    own = {iri: _Replacer([(p.label, _patterns(p.forms, surnames_elsewhere, bare=True))]) for iri, p in out.items()}
    near = _own_nodes(dataset, people)

    shared = _graph_of_type(dataset, people)
    renamed = {p.iri: p.new_iri for p in out.values()}
    changes: list[tuple[tuple, tuple]] = []
    for s, p, o, c in dataset.quads((None, None, None, None)):
        ctx = c.identifier if isinstance(c, Graph) else c
        if s in out and p in (RDFS.label, SKOS.altLabel):
            changes.append(((s, p, o, ctx), None))
            continue
        s2, o2 = renamed.get(s, s), renamed.get(o, o) if isinstance(o, URIRef) else o
        if isinstance(o, Literal) and _is_text(o):
            text = everywhere.sub(str(o))
            for person in near.get(s, ()):
                text = own[person].sub(text)
            if text != str(o):
                o2 = Literal(text, lang=o.language, datatype=o.datatype)
        if (s2, o2) != (s, o):
            changes.append(((s, p, o, ctx), (s2, p, o2, ctx)))
    for old, new in changes:
        graph = dataset.graph(old[3])
        graph.remove(old[:3])
        if new is not None:
            graph.add(new[:3])
    for p in out.values():
        dataset.graph(shared[p.iri]).add((p.new_iri, RDFS.label, Literal(p.label)))
    return out


def redact_text(text: str, pseudonyms: dict[URIRef, Pseudonym]) -> str:
    """`text` (a log line, a message) with the written forms of every name in `pseudonyms`
    replaced by its pseudonym."""
    if not pseudonyms:
        return text
    return _Replacer([(p.label, _patterns(p.forms, set(), bare=False)) for p in pseudonyms.values()]).sub(text)


# ---------------------------------------------------------------- who and how


def _public_people(ds: Dataset) -> list[URIRef]:
    roles: dict[URIRef, set[str]] = defaultdict(set)
    for person in set(ds.subjects(RDF.type, MKG.Person)):
        if isinstance(person, URIRef):
            roles[person] = {str(r) for r in ds.objects(person, MKG.role)}
    return sorted(p for p, r in roles.items() if r == {PUBLIC_ROLE})


def _digests(people: list[URIRef]) -> dict[URIRef, str]:
    """The first HEX_DIGITS hex digits of each IRI's SHA-256; more for any that collide."""
    full = {p: hashlib.sha256(str(p).encode("utf-8")).hexdigest() for p in people}
    n = HEX_DIGITS
    while len({d[:n] for d in full.values()}) < len(full):
        n += 2
    return {p: d[:n] for p, d in full.items()}


def _forms(ds: Dataset, iri: URIRef) -> list[str]:
    """Every written form of the person's name the graph holds, longest first."""
    forms = {str(x) for x in ds.objects(iri, RDFS.label)} | {str(x) for x in ds.objects(iri, SKOS.altLabel)}
    for mention in ds.subjects(MKG.refersTo, iri):
        forms |= {str(x) for x in ds.objects(mention, MKG.surfaceForm)}
    forms = {squash(straighten(f)) for f in forms} - {""}
    return sorted(forms, key=lambda f: (-len(f), f))


def _surnames_of_others(ds: Dataset, public: set[URIRef]) -> set[str]:
    out = set()
    for person in set(ds.subjects(RDF.type, MKG.Person)):
        if person in public:
            continue
        for label in ds.objects(person, RDFS.label):
            name = parse_person(str(label))
            if name is not None:
                out.add(name.surname.lower())
    return out


def _own_nodes(ds: Dataset, people: list[URIRef]) -> dict[URIRef, list[URIRef]]:
    """Node → the public people whose bare surname may be replaced in its literals: the
    questions they asked and the mentions that refer to them."""
    near: dict[URIRef, list[URIRef]] = defaultdict(list)
    for person in people:
        for node in set(ds.subjects(MKG.askedBy, person)) | set(ds.subjects(MKG.refersTo, person)):
            near[node].append(person)
    return near


def _graph_of_type(ds: Dataset, people: list[URIRef]) -> dict[URIRef, URIRef]:
    """The graph that says each person is an mkg:Person (where the new label goes)."""
    out = {}
    for s, _, _, c in ds.quads((None, RDF.type, MKG.Person, None)):
        if s in people and s not in out:
            out[s] = c.identifier if isinstance(c, Graph) else c
    return out


def _is_text(lit: Literal) -> bool:
    return lit.datatype is None or lit.datatype == XSD.string


# ---------------------------------------------------------------- patterns

_HONORIFIC = "|".join(sorted({re.escape(h) for h in HONORIFICS} | {re.escape(h.capitalize()) for h in HONORIFICS}
                             | {RANK_PATTERN}, key=len, reverse=True))
_POSTNOMINAL = "|".join(sorted(map(re.escape, set(POSTNOMINALS)), key=len, reverse=True))


def _word(token: str) -> str:
    """One token of a written name, matching it with or without a dot and either apostrophe."""
    core = token.rstrip(".")
    pat = re.escape(core).replace("'", "['’]").replace("\\-", "[-‐–]")
    return pat + r"\.?"


def _patterns(forms: tuple[str, ...] | list[str], surnames_elsewhere: set[str], *, bare: bool) -> list[str]:
    """Regular expressions (strings) for the written forms of one person's name."""
    pats: list[str] = []
    tail = rf"(?:\s+(?:{_POSTNOMINAL})\b\.?)*"
    for form in forms:
        pats.append(r"\s+".join(_word(t) for t in form.split()) + tail)
        name = parse_person(form)
        if name is None:
            continue
        surname = _word(name.surname)
        forenames = [_word(g) for g in name.given] + [_word(i) for i in name.initials[len(name.given):]]
        if forenames:
            # "Mrs Y. Corrie", "Yasmin Corrie", "Ms Yasmin Corrie CC": honorific optional
            pats.append(rf"(?:(?:{_HONORIFIC})\.?\s+)?" + r"\s+".join(forenames) + r"\s+" + surname + tail)
            initials = [_word(i) for i in name.initials]
            pats.append(rf"(?:(?:{_HONORIFIC})\.?\s+)?" + r"\s+".join(initials) + r"\s+" + surname + tail)
        if name.honorific and (bare or name.surname.lower() not in surnames_elsewhere):
            pats.append(rf"(?:{_HONORIFIC})\.?\s+{surname}" + tail)
        if bare:
            pats.append(surname)
            pats.extend(_word(g) for g in name.given)
    return list(dict.fromkeys(pats))


class _Replacer:
    """Replace every match of several people's patterns in one left-to-right pass; each
    person's longer patterns are tried before their shorter ones."""

    def __init__(self, people: list[tuple[str, list[str]]]):
        self.groups: list[str] = []
        alternatives = []
        for label, pats in people:
            if not pats:
                continue
            self.groups.append(label)
            alternatives.append(f"(?P<p{len(self.groups) - 1}>{'|'.join(sorted(pats, key=len, reverse=True))})")
        # not inside a longer name ("O'Brien", "Whitlock-Jones"), but "Whitlock's" is Whitlock
        self.regex = re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-]|['’](?!s\b))") \
            if alternatives else None

    def sub(self, text: str) -> str:
        if self.regex is None:
            return text
        return self.regex.sub(self._one, text)

    def _one(self, m: re.Match) -> str:
        return self.groups[int(m.lastgroup[1:])]
