"""file → clean text + source metadata.

`read_document` reads one file into a `kg.models.Document`, recognising what the file is from
its CONTENT, never its name: a PDF (starts with ``%PDF-``), an HTML page (a saved ModernGov
page or any HTML), markdown, or plain text (pdftotext output, copied web text ...).

The text it returns is what every span in the graph points into, so cleaning is careful to
keep line structure: newlines are normalised to ``\\n`` and control characters replaced, but
lines are never re-wrapped or stripped. What each format gives:

- plain text and markdown: the file as written (markup kept), newlines normalised;
- HTML (`kg.ingest_html`): one heading, paragraph, list item or ``<br>`` line per line, a
  table row per line as "cell | cell |", navigation, footers, scripts and hidden text dropped;
- PDF (`kg.ingest_pdf`): each page rebuilt from where its characters stand, top to bottom,
  one printed line per line; words joined by one space (however the file spaced them),
  soft hyphens dropped; a tab stop or second column written " | " (but "52 Apologies",
  "Present: ..." and "• point" stay joined); a ruled table one row per line, its cells
  " | ", each point of a cell on a line of its own with the cells beside it; running
  headers, footers and page numbers on lines of their own where the page shows them.
  Pages are joined by a newline. E-mail addresses and telephone numbers are replaced
by same-length runs of ``#`` (`redact_contacts`) so that no contact detail is ever stored and
no other character moves.

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

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kg.errors import IngestError
from kg.ingest_html import html_text as _html_text
from kg.ingest_pdf import page_lines
from kg.models import Document

DEFAULT_MAX_BYTES = 50_000_000  # 50 MB, decimal like `kg build --max-mb`
SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"})

# ---------------------------------------------------------------- inputs


def iter_inputs(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """The files to read, in a stable order: folders are expanded recursively (sorted),
    keeping .txt .text .md .markdown .html .htm .pdf files and files with no suffix, and
    skipping hidden files and folders and a folder's README/LICENSE/CHANGELOG. A file named
    explicitly is always kept.

    Raises IngestError(reason="missing") for a path that does not exist.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = _walk(path)
        elif path.exists():
            found = [path]
        else:
            raise IngestError(path, "missing", f"{path}: no such file or folder; check the path and try again")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


# a folder's own documentation is not minutes (a file named on the command line is still read)
DOC_FILE = re.compile(r"(?i)^(?:readme|license|licence|changelog|contributing|notes)(?:\.[a-z]+)?$")


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith(".") or DOC_FILE.match(name):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in SUFFIXES or suffix == "":
                found.append(Path(root, name))
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


# ---------------------------------------------------------------- reading


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document: clean text plus where it came from.

    The format is recognised from the content; `max_bytes` guards against reading a huge
    file by mistake. Raises IngestError (see the module docstring for the reasons).
    """
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise IngestError(path, "missing", f"{path}: no such file; check the path and try again") from None
    except OSError as err:
        raise IngestError(path, "unreadable", f"{path}: cannot be read ({err.strerror}); "
                                              "check that it is a file you may read") from None
    if p.is_dir():
        raise IngestError(path, "unreadable", f"{path} is a folder, not a file; "
                                              "pass the folder to `kg build`, which reads every file in it")
    _check_size(path, size, max_bytes)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise IngestError(path, "unreadable", f"{path}: cannot be read ({err.strerror}); "
                                              "check that it is a file you may read") from None
    _check_size(path, len(data), max_bytes)
    return read_bytes(data, path)


def read_bytes(data: bytes, path: str | Path = "<bytes>") -> Document:
    """Read the raw bytes of one file (already loaded) into a Document; `path` names it in
    messages and metadata. Same rules as `read_document`, without the size limit."""
    name = os.path.basename(str(path))
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        what = "is empty (0 bytes)" if not data else "holds only white space"
        raise IngestError(path, "empty", f"{name} {what}; check that the right file was exported or saved")
    warnings: list[str] = []
    if _is_pdf(data):
        text, pages = _pdf_text(data, path, warnings)
        return Document(path=str(path), file_name=name, text=redact_contacts(text), sha256=digest,
                        fmt="pdf", encoding=None, pages=pages, warnings=warnings)
    raw, encoding = _decode(data, path, warnings)
    if _looks_like_html(raw):
        text, fmt = _html_text(raw), "html"
    else:
        text = raw
        fmt = "markdown" if _looks_like_markdown(raw) else "text"
    text = clean_text(text)
    if not text.strip():
        raise IngestError(path, "empty", f"{name} holds no visible text; "
                                         "check that the right file was exported or saved")
    return Document(path=str(path), file_name=name, text=redact_contacts(text), sha256=digest,
                    fmt=fmt, encoding=encoding, pages=None, warnings=warnings)


def _check_size(path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        is_, limit = _size(size), _size(max_bytes)
        if is_ == limit:  # "50 MB, over the 50 MB limit" would not say why
            is_, limit = f"{size:,} bytes", f"{max_bytes:,}-byte"
        raise IngestError(
            path, "too-large",
            f"{os.path.basename(str(path))} is {is_}, over the {limit} limit for one document; "
            f"if it really is one set of minutes, raise the limit (kg build --max-mb {size / 1e6 + 1:.0f}, "
            f"or read_document(path, max_bytes={size}) in Python), otherwise split it into smaller files")


def _size(n: int) -> str:
    """Decimal units, as `kg build --max-mb` counts them (50 MB = 50,000,000 bytes)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB".replace(".0 MB", " MB")
    if n >= 1_000:
        return f"{n / 1_000:.1f} KB".replace(".0 KB", " KB")
    return f"{n} bytes"


