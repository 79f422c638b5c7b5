"""Layout the segmenter can read: PDF pages rebuilt from where each character stands, HTML
pages one block per line. Fixtures are invented (Fenwater District Council); PDFs are made
with fpdf2."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.ingest import read_bytes, read_document

fpdf = pytest.importorskip("fpdf")

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "docs"


def _pdf(tmp_path: Path, draw) -> str:
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    draw(pdf)
    path = tmp_path / "minutes.pdf"
    pdf.output(str(path))
    return read_document(path).text


def _at(pdf, x: float, y: float, text: str) -> None:
    pdf.text(x, y, text)


def test_footer_drawn_first_is_read_where_it_stands(tmp_path):
    def draw(pdf):
        _at(pdf, 20, 285, "Page 1 of 1")
        _at(pdf, 20, 20, "Fenwater District Council")
        _at(pdf, 20, 30, "Minutes of the Licensing Committee")
    lines = _pdf(tmp_path, draw).splitlines()
    assert lines == ["Fenwater District Council", "Minutes of the Licensing Committee", "Page 1 of 1"]


def test_minute_number_in_the_margin_stays_on_its_title_line(tmp_path):
    def draw(pdf):
        _at(pdf, 20, 40, "52")
        _at(pdf, 40, 40, "Apologies for Absence")
        _at(pdf, 40, 46, "Apologies were received from Cllr Marlow.")
        _at(pdf, 20, 60, "53.")
        _at(pdf, 40, 60, "Declarations of Interest")
    lines = _pdf(tmp_path, draw).splitlines()
    assert "52 Apologies for Absence" in lines
    assert "53. Declarations of Interest" in lines


def test_label_and_value_at_a_tab_stop_are_one_line(tmp_path):
    def draw(pdf):
        _at(pdf, 20, 40, "Date:")
        _at(pdf, 50, 40, "19 October 2019")
        _at(pdf, 20, 50, "Present:")
        _at(pdf, 50, 50, "Anne Marlow")
        _at(pdf, 90, 50, "AM")
        _at(pdf, 110, 50, "Brian Fenwick")
        _at(pdf, 150, 50, "BF")
    lines = _pdf(tmp_path, draw).splitlines()
    assert "Date: 19 October 2019" in lines
    assert "Present: Anne Marlow | AM | Brian Fenwick | BF" in lines


def test_action_column_is_a_cell_of_its_own(tmp_path):
    def draw(pdf):
        _at(pdf, 20, 40, "The clerk would write to the highways team about the verge.")
        _at(pdf, 175, 40, "Clerk")
    assert "The clerk would write to the highways team about the verge. | Clerk" in _pdf(tmp_path, draw)


def test_words_drawn_one_by_one_are_joined_by_one_space(tmp_path):
    def draw(pdf):
        x = 20.0
        for word in ["Minutes", "of", "the", "Working", "Group"]:
            _at(pdf, x, 40, word)
            x += pdf.get_string_width(word) + pdf.get_string_width(" ")
    assert _pdf(tmp_path, draw).splitlines() == ["Minutes of the Working Group"]


def test_justified_line_is_not_split_into_cells(tmp_path):
    def draw(pdf):
        x = 20.0
        for name in ["Mr A Marlow,", "Mrs B Fenwick,", "Ms C Oldham,", "Dr D Pell,"]:
            for k, word in enumerate(name.split()):
                _at(pdf, x, 40, word)
                x += pdf.get_string_width(word) + (pdf.get_string_width(" ") if k < 2 else 12)
    assert _pdf(tmp_path, draw).splitlines() == ["Mr A Marlow, Mrs B Fenwick, Ms C Oldham, Dr D Pell,"]


def test_ruled_table_rows_and_actions_beside_their_point(tmp_path):
    def draw(pdf):
        pdf.set_line_width(0.2)
        left, mid, right = 20, 140, 190
        for y in (30, 37, 75):
            pdf.line(left, y, right, y)
        for x in (left, mid, right):
            pdf.line(x, 30, x, 75)
        _at(pdf, 22, 35, "Points discussed")
        _at(pdf, 142, 35, "Action")
        _at(pdf, 22, 43, "1.")
        _at(pdf, 28, 43, "The group reviewed the draft plan and")
        _at(pdf, 28, 48, "agreed its outline.")
        _at(pdf, 28, 56, "- A survey would be sent to every")
        _at(pdf, 28, 61, "household in the spring.")
        _at(pdf, 142, 61, "AM / March")
    text = _pdf(tmp_path, draw)
    assert text.splitlines() == [
        "Points discussed | Action",
        "1. The group reviewed the draft plan and agreed its outline.",
        "- A survey would be sent to every household in the spring. | AM / March",
    ]


def test_same_pdf_reads_the_same_twice(tmp_path):
    def draw(pdf):
        _at(pdf, 20, 40, "1.")
        _at(pdf, 30, 40, "Apologies")
        _at(pdf, 170, 40, "Clerk")
    assert _pdf(tmp_path, draw) == _pdf(tmp_path, draw)


# ---------------------------------------------------------------- HTML

MODERNGOV = """<!DOCTYPE html><html><head><title>Minutes</title><script>var x = 1;</script></head>
<body><form id="aspnetForm"><div id="mgSkipLink"><a href="#c">Skip to content</a></div>
<nav><ul><li><a href="/">Home</a></li></ul></nav><ul class="mgBreadCrumbs"><li>Meetings</li></ul>
<h2 class="mgSubTitleTxt">Licensing Committee - Tuesday, 3rd March, 2020 7.00 pm</h2>
<p><span class="mgTime">4.00pm</span><span class="mgDate">21 January 2021</span></p>
<table class="mgItemTable"><tr><th>No.</th><th>Item</th></tr>
<tr><td><p>52.</p></td><td><p class="mgAiTitleTxt">Apologies for Absence</p>
<div class="mgSubItemTxt"><p>Minutes:</p><div><p>Apologies were received from Cllr Marlow.</p>
<ul><li>first point</li><li>second point</li></ul></div></div></td></tr>
<tr><td><p>53.</p></td><td><p><a href="y">Declarations of Interest</a></p><p>None.</p></td></tr></table>
<div id="mgFooter"><p>Fenwater District Council, High Street</p></div>
<div class="cookie-banner">We use cookies</div></form></body></html>"""

CMIS = """<html><body><div class="navigation"><a>Home</a><a>A-Z</a></div>
<div class="MeetingDetails"><span>Cabinet</span><span>Thursday 5 March 2020</span><span>10.00am</span></div>
<h3>Present:</h3><p>Councillor A Marlow (Chair)<br>Councillor B Fenwick</p>
<table><tr><td><b>1</b></td><td><b>APOLOGIES FOR ABSENCE</b></td></tr>
<tr><td><b>2</b></td><td><strong>MINUTES</strong><p>The minutes were agreed.</p></td></tr></table>
<div style="display:none">hidden text</div></body></html>"""

INFOCOUNCIL = """<html><head><meta charset="utf-8"></head><body>
<p class="Heading">ORDINARY COUNCIL MEETING</p><p class="MeetingDate">17 December 2020</p>
<table><tr><td><p>9.1</p></td><td><p>Annual Report</p></td></tr></table>
<table><tr><td><p>Moved:</p></td><td><p>Cr Marlow</p></td></tr>
<tr><td><p>Seconded:</p></td><td><p>Cr Fenwick</p></td></tr></table>
<p>That the report be received.</p><p>CARRIED</p><p>The 18<sup>th</sup> report.</p></body></html>"""


def _html(markup: str) -> list[str]:
    doc = read_bytes(markup.encode("utf-8"), "page.html")
    assert doc.fmt == "html"
    return doc.text.splitlines()


def test_moderngov_page_one_block_a_line_furniture_dropped():
    lines = _html(MODERNGOV)
    assert lines == [
        "Licensing Committee - Tuesday, 3rd March, 2020 7.00 pm",
        "4.00pm 21 January 2021",
        "No. | Item |",
        "52. | Apologies for Absence",
        "Minutes:",
        "Apologies were received from Cllr Marlow.",
        "first point",
        "second point |",
        "53. | Declarations of Interest",
        "None. |",
    ]


def test_cmis_page_spans_apart_hidden_and_navigation_dropped():
    lines = _html(CMIS)
    assert lines[0] == "Cabinet Thursday 5 March 2020 10.00am"
    assert "Councillor B Fenwick" in lines
    assert "1 | APOLOGIES FOR ABSENCE |" in lines
    assert "2 | MINUTES" in lines
    assert not any("hidden" in ln or "Home" in ln for ln in lines)


def test_infocouncil_page_rows_and_cells():
    lines = _html(INFOCOUNCIL)
    assert "9.1 | Annual Report |" in lines
    assert "Moved: | Cr Marlow |" in lines
    assert "CARRIED" in lines
    assert "The 18th report." in lines


# ---------------------------------------------------------------- the dev documents, when present

@pytest.mark.skipif(not DEV.is_dir(), reason="no dev documents here")
@pytest.mark.parametrize("path", sorted(DEV.glob("*.pdf")) if DEV.is_dir() else [], ids=lambda p: p.name[:4])
def test_dev_pdfs_read_as_clean_lines(path):
    text = read_document(path).text
    assert not re.search(r"[\t\xa0\xad\x02]", text)
    assert "  " not in text
    assert not re.search(r"(?m)^\S+(?: \S+)?\n(?:[a-z]\S*\n){3}", text)  # no word-per-line runs
