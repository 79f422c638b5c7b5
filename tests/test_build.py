"""From files to a graph: the contract terms, stable IRIs, provenance, determinism and the
fate of every input, on minutes written for these tests."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.build import build
from kg.namespace import MKG, OA
from kg.store import load, save
from kg.validate import validate

from test_segment import MARKDOWN, PACK, PDFTOTEXT, WEB


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "minutes"
    src.mkdir()
    (src / "2023-06-13.txt").write_text(PDFTOTEXT, encoding="utf-8")
    (src / "2023-09-19.md").write_text(MARKDOWN, encoding="utf-8")
    (src / "2024-01-16-pack.txt").write_text(PACK, encoding="utf-8")
    (src / "2024-03-12-web.txt").write_text(WEB, encoding="utf-8")
    return src


def one(graph, s=None, p=None, o=None):
    found = list(graph.triples((s, p, o)))
    assert len(found) == 1, found
    return found[0]


def test_contract_terms_are_asserted(corpus):
    result = build([corpus])
    g = result.dataset
    assert [o.status for o in result.outcomes] == ["built"] * 4
    meetings = {str(d): m for m, _, d in g.triples((None, MKG.date, None))}
    june = URIRef(meetings["2023-06-13"])
    assert (june, RDF.type, MKG.Meeting) in g
    chair = one(g, june, MKG.chair)[2]
    assert str(g.value(chair, RDFS.label)) == "Mrs. P. A. Okafor CC"
    assert (june, MKG.present, chair) in g
    assert len(list(g.objects(june, MKG.present))) == 5
    [guest] = g.objects(june, MKG.inAttendance)
    posts = [p for p in g.subjects(MKG.heldBy, guest)]
    assert [str(g.value(p, RDFS.label)) for p in posts] == ["Lead Member for Children and Young People"]
    items = {str(g.value(i, MKG.minuteNumber)): i for i in g.objects(june, MKG.item)}
    assert sorted(items) == ["4", "5", "6"]
    resolutions = list(g.objects(items["5"], MKG.resolved))
    assert sorted(str(g.value(r, MKG.text)) for r in resolutions) == [
        "That a further report be presented to the Committee on 16 January 2024.", "That the report be noted;"]
    [report] = g.objects(items["5"], MKG.considered)
    assert (report, MKG.forMeeting, june) in g
    assert sorted(str(g.value(a, RDFS.label)) for a in g.objects(report, MKG.author)) == [
        "Director of Children's Services", "Director of Corporate Resources"]
    [fu] = g.objects(items["5"], MKG.followUp)
    assert str(g.value(fu, MKG.dueDate)) == "2024-01-16"
    assert str(one(g, june, MKG.nextMeetingDate)[2]) == "2023-09-19"
    assert str(one(g, june, MKG.startTime)[2]) == "10:00:00"


def test_pack_reports_are_for_the_coming_meeting_and_contacts_hold_posts(corpus):
    g = build([corpus]).dataset
    coming = [m for m, _, d in g.triples((None, MKG.date, None)) if str(d) == "2024-01-16"]
    assert len(coming) == 1
    titles = sorted(str(g.value(r, RDFS.label)) for r in g.subjects(MKG.forMeeting, coming[0]))
    assert titles == ["Budget Monitoring", "Fostering Sufficiency Update"]
    holders = {(str(g.value(p, RDFS.label)), str(g.value(h, RDFS.label))) for p, _, h in g.triples((None, MKG.heldBy, None))}
    assert ("Head of Service - Fostering", "Amara Osei") in {(p.replace("–", "-"), h) for p, h in holders} or \
        any(h == "Amara Osei" and "Fostering" in p for p, h in holders)


def test_undated_meeting_has_no_date_and_a_warning(corpus):
    result = build([corpus])
    web = next(o for o in result.outcomes if o.path.endswith("web.txt"))
    assert any("no meeting date" in w for w in web.warnings)
    g = result.dataset
    undated = [m for m in g.subjects(RDF.type, MKG.Meeting) if g.value(m, MKG.date) is None]
    assert len(undated) == 1


def test_everything_extracted_is_traced_to_its_document_and_span(corpus):
    g = build([corpus]).dataset
    docs = set(g.subjects(RDF.type, MKG.Document))
    texts = {g.value(d, MKG.fileName): (corpus / str(g.value(d, MKG.fileName))).read_text() for d in docs}
    for cls in (MKG.Meeting, MKG.AgendaItem, MKG.Resolution, MKG.Report, MKG.FollowUp, MKG.PublicQuestion,
                MKG.Declaration, MKG.TopicAssignment, MKG.Figure):
        assert cls == MKG.Declaration or next(g.subjects(RDF.type, cls), None) is not None, cls
        for node in g.subjects(RDF.type, cls):
            sources = set(g.objects(node, PROV.wasDerivedFrom))
            assert sources and sources <= docs, node
            spans = list(g.objects(node, MKG.span))
            assert spans, node
            for span in spans:
                start, end = int(g.value(span, OA.start)), int(g.value(span, OA.end))
                name = g.value(g.value(span, MKG.inDocument), MKG.fileName)
                assert 0 <= start < end <= len(texts[name])
    for res in g.subjects(RDF.type, MKG.Resolution):
        span = g.value(res, MKG.span)
        name = g.value(g.value(span, MKG.inDocument), MKG.fileName)
        quoted = " ".join(texts[name][int(g.value(span, OA.start)):int(g.value(span, OA.end))].split())
        assert quoted == str(g.value(res, MKG.text))


def test_one_named_graph_per_document(corpus, tmp_path):
    result = build([corpus])
    out = save(result.dataset, tmp_path / "g.trig")
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(c.identifier) for c in ds.graphs()}
    per_doc = [n for n in names if "/graph/" in n and not n.endswith(("entities", "build", "links"))]
    assert len(per_doc) == 4


def test_the_graph_conforms_to_the_shapes(corpus):
    outcome = validate(build([corpus]).dataset)
    assert outcome.conforms, outcome.text


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_two_builds_are_byte_identical(corpus, tmp_path, suffix):
    """Same inputs, same bytes: also across processes with different hash seeds."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}{suffix}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "-q", "--no-validate"],
                       check=True, env=env, cwd=Path(__file__).resolve().parents[1])
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert load(tmp_path / f"g1{suffix}")  # and it reads back


