"""Decisions across meetings: resolution types, follow-ups and their fate, topics, figures,
`kg trace` and `kg followups`, on text written here and on the bundled examples."""
from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.build import build
from kg.cli import main
from kg.decisions import resolution_type, target_body
from kg.figures import find_figures
from kg.namespace import ID, MKG
from kg.store import save
from kg.topics import load_scheme
from kg.trace import find_subjects, follow_ups, trace
from kg.validate import validate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = build([EXAMPLES])
    out = save(result.dataset, tmp_path_factory.mktemp("ex") / "examples.ttl")
    return result.dataset, out


@pytest.fixture(scope="module")
def g(built):
    return built[0]


# ---------------------------------------------------------------- resolution types

@pytest.mark.parametrize("clause, kind", [
    ("That the report be noted.", "noted"),
    ("That the Committee notes the progress made by the service;", "noted"),
    ("That a further report be submitted to the Committee in twelve months' time.", "further-report-requested"),
    ("That the Head of Service be invited to attend a future meeting to discuss the review.",
     "further-report-requested"),
    ("That the Committee be updated on progress at its meeting in May 2025.", "update-requested"),
    ("That an update on waiting times be provided to members by email.", "update-requested"),
    ("That the comments now made be forwarded to the Cabinet for its meeting on 3 July.", "comments-forwarded"),
    ("That the Cabinet be recommended to adopt the revised Charging Policy.", "recommendation"),
    ("That the Terms of Reference of the Review Panel be approved.", "approval"),
    ("That Mr. T. Q. Example CC be elected Chairman of the Committee for the period ending May 2026.",
     "appointment"),
    ("That the next meeting of the Committee be held on 4 March 2025 at 2.00pm.", "next-meeting-date"),
    ("That the minutes of the meeting held on 2 June be taken as read, confirmed and signed.",
     "minutes-confirmed"),
    ("That the press and public be excluded for the following item.", "other"),
])
def test_resolution_types(clause, kind):
    assert resolution_type(clause) == kind


# The shapes of the clauses in the seeds and the development set, in invented words: each row
# a wording a council writes and the type a reader gives it.
CLAUSE_SHAPES = [
    # the committee's comments go to another body, however the clause says it
    ("That the Cabinet be advised of the comments made by the Panel.", "comments-forwarded"),
    ("That the Lead Member for Parks be advised of the views expressed by the Committee;", "comments-forwarded"),
    ("That the Executive be informed of the observations of the Commission on the draft plan.", "comments-forwarded"),
    ("That the Cabinet Member be made aware of the concerns raised by members about the depot.", "comments-forwarded"),
    ("That the Committee's concerns be drawn to the attention of the Harbour Board.", "comments-forwarded"),
    ("That the comments now made be passed to the Fenwater Scrutiny Commission for consideration.",
     "comments-forwarded"),
    # the committee asks to hear more, short of a report
    ("That the Committee be advised of the outcome of the consultation on bus passes.", "update-requested"),
    ("That members be kept informed of progress with the new depot.", "update-requested"),
    ("That the Panel receive an update on the allotment waiting list in the spring.", "update-requested"),
    # minutes, in the words councils use for them
    ("that the minutes of the meeting held on 3 May 2024 were a correct record of the meeting.", "minutes-confirmed"),
    ("The minutes of the last meeting were agreed as a true record and signed by the Chair.", "minutes-confirmed"),
    # a numbered clause that opens with its verb, and a planning list's one-word answers
    ("Endorsed the revised plans at Appendices B and C.", "approval"),
    ("Noted the report on the harbour wall repairs.", "noted"),
    ("Approved.", "approval"),
    ("All approved for payment.", "approval"),
    ("Erection of a garden room – Rose Cottage, Millbrook Lane. Supported.", "approval"),
    ("PL/24/0101 – Garage at Fern House – approval recommended subject to comments and conditions as these had "
     "to be submitted by 3rd May.", "recommendation"),
    ("That the press and public be excluded from the meeting for the following item of business.", "other"),
]


@pytest.mark.parametrize("clause, kind", CLAUSE_SHAPES)
def test_clause_shapes_of_the_seeds_and_development_set(clause, kind):
    assert resolution_type(clause) == kind


