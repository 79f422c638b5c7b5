"""Declarations of interest, as minutes of any council record them.

A declaration is a member, named, saying they have an interest in an item. Minutes write it
in many ways, all read here by their shape, never by whose names they hold:

- a sentence: "Councillor Ann Marlow declared a personal interest in Item 9 as a governor
  of Fenwater Primary School", "Councillors A, B and C declared ...", "Cllr Marlow stated
  that she had a non-pecuniary interest ...", "Having made a declaration, Councillor Marlow
  withdrew from the meeting";
- "The following Members declared personal interests ...:" over a line of names;
- short rows under a declarations heading: "Cllr Marlow re 2623 & Cllr Dace re 2621",
  "• Councillor Ann Marlow – Item 14.1.", "Cllr Marlow – item 5 – personal";
- a table flattened one cell a line: "Councillor" / "Minute Number" / "Nature of Interest",
  then name, item and nature for each row.

"No declarations of interest were made", "None", or members who declared without being
named ("Members who were district councillors declared an interest") give none.
"""
from __future__ import annotations

import re

from extractors.titles import HONORIFICS, POSTNOMINALS
from kg.models import Declaration, PersonRef, Span
from kg.segment.literal import Cues, finditer_near
from kg.textutil import squash

# ---------------------------------------------------------------- names in lists

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# "County Councillor", "Cllr", "Cr" (Australia and New Zealand): a member's title
COUNCILLOR_TITLE = r"(?:(?:County|Borough|District|Town|Parish|City)\s+)?(?:Councillor|Cllr|Cr)\.?"
COUNCILLORS_HEAD = re.compile(r"(?:(?:County|Borough|District|Town|Parish|City)\s+)?(?:Councillors|Cllrs|Crs)\.?\s+")
COURTESY = "(?:" + "|".join(sorted({h.capitalize() for h in HONORIFICS if h not in ("cllr", "councillor")},
                                   key=lambda h: (-len(h), h))) + r")\.?"
HONORIFIC = rf"(?:{COUNCILLOR_TITLE}(?:\s+{COURTESY}(?=\s))?|{COURTESY})"
_POSTNOMINAL = "(?:" + "|".join(sorted(set(POSTNOMINALS), key=len, reverse=True)) + r")\b\.?"
_INITIALS = rf"(?:[{_UP}]\.\s?){{1,4}}|[{_UP}]{{1,3}}(?=\s)"
_FORENAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_SURNAME = (rf"(?:(?:van|de|der|von|le|la|du|da|di)\s+)*(?:O['’]\s?|D['’])?"
            rf"[{_UP}][{_UP}{_LOW}'’\-]*[{_LOW}][{_UP}{_LOW}'’\-]*")
#: one name as a list writes it: "Mrs R. Mill", "H.A.L. Evans", "Steven B Heddle", "Bale"
NAME = re.compile(rf"(?P<hon>{HONORIFIC}\s+)?(?P<name>(?:(?:{_INITIALS}|{_FORENAME})\s*?\s)*{_SURNAME}(?:\s+{_POSTNOMINAL})*)")
#: capitalised words that never stand in a member's name
NOT_NAME = frozenset("""the a an this that these those members member chairman chair chairperson vice council
committee panel board cabinet item items minute minutes agenda all following leader mayor clerk officer
officers director head manager there no none it he she they members' councillors councillor declarations
declaration interest interests public report note having application paragraph present apologies resolved
submitted agreed noted received""".split())
_SINGULAR = {"Councillors": "Councillor", "Cllrs": "Cllr", "Crs": "Cr"}
_LIST_CUT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+|\s*&\s*")


def _name_piece(piece: str, offset: int, bare_ok: bool) -> tuple[str, Span] | None:
    """The name in one piece of a list, with the honorific when it has one; a bare name
    ("Bale", "G Breeze") only where the list's head makes it a member's."""
    m = NAME.fullmatch(piece)
    if m is None or (m.group("hon") is None and not bare_ok):
        return None
    words = re.findall(r"[^\W\d_][\w'’\-]*", m.group("name"))
    if not words or any(len(w) > 1 and w.lower() in NOT_NAME for w in words):
        return None
    return squash(piece), Span(offset + m.start(), offset + m.end())


