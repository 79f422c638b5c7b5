"""kg/ingest/: files of every shape into clean text, and every bad file into a clear IngestError.

All fixtures are written here (a fictional Northmoor County Council); PDFs are made with fpdf2."""
from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import iter_inputs, read_document, redact_contacts

MINUTES = (
    "Minutes of a meeting of the Cabinet of Northmoor County Council held at Northmoor House, "
    "Eastwick on Wednesday, 3 March 2021.\n"
    "PRESENT\n"
    "Cllr A. Ashdown (in the Chair)\n"
    "Cllr B. Brindle\n"
    "\n"
    "26.\n"
    "\n"
    "Defining Services for the Future.\n"
    "The Cabinet considered a report of the Director of Place costing £3.2m.\n"
    "RESOLVED:\n"
    "a) That the report be noted;\n"
)

fpdf = pytest.importorskip("fpdf")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def reason_of(path, **kw) -> str:
    with pytest.raises(IngestError) as info:
        read_document(path, **kw)
    assert str(info.value), "every IngestError carries a message"
    assert info.value.path == str(path)
    return info.value.reason


# ---------------------------------------------------------------- text and encodings

def test_utf8_text_is_kept_line_for_line(tmp_path):
    path = write(tmp_path, "minutes.txt", MINUTES.encode("utf-8"))
    d = read_document(path)
    assert d.text == MINUTES
    assert d.fmt == "text" and d.encoding == "utf-8" and d.pages is None and not d.warnings
    assert d.file_name == "minutes.txt" and d.path == str(path)
    import hashlib
    assert d.sha256 == hashlib.sha256(MINUTES.encode("utf-8")).hexdigest()


def test_utf8_bom_is_dropped_without_warning(tmp_path):
    d = read_document(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + MINUTES.encode("utf-8")))
    assert d.text == MINUTES
    assert not d.warnings


def test_utf16_with_bom(tmp_path):
    d = read_document(write(tmp_path, "wide.txt", MINUTES.encode("utf-16")))
    assert d.text == MINUTES
    assert d.encoding == "utf-16"
    assert any("UTF-16" in w for w in d.warnings)


def test_windows_1252_is_detected_and_warned(tmp_path):
    text = ("Minutes of a meeting of Northmoor County Council.\r\n"
            "Cllr O\u2019Brien said \u201cthe budget of £3.2m is sound\u201d \u2013 noted.\r\n")
    d = read_document(write(tmp_path, "cp.txt", text.encode("cp1252")))
    assert d.encoding == "cp1252"
    assert "\u2019" in d.text and "\u201c" in d.text and "£3.2m" in d.text and "\u2013" in d.text
    assert "\r" not in d.text and d.text.count("\n") == 2
    assert any("Windows-1252" in w for w in d.warnings)


def test_cleaning_normalises_newlines_controls_and_nfc(tmp_path):
    raw = "26. Caf\u0065\u0301 Services\r\nline\x00two\x07\tend\rnext\fpage two\n"
    d = read_document(write(tmp_path, "ctl.txt", raw.encode("utf-8")))
    assert d.text == "26. Caf\u00e9 Services\nline two \tend\nnext\npage two\n"


def test_lines_are_never_stripped_or_rewrapped(tmp_path):
    raw = "  indented line with trailing space   \n\n\n   \n26.\n"
    assert read_document(write(tmp_path, "ws.txt", raw.encode())).text == raw


def test_truncated_text_is_not_an_error(tmp_path):
    d = read_document(write(tmp_path, "cut.txt", MINUTES[:-40].encode()))
    assert d.text == MINUTES[:-40]


# ---------------------------------------------------------------- bad files

def test_empty_file(tmp_path):
    assert reason_of(write(tmp_path, "empty.txt", b"")) == "empty"


def test_whitespace_only_file(tmp_path):
    assert reason_of(write(tmp_path, "blank.txt", b" \n\t\r\n  \n")) == "empty"
    assert reason_of(write(tmp_path, "blank16.txt", " \n \n".encode("utf-16"))) == "empty"


def test_binary_file(tmp_path):
    data = bytes(range(256)) * 4 + os.urandom(512) + b"\x00\x00\x00"
    assert reason_of(write(tmp_path, "image.png", data)) == "binary"


def test_binary_without_nul_bytes(tmp_path):
    assert reason_of(write(tmp_path, "ctl.bin", bytes(range(1, 32)) * 20)) == "binary"


def test_too_large_says_size_and_how_to_raise_the_limit(tmp_path):
    path = write(tmp_path, "big.txt", MINUTES.encode() * 10)
    with pytest.raises(IngestError) as info:
        read_document(path, max_bytes=1000)
    assert info.value.reason == "too-large"
    assert "max_bytes" in str(info.value) and "KB" in str(info.value)
    assert read_document(path, max_bytes=10_000).text == MINUTES * 10


def test_missing_file(tmp_path):
    assert reason_of(tmp_path / "nope.txt") == "missing"


# ---------------------------------------------------------------- markdown and HTML