def test_every_resolution_of_the_examples_has_one_type_from_the_scheme(g):
    scheme = {s for s in g.subjects(SKOS.inScheme, ID["resolution-type"])}
    resolutions = set(g.subjects(RDF.type, MKG.Resolution))
    assert resolutions
    for r in resolutions:
        types = list(g.objects(r, MKG.resolutionType))
        assert len(types) == 1 and types[0] in scheme, r
        assert g.value(types[0], RDFS.label) is not None


def _resolution_types_of(g, day: str, minute: str) -> set[str]:
    [m] = [m for m in g.subjects(MKG.date, Literal(day, datatype=XSD.date))]
    [i] = [i for i in g.objects(m, MKG.item) if str(g.value(i, MKG.minuteNumber)) == minute]
    return {str(t).rsplit("/", 1)[-1] for r in g.objects(i, MKG.resolved) for t in g.objects(r, MKG.resolutionType)}


@pytest.mark.parametrize("day, minute, kinds", [
    ("2023-06-13", "8", {"noted", "further-report-requested", "comments-forwarded"}),
    ("2023-09-19", "20", {"noted", "recommendation"}),
    ("2023-11-14", "32", {"approval"}),
    ("2024-06-18", "1", {"appointment"}),
])
def test_resolution_types_in_the_examples_match_their_readme(g, day, minute, kinds):
    assert _resolution_types_of(g, day, minute) == kinds


# ---------------------------------------------------------------- follow-ups

def test_target_body():
    assert target_body("That the comments be forwarded to the Cabinet.") == "Cabinet"
    assert target_body("be invited to attend a future meeting of the Children's Social Care Panel") == \
        "Children's Social Care Panel"
    assert target_body("That a further report be presented in six months.") is None


def _follow_up_of(g, day: str, minute: str):
    [m] = [m for m in g.subjects(MKG.date, Literal(day, datatype=XSD.date))]
    [i] = [i for i in g.objects(m, MKG.item) if str(g.value(i, MKG.minuteNumber)) == minute]
    [f] = list(g.objects(i, MKG.followUp))
    return f


def test_fu1_exact_date_fulfilled_by_the_report_in_the_next_agenda_pack(g):
    f = _follow_up_of(g, "2023-06-13", "8")
    assert g.value(f, MKG.dueDate) == Literal("2024-01-16", datatype=XSD.date)
    assert str(g.value(f, MKG.dueDatePrecision)) == "day"
    by = g.value(f, MKG.fulfilledBy)
    assert (by, RDF.type, MKG.Report) in g
    assert str(g.value(by, RDFS.label)).lower().startswith("fostering sufficiency update")
    assert str(g.value(g.value(by, MKG.forMeeting), MKG.date)) == "2024-01-16"
    assert str(g.value(f, MKG.status)) == "fulfilled"
    assert "cites minute 8 of 13 June 2023" in str(g.value(f, MKG.fulfilmentReason))
    assert float(g.value(f, MKG.fulfilmentConfidence)) >= 0.9


def test_fu2_month_never_answered_is_overdue(g):
    f = _follow_up_of(g, "2023-09-19", "19")
    assert g.value(f, MKG.dueDate) == Literal("2024-03", datatype=XSD.gYearMonth)
    assert str(g.value(f, MKG.dueDatePrecision)) == "month"
    assert g.value(f, MKG.fulfilledBy) is None
    assert str(g.value(f, MKG.status)) == "overdue"


def test_fu3_no_date_never_answered_stays_open(g):
    f = _follow_up_of(g, "2023-09-19", "21")
    assert g.value(f, MKG.dueDate) is None
    assert g.value(f, MKG.fulfilledBy) is None
    assert str(g.value(f, MKG.status)) == "open"


def test_fu4_relative_date_answered_late(g):
    f = _follow_up_of(g, "2023-11-14", "31")
    assert g.value(f, MKG.dueDate) == Literal("2024-05-14", datatype=XSD.date)
    assert str(g.value(f, MKG.dueDatePrecision)) == "relative"
    by = g.value(f, MKG.fulfilledBy)
    assert str(g.value(by, MKG.minuteNumber)) == "9"
    assert str(g.value(f, MKG.status)) == "fulfilled"
    assert "after its due date" in str(g.value(f, MKG.fulfilmentReason))