def names_in(text: str, start: int, end: int, bare_ok: bool = False) -> list[PersonRef]:
    """Every name of a list written as the subject of a sentence, or none when any piece of
    it is not a name: "Councillors V.W. Broad and Mrs R. Mill", "Cllrs Marlow & Dace",
    "County Councillors G Breeze, PE Lewis and TJ Van-Rees". "Councillors" before the list
    makes every bare name a councillor's ("Councillor Bale")."""
    lead = re.match(r"\s*", text[start:end]).end()
    start += lead
    head = COUNCILLORS_HEAD.match(text, start, end)
    title = ""
    if head:  # "Councillors", "County Councillors" → "Councillor", as each name's own title
        title = _SINGULAR[squash(head.group(0)).rstrip(".").split()[-1]]
        start = head.end()
    pieces, at = [], start
    for cut in _LIST_CUT.finditer(text, start, end):
        pieces.append((at, cut.start()))
        at = cut.end()
    pieces.append((at, end))
    pieces = [(s, e) for s, e in pieces if text[s:e].strip(" .")]
    if not pieces:
        return []
    single = [s for s, e in pieces if " " not in text[s:e].strip()]
    out: list[PersonRef] = []
    for s, e in pieces:
        # "Councillor Marlow (Chairman)", "Mr Dace (co-opted member)": the name before the brackets
        piece = re.sub(r"\s*\([^()]*\)\s*$", "", text[s:e].rstrip(" .")).rstrip(" .")
        e = s + len(piece)
        if head and len(single) >= 2 and re.fullmatch(rf"{_FORENAME}(?:\s+{_FORENAME})+", piece) \
                and not re.match(rf"{HONORIFIC}\s", piece):
            # "Councillors Boag Crown, Price and Taylor": in a list of surnames, a comma left out
            for w in re.finditer(r"\S+", piece):
                out.append(PersonRef(name=f"{title} {w.group(0)}", span=Span(s + w.start(), s + w.end())))
            continue
        found = _name_piece(piece, s, bare_ok or bool(head))
        if found is None:
            return []
        name, span = found
        if head and not re.match(HONORIFIC, name):
            name = f"{title} {name}"
        out.append(PersonRef(name=name, span=span))
    return out


# ---------------------------------------------------------------- what a declaration says

_KIND_WORD = (r"(?:disclosable\s+pecuniary|other\s+registrable|non[-\s]?registrable|non[-\s]?pecuniary|"
              r"non[-\s]?prejudicial|significant\s+other|personal|pecuniary|prejudicial|registrable|significant|"
              r"private|financial|non[-\s]?financial|other)")
KIND = re.compile(rf"(?P<kind>{_KIND_WORD}(?:\s*(?:,|and|/)\s*{_KIND_WORD})*)\s*['’‘\"]?\s*interests?\b", re.IGNORECASE)
_ROLE = (r"(?i:member|governor|trustee|director|employee|chair(?:man|person)?|manager|patron|volunteer|shareholder|"
         r"partner|officer|chief\s+executive|president|secretary|treasurer|owner|landlord|tenant)")
_ORG = rf"[{_UP}][\w'’&\-]*(?:\s+(?:(?:of|and|for|the|&|on|St\.?)\s+)*[{_UP}][\w'’&\-]*)*"
#: a row's nature cell that is only the kind: "Cllr Marlow – item 5 – personal", "| Pecuniary |"
ROW_KIND = re.compile(rf"(?:[–—|,:]|\s-)\s*(?P<kind>{_KIND_WORD}(?:\s*(?:,|and|/)\s*{_KIND_WORD})*)\s*(?:[|.;]|$)", re.IGNORECASE)
INTEREST_IN = re.compile(rf"\b{_ROLE}s?\s+(?:of|at|for|with|in)\s+(?:the\s+)?(?P<org>{_ORG})"
                         rf"|\b(?i:works?|worked|employed)\s+(?:for|by|at|with)\s+(?:the\s+)?(?P<org2>{_ORG})")