def test_markdown_is_recognised_from_content_and_kept(tmp_path):
    md = ("### Minutes of the Cabinet of Northmoor County Council\n\n"
          "**26. Defining Services for the Future.**\n\n"
          "- (i) the report be noted;\n- (ii) a further report come back in June.\n")
    d = read_document(write(tmp_path, "no-suffix", md.encode()))
    assert d.fmt == "markdown"
    assert d.text == md


def test_plain_minutes_are_not_markdown(tmp_path):
    assert read_document(write(tmp_path, "notes.md", MINUTES.encode())).fmt == "text"


HTML = """<!DOCTYPE html>
<html><head><title>Northmoor - Cabinet</title><script>var secret = "head script";</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/committees">Committees</a></nav>
<h1>Minutes of the Cabinet, 3 March 2021</h1>
<p>Venue: Council Chamber,&nbsp;Northmoor House<br>Eastwick</p>
<script>alert(1)</script>
<table>
 <tr><th>No.</th><th>Item</th></tr>
 <tr><td>26.</td><td><p>Defining Services for the Future.</p><p>Minutes: The Cabinet considered a report.</p>
   <table><tr><td>Option A</td><td>£1.5m</td></tr><tr><td>Option B</td><td>£2m</td></tr></table></td></tr>
 <tr><td>27.</td><td>Urgent
   Items.</td></tr>
</table>
<p></p><p></p><br><br><br><br>
<div>Date of next meeting: 7 April 2021</div>
<noscript>Please enable JavaScript</noscript>
</body></html>
"""


def test_html_visible_text_only(tmp_path):
    d = read_document(write(tmp_path, "page.txt", HTML.encode()))
    assert d.fmt == "html"
    for hidden in ("alert(1)", "head script", "color: red", "Home", "Committees", "enable JavaScript", "<"):
        assert hidden not in d.text
    lines = d.text.split("\n")
    assert "Minutes of the Cabinet, 3 March 2021" in lines
    assert "Venue: Council Chamber, Northmoor House" in lines and "Eastwick" in lines
    assert "No. | Item |" in lines
    assert "26. | Defining Services for the Future." in lines
    assert "27. | Urgent Items. |" in lines
    assert "Date of next meeting: 7 April 2021" in lines
    assert "\n\n\n" not in d.text


def test_html_nested_tables_keep_their_cells(tmp_path):
    d = read_document(write(tmp_path, "nested.html", HTML.encode()))
    assert "Option A | £1.5m |" in d.text
    assert "Option B | £2m |" in d.text
    assert d.text.index("Defining Services") < d.text.index("Option A") < d.text.index("27. | Urgent")


def test_html_fragment_and_unclosed_script(tmp_path):
    frag = "<p>Northmoor minutes</p><div>26. Budget</div><p>Noted.</p><script>alert(1)"
    d = read_document(write(tmp_path, "frag", frag.encode()))
    assert d.fmt == "html"
    assert d.text.split("\n")[:3] == ["Northmoor minutes", "26. Budget", "Noted."]
    assert "alert" not in d.text


def test_html_script_only_page_is_empty(tmp_path):
    page = "<html><head><script>alert(1)</script></head><body><script>alert(2)</script></body></html>"
    assert reason_of(write(tmp_path, "js.html", page.encode())) == "empty"


# ---------------------------------------------------------------- PDF

def make_pdf(path, pages: list[list[str]], *, encrypt: bool = False, image_pages: set[int] = frozenset()):
    pdf = fpdf.FPDF()
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.set_font("Helvetica", size=11)
    for i, lines in enumerate(pages):
        pdf.add_page()
        if i in image_pages:
            pdf.rect(20, 20, 120, 60, style="F")
            continue
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


PDF_PAGES = [
    ["Minutes of a meeting of the Cabinet of Northmoor County Council held on 3 March 2021.",
     "26. Defining Services for the Future.",
     "The Cabinet considered a report costing £3.2m. Contact: 01632 960123."],
    ["27. Urgent Items.", "There were no urgent items."],
]


def test_text_pdf(tmp_path):
    d = read_document(make_pdf(tmp_path / "minutes.pdf", PDF_PAGES))
    assert d.fmt == "pdf" and d.pages == 2 and d.encoding is None and not d.warnings
    lines = d.text.split("\n")
    # pypdfium2 keeps the minute number and its title on one line, as drawn
    assert "26. Defining Services for the Future." in lines
    assert "27. Urgent Items." in lines
    assert lines.index("27. Urgent Items.") > lines.index("26. Defining Services for the Future.")
    assert "£3.2m" in d.text and "01632" not in d.text
    assert "\r" not in d.text and "\f" not in d.text


def test_pdf_is_recognised_by_content_not_name(tmp_path):
    path = make_pdf(tmp_path / "minutes.pdf", PDF_PAGES)
    renamed = write(tmp_path, "minutes.txt", path.read_bytes())
    assert read_document(renamed).fmt == "pdf"


def test_image_only_pdf(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[], []], image_pages={0, 1})
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.reason == "no-text-layer"
    assert "OCR" in str(info.value) and "ocrmypdf" in str(info.value)