def test_iris_do_not_depend_on_which_other_files_are_built(corpus, tmp_path):
    alone = build([corpus / "2023-06-13.txt"]).dataset
    together = build([corpus]).dataset
    meetings = lambda g: {m for m in g.subjects(RDF.type, MKG.Meeting) if g.value(m, MKG.date)}
    assert meetings(alone) <= meetings(together)
    people = lambda g: set(g.subjects(RDF.type, MKG.Person))
    assert {p for p in people(alone) if "okafor" in str(p)} == {p for p in people(together) if "okafor" in str(p)}


def test_bad_inputs_are_reported_and_the_rest_builds(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "copy-of-june.txt").write_text(PDFTOTEXT, encoding="utf-8")
    result = build([corpus])
    fate = {Path(o.path).name: (o.status, o.reason) for o in result.outcomes}
    assert fate["empty.txt"] == ("failed", "empty")
    assert fate["binary.txt"] == ("failed", "binary")
    assert fate["copy-of-june.txt"][0] == "duplicate" or fate["2023-06-13.txt"][0] == "duplicate"
    assert sum(1 for s, _ in fate.values() if s == "built") == 4
    messages = {Path(o.path).name: o.message for o in result.outcomes if o.status != "built"}
    assert all(messages.values())


def test_no_contact_details_reach_the_graph(corpus, tmp_path):
    (corpus / "contacts.txt").write_text(PACK.replace("01632 960123", "01632 960123\nEmail: amara.osei@northmoor.example"))
    out = save(build([corpus]).dataset, tmp_path / "g.nt")
    data = out.read_text()
    assert "960123" not in data
    assert not re.search(r"[\w.]+@[\w-]+\.[\w.]+", data)


def test_workers_give_the_same_graph(corpus, tmp_path):
    one = save(build([corpus], workers=1).dataset, tmp_path / "one.nq").read_bytes()
    two = save(build([corpus], workers=2).dataset, tmp_path / "two.nq").read_bytes()
    assert one == two


def _whose(k: int) -> tuple[int, int]:
    time.sleep(0.01)  # long enough that every process gets inputs
    return k, os.getpid()


def _fails_in_a_child(k: int) -> int:
    time.sleep(0.01)
    if os.getpid() != PARENT:
        raise ValueError(f"input {k} is bad")
    return k


def _dies_in_a_child(k: int) -> int:
    time.sleep(0.01)
    if os.getpid() != PARENT:
        os._exit(9)
    return k


PARENT = os.getpid()