#: the verbs of a declaration, the subject written before them
CUE = re.compile(
    r"\b(?:declared|declares|disclosed|registered|(?:wished|wishes|wanted)\s+to\s+(?:declare|register))\b"
    r"|\b(?:stated|advised|indicated|confirmed|reported|explained|informed\s+\w+)\s+that\s+(?:s?he|they)\s+"
    r"(?:had|has|held|holds|was|were|is)\b"
    r"|\b(?:had|has|held|holds)\s+an?\s+(?=[^.;\n]{0,40}?\binterest)", re.IGNORECASE)
#: "Declarations of interest were made by Councillors Marlow and Dace in respect of item 5"
PASSIVE = re.compile(r"\b(?:declarations?\s+of\s+(?:[\w\-]+\s+){0,3}?interests?|(?:an?\s+)?(?:[\w\-]+\s+){0,3}?interests?)\s+"
                     r"(?:was|were)\s+(?:made|declared|registered|disclosed)\s+by\s+", re.IGNORECASE)
_PASSIVE_END = re.compile(r"\s+(?:in\s+(?:respect|relation)|in|on|as|for|regarding|concerning|with|who|because|re)\b|\s*[,;(]|\.\s|\.?$")
#: "Having made a declaration, Councillor Marlow withdrew": the subject after the cue
HAVING = re.compile(r"\bHaving\s+(?:made|declared|registered)\s+(?:a|an|their|his|her)\b[^,.;\n]{0,80}?"
                    r"(?:declaration|interest)[^,.;\n]{0,80}?,\s*", re.IGNORECASE)
FOLLOWING = re.compile(r"^(?:The\s+following|These)\s+(?:\w+\s+)?(?:Members|Councillors|members|councillors)$")
NEGATIVE = re.compile(r"\bno\s+(?:\w+\s+){0,3}interests?\b|\bnot\s+(?:to\s+)?(?:have|declare|hold)", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:also|then|further|subsequently|each|both|all|duly|accordingly))+\s*$")
_LEAD = re.compile(r"\s*(?:(?:[•·▪\-*–:|]|\(?[a-z0-9]{1,3}\)|\d{1,4}(?:\.\d+)*\.?(?=\s)|Note\s*:|At\s+this\s+point,?)\s*)*")
#: a line's or bullet's row: "Cllr Marlow re 2623", "Councillor Ann Marlow – Item 14.1.", "Name, Item 5, nature"
ROW_SEP = re.compile(r"\s+re\b\.?\s*|\s*[–—:|]\s*|\s+-\s+|\s*,\s*(?=(?:items?|minutes?|agenda|paragraph|application|"
                     r"planning|report|\d))|\s+(?=(?:in\s+respect\s+of|in\s+relation\s+to|on)\s+(?:items?|minutes?|agenda)\b)",
                     re.IGNORECASE)
ROW_ABOUT = re.compile(r"\b(?:items?|minutes?|agenda|paragraph|application|interest)\b|\d|" + _KIND_WORD, re.IGNORECASE)
#: the heading of a declarations item or head section
DECLARATIONS_HEAD = re.compile(
    r"(?:Declarations?|Disclosures?|Register)\s+of\s+(?:(?:[\w/’'\-]+|,)\s+){0,10}?interests?\b|Conflicts?\s+of\s+interests?\b"
    r"|\bInterests?\s+declared\b|Members['’]?\s+interests\b", re.IGNORECASE)


def _is_head(title: str | None) -> bool:
    return bool(title and DECLARATIONS_HEAD.search(title))


def _sentence_end(text: str, at: int, end: int) -> int:
    """Where the sentence holding `at` ends: at a full stop before a capital or the end of
    a paragraph, never at an initial's stop ("Mr. D. Smith", "H.A.L. Evans")."""
    k = at
    while k < end:
        ch = text[k]
        if ch == "\n" and re.match(r"\n[ \t]*(?:\n|[•·▪])", text[k:k + 40]):
            return k
        if ch == "•":
            return k
        if ch == "." and not re.search(rf"(?:\b[{_UP}]|\b(?:Mr|Mrs|Ms|Dr|Cllr|Cr|St|No|Nos|Rev))$", text[max(at, k - 5):k]) \
                and (k + 1 >= end or re.match(r"\s", text[k + 1])):
            return k + 1
        k += 1
    return end


