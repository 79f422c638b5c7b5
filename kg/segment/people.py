"""How minutes write a person: a title, forenames or initials, a surname, post-nominals, and the
post after a dash, a comma or in brackets.

"Cllr Mrs P. Okafor", "Detective Chief Inspector Jane Smith", "Ms Jane Smith - Head of Service",
"Jane Doe (Director of Housing)"; a contact line "Contact: Miss F. Gall (0116 ...)". Names only:
the phone numbers and emails beside them are never kept.
"""
from __future__ import annotations

import re

from extractors.names import parse_person
from extractors.titles import HONORIFICS, PERSONAL, POSTNOMINALS, RANK_PATTERN, TITLES
from extractors.vocab import load_jsonl, words
from kg.models import PersonRef, Span
from kg.textutil import squash

__all__ = ["PERSON", "PERSON_RE", "POST_WORD", "person_with_post", "bare_person_with_post", "looks_like_post",
           "contact_people", "person_key", "unique"]

# police ranks ("Detective Chief Inspector Jane Smith") stand where an honorific would
HONORIFIC = rf"(?:{RANK_PATTERN}|County Councillor|{'|'.join(sorted(PERSONAL, key=lambda h: (-len(h), h)))})"
POSTNOMINAL = rf"(?:{'|'.join(sorted(POSTNOMINALS, key=lambda p: (-len(p), p)))})"
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin letters with accents too: "Zoë", "Ó Súilleabháin"
# A surname ends where the word ends: never cut short ("Back\\slash" is no name, not "Mr Back").
_SURNAME = rf"[{_UPPER}][{_UPPER}{_LOWER}'’\-]+(?:-[{_UPPER}][{_UPPER}{_LOWER}'’]+)?(?![\w\\])"
# Words that start what follows a name, never a forename or a surname: "Ms Jane Smith Head of
# Service" is Ms Jane Smith, "Mrs A. Cole Mr B. Dale" two people.
_NOT_NAME = (rf"(?!(?:{HONORIFIC}|{POSTNOMINAL}|Director|Head|Manager|Officer|Lead|Chief|Assistant|Deputy|"
             r"Cabinet|Member|Chair|Chairman|Chairperson|Vice|Executive|Service|Services|Team|Council|County|"
             r"City|Borough|District|Police|Trust|Senior|Principal|Interim|Acting|Strategic|Corporate|"
             r"Leader|Clerk|Secretary|Commissioner|The|And|For|Of|On|In|At|To|From)\b)")
# A courtesy title may follow a councillor's: "Councillor Mrs P. Okafor", "Cllr Dr A. Shah".
COURTESY = "(?:" + "|".join(sorted({h.capitalize() for h, c in HONORIFICS.items() if c != "Cllr"},
                                    key=lambda h: (-len(h), h))) + ")"
# Forenames are greedy (the whole of "Ms Jane Mary Smith"), on one line, and stop at a word above.
PERSON = (rf"{HONORIFIC}\.?(?:(?:(?<=Councillor)|(?<=Cllr)|(?<=Cllr\.))\s+{COURTESY}\.?(?=\s))?"
          rf"(?:\s+[{_UPPER}]\.?(?=[\s.])|[ ]{_NOT_NAME}[{_UPPER}][{_LOWER}]+(?![\w\\]))*\s+"
          rf"(?:(?:Mc|Mac|O'|O’|De|Van|Von|St\.?)\s?)?{_NOT_NAME}{_SURNAME}"
          rf"(?:\s+{POSTNOMINAL}\b\.?)*")
PERSON_RE = re.compile(PERSON)
CHAIR_MARK = re.compile(r"\(\s*in\s+the\s+chair\s*\)|\(\s*(?:chair(?:man|person)?|conven[eo]r)\s*\)", re.IGNORECASE)
# a name written without a title: "Jane Doe", "J Okafor-Lane", a police rank before it; in a
# councillors' list a surname alone ("Smith (Chairman), Jones")
_RANK = r"(?:(?:Chief\s+|Detective\s+)?(?:Inspector|Superintendent|Sergeant|Constable)|PC|PCSO|DS|DI)"
_FORENAME = rf"(?:[{_UPPER}]\.?(?=\s)|{_NOT_NAME}[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)"
BARE_NAME = re.compile(rf"(?:{_RANK}\s+)?(?:{_FORENAME}\s+){{1,3}}{_NOT_NAME}{_SURNAME}")
SURNAME_ONLY = re.compile(rf"{_NOT_NAME}{_SURNAME}")
VICE_CHAIR = re.compile(r"^\s*\(\s*(?:vice[\s\-]*)?chair(?:man|person)?\s*\)", re.IGNORECASE)

# a name ending as an outside body's does ("Valley Police", "Eastbridge City Council"): the organisations
# component's head words
_ORG_RECORDS = load_jsonl("organisations.v1.jsonl")
ORG_TAIL = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words(_ORG_RECORDS, "org_heads")
                                                     | words(_ORG_RECORDS, "org_multi_heads")), key=len, reverse=True))
                      + r")\W*$")
