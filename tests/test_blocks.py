"""A document's layout as blocks (`kg.ingest.blocks`): every format gives headings, paragraphs,
list items, table rows and furniture over whole lines of `Document.text`, and the segmenter
reads items from them. Councils, committees and people are invented (Riverside Borough,
Marshfield District)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import Block, read_bytes, read_document
from kg.ingest.text import text_blocks
from kg.segment import segment


def _check_spans(doc) -> None:
    """Blocks are in text order, do not overlap, and each covers the words it claims."""
    last = 0
    for b in doc.blocks:
        assert isinstance(b, Block)
        assert last <= b.start < b.end <= len(doc.text)
        assert doc.text[b.start:b.end].split() == b.text.split()
        last = b.end


def _kinds(doc) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


# ---------------------------------------------------------------- ModernGov agenda-and-minutes page

MODERNGOV = """<!DOCTYPE html><html><head><title>Agenda and minutes - Riverside Borough</title></head>
<body><nav class="mgNavigation"><a href="/">Home</a> <a href="/mgListCommittees.aspx">Committees</a></nav>
<div id="mgContent">
<h1 class="mgMainTitleTxt">Agenda and minutes</h1>
<h2 class="mgSubTitleTxt">Parks and Open Spaces Committee - Tuesday, 4 March 2025 7.00 pm</h2>
<p><strong>Venue:</strong> Council Chamber, Civic Hall, Riverside</p>
<h2 class="mgSectionTitle">Attendance</h2>
<ul class="mgBulletList"><li>Councillor Ada Brightwater (Chair)</li><li>Councillor Ben Corrick</li></ul>
<h2>Items</h2>
<table class="mgItemTable">
<tr><td class="mgItemNumberCell">{n1}</td><td><p class="mgSubItemTitleTxt">Apologies for absence</p>
<p class="mgSubItemTitleTxt">Minutes:</p><p>Apologies were received from Councillor Dee Ellery.</p></td></tr>
<tr><td class="mgItemNumberCell">{n2}</td><td><p class="mgSubItemTitleTxt">Tree planting programme</p>
<p class="mgSubItemTitleTxt">Minutes:</p><p>The Committee considered a report of the Head of Parks.</p>
<p><b>RESOLVED:</b> That the programme be approved.</p></td></tr>
<tr><td class="mgItemNumberCell">{n3}</td><td><p class="mgSubItemTitleTxt">Allotment rents</p>
<p class="mgSubItemTitleTxt">Minutes:</p><p>RESOLVED: That rents be held at this year's level.</p></td></tr>
</table></div>
<footer class="mgFooter">Riverside Borough Council, Civic Hall</footer></body></html>"""


def _moderngov(numbers: tuple[str, str, str]) -> bytes:
    return MODERNGOV.format(n1=numbers[0], n2=numbers[1], n3=numbers[2]).encode()


def test_moderngov_page_blocks_from_markup():
    doc = read_bytes(_moderngov(("<p>1.</p>", "<p>2.</p>", "<p>3.</p>")), "minutes.html")
    _check_spans(doc)
    kinds = _kinds(doc)
    assert ("heading", "Parks and Open Spaces Committee - Tuesday, 4 March 2025 7.00 pm") in kinds
    assert ("list_item", "Councillor Ben Corrick") in kinds
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [(r.marker, r.cells) for r in rows] == [("1.", ("1.", "Apologies for absence")),
                                                  ("2.", ("2.", "Tree planting programme")),
                                                  ("3.", ("3.", "Allotment rents"))]
    assert ("paragraph", "Minutes:") in kinds  # the "Minutes:" cell is its own block
    assert not any("Home" in b.text or "Civic Hall" == b.text for b in doc.blocks)  # navigation, footer dropped
    headings = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert headings["Agenda and minutes"] == 1 and headings["Items"] == 2


@pytest.mark.parametrize("numbers", [("<p>1.</p>", "<p>2.</p>", "<p>3.</p>"), ("", "", ""), ("&nbsp;", "&nbsp;", "&nbsp;")])
def test_moderngov_items_read_from_rows_numbered_or_not(numbers):
    doc = read_bytes(_moderngov(numbers), "minutes.html")
    (meeting,) = segment(doc)
    assert str(meeting.date) == "2025-03-04"
    assert [i.title for i in meeting.items] == ["Apologies for absence", "Tree planting programme", "Allotment rents"]
    want = ["1", "2", "3"] if "<p>" in numbers[0] else [None, None, None]
    assert [i.number for i in meeting.items] == want
    for item in meeting.items:
        assert doc.text[item.title_span.start:item.title_span.end] == item.title
    assert any(r.text.startswith("That the programme be approved") for r in meeting.items[1].resolutions)
    names = [p.name for p in meeting.attendance.present]
    assert "Councillor Ben Corrick" in names


# ---------------------------------------------------------------- a CMIS-style page

CMIS = """<html><body><div id="header" class="siteHeader"><a href="/">Marshfield District Council</a></div>
<div class="MeetingMinutes"><h2>Minutes of the Licensing Committee</h2>
<table class="MeetingDetails"><tr><th>Date:</th><td>Wednesday 12 February 2025</td></tr>
<tr><th>Time:</th><td>10.00 am</td></tr></table>
<h3>Present</h3><p>Councillors G. Harrowby (Chair), H. Inchcombe and J. Kettleby</p>
<h3>14 Declarations of Interest</h3><p>There were none.</p>
<h3>15 Street Trading Consents</h3><ol><li>consent for the market square;</li><li>consent for the station forecourt.</li></ol>
<p><strong>RESOLVED</strong> that both consents be granted.</p></div></body></html>"""


def test_cmis_page_headings_rows_and_list_markers():
    doc = read_bytes(CMIS.encode(), "cmis.html")
    _check_spans(doc)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[0].cells == ("Date:", "Wednesday 12 February 2025")
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert ("15 Street Trading Consents", 3) in heads
    items = [(b.marker, b.text) for b in doc.blocks if b.kind == "list_item"]
    assert items == [("1.", "consent for the market square;"), ("2.", "consent for the station forecourt.")]
    (meeting,) = segment(doc)
    assert str(meeting.date) == "2025-02-12"
    assert [(i.number, i.title) for i in meeting.items] == [("14", "Declarations of Interest"),
                                                            ("15", "Street Trading Consents")]


def test_bold_paragraph_and_ordered_list_type():
    doc = read_bytes(b"<html><body><p><b>Apologies</b></p><p>None <b>were</b> given.</p>"
                     b"<ol type='a' start='3'><li>one</li><li>two</li></ol></body></html>", "p.html")
    bold = {b.text: b.bold for b in doc.blocks if b.kind == "paragraph"}
    assert bold == {"Apologies": True, "None were given.": None}
    assert [b.marker for b in doc.blocks if b.kind == "list_item"] == ["c.", "d."]


# ---------------------------------------------------------------- markdown

MARKDOWN = """---
title: Minutes of the Harbour Board
---

