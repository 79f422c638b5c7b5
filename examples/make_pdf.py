"""Make examples/2024-06-18_minutes.pdf from examples/.src/2024-06-18_minutes.txt.

The PDF has a real text layer (it is typeset with fpdf2, not scanned), A4 pages, a
page number at the foot of each page, minute headings in bold and the "RESOLVED:" lines
in bold, as a council's own minutes would be.

Source format (plain text, one paragraph per line):
  "# N. Title."     a minute heading (printed bold, with a little space above)
  "RESOLVED:"       printed bold
  "@@FOOTER"        everything after it is the times / date / CHAIRMAN block,
                    printed right-aligned after a gap
  blank line        paragraph space
  anything else     a paragraph, wrapped to the page width

Run:  .venv/bin/python examples/make_pdf.py [SOURCE [OUTPUT]]

The output is byte-for-byte reproducible: the creation date is fixed to the meeting date.
DejaVu Sans is embedded when it is installed (so dashes and curly quotes survive);
otherwise the core Helvetica font is used and those characters are replaced by ASCII.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCE = HERE / ".src" / "2024-06-18_minutes.txt"
OUTPUT = HERE / "2024-06-18_minutes.pdf"
MEETING_DATE = dt.datetime(2024, 6, 18, 12, 0, 0, tzinfo=dt.timezone.utc)

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/Library/Fonts"), Path("C:/Windows/Fonts")]
ASCII = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})


class Minutes(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.body_font, "", 9)
        self.cell(0, 10, str(self.page_no()), align="C")


def _fonts(pdf: Minutes) -> bool:
    """Register DejaVu Sans if it can be found; True if a Unicode font is in use."""
    for d in FONT_DIRS:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            pdf.body_font = "DejaVu"
            return True
    pdf.body_font = "Helvetica"
    return False


def make(source: Path = SOURCE, output: Path = OUTPUT) -> Path:
    pdf = Minutes(format="A4", unit="mm")
    unicode_ok = _fonts(pdf)
    pdf.set_creation_date(MEETING_DATE)
    pdf.set_title("Minutes - Children and Young People Scrutiny Committee - 18 June 2024")
    pdf.set_author("Northmoor County Council (fictional)")
    pdf.set_creator("minutes-kg examples/make_pdf.py")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    font = pdf.body_font

    lines = source.read_text(encoding="utf-8").splitlines()
    in_footer = False
    for raw in lines:
        line = raw if unicode_ok else raw.translate(ASCII)
        if line.strip() == "@@FOOTER":
            in_footer = True
            pdf.ln(8)
            continue
        if not line.strip():
            pdf.ln(3)
            continue
        if in_footer:
            pdf.set_font(font, "B" if line.strip() == "CHAIRMAN" else "", 10)
            pdf.cell(0, 6, line.strip(), align="R", new_x="LMARGIN", new_y="NEXT")
            continue
        if line.startswith("# "):
            pdf.ln(2)
            pdf.set_font(font, "B", 11)
            pdf.multi_cell(0, 6, line[2:].strip(), new_x="LMARGIN", new_y="NEXT")
            continue
        if line.strip() in {"RESOLVED:", "PRESENT", "In Attendance."}:
            pdf.set_font(font, "B", 10)
        else:
            pdf.set_font(font, "", 10)
        pdf.multi_cell(0, 5.5, line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(output))
    return output


if __name__ == "__main__":
    args = sys.argv[1:]
    src = Path(args[0]) if args else SOURCE
    out = Path(args[1]) if len(args) > 1 else OUTPUT
    print(make(src, out))
