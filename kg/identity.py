"""One real person = one node across documents.

Minutes write the same councillor many ways ("Mrs. H. J. Quarrie CC", "Mrs H Quarrie CC",
"Mrs Quarrie"). `resolve_people` groups the written forms seen in a batch into people:

* forms with forenames or initials join a person when they agree with every form already
  in it (same surname, honorifics that do not contradict, initials that do not disagree);
  a form that agrees with two or more people stays apart;
* a bare form ("Mr Tallis CC", no initials) joins the only compatible person with that
  surname, and stays apart (its own node) when there are two or more;
* everything is decided on the sorted set of distinct forms, so the outcome and the keys do
  not depend on the order the sightings arrive in;
* identity is scoped by body: forms are grouped into people only among the sightings of one
  council or public body (`PersonSighting.body`), so "Cllr A. Smith" of one council and
  "Mr A. Smith" of another are two people, each key starting with the body's slug
  ("fenwater-district-council/smith-a"). What becomes of the documents of no known body is
  `unknown`: "together" resolves them as one body, as before bodies were known; "linked"
  (what `kg build` does) keeps each apart unless the text links it to others: a document
  that names at least `LINK_MIN` of the same people (surname and first initial), a
  `LINK_SHARE`th of the shorter list, is read with them (with a known body's documents,
  its people become that body's). Their keys carry no body's slug, so a council's minutes
  that never name the council keep the IRIs they had. A person of a known body never
  joins one of another body or of no known body; every link and refusal is logged.

One thing = one node too: `thing_key` gives the services and committees of the minutes a
key that the ways of writing one name share ("Children’s"/"Children's", "Care Leavers
Team"/"Care Leaver Team", "&"/"and"); `kg.build` mints their IRIs from it.

Pure Python: no rdflib here; `kg.build` mints IRIs from the keys.
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from extractors.names import PersonName, compatible, fullness, parse_person, squash, straighten
from kg.segment.body import body_key

__all__ = ["PersonSighting", "Identity", "resolve_people", "thing_key", "LINK_MIN", "LINK_SHARE"]

#: documents of no known body are read together when they name at least this many of the same
#: people, and at least one in `LINK_SHARE` of the people of the shorter list
LINK_MIN = 3
LINK_SHARE = 4


@dataclass(frozen=True)
class PersonSighting:
    """One place a person's name was written: the surface form, the document, the date of
    the meeting (when known), the capacity they appeared in (member, officer, public,
    mentioned) and the council or body whose minutes wrote it (None when not known)."""

    surface: str
    doc: str
    date: datetime.date | None
    role: str
    body: str | None = None


def _norm(surface: str) -> str:
    return squash(straighten(surface)) if isinstance(surface, str) else ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _scope(body: str | None) -> str:
    """The identity scope of a body: its key ("" for no known body)."""
    return body_key(body) if body else ""


@dataclass
class _Person:
    forms: list[tuple[str, PersonName]] = field(default_factory=list)

    def agrees(self, name: PersonName) -> bool:
        return all(compatible(name, other) for _, other in self.forms)

    @property
    def specific(self) -> bool:
        return any(p.initials for _, p in self.forms)

    def label(self) -> str:
        return max(self.forms, key=lambda f: (fullness(f[0]), len(f[0]), _rev(f[0])))[0]


def _rev(s: str) -> tuple[int, ...]:
    # for max(): prefer the lexicographically smallest among equals
    return tuple(-ord(c) for c in s)


class Identity:
    """The outcome of `resolve_people`: surface form → person key, labels and a merge log."""

    def __init__(self) -> None:
        self._key_of: dict[tuple[str, str], str] = {}
        self._forms: dict[str, list[str]] = {}
        self._label: dict[str, str] = {}
        self._by_surname: dict[tuple[str, str], list[tuple[str, _Person]]] = defaultdict(list)
        self._doc_scope: dict[str, str] = {}  # a document of no known body -> the scope it is read in
        self._body: dict[str, str] = {}  # person key -> the body whose minutes name them
        self.log: list[str] = []

    def key(self, surface: str, body: str | None = None, doc: str | None = None) -> str | None:
        """A stable key for a form written in the minutes of `body` (or, when no body is known,
        in the document `doc`): "quarrie-h-j", "fenwater-district-council/quarrie-h-j"; None when
        it is not a person's name or matches no single person known in those minutes."""
        scope = _scope(body) if body else self._doc_scope.get(doc or "", "")
        s = _norm(surface)
        if (scope, s) in self._key_of:
            return self._key_of[(scope, s)]
        name = parse_person(s)
        if name is None:
            return None
        hits = [k for k, person in self._by_surname.get((scope, _slug(name.surname)), []) if person.agrees(name)]
        return hits[0] if len(hits) == 1 else None

    def label(self, key: str) -> str:
        """The fullest written form of the person."""
        return self._label[key]

    def alt_labels(self, key: str) -> list[str]:
        """Every other written form seen for the person, sorted."""
        return sorted(f for f in self._forms[key] if f != self._label[key])

    def keys(self) -> list[str]:
        return sorted(self._label)

    def body(self, key: str) -> str | None:
        """The council or body whose minutes name the person, when known."""
        return self._body.get(key)