def test_partly_scanned_pdf_warns_naming_the_pages(tmp_path):
    path = make_pdf(tmp_path / "part.pdf", PDF_PAGES + [[]], image_pages={1})
    d = read_document(path)
    assert d.pages == 3
    assert "26. Defining Services for the Future." in d.text and "27. Urgent" not in d.text
    assert len(d.warnings) == 1 and "2, 3" in d.warnings[0] and "OCR" in d.warnings[0]


def test_encrypted_pdf(tmp_path):
    assert reason_of(make_pdf(tmp_path / "locked.pdf", PDF_PAGES, encrypt=True)) == "encrypted"


def test_truncated_pdf(tmp_path):
    data = make_pdf(tmp_path / "whole.pdf", PDF_PAGES).read_bytes()
    assert reason_of(write(tmp_path, "cut.pdf", data[: len(data) // 2])) == "corrupt-pdf"


def test_garbage_after_pdf_magic(tmp_path):
    assert reason_of(write(tmp_path, "fake.pdf", b"%PDF-1.7\nthis is not a pdf at all\n")) == "corrupt-pdf"


# ---------------------------------------------------------------- iter_inputs

def test_iter_inputs_walks_folders_sorted_and_skips_hidden(tmp_path):
    root = tmp_path / "in"
    for rel in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.pdf", "sub/minutes", "A.TXT", "z.htm",
                ".hidden.txt", ".git/config.txt", "sub/.cache/x.txt", "notes.docx", "data.json",
                "sub/README", "README.md", "LICENSE", "CHANGELOG.txt"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    found = [p.relative_to(root).as_posix() for p in iter_inputs([root])]
    assert found == ["A.TXT", "a.md", "b.txt", "sub/c.html", "sub/deeper/d.pdf", "sub/minutes", "z.htm"]
    assert iter_inputs([root]) == iter_inputs([str(root)])


def test_iter_inputs_keeps_named_files_and_drops_repeats(tmp_path):
    f = tmp_path / "minutes.docx"
    f.write_text("x")
    g = tmp_path / "a.txt"
    g.write_text("x")
    assert iter_inputs([f, tmp_path, g]) == [f, g]
    assert iter_inputs(str(g)) == [g]


def test_iter_inputs_missing_path(tmp_path):
    with pytest.raises(IngestError) as info:
        iter_inputs([tmp_path, tmp_path / "absent"])
    assert info.value.reason == "missing"
    assert info.value.path == str(tmp_path / "absent")


# ---------------------------------------------------------------- redaction

CONTACTS = ("Contact: Ms J. Doe (0116 305 2649) Email: jane.doe@northmoor.gov.uk\n"
            "Tel: 0116 3057813 or +44 116 305 3407 or +44 (0)116 305 3407; mobile 07700 900123\n"
            "Officer: r.roe@northmoor.gov.uk, 020 7946 0000.\n")
KEPT = ("held on 18 November 2020 at 10.30am; budget £330.9m for 2019/20 (2020-2021); "
        "26. Defining Services; item 01/02/2021; 1,234,567 residents; 9.30am - 12.12pm; "
        "Standing Order 7(3) and 7(5); 0.5% rise; 3057 homes.")


def test_redaction_removes_emails_and_phones_keeping_offsets():
    out = redact_contacts(CONTACTS)
    assert len(out) == len(CONTACTS)
    assert [i for i, c in enumerate(out) if c == "\n"] == [i for i, c in enumerate(CONTACTS) if c == "\n"]
    for gone in ("0116", "2649", "3057813", "+44", "07700", "7946", "@", "northmoor.gov.uk"):
        assert gone not in out
    assert out.startswith("Contact: Ms J. Doe (#############) Email: ")
    assert "Tel: " in out and "Officer: " in out and out.endswith(".\n")
    # everything that is not a contact detail stays where it was
    for i, (a, b) in enumerate(zip(CONTACTS, out)):
        assert a == b or b == "#", i


def test_redaction_keeps_dates_times_money_and_minute_numbers():
    assert redact_contacts(KEPT) == KEPT


def test_read_document_redacts(tmp_path):
    d = read_document(write(tmp_path, "c.txt", (MINUTES + CONTACTS).encode()))
    assert len(d.text) == len(MINUTES + CONTACTS)
    assert "@" not in d.text and "0116" not in d.text
    assert d.text.startswith(MINUTES)


@given(st.text(max_size=300))
def test_redaction_never_moves_text(text):
    out = redact_contacts(text)
    assert len(out) == len(text)
    assert all(a == b or b == "#" for a, b in zip(text, out))


# ---------------------------------------------------------------- never anything but a Document or an IngestError

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b),
    st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    st.text(max_size=300).map(lambda t: ("<html><body>" + t).encode("utf-8")),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=300).map(lambda t: t.encode("latin-1")),
))
def test_read_document_on_arbitrary_bytes(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "input")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            d = read_document(path)
        except IngestError as err:
            assert err.reason in {"empty", "binary", "undecodable", "encrypted", "corrupt-pdf", "no-text-layer"}
            return
    assert d.text.strip()
    assert d.fmt in {"text", "markdown", "html", "pdf"}
    assert not any(ord(c) < 32 and c not in "\n\t" for c in d.text)
    assert "\r" not in d.text