def test_run_gives_results_in_order_made_by_this_process_and_the_children():
    from kg.build import _run

    results = list(_run(_whose, list(range(40)), 3, sizes=[k % 7 for k in range(40)], pipeline=False))
    assert [k for k, _ in results] == list(range(40))
    makers = {pid for _, pid in results}
    assert os.getpid() in makers and len(makers) >= 2  # the caller works too
    # a child hands back what `child_job` makes; the caller what `job` makes
    marked = list(_run(_whose, list(range(40)), 2, pipeline=False, child_job=lambda k: (k, -1)))
    assert [k for k, _ in marked] == list(range(40))
    assert {pid for _, pid in marked} <= {os.getpid(), -1}


def test_run_raises_what_a_child_raised_and_reports_a_child_that_died():
    from kg.build import _run

    with pytest.raises(ValueError, match=r"input \d+ is bad"):
        list(_run(_fails_in_a_child, list(range(40)), 2, pipeline=False))
    with pytest.raises(RuntimeError, match="stopped unexpectedly"):
        list(_run(_dies_in_a_child, list(range(40)), 2, pipeline=False))


def test_later_works_in_a_child_while_this_process_goes_on():
    from kg.build.parallel import Later

    later = Later(lambda: (time.sleep(0.05), os.getpid())[1])
    # a parallel run started meanwhile hands back every input (a counter shared with a child
    # that outlived its owner once skipped inputs here)
    assert [k for k, _ in _run_all(_whose, 40)] == list(range(40))
    assert later.result() not in (os.getpid(), None)
    assert Later(os.getpid, fork=False).result() == os.getpid()
    with pytest.raises(ValueError, match="no such thing"):
        Later(lambda: int("no such thing")).result()


def _run_all(job, n: int) -> list:
    from kg.build import _run

    return list(_run(job, list(range(n)), 2, pipeline=False))


def test_cache_reextracts_only_changed_documents(corpus, tmp_path, monkeypatch):
    from kg.build import extract as build_module

    cache = tmp_path / "cache"
    first = save(build([corpus], cache_dir=cache).dataset, tmp_path / "first.nq").read_bytes()
    calls = []
    real = build_module._mentions
    monkeypatch.setattr(build_module, "_mentions", lambda doc, meetings: calls.append(doc.file_name) or real(doc, meetings))
    again = save(build([corpus], cache_dir=cache).dataset, tmp_path / "again.nq").read_bytes()
    assert calls == [] and again == first
    changed = corpus / "2023-06-13.txt"
    changed.write_text(PDFTOTEXT.replace("Fostering Sufficiency.", "Fostering Sufficiency Plan."), encoding="utf-8")
    (corpus / "2024-03-12-web.txt").unlink()
    result = build([corpus], cache_dir=cache)
    assert calls == ["2023-06-13.txt"]
    g = result.dataset
    titles = {str(o) for o in g.objects(None, RDFS.label)}
    assert "Fostering Sufficiency Plan." in titles and "Fostering Sufficiency." not in titles
    assert not [m for m in g.subjects(RDF.type, MKG.Meeting) if g.value(m, MKG.date) is None]


def test_minutes_published_twice_make_one_meeting(tmp_path):
    src = tmp_path / "twice"
    src.mkdir()
    (src / "a-first.txt").write_text(PDFTOTEXT, encoding="utf-8")
    (src / "b-republished.txt").write_text(PDFTOTEXT.replace("Fostering Sufficiency.", "Fostering Sufficiency (corrected)."),
                                           encoding="utf-8")
    result = build([src])
    g = result.dataset
    meetings = set(g.subjects(RDF.type, MKG.Meeting))
    assert len(meetings) == 1
    [meeting] = meetings
    assert len(set(g.objects(meeting, PROV.wasDerivedFrom))) == 2
    for item in g.objects(meeting, MKG.item):
        assert len(set(g.objects(item, RDFS.label))) == 1
    assert "Fostering Sufficiency." in {str(g.value(i, RDFS.label)) for i in g.objects(meeting, MKG.item)}
    second = next(o for o in result.outcomes if o.path.endswith("b-republished.txt"))
    assert any("already read from a-first.txt" in w for w in second.warnings)
    assert validate(g).conforms


