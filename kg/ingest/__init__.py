"""file → clean text, the blocks its publisher laid out, and where it came from.

`read_document` reads one file into a `kg.models.Document`, recognising what the file is from
its CONTENT, never its name: a PDF (starts with ``%PDF-``), an HTML page (a saved ModernGov
page or any HTML), markdown, or plain text (pdftotext output, copied web text ...).

The text it returns is what every span in the graph points into, so cleaning is careful to
keep line structure: newlines are normalised to ``\\n`` and control characters replaced, but
lines are never re-wrapped or stripped. What each format gives:

- plain text and markdown: the file as written (markup kept), newlines normalised;
- HTML (`kg.ingest.html`): one heading, paragraph, list item or ``<br>`` line per line, a
  table row per line as "cell | cell |", navigation, footers, scripts and hidden text dropped;
- PDF (`kg.ingest.pdf`): each page rebuilt from where its characters stand, top to bottom,
  one printed line per line; words joined by one space (however the file spaced them),
  soft hyphens dropped; a tab stop or second column written " | " (but "52 Apologies",
  "Present: ..." and "• point" stay joined); a ruled table one row per line, its cells
  " | ", each point of a cell on a line of its own with the cells beside it; running
  headers, footers and page numbers on lines of their own where the page shows them.
  Pages are joined by a newline. E-mail addresses and telephone numbers are replaced
by same-length runs of ``#`` (`redact_contacts`) so that no contact detail is ever stored and
no other character moves.

`Document.blocks` is the layout as published (`kg.ingest.blocks.Block`): headings with their
level, paragraphs, list items with their marker, table rows with their cells, page furniture;
each covers whole lines of the text. They come from the DOM (`kg.ingest.html`), markdown-it's
tokens (`kg.ingest.markdown`), a PDF's fonts and positions (`kg.ingest.pdf_blocks`), or, for
plain text, the shape of each line (`kg.ingest.text`).

Anything that cannot be read as minutes raises `IngestError` with a short `reason`:

==================  ===========================================================
``missing``         the path does not exist (`iter_inputs`, `read_document`)
``unreadable``      the path exists but cannot be read (a folder, permissions)
``empty``           0 bytes, or only white space
``too-large``       over `max_bytes` (default 50 MB)
``binary``          not text (NUL bytes, control characters) and not a PDF
``undecodable``     looks like text but no character encoding fits
``encrypted``       a password-protected PDF
``corrupt-pdf``     a PDF that cannot be opened (damaged, cut off, no pages)
``no-text-layer``   a PDF with no extractable text on any page (a scan)
==================  ===========================================================
"""
from __future__ import annotations

from kg.ingest.blocks import KINDS, Block
from kg.ingest.contacts import EMAIL, PHONE, redact_contacts
from kg.ingest.decode import clean_text
from kg.ingest.reader import DEFAULT_MAX_BYTES, DOC_FILE, SUFFIXES, iter_inputs, read_bytes, read_document

__all__ = ["Block", "KINDS", "DEFAULT_MAX_BYTES", "DOC_FILE", "EMAIL", "PHONE", "SUFFIXES", "clean_text",
           "iter_inputs", "read_bytes", "read_document", "redact_contacts"]
