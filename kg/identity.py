"""One real person = one node across documents.

Minutes write the same councillor many ways ("Mrs. H. J. Quarrie CC", "Mrs H Quarrie CC",
"Mrs Quarrie"). `resolve_people` groups the written forms seen in a batch into people:

* forms with forenames or initials join a person when they agree with every form already
  in it (same surname, honorifics that do not contradict, initials that do not disagree);
  a form that agrees with two or more people stays apart;
* a bare form ("Mr Tallis CC", no initials) joins the only compatible person with that
  surname, and stays apart (its own node) when there are two or more;
* everything is decided on the sorted set of distinct forms, so the outcome and the keys do
  not depend on the order the sightings arrive in.

Pure Python: no rdflib here; `kg.build` mints IRIs from the keys.
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from extractors.names import PersonName, compatible, fullness, parse_person, squash, straighten

__all__ = ["PersonSighting", "Identity", "resolve_people"]


@dataclass(frozen=True)
class PersonSighting:
    """One place a person's name was written: the surface form, the document, the date of
    the meeting (when known) and the capacity they appeared in (member, officer, public,
    mentioned)."""

    surface: str
    doc: str
    date: datetime.date | None
    role: str


def _norm(surface: str) -> str:
    return squash(straighten(surface)) if isinstance(surface, str) else ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
        self._key_of: dict[str, str] = {}
        self._forms: dict[str, list[str]] = {}
        self._label: dict[str, str] = {}
        self._by_surname: dict[str, list[tuple[str, _Person]]] = defaultdict(list)
        self.log: list[str] = []

    def key(self, surface: str) -> str | None:
        """A stable key for a written form ("quarrie-h-j"); None when it is not a person's name
        or matches no single known person."""
        s = _norm(surface)
        if s in self._key_of:
            return self._key_of[s]
        name = parse_person(s)
        if name is None:
            return None
        hits = [k for k, person in self._by_surname.get(_slug(name.surname), []) if person.agrees(name)]
        return hits[0] if len(hits) == 1 else None

    def label(self, key: str) -> str:
        """The fullest written form of the person."""
        return self._label[key]

    def alt_labels(self, key: str) -> list[str]:
        """Every other written form seen for the person, sorted."""
        return sorted(f for f in self._forms[key] if f != self._label[key])

    def keys(self) -> list[str]:
        return sorted(self._label)


def resolve_people(sightings: list[PersonSighting]) -> Identity:
    """Group the written forms in `sightings` into people (see the module docstring)."""
    identity = Identity()
    surfaces = sorted({_norm(s.surface) for s in sightings} - {""})
    groups: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    for s in surfaces:
        name = parse_person(s)
        if name is not None:
            groups[_slug(name.surname)].append((s, name))

    taken: set[str] = set()
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
                    identity.log.append(f'kept "{s}" apart: {len(hits)} people it could be named {name.surname}')
                    apart.append(_Person([(s, name)]))
        for s, name in forms:
            if name.initials:
                continue
            hits = [p for p in people if p.agrees(name) and p.specific]
            if len(hits) == 1:
                hits[0].forms.append((s, name))
                continue
            if len(hits) >= 2:
                identity.log.append(f'kept "{s}" apart: {len(hits)} people named {name.surname}')
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
            key = _key_for(person, label, taken)
            taken.add(key)
            identity._label[key] = label
            identity._forms[key] = sorted(f for f, _ in person.forms)
            identity._by_surname[surname].append((key, person))
            for f, _ in person.forms:
                identity._key_of[f] = key
                if f != label:
                    identity.log.append(f'merged "{f}" into "{label}": same surname, '
                                        + ("initials agree" if parse_person(f).initials else "only one compatible person"))
    return identity


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