# Harbour Board

**Present:** Cllr Lorna Mabey, Cllr Nils Oakhurst

## 1. Apologies

None were received.

## 2. Mooring fees

1. fees for visiting yachts;
2. fees for residents.

| No. | Item | Lead |
| --- | --- | --- |
| 3 | Slipway repairs | Harbour Master |
"""


def test_markdown_blocks_from_tokens():
    doc = read_bytes(MARKDOWN.encode(), "harbour.md")
    assert doc.fmt == "markdown"
    _check_spans(doc)
    kinds = _kinds(doc)
    assert kinds[0][0] == "furniture"  # the front matter
    assert ("heading", "## 2. Mooring fees") in kinds
    assert [b.level for b in doc.blocks if b.kind == "heading"] == [1, 2, 2]
    assert [(b.marker, b.text) for b in doc.blocks if b.kind == "list_item"] == [
        ("1.", "1. fees for visiting yachts;"), ("2.", "2. fees for residents.")]
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[-1].cells == ("3", "Slipway repairs", "Harbour Master") and rows[-1].marker == "3"
    assert next(b for b in doc.blocks if b.text.startswith("**Present:**")).bold is None  # only the label is bold


# ---------------------------------------------------------------- plain text

TEXT = """MARSHFIELD DISTRICT COUNCIL