def _starts(text: str, floor: int, cue: int) -> list[int]:
    """Where the subject before a cue may begin, nearest first: the start of a line, or after
    a full stop, a colon or a semicolon; then, for a second declaration in one sentence
    ("... in Item 5 and Councillor Dace declared ..."), after "and" or a comma."""
    sentence = [m.end() for m in re.finditer(r"(?:^|[.;:!?)]\s|\n)[ \t]*", text[floor:cue], re.MULTILINE)]
    clause = [m.end() for m in re.finditer(r"(?:,|\band\b|\bwhilst\b|\bwhile\b)\s*", text[floor:cue])]
    return [floor + k for k in sorted(set(sentence), reverse=True) + sorted(set(clause) - set(sentence), reverse=True)]


def _declaration(text: str, by: PersonRef, s: int, e: int, title: str | None) -> Declaration:
    sentence = text[s:e]
    kind = KIND.search(sentence) or ROW_KIND.search(sentence) or (KIND.search(title) if title else None)
    where = INTEREST_IN.search(sentence)
    interest_in = None
    if where:
        g = "org" if where.group("org") else "org2"
        interest_in = Span(s + where.start(g), s + where.end(g))
    return Declaration(text=squash(sentence), span=Span(s, e), by=by,
                       interest=squash(kind.group("kind")).lower() if kind else None, interest_in=interest_in)


def _sentences(text: str, start: int, end: int, section: bool, title: str | None) -> list[Declaration]:
    """Declarations written as sentences. Outside a declarations item the sentence must
    speak of an interest or a declaration."""
    raw: list[tuple[PersonRef, int, int]] = []
    for cue in CUE.finditer(text, start, end):
        floor = max(start, cue.start() - 400)
        s_end = _sentence_end(text, cue.end(), end)
        sentence_after = text[cue.start():s_end]
        speaks = re.search(r"\binterest|\bdeclaration", text[cue.end():s_end], re.IGNORECASE) or \
            re.match(rf"\s+(?:an?\s+)?['‘]?{_KIND_WORD}\b", text[cue.end():s_end], re.IGNORECASE)
        if not speaks and not (section and re.match(r"\s+that\b", text[cue.end():s_end])):
            continue  # "Councillor Marlow declared the meeting open"; in its item "declared that he was ..."
        if NEGATIVE.search(sentence_after) or (cue.group(0).lower().startswith(("had", "has", "held", "holds"))
                                               and not KIND.search(sentence_after)):
            continue
        for s in _starts(text, floor, cue.start()):
            lead = _LEAD.match(text, s, cue.start())
            s = lead.end() if lead else s
            subject = _TRAILING.sub("", text[s:cue.start()])
            if FOLLOWING.match(subject.strip()):
                raw += _following(text, s, s_end, end)
                break
            people = names_in(text, s, s + len(subject.rstrip(" ,")))
            if people:
                raw += [(p, s, s_end) for p in people]
                break
    for m in HAVING.finditer(text, start, end):
        name = NAME.match(text, m.end(), end)
        if name and name.group("hon") and _name_piece(name.group(0), name.start(), False):
            by = PersonRef(name=squash(name.group(0)), span=Span(name.start(), name.end()))
            raw.append((by, m.start(), _sentence_end(text, name.end(), end)))
    for m in PASSIVE.finditer(text, start, end):
        s_end = _sentence_end(text, m.end(), end)
        for stop in _PASSIVE_END.finditer(text, m.end(), s_end):
            people = names_in(text, m.end(), stop.start())
            if people:
                raw += [(p, m.start(), s_end) for p in people]
                break
    # two declarations in one sentence: the first ends where the second's subject begins
    starts = sorted({s for _, s, _ in raw})
    out: list[Declaration] = []
    for p, s, e in raw:
        later = [k for k in starts if s < k < e]
        if later:
            e = s + len(re.sub(r"[\s,;]*(?:\band\b|\bwhilst\b|\bwhile\b)?[\s,;]*$", "", text[s:later[0]]))
        out.append(_declaration(text, p, s, e, title))
    return out