# ---------------------------------------------------------------- text cleaning

_NEWLINES = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Newlines to \\n (form feeds too), other control characters to spaces, NFC.

    Every other character is kept and lines are never re-wrapped or stripped."""
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_share(text: str) -> float:
    """The share of characters that no text file holds: control characters (other than
    tab, newline, carriage return, form feed) and U+FFFD."""
    return len(_BAD.findall(text)) / len(text) if text else 0.0


# ---------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# what charset-normalizer may call a Western single-byte code page; council text in one of
# these is nearly always Windows-1252 (curly quotes, £, en dashes)
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "iso8859_10", "iso8859_13",
            "iso8859_4", "mac_roman", "mac_latin2", "cp437", "cp850", "cp852", "cp775", "cp858", "cp932",
            "shift_jis", "cp1254", "iso8859_9"}


def _decode(data: bytes, path, warnings: list[str]) -> tuple[str, str]:
    """Bytes → str and the encoding used; adds a warning when it was not UTF-8."""
    name = os.path.basename(str(path))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise IngestError(path, "undecodable",
                                  f"{name} starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()}; "
                                  "re-save it as UTF-8 and try again") from None
            if enc != "utf-8-sig":
                warnings.append(f"decoded as {enc.upper()} (byte-order mark), not UTF-8")
            return _not_binary(text, path), enc
    if b"\x00" in data:
        text_enc = _utf16_without_bom(data)
        if text_enc:
            warnings.append(f"decoded as {text_enc[1].upper()} without a byte-order mark, not UTF-8; "
                            "check the text reads right")
            return text_enc
        # a few stray NULs in otherwise good UTF-8 text are replaced (see clean_text), not fatal
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise _binary(path) from None
        text = _not_binary(text, path)
        warnings.append(f"{text.count(chr(0))} NUL character(s) in the text were replaced by spaces")
        return text, "utf-8"
    try:
        return _not_binary(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _guess_encoding(data)
    if enc is None:
        if _control_share(data.decode("latin-1")) > 0.05:
            raise _binary(path)
        raise IngestError(path, "undecodable",
                          f"{name} is not UTF-8 and its character encoding could not be recognised; "
                          "re-save it as UTF-8 (e.g. in a text editor: Save As, Encoding UTF-8) and try again")
    text = _not_binary(data.decode(enc), path)
    warnings.append(f"decoded as {_encoding_label(enc)}, not UTF-8; check that quotes and £ signs read right")
    return text, enc


def _guess_encoding(data: bytes) -> str | None:
    """Windows-1252 when it fits and charset-normalizer agrees it is some Western code page
    (it cannot tell them apart on short text); otherwise charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    cp1252_ok = _decodes(data, "cp1252")
    matches = from_bytes(data)
    encodings = [m.encoding for m in matches]
    best = matches.best()
    if cp1252_ok and ("cp1252" in encodings or best is None or best.encoding in _WESTERN):
        text = data.decode("cp1252")
        if _control_share(text) <= 0.05:
            return "cp1252"
    if best is None:
        return None
    return best.encoding if _decodes(data, best.encoding) else None