Minutes of the Planning Committee held on 3 April 2025

Present: Councillors Quill, Rendall and Spurway

21. Apologies for Absence
Apologies were received from Councillor Tamsin Ulley and
Councillor Vere Wadlow.

(a) first point of the decision;
(b) second point.

Name | Ward
Cllr Quill | North

Page 2 of 9
"""


def test_text_blocks_by_line_shape():
    doc = read_bytes(TEXT.encode(), "planning.txt")
    assert doc.fmt == "text"
    _check_spans(doc)
    kinds = _kinds(doc)
    assert kinds[0] == ("heading", "MARSHFIELD DISTRICT COUNCIL")
    assert ("paragraph", "Apologies were received from Councillor Tamsin Ulley and Councillor Vere Wadlow.") in kinds
    head = next(b for b in doc.blocks if b.text.startswith("21."))
    assert (head.kind, head.marker) == ("heading", "21.")
    assert [b.marker for b in doc.blocks if b.kind == "list_item"] == ["(a)", "(b)"]
    assert [b.cells for b in doc.blocks if b.kind == "table_row"] == [("Name", "Ward"), ("Cllr Quill", "North")]
    assert kinds[-1] == ("furniture", "Page 2 of 9")


def test_text_blocks_of_empty_and_blank_text():
    assert text_blocks("") == []
    assert text_blocks("\n \n\t\n") == []


# ---------------------------------------------------------------- PDF

fpdf = pytest.importorskip("fpdf")


def _pdf(tmp_path: Path) -> Path:
    pdf = fpdf.FPDF()
    for page in (1, 2, 3):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.text(20, 20, "Riverside Borough Council" if page == 1 else "Riverside Borough Council - continued")
        pdf.set_font("Helvetica", size=11)
        if page == 1:
            pdf.text(20, 35, "Present:")
            pdf.text(20, 42, "Councillor Ada Brightwater")
            pdf.text(120, 42, "Councillor Ben Corrick")
            pdf.text(20, 49, "Councillor Cal Dunmore")
            pdf.text(120, 49, "Councillor Dee Ellery")
            pdf.set_font("Helvetica", "B", 11)
            pdf.text(10, 62, "12")
            pdf.text(30, 62, "Apologies for Absence")
            pdf.set_font("Helvetica", size=11)
            pdf.text(30, 69, "There were no apologies for absence at this meeting of the committee.")
        else:
            pdf.text(30, 35, f"The committee noted the report on page {page}.")
        pdf.text(100, 285, f"Page {page}")
    path = tmp_path / "minutes.pdf"
    pdf.output(str(path))
    return path


def test_pdf_blocks_from_fonts_and_positions(tmp_path):
    doc = read_document(_pdf(tmp_path))
    assert doc.fmt == "pdf"
    _check_spans(doc)
    title = doc.blocks[0]
    assert (title.kind, title.text, title.bold) == ("heading", "Riverside Borough Council", True)
    assert title.size and title.size > 11
    rows = [b.cells for b in doc.blocks if b.kind == "table_row"]
    assert ("Councillor Ada Brightwater", "Councillor Ben Corrick") in rows  # two columns of names
    margin = next(b for b in doc.blocks if "Apologies for Absence" in b.text)
    assert margin.marker == "12" and margin.kind == "heading" and margin.bold
    body = next(b for b in doc.blocks if b.text.startswith("There were no apologies"))
    assert body.kind == "paragraph" and body.bold is False
    furniture = [b.text for b in doc.blocks if b.kind == "furniture"]
    assert {"Page 1", "Page 2", "Page 3"} <= set(furniture)
    assert furniture.count("Riverside Borough Council - continued") == 2  # a running header


def test_pdf_furniture_is_not_read_as_minutes(tmp_path):
    from kg.segment.layout import masked

    doc = read_document(_pdf(tmp_path))
    view = masked(doc.text, doc.fmt, doc.blocks)
    assert len(view) == len(doc.text)
    assert "continued" not in view and "Riverside Borough Council" in view
    assert "Apologies for Absence" in view


# ---------------------------------------------------------------- the segmenter's lines know their blocks


def test_layout_lines_carry_their_blocks():
    from kg.segment.layout import attach_blocks, lines_of, masked

    doc = read_bytes(_moderngov(("<p>1.</p>", "<p>2.</p>", "<p>3.</p>")), "minutes.html")
    lines = lines_of(masked(doc.text, doc.fmt))
    attach_blocks(lines, doc.blocks)
    by_text = {ln.text: ln for ln in lines if not ln.blank}
    assert by_text["1. | Apologies for absence"].kind == "table_row"
    assert by_text["1. | Apologies for absence"].cells == ("1.", "Apologies for absence")
    assert by_text["Agenda and minutes"].level == 1
    blanked = [ln for ln in lines if ln.blank and ln.block is not None]
    assert blanked and all(ln.block.text == "Minutes:" for ln in blanked)  # masked, yet still known


# ---------------------------------------------------------------- a council CMS page with unnumbered headings

CMS = """<html><body><header class="site-header"><a href="/">Eastmoor Town Council</a></header>
<main><h1>Minutes of the Finance Committee held on 9 January 2025</h1>
<p>Present: Councillors Ruth Abney (Chair), Sol Beckitt, Tam Corden</p>
<h2>Apologies for absence</h2><p>Apologies were received from Councillor Una Dalby.</p>
<h2>Bank reconciliation</h2><p>The Clerk presented the reconciliation.</p><p>RESOLVED that it be approved.</p>
<h2>Grant applications</h2><p>Members considered two applications.</p><p>RESOLVED that both be funded.</p>
</main><footer>Eastmoor Town Council</footer></body></html>"""


def test_cms_page_items_from_unnumbered_headings():
    doc = read_bytes(CMS.encode(), "finance.html")
    _check_spans(doc)
    assert doc.blocks[0].kind == "furniture"  # the site's own header
    (meeting,) = segment(doc)
    assert str(meeting.date) == "2025-01-09"
    assert [i.title for i in meeting.items] == ["Apologies for absence", "Bank reconciliation", "Grant applications"]
    assert [r.text for r in meeting.items[2].resolutions] == ["that both be funded."]


def test_dated_page_heading_is_no_item():
    """A ModernGov attendance page: its <h2> "<Committee> - <date>" heads the page; it is no item."""
    page = ("<html><body><h1>Attendance details</h1><h2>Harbour Committee - Tuesday, 4 March 2025 7.00 pm</h2>"
            "<table><tr><th>Attendee</th><th>Role</th><th>Attendance</th></tr>"
            "<tr><td>Councillor Ada Brightwater</td><td>Chair</td><td>Present</td></tr>"
            "<tr><td>Councillor Ben Corrick</td><td>Committee Member</td><td>Present</td></tr>"
            "<tr><td>Councillor Dee Ellery</td><td>Committee Member</td><td>Apologies</td></tr></table></body></html>")
    doc = read_bytes(page.encode(), "attendance.html")
    assert ("heading", "Harbour Committee - Tuesday, 4 March 2025 7.00 pm") in _kinds(doc)
    (meeting,) = segment(doc)
    assert str(meeting.date) == "2025-03-04"
    assert meeting.items == []
    assert [p.name for p in meeting.attendance.apologies] == ["Councillor Dee Ellery"]
