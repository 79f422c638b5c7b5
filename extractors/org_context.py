"""mkg_organisations' rules of context (see `extractors.organisations`, which mixes them in):
a body named after a partner cue ("in partnership with X", "colleagues from X"), before one
("X, a local charity"), as a payee ("Fenwater Waste - £30"), a government, coordinated police
forces, prisons and radio stations, the first column of a table of bodies, and the wider
area's council in a town or community council's minutes.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors import mentions as M
from extractors import scan as S
from extractors.names import normalise_org
from extractors.titles import POSTNOMINALS

_CAPW = r"(?:[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,}s?|[A-Z][a-z]+(?:['’][a-z]+)?)(?![A-Za-z])"
_CONN = r"(?:of[ \t]+the|and|&|of|for)"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_NAME = rf"{_CAPW}(?:{_GAP}(?:{_CONN}{_GAP})*{_CAPW}){{0,5}}"
# after a context cue a name may hold "in" too ("a representative of Not Fine in School"), never before a date
_WHEN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d)"
_NAME_IN = rf"{_CAPW}(?:{_GAP}(?:(?:{_CONN}|in(?![ \t]+{_WHEN})){_GAP})*{_CAPW}){{0,5}}"
_HEAD_STOP = frozenset({
    "The", "This", "That", "These", "Those", "A", "An", "It", "Its", "Our", "Their", "In", "On", "At",
    "For", "By", "With", "From", "As", "To", "Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor",
    "Leader", "Chairman", "Chair", "Both", "All", "Recommendation", "Each", "Other", "Some", "Many", "Local", "Regional",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December"})
_PAYEE = re.compile(r"(?m)^[ \t]*(?P<x>[A-Z][\w'’&]*(?:(?:[ \t]+|/)(?:[A-Z][\w'’&]*|of|and|&|for)){0,5})[ \t]*[-–][ \t]*£")
_GOVERNMENT = re.compile(r"(?<![\w'’-])(?P<x>[A-Z][a-z]+)[ \t]+government\b")
_PLACE = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?"
_COORDINATED = re.compile(rf"(?P<places>(?:{_PLACE}[ \t]*,[ \t]*)*{_PLACE})[ \t]+(?:and|&)[ \t]+(?P<last>{_PLACE})[ \t]+"
                          rf"(?P<head>Police|Constabulary)\b")
#: letters after a person's name: "Chris Marlow MP" is a person, not a body
_POST_NOMINALS = frozenset(POSTNOMINALS) | {f"{p}s" for p in POSTNOMINALS if p.isupper()}  # "MPs"
_PRISON = re.compile(r"(?<![\w-])(?:HMP|HMYOI|HMPYOI|Radio)[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?![\w'’-])")
#: a table whose first column holds the bodies ("Organisation | Project Summary | Amount Requested")
_TABLE_HEAD = re.compile(r"(?im)^[ \t|]*(?:organi[sz]ations?|applicants?|groups?|company|companies|suppliers?|payees?"
                         r"|name[ \t]+of[ \t]+(?:group|organi[sz]ation|applicant|body))[ \t]*\|")
_TABLE_END = re.compile(r"(?m)^[ \t]*\d+[.)]?[ \t]+[A-Z][^|\n]*$")  # the next numbered heading
_UPPER_TIER = re.compile(r"\b[Tt]he[ \t]+(?P<kind>City|County|District|Borough)[ \t]+Council\b(?![ \t]+[A-Z])")
_VERB_AFTER = re.compile(r"^(?:\s*[,.;:)]|\s+(?:had|has|have|was|were|is|are|would|will|could|as|for|and|to|in|who|which|staff|worker|workers|colleagues)\b)")
_PARTNER_BEFORE = re.compile(r"\b(?:with|from|by|for|and|the charity|commissioned|commissions)\s+$")
_SERVICE_WORDS = frozenset({"Service", "Services", "Team", "Unit", "Department", "Directorate", "Hub", "Programme"})

_POSSESSIVE = re.compile(r"(?<![\w'’-])([A-Z][a-z]{2,})['’]s\b")
_LOWER_RUN = re.compile(r"[a-z]*")


def _possessives(text: str) -> list[re.Match]:
    """What `_POSSESSIVE.finditer(text)` yields, tried only where such a word can start: the
    capital before the run of small letters that ends at an "'s" (or "’s")."""
    marks = []
    for mark in ("'s", "’s"):
        k = text.find(mark)
        while k >= 0:
            marks.append(k)
            k = text.find(mark, k + 2)
    out = []
    for k in sorted(marks):
        j = k
        while j > 0 and "a" <= text[j - 1] <= "z":
            j -= 1
        if j > 0 and k - j >= 2:
            m = _POSSESSIVE.match(text, j - 1)
            if m is not None:
                out.append(m)
    return out


#: the "person_from" context pattern of `organisations.v1.jsonl` ("Ann Bell from the X"); see `_people_from`
_PERSON_FROM = (r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?:[A-Z]\.?\s+)*[A-Z][a-z]+|(?<![\w.])[A-Z][a-z]+\s+[A-Z][a-z]{2,})"
                r"\s+from\s+(?:the\s+)?(?=[A-Z])")
_FROM_TAIL = re.compile(r"from\s+(?:the\s+)?(?=[A-Z])")  # how each of its matches ends
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _people_from(rx: re.Pattern, text: str) -> list[re.Match]:
    """What `rx.finditer(text)` yields for `_PERSON_FROM`, `rx` tried only before each "from"
    that white space stands before and `_FROM_TAIL` matches at. A match is a name (letters,
    full stops and white space: no other such "from") and that "from" with its tail, so it
    starts in the run of those characters before the "from" and ends by the tail's end: `rx`
    is searched for from the run's start (or the last match's end) up to the tail's end."""
    out: list[re.Match] = []
    pos = 0
    k = text.find("from")
    while k >= 0:
        tail = _FROM_TAIL.match(text, k) if k >= pos and k > 0 and text[k - 1].isspace() else None
        if tail is not None:
            start = k
            while start > pos and (text[start - 1] in _NAME_CHARS or text[start - 1].isspace()):
                start -= 1
            m = rx.search(text, start, tail.end() + 1)  # the lookahead's capital, then the end
            if m is not None:
                out.append(m)
                pos = m.end()
        k = text.find("from", k + 1)
    return out


