"""Where each minuted item starts, its number as the source writes it, and its title.

Councils number items in many ways, or not at all; what they share is that an item opens on a
line of its own with a short title. In order of trust:
1. "(Item 4)" on the line under the title (Kent-style printed minutes): the title is the line
   above, with the minute number before it if there is one ("283. Apologies for Absence");
2. a chain of numbered titles that follow each other: "36 APOLOGIES", "2614. Police Report:",
   "Item 5:", "5.1", "C 08/042", "CM 26/23", "PLA146/14" under or over its title, "19." alone with
   the title on the next line, a code on one line and the number on the next ("PAR" / "1"), a
   minute number on its own line under an agenda-numbered title (CMIS: "1 Election" ... "177");
   numbered paragraphs of prose inside an item ("118.1 Councillor X was present ...") are not
   items;
3. headings with no number: markdown or bold headings, and the title lines of web pages that
   stand apart after blank lines (a linked document, a usual agenda heading such as
   "Apologies", "Declarations of Interest", "To approve the minutes ...");
4. numbered points of prose starting at 1, where nothing else marks items (a working group's
   "1. KK presented ...").
"""
from __future__ import annotations

import re

from kg.segment.names_list import TITLE
from kg.segment.layout import Line, capitalised_share, is_upper, looks_like_title, next_text, prev_text, short_title
from kg.segment.marks import (AGENDA_WORDS, ATTENDANCE_TITLE, CODE_ALONE, ITEM_TAG, LABEL, MAYBE_NUMBER, NOT_TITLE,
                               NUMBER_ALONE, NUMBERED, Head, number_key, ref_of)
from kg.segment.when import dates_in


def _follows(a: tuple, b: tuple, gap: int = 3) -> bool:
    """Does number b come after number a in one numbering? (code, n, sub, year)"""
    if a[0] != b[0]:
        return False
    if a[3] is not None and b[3] is not None and a[3] != b[3]:
        # "C 08/042", "C 08/043": the number after the stroke runs, the one before is the year
        return a[1] == b[1] and not a[2] and not b[2] and 0 < b[3] - a[3] <= gap
    if b[2]:
        if b[1] != a[1]:  # "6 Minutes", then "7.1 <report>" under an unnumbered section heading
            return b[1] == a[1] + 1 and b[2] == (1,)
        if not a[2]:
            return b[2] == (1,) or b[2] == (0,) or (len(b[2]) == 1 and b[2][0] <= 2)
        return len(a[2]) == len(b[2]) and a[2][:-1] == b[2][:-1] and 0 < b[2][-1] - a[2][-1] <= 2
    return 0 < b[1] - a[1] <= gap or (b[1] == a[1] and b[1] >= 10 and not a[2])  # a running number printed twice


def _chain(heads: list[Head]) -> list[Head]:
    """The longest run of heads whose numbers follow each other."""
    if not heads:
        return []
    best = [1.0] * len(heads)
    back = [-1] * len(heads)
    for j in range(len(heads)):
        for i in range(max(0, j - 60), j):
            if _follows(heads[i].key, heads[j].key):
                gap = heads[j].key[1] - heads[i].key[1] - 1 if not heads[j].key[2] and heads[j].key[1] != heads[i].key[1] else 0
                score = best[i] + 1 - 0.3 * max(0, gap)
                if score > best[j]:
                    best[j], back[j] = score, i
    j = max(range(len(heads)), key=lambda k: (best[k], -k))
    out = []
    while j >= 0:
        out.append(heads[j])
        j = back[j]
    return out[::-1]


_CUT = re.compile(r":-?\s+\S|:-?\s*$|(?<=\.)\s+(?=[A-Z])|\s+[-–—]\s+(?=[A-Z][a-z])|\s+Minutes:\s|\s*\|")


def _cuts(title: str):
    """Where a numbered line's title may end and its text begin; a colon before a short
    capitalised phrase that ends the line is part of the title ("Provision: Six Month Update.")."""
    for c in _CUT.finditer(title):
        if c.group(0).startswith(":") or c.group(0).strip() in "-–—":
            rest = title[c.end() - 1:].strip()
            if rest and len(rest) < 70 and ". " not in rest and capitalised_share(rest) >= 0.6 \
                    and not AGENDA_WORDS.match(title[:c.start()]) and not re.search(r"\d|\b(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Dr)\b", rest):
                continue
        yield c


