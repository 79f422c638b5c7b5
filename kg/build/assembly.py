"""Records → the graph of a batch: first what needs every document (one identity per person,
which document a meeting minuted twice has its items read from), then each document's graph
(`kg.build.fragments`), and last the passes across documents: the graph of shared nodes,
follow-ups answered later, the build's provenance."""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg import __version__
from kg.identity import PersonSighting
from kg.models import Document, Meeting
from kg.namespace import MKG
from kg.store import Quads, _Forms, _nt
from kg.build.bodies import _settle_bodies
from kg.build.cache import SEGMENTER_VERSION, _identity
from kg.build.document import Fragment, _Builder, _Context, _decisions
from kg.build.extract import Mention, ReadDocument
from kg.build.fragments import _fragments, _items_owners
from kg.build.iris import (BUILD_GRAPH, ENTITY_GRAPH, LINKS_GRAPH, body_iri, build_iri, committee_iri, doc_iri_of,
                           extractor_iri, graph_iri_of, person_iri)
from kg.build.lines import _block, _Lines
from kg.build.parallel import _fewer_collections
from kg.build.report import BuildResult, DocumentOutcome


def assemble(docs: list[tuple[Document, list[Meeting], DocumentOutcome, list["Mention"]]],
             topics: str | None = None, *, workers: int = 1, cache_dir: str | Path | None = None) -> BuildResult:
    """The graph of a batch of documents already read (see `_assemble`)."""
    for doc, meetings, _, _ in docs:
        _settle_bodies(doc, meetings, None)
    reads = [ReadDocument(doc.path, doc, meetings, mentions) for doc, meetings, _, mentions in docs]
    return _assemble(reads, [outcome for _, _, outcome, _ in docs], topics, workers=workers, cache_dir=cache_dir)


@_fewer_collections()
def _assemble(reads: list[ReadDocument], outcomes: list[DocumentOutcome], topics: str | None = None, *,
              workers: int = 1, cache_dir: str | Path | None = None, entities: bool = True,
              validate: bool = False) -> BuildResult:
    """The graph of a batch, in two steps.

    First what needs every document: one identity for every person named anywhere, and which
    document a meeting minuted twice has its items read from. Then each document's named
    graph on its own (in `workers` processes; with `cache_dir`, kept under its content hash
    and used again while what it was built from is unchanged), and last the passes across
    documents: the graph of shared nodes, follow-ups answered later, the build's provenance.
    With `validate`, each document's nodes are checked against the shapes with its graph (see
    `BuildResult.validate`)."""
    from extractors import EXTRACTOR_VERSIONS

    summaries = [read.summary for read in reads]
    sightings = [PersonSighting(name, s.file_name, when, role, body)
                 for s in summaries for name, when, role, body in s.people]
    identity = _identity(sightings, str(cache_dir) if cache_dir else None)
    decisions = _decisions()
    scheme = None
    if decisions is not None:
        from kg.topics import load_scheme

        scheme = load_scheme(str(topics) if topics else None)
    context = _Context(identity, _items_owners(summaries), scheme,
                       f"{scheme.digest if scheme is not None else 'none'}-{int(entities)}")
    fragments = _fragments(reads, context, workers, str(cache_dir) if cache_dir else None, validate=validate)

    forms = _Forms(_nt).of
    shared = _Shared(identity, forms)
    canon: dict[str, tuple[str, URIRef]] = {}
    for f in fragments:  # a post spelled two ways is named as the batch first named it
        for key, norm, iri in f.posts:
            canon.setdefault(key, (norm, iri))
    for short, full in _acronym_posts({key: norm for key, (norm, _) in canon.items()}).items():
        canon[short] = canon[full]  # "Head of Service, CIC" is the "Head of Service, Children in Care"
    graphs: dict[URIRef, bytes] = {}
    claimed: set[str] = set()
    for k, (summary, outcome, f) in enumerate(zip(summaries, outcomes, fragments)):
        renamed = _renamed_posts(f, canon, forms)
        if renamed is None:
            # two spellings this document wrote as one IRI are two posts of the batch: write it
            # again naming each post as the batch does (rare, and not cached: it depends on canon)
            checks = f.checks  # of the document's own nodes: the same whatever its posts are named
            f = fragments[k] = _Builder(context, k, canon).document(reads[k].doc, reads[k].meetings, reads[k].mentions)
            f.checks = checks
            renamed = {}
        data = f.data
        dropped = {line for key, line in f.once if key in claimed}
        claimed.update(key for key, _ in f.once)
        if renamed or dropped:
            rename = _renamer(renamed)
            lines = {rename(line) for line in data.decode("utf-8").splitlines() if line not in dropped}
            data = _block(lines)
        graphs[f.graph] = data
        shared.replay(f.shared, canon)
        for _, _, warnings in summary.meetings:
            outcome.warnings.extend(warnings)
        outcome.warnings.extend(f.notes)
        outcome.found = dict(f.found)
    shared.finish_people()
    versions = dict(EXTRACTOR_VERSIONS)
    if decisions is not None:
        links = _Lines(LINKS_GRAPH, forms)
        decisions.add_batch(shared, links, [f.decisions for f in fragments], scheme)
        versions["kg.decisions"] = decisions.VERSION
        graphs[LINKS_GRAPH] = _block(links.lines)
    graphs[ENTITY_GRAPH] = _block(shared.out.lines)
    graphs[BUILD_GRAPH] = _block(_build_activity([x.sha256 for x in summaries], versions, forms).lines)
    checks = {forms(f.graph): f.checks for f in fragments} if validate else None
    return BuildResult(Quads({forms(iri): data for iri, data in graphs.items() if data}), outcomes,
                       list(identity.log), checks=checks)