POST_WORD = re.compile(r"\b(?:Director|Head|Manager|Officer|Lead|Executive|Member|Partner|Commissioner|Advis[eo]r|"
                       r"Co-?ordinator|Assistant|Chief|Analyst|Consultant|Principal|Specialist|Worker|Clerk|Leader|"
                       r"Secretary|Treasurer|Solicitor|Accountant|Engineer|Planner|Inspector|Champion|Holder|Chair(?:man)?)\b")


def person_with_post(piece: str, offset: int) -> PersonRef | None:
    """A titled name at the start of `piece` ("Ms Jane Smith - Head of Service, Fostering"), with
    the post after it; where they work ("Mr A. Khan - Valley Police") is no post. `offset` is
    where `piece` stands in the text."""
    m = PERSON_RE.search(piece)
    if not m or m.start() > 6:
        return None
    name = squash(m.group(0)).rstrip(".,")
    if re.search(rf"\s{POSTNOMINAL}$", name) is None and name.endswith("."):
        name = name.rstrip(".")
    rest = piece[m.end():]
    post = None
    pm = re.match(r"\s*(?:–|—|-|,|:)\s*(.+?)\s*\.?\s*$", rest)
    if pm and not CHAIR_MARK.search(rest):
        post = squash(pm.group(1)).rstrip(".")
        if not POST_WORD.search(post) and ORG_TAIL.search(post):
            post = None  # "Mr A. Khan - Valley Police", "Inspector Jones, Valley Police": where they work
    return PersonRef(name=name, span=Span(offset + m.start(), offset + m.start() + len(m.group(0).rstrip(". "))), post=post)


def bare_person_with_post(piece: str, offset: int, surname_alone: bool = False) -> PersonRef | None:
    """A name with no title before it, then "(post)", "- post" or ", post"."""
    s = piece.lstrip()
    offset += len(piece) - len(s)
    m = BARE_NAME.match(s) or (SURNAME_ONLY.match(s) if surname_alone else None)
    if not m:
        return None
    rest = s[m.end():]
    if rest.strip() and not re.match(r"\s*(?:\(|–|—|-|,|:)", rest):
        return None  # a sentence, not a name: "Members noted the report"
    post = None
    if not VICE_CHAIR.match(rest):
        pm = re.match(r"\s*(?:\((?P<b>[^)]+)\)|(?:–|—|-|,|:)\s*(?P<d>.+?))\s*\.?\s*$", rest)
        if pm:
            post = squash(pm.group("b") or pm.group("d")).rstrip(".")
        if post and not POST_WORD.search(post):
            post = None  # "Inspector Jones - Valley Police": where they work, not a post
    return PersonRef(name=squash(m.group(0)), span=Span(offset, offset + m.end()), post=post)


def looks_like_post(name: str) -> bool:
    """Words that start a post or a department, not a name ("Director of ...", "Business Support")."""
    return bool(re.match(r"(?:Director|Head|Assistant|Chief|Service|Children|County|Tel|Email|Business|Lead|Cabinet|Council|Department)\b", name)) or name.endswith(("Council", "Services", "Service"))


CONTACT_LINE = re.compile(r"^[ \t]*Contacts?(?:[ \t]+officers?)?[ \t]*:[ \t]*([^\n]+)$", re.MULTILINE | re.IGNORECASE)
_CONTACT_CUT = re.compile(r"\(|\d|,|;|\b(?:Tel|Telephone|Phone|E-?mail|Ext)\b|@", re.IGNORECASE)
_NOT_A_CONTACT = re.compile(r"\b(?:Services?|Team|Unit|Office|Officers?|Department|Support|Democratic|Committee|"
                            r"Clerk|Section|Governance|Enquiries|Council)\b", re.IGNORECASE)


def contact_people(top: str, offset: int) -> list[PersonRef]:
    """The officer a web page names as its contact ("Contact: Miss. F. Gall (0116 ...) Email:
    ..."): the name only; the phone number and email after it are never kept."""
    found = []
    for m in CONTACT_LINE.finditer(top):
        cut = _CONTACT_CUT.search(m.group(1))
        name = m.group(1)[:cut.start() if cut else None].rstrip(" \t.-:")
        parsed = parse_person(name)
        if parsed is None or not (parsed.honorific or parsed.given) or (
                not parsed.honorific and _NOT_A_CONTACT.search(name)):
            continue
        found.append(PersonRef(name, Span(offset + m.start(1), offset + m.start(1) + len(name)), role="officer"))
    return found


# ---------------------------------------------------------------- one person, many sightings

def person_key(name: str) -> str:
    """One key for the sightings of one person: surname and first initial, titles left out."""
    ws = [w for w in re.findall(r"[^\W\d_]+", name) if w not in TITLES and w.upper() != w or len(w) == 1]
    return (ws[-1].lower() if ws else name.lower())  + "|" + (ws[0][0].lower() if len(ws) > 1 else "")


def unique(refs: list[PersonRef]) -> list[PersonRef]:
    """The people of `refs` once each, in order (the same name written twice is one)."""
    seen, out = set(), []
    for r in refs:
        k = squash(r.name).lower().replace(".", "")
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