def test_two_reports_of_one_title_in_a_pack_are_two_nodes(tmp_path):
    """A pack may carry two reports with the same title for one meeting; each keeps its own
    node, figures and span (they once shared one IRI, and the graph did not conform)."""
    budget = PACK[PACK.index(" CHILDREN AND YOUNG PEOPLE SCRUTINY COMMITTEE: 16 JANUARY 2024"):]
    text = PACK.replace("1. To report the budget.", "1. To report the budget of £2.5m.") + \
        budget.replace("1. To report the budget.", "1. To report 40% of the budget.")
    (tmp_path / "pack.txt").write_text(text, encoding="utf-8")
    g = build([tmp_path]).dataset
    budgets = sorted(s for s in g.subjects(RDF.type, MKG.Report) if str(g.value(s, RDFS.label)) == "Budget Monitoring")
    assert len(budgets) == 2 and str(budgets[1]) == str(budgets[0]) + "-2"
    assert [len(set(g.objects(b, MKG.figure))) for b in budgets] == [1, 1]
    assert validate(g).conforms


def test_a_build_prunes_what_another_version_left_in_the_cache(corpus, tmp_path, monkeypatch):
    """An upgrade leaves the old version's entries behind; the next build removes them and
    the old people resolutions beyond the few latest, keeps its own entries and still
    serves the unchanged documents from them."""
    import kg.build as kb

    cache = tmp_path / "cache"
    monkeypatch.setattr(kb.cache, "_code_digest", lambda: "an older extractor")
    old = build([corpus], cache_dir=cache)
    old_entries = {p for p in cache.rglob("*.json") if p.parent.name != "identity"}
    assert old_entries and old.cache_pruned == 0
    for k in range(kb.KEEP_IDENTITIES + 3):  # resolutions of earlier batches, oldest first
        stale = cache / "identity" / f"{k:064x}.json"
        stale.write_bytes(b"stale")
        os.utime(stale, ns=(k * 10 ** 9, k * 10 ** 9))
    monkeypatch.undo()
    first = build([corpus], cache_dir=cache)
    # 11 stale resolutions, the older build's and this one's: the 5 least recently used go
    assert first.cache_pruned == len(old_entries) + 5
    assert not any(p.exists() for p in old_entries)
    version = kb.pipeline_version()
    kept = [p for p in cache.rglob("*.json") if p.parent.name != "identity"]
    assert kept and all(p.name.split("-")[1] == version for p in kept)
    identities = sorted(p.name for p in (cache / "identity").iterdir())
    assert len(identities) == kb.KEEP_IDENTITIES
    assert f"{0:064x}.json" not in identities and f"{kb.KEEP_IDENTITIES + 2:064x}.json" in identities
    calls = []
    real = kb._mentions
    monkeypatch.setattr(kb.extract, "_mentions", lambda doc, meetings: calls.append(doc.file_name) or real(doc, meetings))
    again = build([corpus], cache_dir=cache)
    assert calls == [] and again.cache_pruned == 0
    assert list(again.quads.lines()) == list(first.quads.lines())


def test_cache_key_follows_the_extraction_code_not_only_declared_versions(monkeypatch):
    """A rule changed without a version bump must not be served from the cache."""
    import kg.build as kb

    before = kb.pipeline_version()
    monkeypatch.setattr(kb.cache, "_code_digest", lambda: "a different segment.py")
    assert kb.pipeline_version() != before


@pytest.mark.parametrize("one, other, same", [
    ("Director of Children and Families Service", "Director of Children and Family Services", True),
    ("Head of Service, SEND & Inclusion", "Head of Service - SEND and Inclusion", True),
    ("Director of Children's Services", "Director of Childrens Services", True),
    ("Assistant Director, Education", "Director of Education", False),
    ("Director", "Assistant Director", False),
])
def test_spellings_of_one_post_are_one_node(one, other, same):
    from rdflib import Dataset

    from kg.build import _Builder

    b = _Builder()
    assert (b.post(one) == b.post(other)) is same
    assert b.post(one) == b.post(one)


def test_figures_are_found_once_per_document_and_kept_with_its_extraction(corpus, tmp_path, monkeypatch):
    """The figure search runs in the per-document stage (so in the workers, and served from
    the cache); assembling then finds none itself, and gives the graph it gave before."""
    from kg import decisions
    from kg.build import read_and_extract

    (corpus / "2024-01-16-pack.txt").write_text(
        PACK.replace("1. To report the budget.", "1. To report the budget of £2.5m, 40% of it on placements."),
        encoding="utf-8")
    first = save(build([corpus]).dataset, tmp_path / "first.nq").read_bytes()
    assert b"/figure/2>" in first
    pack = read_and_extract(corpus / "2024-01-16-pack.txt")
    assert {f.surface for found in pack.doc.figures.values() for f in found} == {"£2.5m", "40%"}
    calls = []
    real = decisions.find_figures
    monkeypatch.setattr(decisions, "find_figures", lambda *a: calls.append(a) or real(*a))
    cache = tmp_path / "cache"
    build([corpus], cache_dir=cache)
    calls.clear()
    again = save(build([corpus], cache_dir=cache).dataset, tmp_path / "again.nq").read_bytes()
    assert calls == [] and again == first