def resolve_people(sightings: list[PersonSighting], *, unknown: str = "together") -> Identity:
    """Group the written forms in `sightings` into people, body by body; `unknown` ("together"
    or "linked") says what becomes of documents of no known body (see the module docstring)."""
    identity = Identity()
    labels: dict[str, str] = {}
    for s in sightings:
        scope = _scope(s.body)
        if s.body and (scope not in labels or s.body < labels[scope]):
            labels[scope] = s.body  # the body as the batch names it (the same whatever the order)
    if unknown == "linked":
        identity._doc_scope = _document_scopes(sightings, labels, identity.log)
    scopes: dict[str, set[str]] = defaultdict(set)
    for s in sightings:
        scope = _scope(s.body) if s.body else identity._doc_scope.get(s.doc, "")
        scopes[scope].add(_norm(s.surface))
    surnames: dict[str, list[str]] = defaultdict(list)
    taken: dict[str, set[str]] = defaultdict(set)
    for scope in sorted(scopes):
        prefix = f"{_slug(scope)}/" if scope and not scope.startswith("~") else ""
        done = _resolve_scope(identity, scope, labels.get(scope), sorted(scopes[scope] - {""}), prefix, taken[prefix])
        for surname in done:
            surnames[surname].append(labels.get(scope) or (f'the minutes in "{scope[1:]}"' if scope else "no known body"))
    for surname in sorted(surnames):
        if len(surnames[surname]) > 1:
            identity.log.append(f"kept the people named {surname} of {'; '.join(surnames[surname])} apart: "
                                "different bodies")
    return identity


def _document_scopes(sightings: list[PersonSighting], labels: dict[str, str], log: list[str]) -> dict[str, str]:
    """The scope each document of no known body is read in: a known body's, when it names
    enough of the same people as that body's documents (see `LINK_MIN`), else one it shares
    with the earlier documents of no known body it is so linked to, else its own ("~" and
    the document). Decided in the order of the documents' names."""
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    known: dict[str, str] = {}
    read: dict[str, tuple[str, str] | None] = {}  # a written form -> (surname, first initial): most recur
    for s in sightings:
        if s.body:
            scope = _scope(s.body)
            known[s.doc] = min(known.get(s.doc, scope), scope)
        if s.surface not in read:
            name = parse_person(_norm(s.surface))
            read[s.surface] = (_slug(name.surname), name.initials[0]) if name is not None and name.initials else None
        if read[s.surface] is not None:
            names[s.doc].add(read[s.surface])
    clusters: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for doc in sorted(known):
        clusters[known[doc]] |= names[doc]
    out = dict(known)
    for doc in sorted({s.doc for s in sightings} - set(known)):
        mine = names[doc]
        fits = sorted((-len(mine & theirs), scope) for scope, theirs in clusters.items()
                      if len(mine & theirs) >= LINK_MIN
                      and len(mine & theirs) * LINK_SHARE >= min(len(mine), len(theirs)))
        bodies = sorted({labels[scope] for _, scope in fits if not scope.startswith("~")})
        if len(bodies) > 1:
            log.append(f'kept the people of "{doc}" apart: it names people of both {" and ".join(bodies)}')
            fits = []
        if fits:
            shared, scope = -fits[0][0], fits[0][1]
            where = labels.get(scope) or f'"{scope[1:]}"'
            log.append(f'read the people of "{doc}" with those of {where}: {shared} people named in both')
        else:
            scope = f"~{doc}"
        clusters[scope] |= mine
        out[doc] = scope
    return out


