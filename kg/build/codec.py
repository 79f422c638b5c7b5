"""What the build keeps on disk (the cache, and what worker processes hand back through files),
written as data, never as pickles: a cache folder copied from someone else, or written by
anyone with access to it, can at worst be refused, never run code at the next build.

An entry is one header line, `MKG-CACHE 1 <sha256 of the rest>`, then JSON. Reading an entry
checks the digest (a truncated or edited entry is refused with `CacheEntryError`, and the
caller builds it again), and makes objects only of the build's own record classes (the
dataclasses of `kg.models` and of the modules listed in `_RECORD_MODULES`), by setting their
fields: no constructor, no import, no other code runs. An object met twice is written once and
read back as the same object (a mention points at the item it was found in).
"""
from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import importlib
import json
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache

from rdflib import BNode, Literal, URIRef

MAGIC = b"MKG-CACHE 1 "

#: the modules whose dataclasses (and the classes of `_RECORD_CLASSES`) an entry may hold
_RECORD_MODULES = ("kg.models", "kg.ingest.blocks", "kg.figures", "kg.decisions", "kg.identity", "extractors.names",
                   "kg.build.extract", "kg.build.document")
_RECORD_CLASSES = ("kg.identity.Identity",)
_FACTORIES = {"list": list, "set": set, "int": int, "dict": dict}


class CacheEntryError(ValueError):
    """A cache entry that is not one this build wrote: truncated, edited, or of another kind."""


def dumps(obj) -> bytes:
    """`obj` as a cache entry: the header line with the digest, then JSON."""
    body = json.dumps(_Encoder().encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def loads(data: bytes):
    """The object of a cache entry written by `dumps`; `CacheEntryError` when the entry is
    truncated, edited (its digest does not match), or holds anything but the build's records."""
    head, sep, body = data.partition(b"\n")
    if not sep or not head.startswith(MAGIC):
        raise CacheEntryError("not a minutes-kg cache entry")
    if hashlib.sha256(body).hexdigest().encode("ascii") != head[len(MAGIC):]:
        raise CacheEntryError("cache entry truncated or changed since it was written")
    try:
        return _Decoder().decode(json.loads(body))
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as err:
        raise CacheEntryError(f"cache entry holds what the build does not write: {err}") from None


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    """The record classes an entry may name, by module and name."""
    out: dict[str, type] = {}
    for name in _RECORD_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
                out[f"{name}.{value.__qualname__}"] = value
    for qualified in _RECORD_CLASSES:
        module, _, name = qualified.rpartition(".")
        out[qualified] = getattr(importlib.import_module(module), name)
    return out


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


class _Encoder:
    def __init__(self) -> None:
        self.seen: dict[int, int] = {}
        self.keep: list = []  # what `seen` numbers, alive until the end (ids are not reused)
        self.allowed = _classes()

    def encode(self, x):
        if x is None or type(x) in (bool, int, float):
            return x
        t = type(x)
        if t is str:
            return x
        if t is list:
            return [self.encode(v) for v in x]
        if t is tuple:
            return {"@t": [self.encode(v) for v in x]}
        if t is URIRef:
            return {"@i": str(x)}
        if t is Literal:
            return {"@l": [str(x), str(x.datatype) if x.datatype is not None else None, x.language]}
        if t is BNode:
            return {"@n": str(x)}
        if t is dict:
            return {"@d": [[self.encode(k), self.encode(v)] for k, v in x.items()]}
        if t is defaultdict:
            factory = x.default_factory.__name__ if x.default_factory is not None else None
            if factory not in _FACTORIES:
                raise TypeError(f"a defaultdict of {factory} is not kept in the cache")
            return {"@dd": [factory, [[self.encode(k), self.encode(v)] for k, v in x.items()]]}
        if t in (set, frozenset):
            return {"@s" if t is set else "@f": [self.encode(v) for v in x]}
        if t is bytes:
            try:
                return {"@u": x.decode("utf-8")}
            except UnicodeDecodeError:
                return {"@b": base64.b64encode(x).decode("ascii")}
        if t is datetime.date:
            return {"@date": x.isoformat()}
        if t is datetime.time:
            return {"@time": x.isoformat()}
        if t is datetime.datetime:
            return {"@dt": x.isoformat()}
        if t is Decimal:
            return {"@dec": str(x)}
        name = _name(t)
        if name not in self.allowed:
            raise TypeError(f"{name} is not a record the cache keeps (see kg.build.codec)")
        n = self.seen.get(id(x))
        if n is not None:
            return {"@r": n}
        n = self.seen[id(x)] = len(self.seen)
        self.keep.append(x)
        fields = vars(x) if hasattr(x, "__dict__") else {f.name: getattr(x, f.name) for f in dataclasses.fields(x)}
        return {"@o": name, "@id": n, "f": {k: self.encode(v) for k, v in fields.items()}}


class _Decoder:
    def __init__(self) -> None:
        self.made: dict[int, object] = {}
        self.allowed = _classes()

    def decode(self, x):
        t = type(x)
        if t is list:
            return [self.decode(v) for v in x]
        if t is not dict:
            return x
        tag, value = next(iter(x.items()))
        if tag == "@t":
            return tuple(self.decode(v) for v in value)
        if tag == "@i":
            return str.__new__(URIRef, value)  # checked when first made
        if tag == "@l":
            lexical, datatype, language = value
            return Literal(lexical, lang=language, datatype=URIRef(datatype) if datatype else None)
        if tag == "@n":
            return BNode(value)
        if tag == "@d":
            return {self.decode(k): self.decode(v) for k, v in value}
        if tag == "@dd":
            out = defaultdict(_FACTORIES[value[0]])
            out.update((self.decode(k), self.decode(v)) for k, v in value[1])
            return out
        if tag == "@s":
            return {self.decode(v) for v in value}
        if tag == "@f":
            return frozenset(self.decode(v) for v in value)
        if tag == "@u":
            return value.encode("utf-8")
        if tag == "@b":
            return base64.b64decode(value)
        if tag == "@date":
            return datetime.date.fromisoformat(value)
        if tag == "@time":
            return datetime.time.fromisoformat(value)
        if tag == "@dt":
            return datetime.datetime.fromisoformat(value)
        if tag == "@dec":
            return Decimal(value)
        if tag == "@r":
            return self.made[value]
        if tag == "@o":
            cls = self.allowed[value]
            obj = object.__new__(cls)
            self.made[x["@id"]] = obj
            for k, v in x["f"].items():
                object.__setattr__(obj, str(k), self.decode(v))
            return obj
        raise ValueError(f"unknown tag {tag!r}")
