"""Contact details are never stored: e-mail addresses and UK telephone numbers are
replaced by same-length runs of "#", so that no other character moves."""
from __future__ import annotations

import re

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