def test_every_follow_up_has_a_status_and_its_committee_as_target(g):
    for f in g.subjects(RDF.type, MKG.FollowUp):
        assert str(g.value(f, MKG.status)) in {"open", "fulfilled", "overdue"}
        assert (g.value(f, MKG.targetBody), RDF.type, MKG.Committee) in g


def test_followups_command_counts_and_as_of(built):
    _, out = built
    r = CliRunner().invoke(main, ["followups", str(out), "-f", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["as_of"] == "2024-06-18"
    assert sorted(f["status"] for f in data["follow_ups"]) == ["fulfilled", "fulfilled", "open", "overdue"]
    # on 1 January 2024 nothing had come back yet and nothing was due
    r = CliRunner().invoke(main, ["followups", str(out), "--as-of", "2024-01-01", "-f", "json"])
    assert {f["status"] for f in json.loads(r.output)["follow_ups"]} == {"open"}
    r = CliRunner().invoke(main, ["followups", str(out), "--status", "overdue"])
    assert r.exit_code == 0 and "1 follow-ups" in r.output and "timeliness of EHC" in r.output
    assert "open" not in r.output.split("\n", 2)[2]


def test_follow_up_status_as_of_a_later_day(built):
    _, out = built
    rows, when = follow_ups(out, date(2025, 1, 1))
    assert when == date(2025, 1, 1)
    assert {r.minute: r.status for r in rows} == {"8": "fulfilled", "19": "overdue", "21": "open", "31": "fulfilled"}


# ---------------------------------------------------------------- topics

def test_topic_matching_rules_on_own_text():
    scheme = load_scheme()
    found = {str(t).rsplit("/", 1)[-1] for t, *_ in scheme.find(
        "Members asked how many EHCPs were late. Officers would send the figures. "
        "UNACCOMPANIED ASYLUM-SEEKING CHILDREN placed out of county")}
    assert "send" in found          # EHCPs, written as the minutes write it
    assert "uasc" in found          # a multi-word label whatever its case
    assert [h for h in scheme.find("Officers would send the figures")] == []  # the verb is not SEND


def test_items_get_weighted_topics_with_evidence_and_span(g):
    [m] = list(g.subjects(MKG.date, Literal("2023-11-14", datatype=XSD.date)))
    [i] = [i for i in g.objects(m, MKG.item) if str(g.value(i, MKG.minuteNumber)) == "30"]
    ofsted = ID["topic/ofsted-inspection"]
    assert (i, MKG.topic, ofsted) in g
    [ta] = [ta for ta in g.objects(i, MKG.topicAssignment) if g.value(ta, MKG.topic) == ofsted]
    assert float(g.value(ta, MKG.weight)) == 1.0
    assert "Ofsted" in str(g.value(ta, MKG.evidence))
    assert g.value(ta, MKG.span) is not None
    assert str(g.value(ofsted, RDFS.label)) == "Ofsted inspection"
    assert (ofsted, RDF.type, MKG.Topic) in g


def test_a_user_topic_file_replaces_the_scheme(tmp_path):
    scheme = tmp_path / "my-topics.ttl"
    scheme.write_text("""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/topic/reoffending> a skos:Concept ; skos:prefLabel "Reoffending"@en ;
    skos:altLabel "reoffending pilot"@en, "first time entrants"@en .
""")
    out = tmp_path / "g.ttl"
    r = CliRunner().invoke(main, ["build", str(EXAMPLES), "-o", str(out), "-q", "--no-cache", "--topics", str(scheme)])
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "https://example.org/topic/reoffending" in text
    assert "ofsted-inspection" not in text
    r = CliRunner().invoke(main, ["trace", str(out), "Reoffending"])
    assert r.exit_code == 0 and "Youth Justice Service Annual Plan" in r.output


# ---------------------------------------------------------------- figures

def test_figures_from_own_text():
    text = ("The net budget of £330.9m included savings of £798,000. There were 622 looked after "
            "children on 31 March 2021, and 12 per cent of referrals were repeats; minute 14 refers. "
            "The 2019 review, paragraph 7 and Standing Order 36 are not figures, nor is 10.30am.")
    found = {(f.surface, f.unit): f for f in find_figures(text, offset=100)}
    assert set(found) == {("£330.9m", "GBP"), ("£798,000", "GBP"), ("622", "count"), ("12 per cent", "percent")}
    assert found[("£330.9m", "GBP")].value == Decimal("330900000")
    assert found[("£330.9m", "GBP")].counts == "net budget"
    assert found[("622", "count")].counts == "looked after children"
    assert found[("12 per cent", "percent")].counts == "referrals"
    f = found[("£798,000", "GBP")]
    assert text[f.span.start - 100:f.span.end - 100] == "£798,000"
    assert f.sentence.startswith("The net budget")


def test_figures_in_the_examples_are_nodes_with_value_unit_sentence(g):
    figures = {(str(g.value(f, RDFS.label)), g.value(f, MKG.value).toPython(), str(g.value(f, MKG.unit)))
               for f in g.subjects(RDF.type, MKG.Figure)}
    assert ("£118.6m", Decimal("118600000"), "GBP") in figures
    assert ("412 children", Decimal("412"), "count") in figures
    assert any(label == "12%" and unit == "percent" for label, _, unit in figures)
    for f in g.subjects(RDF.type, MKG.Figure):
        owner = next(g.subjects(MKG.figure, f))
        assert (owner, RDF.type, MKG.AgendaItem) in g or (owner, RDF.type, MKG.Report) in g
        assert g.value(f, MKG.sentence) and g.value(f, MKG.span)


def test_a_figure_is_on_the_topics_its_sentence_names(g):
    scheme = load_scheme()
    children_in_care = next(t for t in g.subjects(RDF.type, MKG.Topic)
                            if str(g.value(t, RDFS.label)).lower() == "children in care")
    on_topic = off_topic = 0
    for f in g.subjects(RDF.type, MKG.Figure):
        sentence = str(g.value(f, MKG.sentence))
        named = {hit[0] for hit in scheme.find(sentence)}
        assert set(g.objects(f, MKG.topic)) == named
        on_topic += children_in_care in named
        off_topic += not named
    assert on_topic and off_topic  # both kinds are in the examples
    # one the examples' README traces: "412 children in care"
    f412 = next(f for f in g.subjects(RDF.type, MKG.Figure) if str(g.value(f, RDFS.label)) == "412 children")
    assert children_in_care in set(g.objects(f412, MKG.topic))


# ---------------------------------------------------------------- trace

def test_trace_ofsted_in_the_examples_is_in_date_order_undated_last(built):
    _, out = built
    subjects, rows = trace(out, "Ofsted")
    assert {s.kind for s in subjects} == {"topic", "organisation"}
    dates = [r.date for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[-1] is None
    items = [(r.date, r.minute) for r in rows if r.kind == "item"]
    assert ("2023-11-14", "30") in items
    for r in rows:
        assert r.file and r.start is not None and r.end > r.start


def test_trace_command_html_escapes_and_links_sources(built, tmp_path):
    _, out = built
    page = tmp_path / "trace.html"
    r = CliRunner().invoke(main, ["trace", str(out), "Brightpath", "--html", str(page), "--sources", str(EXAMPLES)])
    assert r.exit_code == 0, r.output
    assert "Brightpath Families Trust (organisation)" in r.output
    html = page.read_text()
    assert "<script" not in html
    assert 'href="' in html and "2023-06-13_minutes.txt" in html
    assert "<blockquote>" in html  # the source words are quoted
    r = CliRunner().invoke(main, ["trace", str(out), "no such thing at all"])
    assert r.exit_code != 0 and "nothing in" in r.output


def test_trace_html_escapes_document_text():
    from kg.trace import Subject, TraceRow, timeline_html

    row = TraceRow("2024-01-01", "<b>Committee</b>", "item", "1", "<script>alert(1)</script>", "names x",
                   "a.txt", 0, 5, "https://example.org/i")
    page = timeline_html([Subject("https://example.org/s", "<img src=x>", "topic")], [row], "<x>")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "<b>" not in page


def test_find_subjects_prefers_exact_labels(g):
    exact = find_subjects(g, "fostering")
    assert [(s.kind, s.label) for s in exact] == [("topic", "Fostering")]
    assert "service" in {s.kind for s in find_subjects(g, "Fostering Serv")}
    loose = find_subjects(g, "Brightpath")
    assert [s.label for s in loose] == ["Brightpath Families Trust"]


def test_trace_ofsted_on_the_seeds(seeds_dir, tmp_path):
    out = tmp_path / "seeds.ttl"
    save(build([seeds_dir]).dataset, out)
    _, rows = trace(out, "Ofsted")
    items = [r for r in rows if r.kind in ("item", "report")]
    dated = [r.date for r in items if r.date]
    assert dated == sorted(dated)
    months = [d[:7] for d in dated]
    # the March 2019 minutes and June 2019 reports (003), the January 2020 inspection (001),
    # June 2020 (002), November 2020 (000)
    for month in ("2019-03", "2019-06", "2020-01", "2020-06", "2020-11"):
        assert month in months, month
    assert any(r.date == "2020-01-21" and "Ofsted Inspection" in r.text for r in items)
    assert any(r.date == "2019-06-04" and r.kind == "report" and "Ofsted" in r.text for r in items)


# ---------------------------------------------------------------- the graph stays valid

def test_decision_shapes_are_enforced(g):
    from rdflib import Dataset

    assert validate(g).conforms
    bad = Dataset(default_union=True)
    for t in g.triples((None, None, None)):
        bad.add(t)
    f = next(g.subjects(RDF.type, MKG.Figure))
    bad.remove((f, MKG.unit, None))
    bad.add((f, MKG.unit, Literal("furlongs")))
    r = next(g.subjects(RDF.type, MKG.Resolution))
    bad.remove((r, MKG.resolutionType, None))
    outcome = validate(bad)
    assert not outcome.conforms
    assert re.search(r"unit", outcome.text) and re.search(r"resolutionType", outcome.text)


MINUTES_OF_16_JANUARY = """Minutes of a meeting of the Children and Young People Scrutiny Committee held at County
Hall, Eastbridge on Tuesday, 16 January 2024.
PRESENT
Mrs. P. A. Okafor CC (in the Chair)
Ms. J. Adeyemi CC

34.

Minutes.
The minutes of the meeting held on 14 November 2023 were taken as read, confirmed and
signed.

35.

Fostering Sufficiency Update.
The Committee considered a report of the Director of Children's Services on progress with the
Fostering Sufficiency Strategy. A copy of the report marked 'Agenda Item 8' is filed with
these minutes.
RESOLVED:
That the report be noted.

36.

Date of next meeting.
It was noted that the next meeting of the Committee would be held on 12 March 2024 at 10.00am.
"""


def test_a_pack_and_the_minutes_of_its_meeting_make_one_meeting(tmp_path):
    """The agenda pack's reports for 16 January 2024 and the minutes of that meeting, given as
    two documents: one meeting, and the minuted item considered the pack's report."""
    (tmp_path / "pack.txt").write_bytes((EXAMPLES / "2024-01-16_agenda-pack.txt").read_bytes())
    (tmp_path / "minutes-2024-01-16.txt").write_text(MINUTES_OF_16_JANUARY, encoding="utf-8")
    g = build([tmp_path]).dataset
    meetings = set(g.subjects(MKG.date, Literal("2024-01-16", datatype=XSD.date)))
    assert len(meetings) == 1
    [m] = meetings
    reports = [(str(g.value(r, RDFS.label)).lower(), r) for r in g.subjects(MKG.forMeeting, m)]
    pack_report = next(r for label, r in reports if label.startswith("fostering sufficiency update")
                       and "/item/" not in str(r))
    [item] = [i for i in g.objects(m, MKG.item) if str(g.value(i, MKG.minuteNumber)) == "35"]
    assert (item, MKG.considered, pack_report) in g
    # the follow-up of 13 June 2023 is not in this batch; nothing else asked for it
    assert not list(g.subjects(MKG.fulfilledBy, item))


def test_a_label_matched_through_a_long_s_is_its_topic_not_a_crash():
    """"ſ" matches "s" when case is ignored but is no label's lower case: the label is found by
    its case fold (before, a KeyError failed the whole document)."""
    scheme = load_scheme()
    plain = scheme.find("Pupils taking A levels this year")
    odd = scheme.find("Pupils taking A levelſ this year")
    assert plain and [(t, s, e) for t, s, e, _ in odd] == [(t, s, e) for t, s, e, _ in plain]
