"""kg.analyse on a small fictional graph written here in build.py's shapes (no build needed)."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg import analyse as A

MKG = Namespace("https://w3id.org/minutes-kg/def#")
OA = Namespace("http://www.w3.org/ns/oa#")
ID = Namespace("https://w3id.org/minutes-kg/id/")

ALICE, BOB, CAROL, EVE, DAN = (ID[f"person/{n}"] for n in ("alice", "bob", "carol", "eve", "dan"))
OFSTED, NHS = ID["org/ofsted"], ID["org/nhs-trust"]
FOSTERING_SERVICE = ID["service/fostering-service"]
DIRECTOR = ID["post/director-of-children-s-services"]
SEND, FOSTERING = ID["topic/send"], ID["topic/fostering"]
COMMITTEE = ID["committee/children"]
M1, M2, M3 = (ID[f"meeting/children/{d}"] for d in ("2020-01-10", "2020-06-05", "2021-02-01"))
M4 = ID["meeting/undated/abc-0"]
SCRIPT = "<script>alert(1)</script>"


def sample_graph() -> Dataset:
    """Three dated meetings of one committee and one undated meeting, with attendance,
    a post and its holder, items mentioning partners, services and people, and topics."""
    ds = Dataset(default_union=True)
    shared = ds.graph(ID["graph/entities"])
    doc = ID["doc/abc"]
    g = ds.graph(ID["graph/abc"])
    for iri, cls, label in [
        (ALICE, MKG.Person, "Cllr Alice Archer"), (BOB, MKG.Person, "Cllr Bob Baker"),
        (CAROL, MKG.Person, "Cllr Carol Cole"), (EVE, MKG.Person, SCRIPT), (DAN, MKG.Person, "Dan Dale"),
        (OFSTED, MKG.Organisation, "Ofsted"), (NHS, MKG.Organisation, "Fictional NHS Trust"),
        (FOSTERING_SERVICE, MKG.Service, "Fostering Service"),
        (DIRECTOR, MKG.Post, "Director of Children's Services"),
        (COMMITTEE, MKG.Committee, "Children Committee"),
    ]:
        shared.add((iri, RDF.type, cls))
        shared.add((iri, RDFS.label, Literal(label)))
    for iri, label in [(SEND, "SEND"), (FOSTERING, "Fostering")]:
        shared.add((iri, RDF.type, SKOS.Concept))
        shared.add((iri, SKOS.prefLabel, Literal(label)))
    g.add((DIRECTOR, MKG.heldBy, DAN))

    def meeting(m, day, label, present=(), chair=None, attendance=(), apologies=()):
        g.add((m, RDF.type, MKG.Meeting))
        g.add((m, RDFS.label, Literal(label)))
        if day:
            g.add((m, MKG.date, Literal(day, datatype=XSD.date)))
            g.add((m, MKG.committee, COMMITTEE))
        for p in present:
            g.add((m, MKG.present, p))
        if chair:
            g.add((m, MKG.chair, chair))
        for p in attendance:
            g.add((m, MKG.inAttendance, p))
        for p in apologies:
            g.add((m, MKG.apology, p))

    meeting(M1, "2020-01-10", "Children Committee 10 January 2020", [ALICE, BOB], ALICE, [DAN])
    meeting(M2, "2020-06-05", "Children Committee 5 June 2020", [ALICE, BOB, CAROL])
    meeting(M3, "2021-02-01", "Children Committee 1 February 2021", [ALICE, CAROL, EVE], apologies=[BOB])
    meeting(M4, None, "Meeting (undated)", [DAN])

    offset = [0]

    def item(m, n, title, mentions=(), topics=()):
        i = URIRef(f"{m}/item/{n}")
        g.add((i, RDF.type, MKG.AgendaItem))
        g.add((m, MKG.item, i))
        g.add((i, RDFS.label, Literal(title)))
        g.add((i, MKG.minuteNumber, Literal(str(n))))
        for target, surface in mentions:
            g.add((i, MKG.mentions, target))
            start = offset[0]
            offset[0] += 100
            mi = ID[f"mention/abc/{start}-{start + len(surface)}"]
            span = ID[f"span/abc/{start}-{start + len(surface)}"]
            g.add((mi, RDF.type, MKG.Mention))
            g.add((i, MKG.mention, mi))
            g.add((mi, MKG.refersTo, target))
            g.add((mi, MKG.surfaceForm, Literal(surface)))
            g.add((mi, MKG.span, span))
            g.add((span, RDF.type, OA.TextPositionSelector))
            g.add((span, OA.start, Literal(start)))
            g.add((span, OA.end, Literal(start + len(surface))))
            g.add((span, MKG.inDocument, doc))
        for t in topics:
            g.add((i, MKG.topic, t))
        return i

    item(M1, 1, "Ofsted inspection of SEND", [(OFSTED, "OFSTED")], [SEND])
    i2 = item(M2, 10, "SEND and health", [(NHS, "the NHS Trust"), (FOSTERING_SERVICE, "fostering team")], [SEND])
    report = URIRef(f"{i2}/report")
    g.add((report, RDF.type, MKG.Report))
    g.add((report, RDFS.label, Literal("Report of the Director")))
    g.add((report, MKG.forMeeting, M2))
    g.add((i2, MKG.considered, report))
    g.add((report, MKG.mentions, DAN))
    item(M3, 3, "Fostering update", [(OFSTED, "Ofsted"), (EVE, "Eve")], [FOSTERING])
    item(M4, 1, "Notes", [(NHS, "NHS")])
    return ds


@pytest.fixture
def graph():
    return sample_graph()


def test_typed_graph_has_kinds_labels_and_provenance(graph):
    g = A.to_networkx(graph)
    kinds = {n: k for n, k in g.nodes(data="kind")}
    assert kinds[str(M1)] == "meeting" and kinds[str(ALICE)] == "person" and kinds[str(OFSTED)] == "organisation"
    assert kinds[str(SEND)] == "topic" and kinds[str(DIRECTOR)] == "post" and kinds[str(f"{M1}/item/1")] == "item"
    assert g.nodes[str(SEND)]["label"] == "SEND"
    assert g.nodes[str(M1)]["date"] == "2020-01-10"
    edge = g.get_edge_data(f"{M1}/item/1", str(OFSTED))["mentions"]
    assert edge["quote"] == "OFSTED" and edge["meeting"] == "Children Committee 10 January 2020"
    assert edge["date"] == "2020-01-10"
    assert g.has_edge(str(DIRECTOR), str(DAN), "held by")
    assert g.has_edge(str(M1), str(ALICE), "chair") and g.has_edge(str(M1), str(DAN), "in attendance")
    assert g.has_edge(str(M3), str(BOB), "apology")
    assert g.has_edge(f"{M2}/item/10", f"{M2}/item/10/report", "considered")


def test_collapse_hangs_mentions_on_meetings(graph):
    g = A.to_networkx(graph, collapse=True)
    assert not any(k in ("item", "report") for _, k in g.nodes(data="kind"))
    e = g.get_edge_data(str(M2), str(NHS))["mentions"]
    assert e["quote"] == "SEND and health: the NHS Trust"
    assert g.has_edge(str(M2), str(DAN), "mentions")  # via the report considered under the item
    assert g.has_edge(str(M1), str(SEND), "topic")


def test_date_filters(graph):
    g = A.to_networkx(graph, collapse=True, date_from="2020-06-01")
    assert str(M1) not in g and str(M4) not in g and str(M2) in g and str(M3) in g
    assert str(OFSTED) in g and not g.has_edge(str(M1), str(OFSTED))
    g = A.to_networkx(graph, collapse=True, date_to="2020-12-31")
    assert set(n for n, k in g.nodes(data="kind") if k == "meeting") == {str(M1), str(M2)}
    assert str(EVE) not in g
    with pytest.raises(A.ExploreError, match="YYYY-MM-DD"):
        A.to_networkx(graph, date_from="last year")


def test_topic_filter(graph):
    g = A.to_networkx(graph, collapse=True, topic="foster")
    assert {n for n, k in g.nodes(data="kind") if k == "meeting"} == {str(M3)}
    assert str(OFSTED) in g and str(NHS) not in g
    with pytest.raises(A.ExploreError, match="Topics: Fostering, SEND"):
        A.to_networkx(graph, topic="planning")


def test_types_filter_bridges_through_meetings(graph):
    g = A.to_networkx(graph, collapse=True, types="person,organisation")
    assert {k for _, k in g.nodes(data="kind")} == {"person", "organisation"}
    assert g.has_edge(str(ALICE), str(BOB), "same meeting") or g.has_edge(str(BOB), str(ALICE), "same meeting")
    e = g.get_edge_data(str(ALICE), str(BOB))["same meeting"]
    assert e["weight"] == 2
    with pytest.raises(A.ExploreError, match="unknown node type"):
        A.to_networkx(graph, types="people,planets")


def test_ego_and_find_node(graph):
    g = A.to_networkx(graph, collapse=True)
    node = A.find_node(g, "carol")
    assert node == str(CAROL)
    assert A.find_node(g, str(OFSTED)) == str(OFSTED)
    sub = A.ego(g, node, 1)
    assert set(sub) == {str(CAROL), str(M2), str(M3)}
    assert str(OFSTED) in A.ego(g, node, 2)
    with pytest.raises(A.ExploreError, match="matches 3 nodes"):
        A.find_node(g, "cllr")
    with pytest.raises(A.ExploreError, match="nothing in the graph"):
        A.find_node(g, "Zebedee")


def test_co_attendance_weights(graph):
    co = A.co_attendance(A.to_networkx(graph))
    assert co[str(ALICE)][str(BOB)]["weight"] == 2
    assert co[str(ALICE)][str(CAROL)]["weight"] == 2
    assert co[str(BOB)][str(CAROL)]["weight"] == 1
    assert co[str(CAROL)][str(EVE)]["weight"] == 1
    assert not co[str(DAN)]  # "in attendance" is not membership; at M4 he was the only one present


def test_topic_and_partner_projections(graph):
    full = A.to_networkx(graph)
    mt = A.member_topic(full)
    assert mt[str(ALICE)][str(SEND)]["weight"] == 2 and mt[str(CAROL)][str(SEND)]["weight"] == 1
    assert mt[str(EVE)][str(FOSTERING)]["weight"] == 1
    pt = A.partner_topic(full)
    assert set(pt.edges()) == {(str(OFSTED), str(SEND)), (str(OFSTED), str(FOSTERING)), (str(NHS), str(SEND))} or \
        {frozenset(e) for e in pt.edges()} == {frozenset((str(OFSTED), str(SEND))), frozenset((str(OFSTED), str(FOSTERING))),
                                               frozenset((str(NHS), str(SEND)))}
    pm = A.partner_meeting(full)
    assert {frozenset(e) for e in pm.edges()} == {frozenset((str(OFSTED), str(M1))), frozenset((str(OFSTED), str(M3))),
                                                  frozenset((str(NHS), str(M2))), frozenset((str(NHS), str(M4)))}


def test_attendance_rates(graph):
    rows = {r["person"]: r for r in A.attendance_rates(graph)}
    assert rows["Cllr Alice Archer"]["rate"] == 1.0 and rows["Cllr Alice Archer"]["meetings_held"] == 3
    bob = rows["Cllr Bob Baker"]
    assert (bob["present"], bob["apologies"], bob["meetings_held"], bob["rate"]) == (2, 1, 3, 0.6667)
    carol = rows["Cllr Carol Cole"]
    assert (carol["present"], carol["meetings_held"], carol["first"]) == (2, 2, "2020-06-05")
    assert "Dan Dale" in rows and rows["Dan Dale"]["committee"] == ""  # the undated, unnamed meeting


def test_attendance_rates_leave_out_meetings_without_an_attendance_list(graph):
    """A meeting known only from its agenda (no one listed present or with apologies) is
    unknown for everyone, never an absence: the rate is over the meetings whose attendance
    is recorded, and the row says how many were left out."""
    g = graph.graph(ID["graph/abc"])
    agenda_only = ID["meeting/children/2020-09-01"]
    g.add((agenda_only, RDF.type, MKG.Meeting))
    g.add((agenda_only, RDFS.label, Literal("Children Committee 1 September 2020")))
    g.add((agenda_only, MKG.date, Literal("2020-09-01", datatype=XSD.date)))
    g.add((agenda_only, MKG.committee, COMMITTEE))
    rows = {r["person"]: r for r in A.attendance_rates(graph)}
    alice = rows["Cllr Alice Archer"]
    assert (alice["present"], alice["meetings_held"], alice["absent_without_apology"], alice["rate"]) == (3, 3, 0, 1.0)
    assert alice["meetings_unrecorded"] == 1
    bob = rows["Cllr Bob Baker"]
    assert (bob["present"], bob["apologies"], bob["meetings_held"], bob["meetings_unrecorded"]) == (2, 1, 3, 1)
    carol = rows["Cllr Carol Cole"]  # listed from June 2020 to February 2021: the September meeting is in her span
    assert (carol["meetings_held"], carol["meetings_unrecorded"]) == (2, 1)
    assert rows["Dan Dale"]["meetings_unrecorded"] == 0


def test_partners_over_time(graph):
    out = A.partners_over_time(graph)
    per_year = {(r["organisation"], r["year"]): r["mentions"] for r in out["per_year"]}
    assert per_year == {("Ofsted", "2020"): 1, ("Ofsted", "2021"): 1, ("Fictional NHS Trust", "2020"): 1,
                        ("Fictional NHS Trust", "undated"): 1}
    assert [r["date"] for r in out["per_meeting"] if r["organisation"] == "Ofsted"] == ["2020-01-10", "2021-02-01"]


def test_centralities_and_communities(graph):
    co = A.co_attendance(A.to_networkx(graph))
    cent = A.centralities(co)
    assert cent[str(ALICE)]["degree"] == max(c["degree"] for c in cent.values()) == 0.75  # Dan sits alone
    assert cent[str(ALICE)]["eigenvector"] >= cent[str(EVE)]["eigenvector"]
    groups = A.communities(co)
    assert sorted(v for c in groups for v in c) == sorted(co)


def test_eigenvector_fallback(monkeypatch):
    def fail(*args, **kwargs):
        raise nx.PowerIterationFailedConvergence(1)

    monkeypatch.setattr(nx, "eigenvector_centrality", fail)
    cent = A.centralities(nx.path_graph(4))
    assert cent[1]["eigenvector"] == cent[1]["degree"]
    assert cent[1]["eigenvector_method"].startswith("degree")


def test_analyse_is_json_and_deterministic(graph):
    first = json.dumps(A.analyse(graph), sort_keys=False)
    second = json.dumps(A.analyse(sample_graph()), sort_keys=False)
    assert first == second
    result = json.loads(first)
    assert result["summary"]["meetings"] == 4
    assert result["member_topic"][0]["weight"] == 2
    assert {"attendance", "co_attendance", "partners_per_year", "member_communities"} <= set(result)