def _decodes(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _encoding_label(enc: str) -> str:
    return {"cp1252": "Windows-1252", "latin_1": "ISO-8859-1"}.get(enc, enc)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark: NULs on every other byte of ASCII text."""
    if len(data) % 2 or data.count(b"\x00") < len(data) // 4:
        return None
    odd_nuls = data[1::2].count(0)
    even_nuls = data[0::2].count(0)
    enc = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    if _control_share(text) > 0.05:
        return None
    return text, enc


def _not_binary(text: str, path) -> str:
    if _control_share(text) > 0.05:
        raise _binary(path)
    return text


def _binary(path) -> IngestError:
    return IngestError(path, "binary",
                       f"{os.path.basename(str(path))} is not text and not a PDF (it holds binary data); "
                       "export the minutes as PDF, HTML or plain text and try again")


# ---------------------------------------------------------------- format recognition

_HTML_STRONG = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(?:p|div|span|table|tr|td|th|br|h[1-6]|ul|ol|li|a|strong|em|b|i)\b[^<>]{0,300}>",
                       re.IGNORECASE)


def _looks_like_html(text: str) -> bool:
    head = text[:4096]
    if _HTML_STRONG.search(head):
        return True
    # a fragment: starts with a tag and holds a few more
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(text[:20000])) >= 3


_MD_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_MD_BOLD = re.compile(r"\*\*[^*\n]+\*\*")
_MD_ITEM = re.compile(r"^\s*- \((?:[ivxlc]+|[a-z]|\d+)\)", re.MULTILINE)
_MD_LINK = re.compile(r"\[[^\]\n]+\]\((?:https?://|mailto:)[^)\s]+\)")


def _looks_like_markdown(text: str) -> bool:
    """Markdown markup: headings ("### "), bold ("**...**"), "- (i)" bullets, [links](...)."""
    sample = text[:200000]
    score = (2 * min(len(_MD_HEADING.findall(sample)), 5) + min(len(_MD_BOLD.findall(sample)), 5)
             + min(len(_MD_ITEM.findall(sample)), 5) + min(len(_MD_LINK.findall(sample)), 5))
    return score >= 2


# ---------------------------------------------------------------- PDF


def _is_pdf(data: bytes) -> bool:
    return data.lstrip(b"\t\n\r\f \x00")[:5] == b"%PDF-"


def _pdf_text(data: bytes, path, warnings: list[str]) -> tuple[str, int]:
    """Text of every page with pypdfium2, pages joined by a newline."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    name = os.path.basename(str(path))
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if getattr(err, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) \
                or "password" in str(err).lower():
            raise IngestError(path, "encrypted",
                              f"{name} is a password-protected PDF; save an unprotected copy "
                              "(e.g. `qpdf --decrypt --password=... in.pdf out.pdf`) and try again") from None
        raise _corrupt(path, str(err)) from None
    try:
        n = len(pdf)
        if n == 0:
            raise _corrupt(path, "it has no pages")
        texts: list[str] = []
        empty: list[int] = []
        for i in range(n):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                t = "\n".join(page_lines(page, textpage, pdfium_c))
                textpage.close()
                page.close()
            except pdfium.PdfiumError as err:
                raise _corrupt(path, f"page {i + 1} cannot be read ({err})") from None
            t = _NEWLINES.sub("\n", t)
            if not t.strip():
                empty.append(i + 1)
            texts.append(t.rstrip("\n"))
    finally:
        pdf.close()
    if len(empty) == n:
        raise IngestError(path, "no-text-layer",
                          f"{name} is a PDF with no text layer on any of its {n} page(s): probably a scan; "
                          "OCR it first (e.g. `ocrmypdf in.pdf out.pdf`) and read the OCRed copy")
    if empty:
        warnings.append(f"page(s) {_page_list(empty)} of {n} have no text layer (scanned?): their text is "
                        "missing; OCR the PDF (e.g. `ocrmypdf in.pdf out.pdf`) to include them")
    text = clean_text("\n".join(texts))
    if not text.strip():
        raise IngestError(path, "no-text-layer",
                          f"{name} is a PDF whose pages hold no readable text: probably a scan; "
                          "OCR it first (e.g. `ocrmypdf in.pdf out.pdf`) and read the OCRed copy")
    return text, n


def _page_list(pages: list[int]) -> str:
    if len(pages) > 12:
        return ", ".join(map(str, pages[:12])) + f" and {len(pages) - 12} more"
    return ", ".join(map(str, pages))


def _corrupt(path, detail: str) -> IngestError:
    return IngestError(path, "corrupt-pdf",
                       f"{os.path.basename(str(path))} starts like a PDF but cannot be opened ({detail}): it may be "
                       "damaged or cut off; download or export it again (or repair it, e.g. `qpdf in.pdf out.pdf`)")


# ---------------------------------------------------------------- contact details

EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: "0116 305 2649", "0116 3057813", "01632 960123", "020 7946 0000", "07700 900123",
# "+44 116 305 3407", "+44 (0)116 305 3407", "(0116) 305 3407". A digit may be preceded by one
# space or hyphen; never a newline, a dot, a slash or a colon, so dates, times, money, years
# and minute numbers do not match.
PHONE = re.compile(
    r"(?<![\w£$€.,/+\-])"
    r"(?:\+44[ \-]?(?:\(0\)[ \-]?)?[1-9](?:[ \-]?\d){7,10}"
    r"|\(0[1-9]\d{1,4}\)[ \-]?\d(?:[ \-]?\d){4,8}"
    r"|0[1-9](?:[ \-]?\d){7,11})"
    r"(?![\w£]|[.,]\d)")


def redact_contacts(text: str) -> str:
    """`text` with every e-mail address and UK telephone number replaced by a run of "#" of
    the same length, so that no contact detail is stored and no other character moves."""
    return _redact(text)[0]


def _redact(text: str) -> tuple[str, int]:
    spans = [m.span() for m in EMAIL.finditer(text)]
    spans += [m.span() for m in PHONE.finditer(text) if _phone_digits_ok(m.group())]
    if not spans:
        return text, 0
    chars = list(text)
    for s, e in spans:
        chars[s:e] = "#" * (e - s)
    return "".join(chars), len(spans)


def _phone_digits_ok(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if number.startswith("+44"):
        digits = digits[2:]
        if "(0)" in number:
            digits = digits.replace("0", "", 1)
        return 9 <= len(digits) <= 11
    return 10 <= len(digits) <= 13  # with the leading 0