def _following(text: str, s: int, s_end: int, end: int) -> list[tuple[PersonRef, int, int]]:
    """"The following Members declared personal interests ...:-" over a line of names."""
    nxt = re.compile(r"\s*(\S[^\n]*)").match(text, s_end, end)
    if not nxt:
        return []
    line_s, line_e = nxt.start(1), nxt.end(1)
    people = names_in(text, line_s, line_s + len(text[line_s:line_e].rstrip(" .;")))
    return [(p, s, line_e) for p in people]


ITEM_REF = re.compile(r"(?:(?:Agenda\s+)?Items?|Minutes?|Paragraph|Application)?\s*(?:No\.?\s*)?[A-Z]{0,5}\d[\w./]*", re.IGNORECASE)
_ROW_JOIN = re.compile(rf"\s*(?:&|\band\b|;|,)\s*(?={HONORIFIC}\s)")


def _rows(text: str, start: int, end: int, title: str | None) -> list[Declaration]:
    """Rows under a declarations heading, one a line or a bullet: "Cllr Marlow re 2623 &
    Cllr Dace re 2621", "• Councillor Ann Marlow – Item 14.1.", "Name, Item 5, nature"."""
    out: list[Declaration] = []
    for row in re.finditer(r"[^\n•·▪]+", text[start:end]):
        r_s, r_e = start + row.start(), start + row.end()
        lead = _LEAD.match(text, r_s, r_e)
        r_s = lead.end()
        # "Cllr Marlow re 2623 & Cllr Dace re 2621": after a row's item, a new member starts a new row
        a = r_s
        for cut in [m for m in _ROW_JOIN.finditer(text, r_s, r_e)] + [None]:
            b = cut.start() if cut else r_e
            sep = ROW_SEP.search(text, a, b)
            if not sep or sep.start() == a or not ROW_ABOUT.search(text, sep.end(), b):
                continue  # no item yet: "Councillors Marlow and Mrs Dace – item 5" is one row
            b = a + len(re.sub(r"[\s&,;]+(?:and\s*)?$", "", text[a:b]))
            n_s, n_e = a, sep.start()
            if ITEM_REF.fullmatch(text, a, sep.start()):  # "Item 5 – Councillor Marlow – personal"
                nxt = ROW_SEP.search(text, sep.end(), b)
                n_s, n_e = sep.end(), nxt.start() if nxt else b
            out.extend(_declaration(text, p, a, b, title) for p in names_in(text, n_s, n_e, bare_ok=True)
                       if " " in squash(text[p.span.start:p.span.end]) or p.name != squash(text[p.span.start:p.span.end]))
            a = cut.end() if cut else r_e
    return out


_HEADER_CELL = re.compile(r"(?:Name(?:\s+of\s+(?:Councillor|Member))?|Councillors?|Members?|Cllrs?)\s*:?", re.IGNORECASE)
_OTHER_CELL = re.compile(r"[^\n]{0,40}\b(?:Minute|Item|Agenda|Interest|Nature|Reason|Number|Subject|Declaration|Application)\b"
                         r"[^\n]{0,40}", re.IGNORECASE)


def _table(text: str, start: int, end: int, title: str | None) -> list[Declaration]:
    """A declarations table flattened one cell a line: a header row ("Councillor" / "Minute
    Number" / "Nature of Interest"), then the same number of cells for each declaration."""
    cells = [(start + m.start(1), start + m.end(1)) for m in re.finditer(r"[ \t]*(\S[^\n]*?)[ \t|]*(?:\n|$)", text[start:end])]
    for k, (s, e) in enumerate(cells):
        if not _HEADER_CELL.fullmatch(text[s:e]):
            continue
        width = 1
        while k + width < len(cells) and width < 5 and _OTHER_CELL.fullmatch(text[cells[k + width][0]:cells[k + width][1]]):
            width += 1
        if width < 2:
            continue
        out: list[Declaration] = []
        row = k + width
        while row + width <= len(cells):
            s0, e0 = cells[row]
            people = names_in(text, s0, e0, bare_ok=True)
            if not people:
                break
            e_row = cells[row + width - 1][1]
            out.extend(_declaration(text, p, s0, e_row, title) for p in people)
            row += width
        return out
    return []