def _resolve_scope(identity: Identity, scope: str, body: str | None, surfaces: list[str], prefix: str,
                   taken: set[str]) -> list[str]:
    """Group `surfaces`, the distinct forms written in one body's minutes, into people of
    `identity` (keys starting with `prefix`, none of them one `taken` holds); the surnames it
    found people of."""
    where = f" ({body})" if body else ""
    groups: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    for s in surfaces:
        name = parse_person(s)
        if name is not None:
            groups[_slug(name.surname)].append((s, name))

    for surname in sorted(groups):
        forms = sorted(groups[surname], key=lambda f: (tuple(-x for x in fullness(f[0])), f[0]))
        people: list[_Person] = []
        apart: list[_Person] = []
        for s, name in forms:
            if name.initials:
                hits = [p for p in people if p.agrees(name)]
                if len(hits) == 1:
                    hits[0].forms.append((s, name))
                elif not hits:
                    people.append(_Person([(s, name)]))
                else:
                    identity.log.append(f'kept "{s}"{where} apart: {len(hits)} people it could be named {name.surname}')
                    apart.append(_Person([(s, name)]))
        for s, name in forms:
            if name.initials:
                continue
            hits = [p for p in people if p.agrees(name) and p.specific]
            if len(hits) == 1:
                hits[0].forms.append((s, name))
                continue
            if len(hits) >= 2:
                identity.log.append(f'kept "{s}"{where} apart: {len(hits)} people named {name.surname}')
                apart.append(_Person([(s, name)]))
                continue
            # no fuller form known: bare forms that agree are one person ("Mr Tallis", "Mr Tallis CC")
            bare = [p for p in people if not p.specific and p.agrees(name)]
            if len(bare) == 1:
                bare[0].forms.append((s, name))
            else:
                people.append(_Person([(s, name)]))
        for person in sorted(people + apart, key=lambda p: p.label()):
            label = person.label()
            key = prefix + _key_for(person, label, taken)
            taken.add(key[len(prefix):])
            identity._label[key] = label
            identity._forms[key] = sorted(f for f, _ in person.forms)
            if body:
                identity._body[key] = body
            identity._by_surname[(scope, surname)].append((key, person))
            for f, _ in person.forms:
                identity._key_of[(scope, f)] = key
                if f != label:
                    identity.log.append(f'merged "{f}" into "{label}"{where}: same surname, '
                                        + ("initials agree" if parse_person(f).initials else "only one compatible person"))
    return sorted(groups)


def _key_for(person: _Person, label: str, taken: set[str]) -> str:
    name = parse_person(label)
    parts = [_slug(name.surname)] + [i.lower() for i in name.initials]
    if not name.initials and name.honorific:
        parts.append(_slug(name.honorific))
    base = "-".join(p for p in parts if p)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


# ---------------------------------------------------------------- one name per thing

_POSSESSIVE = re.compile(r"(?<=\w)['’‘`]s\b|(?<=s)['’‘`](?=\s|$)")
_NOT_PLURAL = ("ss", "us", "is", "ous", "ics")


def _singular(word: str) -> str:
    """"Leavers" -> "leaver", "Families" -> "family"; an acronym ("SENDIAS"), a short word
    and a word that only ends in s ("Business", "Campus") stay as they are."""
    if len(word) <= 3 or word.isupper() or not word.endswith("s") or word.lower().endswith(_NOT_PLURAL):
        return word.lower()
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    return low[:-1]


def thing_key(name: str) -> str:
    """The key the ways of writing one service or committee share: its words folded to ASCII
    and lower case, without apostrophes, possessive endings or plurals, "&" read as "and"
    ("Children’s Care Leavers Team" and "Childrens Care Leaver Team" give one key)."""
    text = _POSSESSIVE.sub("", squash(name)).replace("&", " and ")
    words = re.findall(r"[^\W_]+", text)
    return " ".join(_singular(w) for w in words)