def test_the_built_dataset_hands_out_plain_graphs(corpus):
    """The builder writes through graphs that skip rdflib's term checks; the dataset it returns
    gives ordinary graphs, which check what a caller adds."""
    from rdflib import Graph

    ds = build([corpus]).dataset
    triple = next(iter(ds.triples((None, RDF.type, MKG.Meeting))))
    assert {type(g) for g in ds.graphs()} == {Graph}
    assert {type(g) for g in ds.graphs(triple)} == {Graph}
    with pytest.raises(AssertionError):
        next(iter(ds.graphs(triple))).add(("not a term", RDF.type, MKG.Meeting))


def _assembled(monkeypatch) -> list[str]:
    """The documents whose named graph is built (not served from the cache) from now on."""
    from kg import build as build_module

    calls: list[str] = []
    real = build_module._Builder.document
    monkeypatch.setattr(build_module._Builder, "document",
                        lambda self, doc, *rest: calls.append(doc.file_name) or real(self, doc, *rest))
    return calls


def test_cache_reassembles_only_the_changed_document(corpus, tmp_path, monkeypatch):
    """Each document's named graph is kept in the cache too: a rebuild after one change builds
    that one graph again, and writes what a fresh build writes."""
    cache = tmp_path / "cache"
    build([corpus], cache_dir=cache)
    calls = _assembled(monkeypatch)
    (corpus / "2023-09-19.md").write_text(MARKDOWN.replace("recruited this year", "recruited last year"), encoding="utf-8")
    again = build([corpus], cache_dir=cache).save(tmp_path / "again.nq").read_bytes()
    assert calls == ["2023-09-19.md"]
    assert again == build([corpus]).save(tmp_path / "fresh.nq").read_bytes()
    calls.clear()
    assert build([corpus], cache_dir=cache).save(tmp_path / "third.nq").read_bytes() == again
    assert calls == []


def test_a_cached_graph_is_rebuilt_when_the_batch_changes_what_it_depends_on(tmp_path, monkeypatch):
    """A document's graph depends on the batch in two ways: which document a meeting minuted
    twice takes its items from, and who its people are. Removing the first publication moves
    the items to the second; the rebuild equals a fresh build each time."""
    src = tmp_path / "twice"
    src.mkdir()
    (src / "a-first.txt").write_text(PDFTOTEXT, encoding="utf-8")
    (src / "b-republished.txt").write_text(PDFTOTEXT.replace("Fostering Sufficiency.", "Fostering Sufficiency (corrected)."),
                                           encoding="utf-8")
    cache = tmp_path / "cache"
    first = build([src], cache_dir=cache)
    assert "Fostering Sufficiency (corrected)." not in {str(o) for o in first.dataset.objects(None, RDFS.label)}
    calls = _assembled(monkeypatch)
    (src / "a-first.txt").unlink()
    again = build([src], cache_dir=cache)
    assert calls == ["b-republished.txt"]
    assert "Fostering Sufficiency (corrected)." in {str(o) for o in again.dataset.objects(None, RDFS.label)}
    assert again.save(tmp_path / "again.nq").read_bytes() == build([src]).save(tmp_path / "fresh.nq").read_bytes()
    assert not any("already read" in w for o in again.outcomes for w in o.warnings)


def test_a_cached_graph_follows_a_change_of_identity(corpus, tmp_path, monkeypatch):
    """A new document naming another member of a surname changes who "Mr Lindqvist" can be:
    the graphs that named him are built again, and the rebuild matches a fresh build."""
    cache = tmp_path / "cache"
    build([corpus], cache_dir=cache)
    calls = _assembled(monkeypatch)
    (corpus / "2023-10-17.md").write_text(
        MARKDOWN.replace("19 September 2023", "17 October 2023").replace("Mr T. Lindqvist", "Mr R. Lindqvist"),
        encoding="utf-8")
    again = build([corpus], cache_dir=cache).save(tmp_path / "again.nq").read_bytes()
    assert "2023-10-17.md" in calls
    assert again == build([corpus]).save(tmp_path / "fresh.nq").read_bytes()