def _title_of(line: Line, m: re.Match) -> tuple[str, int, int]:
    """The title a numbered line gives: up to a colon or sentence stop when prose follows it."""
    s, e = m.span("title")
    title = line.raw[s:e]
    cut = next((c for c in _cuts(title)
                if not re.search(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Cllr|No|St|Co|Nos))\.$", title[:c.start()].rstrip())), None)
    if cut and cut.start() > 2:
        title = title[:cut.start()]
    title = title.rstrip(" :-–—|")
    agenda = re.match(r"\d{1,3}[.)]?\s+(?=[A-Z‘'\"(])", title)  # "C048/23  1.  APOLOGIES": the agenda number
    if agenda and m.group("code"):
        s += agenda.end()
        title = title[agenda.end():]
    return title, line.start + s, line.start + s + len(title)


def numbered_heads(lines: list[Line], prose: bool = False) -> list[Head]:
    """Every line that could open a numbered item (titled, or with prose when `prose`)."""
    return _numbered(_numbered_lines(lines), prose)


def _numbered(found: list[tuple[Head, bool]], prose: bool) -> list[Head]:
    """`numbered_heads` from `_numbered_lines`' reading."""
    return _dedupe([h for h, with_prose in found if prose or not with_prose])


def _numbered_lines(lines: list[Line]) -> list[tuple[Head, bool]]:
    """Every line that could open a numbered item, each with whether only an item opening with
    prose ("3. The Clerk reported ...") would take it."""
    heads: list[tuple[Head, bool]] = []
    in_list = False
    for i, ln in enumerate(lines):
        if ln.blank:
            in_list = False
            continue
        if not MAYBE_NUMBER.match(ln.raw):
            continue  # no number at the line's start: no numbered head (a cheap look before the full patterns)
        m = NUMBERED.match(ln.raw)
        if m and (m.group("code") or "").upper() in ("PART", "PAGE", "TEL", "NO"):
            m = None
        if i and not lines[i - 1].blank and lines[i - 1].text.endswith((":", ":-")) and m and m.group("n") == "1" \
                and re.search(r"\b[a-z]{3,}\b", lines[i - 1].text) and not NUMBERED.match(lines[i - 1].raw) \
                and not re.match(r"Item\b", lines[i - 1].text, re.IGNORECASE):
            in_list = True  # a list a sentence introduces ("subject to the following conditions:") is no run of items
        if in_list and m:
            continue
        if m and m.group("title") and not NOT_TITLE.match(m.group("title")) \
                and not re.match(r"['’\"]?\s*[a-z]", m.group("title")):
            title, ts, te = _title_of(ln, m)
            last = _wrapped(lines, i) if not re.search(r"[.:;]\s*$", ln.text) and te - ln.start >= len(ln.raw.rstrip()) else i
            if last > i:  # "8. Declarations of ... Overview and Scrutiny" / "Procedure Rule 16."
                title = " ".join([title, *(x.text for x in lines[i + 1:last + 1])]).rstrip(" :")
                te = lines[last].last
            if ATTENDANCE_TITLE.match(title):
                continue
            stop = m.group("stop") or ""
            titled = short_title(title) and not (stop == ")" and not is_upper(title))
            if m.group("item") and not m.group("code"):
                titled = True
            if titled or (stop == "." and not m.group("code") and not m.group("sub")):
                heads.append((Head(ln.first, ref_of(m), title, ts, te, i, number_key(m), titled), not titled))
            continue
        m = NUMBER_ALONE.match(ln.raw)
        if not m:
            continue
        if i and not lines[i - 1].blank and len(lines[i - 1].text) >= 40 and not re.search(r"[.:;!?]$", lines[i - 1].text) \
                and not NUMBER_ALONE.match(lines[i - 1].raw):
            continue  # the last word of a title wrapped over two lines
        key, ref = number_key(m), ref_of(m)
        p = prev_text(lines, i, 2)
        if p is not None and not m.group("code") and CODE_ALONE.match(lines[p].raw):  # "PAR" / "1"
            code = CODE_ALONE.match(lines[p].raw).group("code")
            key, ref = (code, *key[1:]), f"{code} {ref}"
            opens = lines[p].first
        else:
            opens = ln.first
        head = _lone_number_title(lines, i, ref, key, opens, p if opens != ln.first else None)
        if head and not re.search(r"[.:)]\s*$", ln.text):
            head.bare = True
        if head:
            heads.append((head, False))
    return heads


def _lone_number_title(lines: list[Line], i: int, ref: str, key: tuple, opens: int, code_line: int | None = None) -> Head | None:
    n0 = next_text(lines, i, 2)
    if n0 is not None and short_title(lines[n0].text) and not NUMBERED.match(lines[n0].raw) \
            and not NUMBER_ALONE.match(lines[n0].raw) and not PERSONISH.match(lines[n0].text):
        last = _wrapped(lines, n0)
        title = re.sub(r"[\s;:|]+$", "", " ".join(ln.text for ln in lines[n0:last + 1]))
        return Head(opens, ref, title, lines[n0].first, lines[last].last, i, key)
    """A number on its own line: the title is on the next line, or (a minute reference under its
    title) the line above; an agenda-numbered title just above lends its title (CMIS)."""
    for back in range(1, 4):
        j = i - back
        if j < 0:
            break
        m = NUMBERED.match(lines[j].raw)
        if m and m.group("title") and not lines[j].blank and looks_like_title(m.group("title"), loose=True) \
                and number_key(m)[1] != key[1] and back <= 3 and not m.group("code"):
            title, ts, te = _title_of(lines[j], m)
            return Head(lines[j].first, ref, title, ts, te, j, key)
    n = next_text(lines, i, 4)
    p = prev_text(lines, i if code_line is None else code_line, 3)
    if p is not None and (key[0] or key[3]) and code_line is None and is_upper(lines[p].text) and not NUMBERED.match(lines[p].raw):
        return _title_above(lines, p, ref, key)  # "APOLOGIES" / "PLA146/14": a minute reference under its title
    if n is not None and NUMBERED.match(lines[n].raw) and number_key(NUMBERED.match(lines[n].raw)) == key:
        return None  # "118" / "118 Procedural Business": the titled line opens the item
    while n is not None and PERSONISH.match(lines[n].text):  # pdftotext leaves a margin number inside a list of names
        n = next_text(lines, n, 4)
        opens = lines[n].first if n is not None else opens
    if n is not None and _title_line(lines[n].text) and not NUMBER_ALONE.match(lines[n].raw) \
            and not re.match(r"(?:No\.?\s+)?Items?$|(?:Present|In attendance|Apologies)\s*:", lines[n].text, re.IGNORECASE):
        last = _wrapped(lines, n)
        title = re.sub(r"[\s;:|]+$", "", " ".join(ln.text for ln in lines[n:last + 1]))
        return Head(opens, ref, title, lines[n].first, lines[last].last, i, key)
    if p is not None and looks_like_title(lines[p].text, loose=True) and not NUMBERED.match(lines[p].raw) \
            and not re.match(r"(?:No\.?\s+)?Items?$|.*:$", lines[p].text, re.IGNORECASE):
        return _title_above(lines, p, ref, key)
    return None


PERSONISH = re.compile(rf"^(?:{TITLE.pattern}\s+"
                       r"(?:(?:[A-Z]\.?|[A-Z][a-z][\w'’-]*)\s+)*[A-Z][\w'’-]+(?:\s+(?:CC|OBE|MBE|CBE|JP))*"
                       r"(?:\s*\([^)]*\))?(?:\s*[–—-]\s+.*)?[\s.,]*"
                       r"|(?:In\s+Attendance|Also\s+Present|Present)\b[\s.:]*)$", re.IGNORECASE)


def _title_line(text: str) -> bool:
    """The line under a lone number: its title, even when worded like a sentence."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"(") and len(text) <= 220 \
        and not re.match(r"(?:RESOLVED|Resolved|That\b|It\s+was|There\s+(?:was|were)|The\s+\w+\s+(?:was|were|had|has|noted|"
                         r"received|considered|reported))", text)


def _wrapped(lines: list[Line], n: int) -> int:
    """The last line of a title that pdftotext wrapped: a long line with no closing stop, whose
    next line reads as the rest of the title."""
    last = n
    while last + 1 < len(lines) and last - n < 2 and len(lines[last].text) >= 55 \
            and not lines[last].text.endswith((".", ":", ";")) and not lines[last + 1].blank \
            and (short_title(lines[last + 1].text) or lines[last + 1].text[:1].islower()):
        last += 1
    return last


def _title_above(lines: list[Line], p: int, ref: str, key: tuple) -> Head:
    """A title standing above its minute reference, wrapped over up to three capitalised lines."""
    first = p
    while first > 0 and p - first < 2 and is_upper(lines[first].text) and is_upper(lines[first - 1].text) \
            and not lines[first - 1].blank and not NUMBERED.match(lines[first - 1].raw) and not NUMBER_ALONE.match(lines[first - 1].raw):
        first -= 1
    title = " ".join(ln.text for ln in lines[first:p + 1]).rstrip(" :")
    return Head(lines[first].first, ref, title, lines[first].first, lines[p].last, first, key)


def _dedupe(heads: list[Head]) -> list[Head]:
    """One head per number where a number is printed twice in a row ("118 <AI1>" / "118 Procedural")."""
    out: list[Head] = []
    for h in sorted(heads, key=lambda h: h.start):
        if out and out[-1].key == h.key and h.line - out[-1].line <= 4 and (
                out[-1].title_start == h.title_start or not out[-1].title.strip() or not h.title.strip()):
            if len(h.title) > len(out[-1].title):
                out[-1] = Head(out[-1].start, h.number, h.title, h.title_start, h.title_end, h.line, h.key, h.titled)
            continue
        out.append(h)
    return out


def tagged_heads(lines: list[Line]) -> list[Head]:
    """Items marked by "(Item N)" under their titles."""
    heads = []
    for i, ln in enumerate(lines):
        m = ITEM_TAG.match(ln.raw)
        if not m:
            continue
        p = prev_text(lines, i, 2)
        if p is None:
            continue
        t = lines[p]
        first = p
        q = prev_text(lines, p, 1)  # a title wrapped over two lines
        if q is not None and not ITEM_TAG.match(lines[q].raw) and len(lines[q].text) < 100 \
                and lines[q].text[-1:] not in ".:;" and looks_like_title(lines[q].text) \
                and (not lines[p].text[:1].isupper() or NUMBERED.match(lines[q].raw) and not NUMBERED.match(lines[p].raw)):
            first = q
        num = NUMBERED.match(lines[first].raw)
        if num and num.group("title") and not num.group("code"):
            title, ts, _ = _title_of(lines[first], num)
            number = ref_of(num)
        else:
            title, ts, number = lines[first].text, lines[first].first, m.group("n")
        if first != p:
            title = f"{title} {t.text}"
        title = title.rstrip(" :")
        heads.append(Head(lines[first].first, number, title, ts, t.last, first, ()))
    return heads


def plain_heads(lines: list[Line], marked: set[int], linked: set[int]) -> list[Head]:
    """Headings with no number: marked as headings by the publisher, or standing apart after blank
    lines as a linked document's title or a usual agenda heading."""
    heads = []
    spaced = sum(1 for ln in lines if ln.blank) > len(lines) / 12  # does the text separate its blocks by blank lines?
    for i, ln in enumerate(lines):
        t = ln.text
        if not t or len(t) > 220:
            continue
        gap = 0 if spaced else 1
        j = i - 1
        while j >= 0 and lines[j].blank:
            gap += 1
            j -= 1
        heading = i in marked and looks_like_title(t, loose=True) and not LABEL.match(t.rstrip(":")) \
            and not (ln.kind == "heading" and dates_in(t))  # a page's heading with the meeting's date heads the page
        apart = (gap >= 2 or j < 0) and (i in linked or AGENDA_WORDS.match(t) or is_upper(t)) \
            and short_title(t, 220) and not LABEL.match(t.rstrip(":"))
        alone = (gap >= 1 and AGENDA_WORDS.match(t) and not re.match(r"Reports?\s+(?:of|by|from)\b", t) and len(t.split()) <= 6 and not t.endswith((".", ":", ","))
                 and not re.search(r"\b(?:was|were|had|received|from)\b", t, re.IGNORECASE))
        caps = not spaced and is_upper(t) and len(t.split()) <= 12 and not LABEL.match(t) and ":" not in t \
            and not (i and is_upper(lines[i - 1].text))
        if ATTENDANCE_TITLE.match(t) or (re.search(r"\bminutes\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}?meeting\b", t, re.IGNORECASE)
                                         and not re.match(r"(?i)(?:to\s|approv|confirm|adopt|sign|receiv)", t)):
            continue  # an attendance label, or the minutes' own heading
        if heading or apart or alone or caps:
            title = t.rstrip(" :")
            heads.append(Head(ln.first, None, title, ln.first, ln.first + len(title), i, ()))
    return heads


def _strays(chain: list[Head], titled: list[Head]) -> list[Head]:
    """Titled items the run skipped over: one taken out of order ("2. Deputation", then "1. Adoption
    of Minutes", then "3."), or one misnumbered in place of the missing number ("55", "6", "57")."""
    plain = [h for h in chain if not h.key[0] and not h.key[2] and h.key[3] is None]
    if len(plain) != len(chain):
        return chain
    nums = {h.key[1] for h in chain}
    lo, hi = min(nums), max(nums)
    out = list(chain)
    for h in titled:
        if h in chain or h.key[0] or h.key[2] or h.start <= chain[0].start or h.key[1] in nums or h.bare:
            continue
        after = [c for c in chain if c.start < h.start][-1]
        missing = after.key[1] + 1
        if (lo - 3 <= h.key[1] < hi) or (missing not in nums and str(missing).endswith(str(h.key[1]))):
            out.append(h)
            nums.add(h.key[1])
    return sorted(out, key=lambda h: h.start)


def _lead_in(chain: list[Head], prose: list[Head]) -> list[Head]:
    """Numbered points of prose right before a titled run that count up to it ("1. KK presented
    ...", "2. ...", then "7. Request for maps"): items too, untitled."""
    first = chain[0]
    if first.key[0] or first.key[2] or first.key[1] <= 1:
        return chain
    before = [h for h in prose if h.start < first.start and not h.key[0] and not h.key[2]]
    want, run = first.key[1] - 1, []
    for h in reversed(before):
        if h.key[1] == want:
            run.append(h)
            want -= 1
    return run[::-1] + chain if run and want == 0 else chain


def find_heads(lines: list[Line], marked: set[int], linked: set[int]) -> list[Head]:
    """The items' heads, by the most trusted numbering the document has."""
    from kg.segment.rows import block_heads, row_heads  # noqa: PLC0415 (rows builds on this module's Head)

    blocks = block_heads(lines)
    if len(blocks) >= 2:
        return blocks
    tagged = tagged_heads(lines)
    if len(tagged) >= 2:
        return tagged
    rows = row_heads(lines)
    if len(rows) >= 2:
        return rows
    numbered = _numbered_lines(lines)  # read once for both readings: titled heads only, or with prose too
    heads = _numbered(numbered, False)
    chain = _chain([h for h in heads if h.titled])
    if len(chain) >= 2:
        return _lead_in(_strays(chain, [h for h in heads if h.titled]), _numbered(numbered, True))
    plain = plain_heads(lines, marked, linked)
    plain = [h for h in plain if not re.match(r"Report\s+(?:author|of|by)\b", h.title, re.IGNORECASE)]
    if len(plain) >= 2:
        # a lone numbered title among them keeps its number
        merged = {h.line: h for h in plain}
        for h in chain:
            merged[h.line] = h
        return sorted(merged.values(), key=lambda h: h.start)
    if chain:
        return chain
    if len(plain) == 1 and (is_upper(plain[0].title) or plain[0].line in marked):
        return plain
    prose = _chain(_numbered(numbered, True))
    if len(prose) >= 2 and prose[0].key[1] == 1:
        return prose
    return []