_KIND_OF_BODY = re.compile(r"[A-Z]{2,}s")
_LETTERS = re.compile(r"[A-Za-z&]+")


class ContextRules:
    """The context rules of `OrganisationFinder`; they read its word lists (`self.heads`, ...)."""

    def _payees(self, doc: Doc) -> None:
        """"Fenwater Waste - £30 (Ch. No. 1001)": a payee in the accounts for payment, when
        it is not a person (an initial, a title), a post or a salary."""
        text = M.text_of(doc)
        if "£" not in text:
            return
        for m in _PAYEE.finditer(text):
            line_end = text.find("\n", m.end())
            if text.count("£", m.end(), line_end if line_end >= 0 else len(text)) > 1:
                continue  # "Eastward - £400 Westward - £200": a sum shared out, not a payment
            words = re.findall(r"[A-Za-z'’&]+", m.group("x"))
            if len(words) < 2 or any(len(w) == 1 and w.isupper() for w in words):
                continue
            if any(w in self.not_names or w in self.not_payees or w in self.post_words or w in _SERVICE_WORDS
                   or re.sub(r"['’]s$", "", w) in self.post_words | self.not_names for w in words):
                continue
            M.add(doc, m.start("x"), m.end("x"), "ORG", normalise_org(m.group("x")), "context")

    def _governments(self, doc: Doc) -> None:
        """"the Scottish government", "the Westminster government"."""
        text = M.text_of(doc)
        for m in _GOVERNMENT.finditer(text) if "government" in text else ():
            if m.group("x") not in self.not_names and m.group("x") not in self.generic:
                M.add(doc, m.start(), m.end(), "ORG", m.group(0), "head")

    def _coordinated(self, doc: Doc) -> None:
        """"Northmoor, Vale and Eastshire Police" names three forces."""
        text = M.text_of(doc)
        if "Police" not in text and "Constabulary" not in text:
            return  # the heads every _COORDINATED match ends with
        for m in S.finditer_lines(_COORDINATED, text, ("Police", "Constabulary")):  # on one line
            head = m.group("head")
            places = [p for p in re.finditer(_PLACE, m.group("places"))] + [None]
            words = {w for p in places if p for w in p.group(0).split()} | set(m.group("last").split())
            if words & (self.heads | self.not_names | self.generic | _HEAD_STOP):
                continue  # "the Trust and Northmoor Police": not a list of forces
            for p in places[:-1]:
                place = p.group(0)
                start = m.start("places") + p.start()
                M.add(doc, start, start + len(place), "ORG", f"{place} {head}", "head")
            M.add(doc, m.start("last"), m.end("head"), "ORG", normalise_org(f"{m.group('last')} {head}"), "head")

    # -- 4. context -----------------------------------------------------------
    def _context(self, doc: Doc) -> set[str]:
        found: set[str] = set()
        text = M.text_of(doc)
        name_rx = re.compile(rf"(?:{_CAPW}['’]s|{_NAME_IN})")
        for cid, rx in self.contexts:
            if not self._cued(cid, text):
                continue
            for m in _people_from(rx, text) if rx.pattern == _PERSON_FROM else S.finditer(rx, text):
                n = name_rx.match(text, m.end())
                if n and n.group(0)[-1] == "s" and re.match(r"[ \t]+[A-Z]", text[n.end():n.end() + 2]):
                    continue  # "in conjunction with Ann's Corner": a possessive inside a longer name
                if n and self._context_name_ok(n.group(0)):
                    found.add(self._emit_context(doc, n.start(), n.end()))
        # "X, as the Department's strategic partner"
        after = [rx for cid, rx in self.after if self._cued(cid, text) and rx.search(text)]  # what matches nowhere matches after no name
        for m in re.finditer(rf"({_CAPW}['’]s|{_NAME})(?=,?\s)", text) if after else ():
            for rx in after:
                if rx.match(text, m.end()):
                    start = m.start(1) + m.group(1).rfind("\n") + 1  # the name is on the line of its verb
                    name = text[start:m.end(1)]
                    if name.startswith("The ") and name.count(" ") > 1:
                        name = name[4:]  # "The Fenwater Project, a charity": "The" is part of its name
                    if self._context_name_ok(name):
                        found.add(self._emit_context(doc, start, m.end(1)))
        # "Kestrel's"-shaped names: before a verb and after a partner word
        for m in _possessives(text):
            word = m.group(1)
            if word in self.not_poss or word in self.not_names:
                continue
            if _VERB_AFTER.match(text[m.end():m.end() + 20]) and (
                    _PARTNER_BEFORE.search(text[max(0, m.start() - 30):m.start()]) or m.group(0) in found):
                found.add(self._emit_context(doc, m.start(), m.end()))
        found.discard("")
        # the same name elsewhere in the text
        for name in sorted(found, key=len, reverse=True):
            forms = {name, name.replace("'", "’")}
            for f in forms:
                for start, end in M.occurrences(text, f, "'’-"):
                    M.add(doc, start, end, "ORG", name, "context")
        return found

    def _cued(self, pattern_id: str, text: str) -> bool:
        """The text holds one of the pattern's cue words (or the pattern has none)."""
        cues = self.cues.get(pattern_id)
        return not cues or any(map(text.__contains__, cues))

    def _context_name_ok(self, name: str) -> bool:
        if _KIND_OF_BODY.fullmatch(name):
            return False  # "representatives of ABCs": a kind of body, not one
        words = _LETTERS.findall(name)
        if not words or words[0] in self.not_names:
            return False
        if len(words) == 1 and words[0] in self.heads:
            return False  # "funded by the Trust": a reference back, not a name
        caps = [w for w in words if w[0].isupper()]
        headed = len(caps) >= 3 and caps[-1] in self.heads  # "a representative of Not Fine in School"
        if not headed and any(w in self.not_names or w in _POST_NOMINALS for w in caps[-1:]):
            return False
        return not all(w in self.not_names or w in self.generic for w in caps)

    def _emit_context(self, doc: Doc, start: int, end: int) -> str:
        norm = normalise_org(M.text_of(doc)[start:end])
        if norm in self.national:
            return ""
        M.add(doc, start, end, "ORG", norm, "context")
        return norm

    def _prisons(self, doc: Doc) -> None:
        """"HMYOI Northmoor", "HMP Fenwater": a prison by its prefix; "Radio Fenwater", a station."""
        text = M.text_of(doc)
        if "HM" not in text and "Radio" not in text:
            return
        for m in _PRISON.finditer(text):
            M.add(doc, m.start(), m.end(), "ORG", " ".join(m.group(0).split()), "head")

    def _table_column(self, doc: Doc) -> None:
        """"Organisation | Project Summary | Amount Requested": the first cell of each row of a
        table headed by bodies (applicants for grants, suppliers) names a body."""
        text = M.text_of(doc)
        if "|" not in text:
            return
        for head in _TABLE_HEAD.finditer(text):
            stop = _TABLE_END.search(text, head.end())
            end = stop.start() if stop else len(text)
            pos = text.find("\n", head.end())
            while 0 <= pos < end:
                nxt = text.find("\n", pos + 1)
                line_end = nxt if nxt >= 0 else len(text)
                self._first_cell(doc, pos + 1, text[pos + 1:line_end])
                pos = nxt

    def _first_cell(self, doc: Doc, start: int, line: str) -> None:
        cells = line.split("|")
        lead = 1 if not cells[0].strip() else 0  # "| Fenwater Trust | ...": a markdown row
        if len(cells) - lead < 3:
            return  # "Page | 2": not a row of the table
        cell = cells[lead]
        words = cell.split()
        if not 1 <= len(words) <= 8 or not words[0][0].isupper() or re.search(r"[.,;:£\d]", cell):
            return  # a row's wrapped text, an amount
        if words[0] in self.not_names or _TABLE_HEAD.match(line) or set(cell) <= set("-: "):
            return
        offset = start + sum(len(c) + 1 for c in cells[:lead]) + (len(cell) - len(cell.lstrip()))
        M.add(doc, offset, offset + len(cell.strip()), "ORG", normalise_org(cell), "table")

    def _upper_tier(self, doc: Doc) -> None:
        """"sent to the City Council" in a town or community council's minutes: the council
        of the wider area, another body (not when the home council is of that kind)."""
        home = self.home or self._doc_home
        if not home or "Council" not in M.text_of(doc):
            return
        for m in _UPPER_TIER.finditer(M.text_of(doc)):
            if m.group("kind") not in home.split():
                M.add(doc, m.start("kind"), m.end(), "ORG", f"{m.group('kind')} Council", "head")