@pytest.mark.parametrize("suffix", [".nq", ".nt", ".ttl", ".trig"])
def test_the_built_lines_and_the_dataset_write_the_same_file(corpus, tmp_path, suffix):
    """A build is written straight from its N-Quads lines, or from the rdflib Dataset made
    from them: the two files are the same, byte for byte."""
    result = build([corpus])
    direct = result.save(tmp_path / f"direct{suffix}").read_bytes()
    via = save(build([corpus]).dataset, tmp_path / f"via{suffix}").read_bytes()
    assert direct == via
    assert len(result.quads) == sum(1 for _ in result.dataset.quads((None, None, None, None)))
    assert result.quads.triple_count() == len(result.dataset)


def test_nquads_keep_each_documents_quads_together(corpus, tmp_path):
    lines = build([corpus]).save(tmp_path / "g.nq").read_text().splitlines()
    graphs = [line.rsplit(" ", 2)[1] for line in lines]
    assert graphs == sorted(graphs)
    assert len(set(graphs)) == 4 + 3  # one per document, the shared nodes, the links across them, the build


def test_a_build_is_validated_from_its_lines_as_from_its_dataset(corpus):
    """`kg build` validates the built lines without making the rdflib Dataset; the check is
    the same, down to each violation."""
    from kg.store import Quads

    result = build([corpus])
    bad = dict(result.quads.graphs)
    bad["<https://w3id.org/minutes-kg/id/graph/test>"] = (
        "<https://w3id.org/minutes-kg/id/meeting/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/minutes-kg/def#Meeting> <https://w3id.org/minutes-kg/id/graph/test> .\n").encode()
    lines, dataset = validate(Quads(bad)), validate(Quads(bad).dataset)
    assert not lines.conforms and lines.results == dataset.results
    assert validate(result.quads).conforms and result.quads._dataset is None


def test_a_graph_cached_without_entities_is_not_served_to_a_build_with_them(corpus, tmp_path):
    cache = tmp_path / "cache"
    mentions = lambda g: len(set(g.subjects(RDF.type, MKG.Mention)))
    without = mentions(build([corpus], cache_dir=cache, extract_entities=False).dataset)
    again = build([corpus], cache_dir=cache)
    assert mentions(again.dataset) > without
    assert again.save(tmp_path / "again.nq").read_bytes() == build([corpus]).save(tmp_path / "fresh.nq").read_bytes()


def test_post_iris_are_renamed_per_post_and_in_one_pass():
    """A document names its posts before the batch settles their IRIs. Its IRIs are renamed
    to the batch's in one pass (a → b and b → c give b and c, not c twice); when one IRI it
    wrote stands for two posts the batch names apart, it must be written again."""
    from types import SimpleNamespace

    from kg.build import _renamed_posts, _renamer
    from kg.namespace import ID

    a, b, c = ID["post/a"], ID["post/b"], ID["post/c"]
    forms = lambda iri: f"<{iri}>"
    f = SimpleNamespace(posts=[("k1", "A", a), ("k2", "B", b)])
    renamed = _renamed_posts(f, {"k1": ("B", b), "k2": ("C", c)}, forms)
    assert _renamer(renamed)(f"<{a}> <p> <{b}> <g> .") == f"<{b}> <p> <{c}> <g> ."
    assert _renamed_posts(f, {"k1": ("A", a), "k2": ("B", b)}, forms) == {}
    shared = SimpleNamespace(posts=[("k1", "A", a), ("k2", "A", a)])
    assert _renamed_posts(shared, {"k1": ("A", a), "k2": ("B", b)}, forms) is None


def test_a_broken_cache_entry_is_read_again(corpus, tmp_path):
    """The cache keeps a small summary beside each extraction; when the extraction itself is
    cut off or gone, the document is read again, not the build stopped."""
    cache = tmp_path / "cache"
    first = build([corpus], cache_dir=cache).save(tmp_path / "first.nq").read_bytes()
    for f in cache.rglob("*.graph.json"):
        f.unlink()
    extractions = [f for f in cache.rglob("*.json") if not f.name.endswith((".summary.json", ".graph.json"))
                   and f.parent.name != "identity"]
    extractions[0].write_bytes(extractions[0].read_bytes()[:100])
    extractions[1].unlink()
    assert build([corpus], cache_dir=cache).save(tmp_path / "again.nq").read_bytes() == first