SECTION_STOP = re.compile(
    r"^[ \t]*(?:(?:[A-Z]{1,5}\s?)?\d{1,4}(?:[./]\d{1,4})*[.)]?(?:[ \t]+[A-Z(‘'\"]|[ \t]*$)|\([a-z]\)[ \t]+[A-Z]"
    r"|[^a-z\n]*[A-Z]{3,}[^a-z\n]*\s[A-Z]{2,}[^a-z\n]*$"
    r"|(?:Apolog|Minutes\b|Public|Questions?\b|Chair|Exclusion|Urgent|Petitions?|Deputations?|Date\s+of|Approval|Substitut"
    r"|Matters\s+arising|Announcements|Confirmation|Open\s+Forum|Police|Finance|Correspondence)[^\n.]{0,80}$)", re.MULTILINE)


def section_end(text: str, start: int, end: int, stop: re.Pattern = SECTION_STOP, limit: int = 4000) -> int:
    """Where a section opened by a heading ends: at the next heading-like line (`stop`: a
    numbered line, a line in capitals, another usual heading), after some words of its own."""
    seen_words = False
    for line in re.finditer(r"[^\n]*(?:\n|$)", text[start:min(end, start + limit)]):
        if not line.group(0):
            break
        ln = line.group(0).rstrip("\n")
        if re.fullmatch(r"\s*(?:Minutes|Additional documents|Decision)\s*:?\s*", ln):
            continue  # the labels of a web page's item, never a heading
        if seen_words and stop.match(ln):
            return start + line.start()
        if ln.strip() and not stop.match(ln):
            seen_words = True
    return min(end, start + limit)


_HEAD_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:(?:[A-Z]{1,5}\s?)?\d{1,4}(?:[./]\d{1,4})*[.)]?|\([a-z0-9]{1,3}\)|[•·▪*\-])?[ \t]*$"
                          r"|[.:]\s+$")


def sections(text: str, start: int, end: int, head: re.Pattern, stop: re.Pattern = SECTION_STOP,
             limit: int = 4000, near: Cues | None = None) -> list[tuple[str, int, int]]:
    """The parts of text[start:end] under a heading, each with the heading's words: from the
    heading to the next one. A heading starts a line (after a number or a bullet) or follows
    a full stop in a run-on line ("... Apology • Cllr A. Declarations of Interest • ...").
    `near`, if given, tells where the headings can stand (only there are they looked for)."""
    out: list[tuple[str, int, int]] = []
    heads = finditer_near(head, text, start, end, near) if near else head.finditer(text, start, end)
    for m in heads:
        before = text[max(start, m.start() - 12):m.start()]
        if not _HEAD_BEFORE.search(before if m.start() - 12 > start else "\n" + before):
            continue
        after = re.match(r"[ \t]*(?:\([^)\n]{0,40}\))?[ \t]*[.:\-–]*", text[m.end():end])
        s = m.end() + after.end()
        out.append((m.group(0), s, section_end(text, s, end, stop, limit)))
    return out


def declarations_in(text: str, start: int, end: int, title: str | None = None) -> list[Declaration]:
    """Declarations of interest in text[start:end]: an item's body (title is the item's title,
    e.g. 'Declarations of Interest', or None), or a head section of the minutes labelled
    'Declarations of Interest'."""
    low = text[start:end].lower()
    if not _is_head(title) and not ("declar" in low or "interest" in low or "disclos" in low):
        return []  # every declaration outside its own item says so: skip the rest of the text
    if _is_head(title):
        parts = [(title, start, end)]
    else:  # every heading of declarations names an interest
        parts = sections(text, start, end, DECLARATIONS_HEAD) if "interest" in low else []
    found: list[Declaration] = []
    for head, s, e in parts:
        found += _sentences(text, s, e, True, head) + _rows(text, s, e, head) + _table(text, s, e, head)
    found += _sentences(text, start, end, False, title)
    out: list[Declaration] = []
    seen: set[tuple[int, int]] = set()
    for d in sorted(found, key=lambda d: (d.by.span.start, d.span.start)):
        key = (d.by.span.start, d.by.span.end)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
