"""Bytes → text: the character encoding recognised (byte-order marks, UTF-16 without one,
Windows-1252, charset-normalizer's guess) and the text cleaned without moving a line."""
from __future__ import annotations

import os
import re
import unicodedata

from kg.errors import IngestError

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
