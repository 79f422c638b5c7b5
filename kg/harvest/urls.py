"""Councils on other systems: a plain list of documents' addresses, one a line (blank lines and
lines starting with # are skipped), or a CSV file whose header names a `url` column and, if it
likes, `committee`, `date` (the meeting's, YYYY-MM-DD or DD/MM/YYYY) and `kind` columns."""
from __future__ import annotations

import csv
import hashlib
import io
import urllib.parse
from pathlib import Path

from kg.errors import HarvestError
from kg.harvest.client import safe_url
from kg.harvest.fetch import Wanted
from kg.harvest.moderngov import _date
from kg.textutil import slug


def read_url_list(path: str | Path, council: str | None = None) -> list[Wanted]:
    """The documents a list of addresses names, each once, in the list's order.

    Raises HarvestError "url-list" for a file that cannot be read or an address that is not http(s)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise HarvestError(str(path), "url-list", f"{path}: could not be read ({err}); give a text file of "
                           "addresses, one a line") from None
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if "url" in [c.strip().lower() for c in first.split(",")]:
        rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(io.StringIO(text))]
    else:
        rows = [{"url": line.strip()} for line in text.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    out: dict[str, Wanted] = {}
    for number, row in enumerate(rows, 1):
        url = safe_url(row.get("url", ""))
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise HarvestError(str(path), "url-list", f"{path}: entry {number}, '{url}', is not an http(s) address")
        when = _date(row.get("date"))
        if row.get("date") and when is None:
            raise HarvestError(str(path), "url-list", f"{path}: entry {number}: '{row['date']}' is not a date "
                               "(write 2026-07-15 or 15/07/2026)")
        if url not in out:
            out[url] = Wanted(url, stem_of(url), row.get("kind") or "document",
                              expect_pdf="pdf" in parts.path.lower(), council=council,  # x.pdf, mgConvert2PDF.aspx
                              committee=row.get("committee") or None,
                              meeting_date=when.isoformat() if when else None)
    return list(out.values())


def stem_of(url: str) -> str:
    """The file an address is kept in, without its extension: the host's folder, then the last
    part of its path, made unique by a hash of the whole address."""
    parts = urllib.parse.urlsplit(url)
    name = Path(urllib.parse.unquote(parts.path)).stem or "index"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug(parts.netloc)}/{slug(name, 50)}-{digest}"