def _acronym_posts(labels: dict[str, str]) -> dict[str, str]:
    """{key of a post written with an acronym: key of the same post written out}, where the
    batch names both and the two differ only in that the one has an acronym where the other
    has words whose initials spell it ("Head of Service, CIC" / "Head of Service, Children in
    Care"; "Manager, LAC Team" / "Manager, Looked After Children Team")."""
    words = {key: re.findall(r"[^\W_]+", label) for key, label in labels.items()}
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, ws in words.items():
        if len(ws) >= 2:
            by_ends[(ws[0].lower(), ws[-1].lower())].append(key)
    out: dict[str, str] = {}
    for key, ws in sorted(words.items()):
        for i, word in enumerate(ws):
            if not (2 <= len(word) <= 6 and word.isupper()):
                continue
            head, tail = [w.lower() for w in ws[:i]], [w.lower() for w in ws[i + 1:]]
            ends = ((head or [word.lower()])[0], (tail or [word.lower()])[-1])
            for other in sorted(by_ends.get(ends, ()) if head and tail else words):
                ow = [w.lower() for w in words[other]]
                middle = ow[len(head):len(ow) - len(tail)]
                if (other != key and len(middle) >= 2 and ow[:len(head)] == head and ow[len(ow) - len(tail):] == tail
                        and word.lower() in ("".join(w[0] for w in middle),
                                             "".join(w[0] for w in words[other][len(head):len(ow) - len(tail)]
                                                     if w[0].isupper()).lower())):
                    out.setdefault(key, other)
    return {short: full for short, full in out.items() if full not in out}


def _renamed_posts(f: "Fragment", canon: dict[str, tuple[str, URIRef]], forms) -> dict[str, str] | None:
    """How the post IRIs `f` wrote become the batch's (N-Triples forms, old to new), or None
    when one IRI it wrote stands for posts the batch names differently (two spellings whose
    keys differ but whose slugs do not, e.g. "Finance & Resources", "Finance, Resources")."""
    targets: dict[URIRef, set[URIRef]] = defaultdict(set)
    for key, _, iri in f.posts:
        targets[iri].add(canon[key][1])
    if any(len(t) > 1 for t in targets.values()):
        return None
    return {forms(iri): forms(next(iter(t))) for iri, t in targets.items() if next(iter(t)) != iri}


def _renamer(renamed: dict[str, str]) -> Callable[[str], str]:
    """A function giving a line with every IRI of `renamed` replaced, in one pass (so that
    renamings do not chain)."""
    if not renamed:
        return lambda line: line
    pattern = re.compile("|".join(re.escape(old) for old in sorted(renamed, key=len, reverse=True)))
    return lambda line: pattern.sub(lambda m: renamed[m.group(0)], line)


