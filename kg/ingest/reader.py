"""One file → a `kg.models.Document`: its format recognised from its content, its text and
its blocks (see `kg.ingest`)."""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.blocks import Block, Shape, blocks_from_shapes, line_count
from kg.ingest.contacts import redact_contacts
from kg.ingest.decode import _NEWLINES, _decode, clean_text
from kg.ingest.html import html_text_shapes
from kg.ingest.markdown import markdown_shapes
from kg.ingest.pdf_blocks import page_shaped, pdf_shapes
from kg.ingest.text import text_blocks, text_shapes
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
        text, pages, shapes = _pdf_text(data, path, warnings)
        text = redact_contacts(text)
        return Document(path=str(path), file_name=name, text=text, sha256=digest, fmt="pdf", encoding=None,
                        pages=pages, warnings=warnings, blocks=_blocks(text, shapes))
    raw, encoding = _decode(data, path, warnings)
    shapes: list[Shape | None] | None
    if _looks_like_html(raw):
        (text, shapes), fmt = html_text_shapes(raw), "html"
    else:
        text, shapes = raw, None
        fmt = "markdown" if _looks_like_markdown(raw) else "text"
    lines_before = line_count(text)
    text = clean_text(text)
    if not text.strip():
        raise IngestError(path, "empty", f"{name} holds no visible text; "
                                         "check that the right file was exported or saved")
    if shapes is not None and line_count(text) != lines_before:
        shapes = None  # a line break inside a line ("\f" in <pre>): read the text by its lines
    if shapes is None:
        shapes = markdown_shapes(text) if fmt == "markdown" else text_shapes(text)
    text = redact_contacts(text)
    return Document(path=str(path), file_name=name, text=text, sha256=digest, fmt=fmt, encoding=encoding,
                    pages=None, warnings=warnings, blocks=_blocks(text, shapes))


def _blocks(text: str, shapes: list[Shape | None] | None) -> list[Block]:
    """The document's blocks from its readers' shapes, or by line shape when the reader's
    lines and the final text's lines disagree."""
    if shapes is None or len(shapes) > line_count(text):
        return text_blocks(text)
    return blocks_from_shapes(text, shapes)


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


def _pdf_text(data: bytes, path, warnings: list[str]) -> tuple[str, int, list[Shape | None] | None]:
    """Text of every page with pypdfium2, pages joined by a newline, and each line's shape."""
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
        page_shapes: list[list[Shape | None] | None] = []
        empty: list[int] = []
        for i in range(n):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                shaped = page_shaped(page, textpage, pdfium_c)
                t = "\n".join(text for text, _shape in shaped)
                textpage.close()
                page.close()
            except pdfium.PdfiumError as err:
                raise _corrupt(path, f"page {i + 1} cannot be read ({err})") from None
            before = line_count(t)
            t = _NEWLINES.sub("\n", t)
            if not t.strip():
                empty.append(i + 1)
            texts.append(t.rstrip("\n"))
            kept = line_count(texts[-1])
            page_shapes.append([sh for _t, sh in shaped][:kept] if line_count(t) == before else None)
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
    return text, n, pdf_shapes(texts, page_shapes)


def _page_list(pages: list[int]) -> str:
    if len(pages) > 12:
        return ", ".join(map(str, pages[:12])) + f" and {len(pages) - 12} more"
    return ", ".join(map(str, pages))


def _corrupt(path, detail: str) -> IngestError:
    return IngestError(path, "corrupt-pdf",
                       f"{os.path.basename(str(path))} starts like a PDF but cannot be opened ({detail}): it may be "
                       "damaged or cut off; download or export it again (or repair it, e.g. `qpdf in.pdf out.pdf`)")