class _Shared:
    """The graph of shared nodes (people, posts, organisations, services, committees, topics),
    put together from the documents' fragments in batch order: a node's label is the first
    one the batch gave it."""

    def __init__(self, identity, forms: Callable[[object], str]):
        self.identity = identity
        self.out = _Lines(ENTITY_GRAPH, forms)
        self.labels: dict[URIRef, str] = {}
        self.alt: dict[URIRef, set[str]] = defaultdict(set)
        self.names: dict[URIRef, Counter] = defaultdict(Counter)  # node -> its names, in batch order
        self.named = False  # whether `finish_people` has settled the labels
        self.person_nodes: dict[str, set[str]] = defaultdict(set)
        self.roles: set[tuple[URIRef, str]] = set()

    def add(self, triple) -> None:
        self.out.add(triple)

    def entity(self, iri: URIRef, cls: URIRef, label: str, surface: str | None = None) -> URIRef:
        """A shared node named `label` (written `surface`): its label is the name the most
        documents give it (the first, on a tie; see `finish_people`), the others altLabels."""
        if iri not in self.labels:
            self.labels[iri] = label
            self.out.add((iri, RDF.type, cls))
            if self.named:  # a node first named after the batch's names were settled
                self.out.add((iri, RDFS.label, Literal(label)))
        if not self.named:
            self.names[iri][label] += 1
        if surface and surface != label:
            self.alt[iri].add(surface)
        return iri

    def committee(self, name: str, body: str | None = None) -> URIRef:
        iri = self.entity(committee_iri(name, body), MKG.Committee, name)
        if body:
            self.out.add((iri, MKG.body, self.entity(body_iri(body), MKG.PublicBody, body)))
        return iri

    def replay(self, said: list[tuple], canon: dict[str, tuple[str, URIRef]]) -> None:
        """Take in what one document said of shared nodes (see `_Builder`); `canon` gives each
        post key the label and IRI the batch first named it by."""
        for op in said:
            kind = op[0]
            if kind == "entity":
                self.entity(*op[1:])
            elif kind == "post":
                norm, iri = canon[op[1]]
                self.entity(iri, MKG.Post, norm, op[2])
            elif kind == "person":
                _, key, name, role = op
                body = self.identity.body(key)
                iri = person_iri(key)
                self.person_nodes[key].add(name)
                if iri not in self.labels:
                    label = self.labels[iri] = self.identity.label(key)
                    self.out.add((iri, RDF.type, MKG.Person))
                    self.out.add((iri, RDFS.label, Literal(label)))
                    if body:  # its key is scoped by the body (see kg.identity)
                        self.out.add((iri, MKG.body, self.entity(body_iri(body), MKG.PublicBody, body)))
                if role and role != "mentioned" and (iri, role) not in self.roles:
                    self.roles.add((iri, role))
                    self.out.add((iri, MKG.role, Literal(role)))
            else:
                self.out.add(op[1])

    def finish_people(self) -> None:
        """The altLabels of people, and the label of every other shared node: the name the
        most documents gave it, the others its altLabels."""
        for key in sorted(self.person_nodes):
            iri = person_iri(key)
            for alt in self.identity.alt_labels(key):
                self.out.add((iri, SKOS.altLabel, Literal(alt)))
        for iri, names in self.names.items():
            label = self.labels[iri] = names.most_common(1)[0][0]
            self.out.add((iri, RDFS.label, Literal(label)))
            self.alt[iri].update(names)
        self.named = True
        for iri in sorted(self.alt):
            label = self.labels.get(iri)
            for alt in sorted(self.alt[iri]):
                if label is None or alt != label:
                    self.out.add((iri, SKOS.altLabel, Literal(alt)))


def _build_activity(shas: list[str], versions: dict[str, str], forms) -> _Lines:
    """The provenance of the run: which documents (by content hash) it used, with which extractors."""
    g = _Lines(BUILD_GRAPH, forms)
    digest = hashlib.sha256("".join(sorted(shas)).encode()).hexdigest()[:16]
    b = build_iri(digest)
    g.add((b, RDF.type, MKG.Build))
    g.add((b, RDFS.label, Literal(f"kg build of {len(shas)} document(s)")))
    agents = {"kg": __version__, "kg.segment": SEGMENTER_VERSION, **versions}
    for name in sorted(agents):
        a = extractor_iri(name, agents[name])
        g.add((a, RDF.type, MKG.Extractor))
        g.add((a, RDFS.label, Literal(name)))
        g.add((a, MKG.extractorVersion, Literal(agents[name])))
        g.add((b, PROV.wasAssociatedWith, a))
    for sha in sorted(shas):
        g.add((b, PROV.used, doc_iri_of(sha)))
        g.add((graph_iri_of(sha), PROV.wasGeneratedBy, b))
    return g
