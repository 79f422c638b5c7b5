"""mkg_services: the council's own named services, teams, units and programmes.

"<Capitalised words> Service|Team|Unit|Hub|Programme" ("Children and Family Wellbeing
Service", "Care Leavers Team", "Transformation Unit"), a fostering or adoption "Agency", and
a small vocabulary of services named without a head ("Virtual School", "First Response").
A lowercase head counts after capitalised words ("the Complaints team", "the Holiday
Activity and Food scheme", "a multi-agency CSE team"), a programme's name may hold "for the"
("Families for the Future programme"), a list of capitalised words may hold commas before
its "and" ("Exploitation, Missing and Trafficked Hub"), and a named service takes its
plural ("Early Help Services"). A bare lowercase head ("the service"), a wholly lowercase
phrase ("early help services") and other plurals are not names; "X Services" and "X
Directorate" are. Services named inside posts ("Head of Development Management", "Director,
Social Development", "Area Manager – Building Control") and after the names of an officers'
attendance list ("Officers present: Ann Bell (Development & Environment)", "Name, Post,
Service;") are found too; a service inside a post is kept beside the post (`mentions.INNER`). "Head of
<area>" alone names a post, not a service. A lead member's portfolio line ("Planning and
Public Protection – Councillor Ann Bell") names services; "the 18+ Care Leaver Service" keeps
its age; "Fenwater Youth Justice Service" beside "the Youth Justice Service" is one service;
a scheme someone else runs ("their Gold Award scheme", "apply to join the X Programme") is none.
An acronym the text defines ("Looked After Children (LAC)") or spells out beside it names the
written-out service ("the LAC Service": the Looked After Children Service); a head after generic
words alone ("Care Service") or a council's initials alone ("the FCC team") names none.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors import scan as S
from extractors.committees import _followed_by_cap
from extractors.names import normalise_org

VERSION = "1.5.1"  # 1.5: an acronym the text defines or spells out names the service it stands for; generic fragments are none
PATTERNS = "services.v1.jsonl"
_AND = frozenset({"and", "&"})
_TITLE_CONNECTORS = frozenset({"and", "&", "for", "of"})  # "Families for the Future Programme"
_TITLED = frozenset({"Programme", "programme", "Scheme", "scheme"})
_MULTI_AGENCY = re.compile(r"(?:[Mm]ulti|[Ii]nter)-[Aa]gency[ \t]+$")
_GAP = r"(?:[ \t]+\n?|\n)[ \t]*"  # at least one space or a line break between words
_ACRONYM_TEAM = re.compile(rf"(?P<name>[A-Z][\w'’]+(?:{_GAP}(?:(?:and|of|for){_GAP})?[A-Z][\w'’]+){{1,6}})[ \t]*\n?[ \t]*"
                           r"\((?P<acr>[A-Z]{2,8})\)[ \t]*\n?[ \t]*(?P<head>team|service|hub|unit|programme)\b")
_ACRONYM_MARK = re.compile(r"\([A-Z]{2,8}\)")  # what every _ACRONYM_TEAM match holds


_DOCUMENT_WORDS = frozenset({"Plan", "Report", "Strategy", "Update", "Review", "Statement", "Framework", "Policy",
                             "Protocol", "Offer", "Charter", "Self-Assessment", "Evaluation"})


def _document_follows(doc: Doc, i: int) -> bool:
    """"Youth Justice Service Annual Plan": the service, then the title of one of its documents."""
    for t in doc[i + 1:i + 5]:
        if t.text in _DOCUMENT_WORDS:
            return True
        if not (t.is_space or t.text[:1].isupper() or t.like_num or t.text in ("/", "-", "–")):
            return False
    return False


def _initials_match(words: list[str], acr: str) -> bool:
    caps = [w[0] for w in words if w[0].isupper()]
    return "".join(caps[-len(acr):]) == acr


_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Messrs", "Cllr", "Councillor", "Council"})
_OPENING_QUOTES = ("‘", "'", "“", '"')
_POST_WORDS = frozenset({"Leader", "Manager", "Officer", "Administrator", "Director", "Head", "Lead", "Adviser",
                         "Advisor", "Assistant", "Professional", "Architect", "Engineer", "Clerk", "Secretary"})
_ROLE_AFTER = frozenset({"Manager", "Managers", "Lead", "Officer", "Officers", "Director", "Head"})
_AREA = r"[A-Z][\w'’&-]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:[A-Z][\w'’&-]*|and|&|of|for)){0,6}"
_PAREN_AFTER_NAME = re.compile(r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'’-]+){1,2}[ \t]*\((?P<x>[A-Z][^()\n]{2,60})\)")
_DASH_AFTER_NAME = re.compile(r"(?m)^[ \t]*(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'’-]+){1,2}[ \t]+[-–][ \t]+"
                              r"(?P<x>[A-Z][\w'’&]*(?:[ \t]+(?:[A-Z][\w'’&]*|and|&|of|for)){1,6})[ \t]*$")
_LAST_PART = re.compile(rf",[ \t]*\n?[ \t]*(?P<x>{_AREA})[ \t]*(?=;|\.?[ \t]*(?:\n|$)|[ \t]+and[ \t]+[A-Z])")
_LABEL_WORDS = ("off", "taff", "attend", "pre")  # in every officer label, lowercase, none with i, k or s
_BLOCK_END = re.compile(r"(?im)^[ \t*#>•-]*(?:apolog|\d+[.)]?[ \t]+[A-Z]|declarations|minutes|item\b)")
_BRACKET_AFTER = re.compile(r"[ \t]*\n?[ \t]*\(")  # "Ann Bell (Lead Officer)": a name, then its post
#: "Planning and Public Protection – Councillor Ann Bell": a portfolio of services and its lead member
_PORTFOLIO = re.compile(rf"(?m)^[ \t*•-]*(?P<x>{_AREA})[ \t]+[-–][ \t]+(?:Councillor|Cllr)\.?"
                        r"(?:[ \t]+[A-Z][\w'’-]*){1,4}[ \t]*(?:,[ \t]*(?:and)?|;|\.)?[ \t]*$")  # the line ends at the name
_AGE_BEFORE = re.compile(r"(?<![\w+])\d{1,2}\+[ \t]*$")  # "the 18+ Care Leaver Service"
#: "apply to join the Fenwater Priority Programme", "as part of their Gold Award scheme": someone else's
_NOT_OURS_BEFORE = re.compile(r"(?:\b(?:their|his|her)|\b(?:join|joining|onto|apply(?:ing)?[ \t]+(?:to|for)|"
                              r"included[ \t]+in|bid[ \t]+for|bidding[ \t]+for)[ \t]+the)[ \t]+$")
_NOT_AREAS = frozenset({"Partnership", "Division", "Region", "Ward", "Wards"})  # a body or a district, not a service
_YEAR_AFTER = re.compile(r"[ \t]+(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?\b")  # "2024", "2023-2026", "2023/24"  # before a name: its closing quote is not a possessive's


class ServiceFinder:
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS):
        recs = M.load_jsonl(patterns)
        self.heads = M.words(recs, "heads")
        self.exclude = M.words(recs, "exclude")
        self.agency = M.words(recs, "agency_modifiers")
        self.owners = M.words(recs, "owner_possessives")
        self.stop = M.words(recs, "not_modifiers")
        self.lower_heads = M.words(recs, "lower_heads")
        self.lower_stop = M.words(recs, "lower_head_not_modifiers") | self.stop
        self.compounds = M.words(recs, "lower_head_compounds")
        vocab = sorted(M.words(recs, "vocab_labelled"), key=len, reverse=True)
        self.vocab = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(v) for v in vocab) + r")(?![\w'’-])")
        named = sorted(M.words(recs, "vocab"), key=len, reverse=True)
        self.plural = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(v) for v in named) + r")[ \t]+Services?\b")
        self.all_heads = self.heads | self.lower_heads
        self.post_heads = M.words(recs, "post_heads")
        self.not_areas = M.words(recs, "not_post_areas")
        self.org_heads = M.words(M.load_jsonl("organisations.v1.jsonl"), "org_heads")
        self.officer_labels = M.regexes(recs, "officer_labels")[0][1]
        heads = "|".join(sorted(self.post_heads, key=len, reverse=True))
        self.post_area = re.compile(rf"\b(?:{heads})(?:[ \t]*,[ \t]*\n?[ \t]*|[ \t]+[-–][ \t]+)"
                                    rf"(?P<x>{_AREA})")
        walk_stop = (self.heads - {"Services"}) | _POST_WORDS
        self.head_stops = {True: self.lower_stop | walk_stop, False: self.stop | walk_stop}  # by lowercase head
        self.area_stop = M.words(M.load_jsonl("posts.v1.jsonl"), "area_stop")
        self.generic = M.words(recs, "generic_modifiers")
        self.post_after = re.compile(rf"[ \t]*,[ \t]*\n?[ \t]*[A-Z][^,;.()\n]*?\b(?:{heads})\b")

    def __call__(self, doc: Doc) -> Doc:
        text = M.text_of(doc)
        heads = self.all_heads
        for t in M.tokens_matching(doc, heads):
            if t.text not in heads or (_followed_by_cap(doc, t.i) and not _document_follows(doc, t.i)
                                       and not _role_follows(doc, t.i)):
                continue
            lower = t.text in self.lower_heads
            stop = self.head_stops[lower]
            connectors = _TITLE_CONNECTORS if t.text in _TITLED else _AND
            start = M.walk_left(doc, t.i, stop=stop, owners=self.owners, max_words=6 if t.text in _TITLED else 5,
                                connectors=connectors, the_after=("of", "for"))
            start = self._list_before(doc, start, t.i, stop)
            if start == t.i or doc[start].lower_ in connectors:
                continue
            if t.text == "Agency" and doc[t.i - 1].text not in self.agency:
                continue
            if t.text == "Services" and not (self._services_named(doc, start, t.i) and _role_follows(doc, t.i)):
                continue
            if lower and not self._lower_ok(doc, start, t):
                continue
            s_char = doc[start].idx
            multi = _MULTI_AGENCY.search(text, max(0, s_char - 14), s_char)
            if multi:  # "a multi-agency CSE team": the lowercase modifier is part of the name
                s_char = multi.start()
            age = _AGE_BEFORE.search(text, max(0, s_char - 5), s_char)
            if age:
                s_char = age.start()
            surface = " ".join(text[s_char:t.idx + len(t.text)].split())
            if text[s_char - 1:s_char] in _OPENING_QUOTES:  # "the ‘Family Link’ team": quoted, not a possessive
                surface = re.sub(r"['’”\"](?= \S+$)", "", surface)
            if lower or multi:
                words = surface.split(" ")
                if multi:
                    words[0] = "-".join(w.capitalize() for w in words[0].split("-"))
                words[-1] = words[-1].capitalize()
                surface = " ".join(words)
            end_char = t.idx + len(t.text)
            year = _YEAR_AFTER.match(text, end_char) if t.text in _TITLED else None
            if year:  # "the Road Works Programme 2024"
                surface, end_char = surface + " " + year.group(0).strip(), year.end()
            norm = normalise_org(surface)
            if any(norm == x or norm.endswith(" " + x) for x in self.exclude):
                continue
            if re.search(r"\bWork\s+Programme\b", norm, re.IGNORECASE):
                continue  # a committee's work programme is its agenda, no service
            if lower and self.vocab.fullmatch(norm.rsplit(" ", 1)[0]):
                norm = norm.rsplit(" ", 1)[0]  # "the First Response service" is First Response
            kind = M.INNER if t.text == "Services" else "lower" if lower else "shape"  # "<services> Manager": a post
            M.add(doc, s_char, end_char, "SERVICE", norm, kind)
        for m in S.finditer(self.vocab, text):
            M.add(doc, m.start(), m.end(), "SERVICE", m.group(0), "vocab")
        for m in S.finditer(self.plural, text):  # "Early Help Services"
            M.add(doc, m.start(), m.end(), "SERVICE", " ".join(m.group(0).split()), "vocab")
        # "the Supporting Young Families (SYF) team": a name and its acronym before a lowercase head
        acronyms: dict[str, str] = {}
        for m in S.finditer(_ACRONYM_TEAM, text) if _ACRONYM_MARK.search(text) else ():
            name_start = m.start("name")
            lead = re.match(r"(?:[A-Z][\w]*['’]s[ \t]*\n?[ \t]*)+", m.group("name"))
            if lead:  # "the Council's Child Exploitation (CE) team": the owner is not part of the name
                name_start += lead.end()
            name_end = m.end("name")
            if text[name_end - 1] in "'’" and text[name_start - 1:name_start] in _OPENING_QUOTES:
                name_end -= 1  # "an ‘Early Steps’ (ES) team": quoted, not a possessive
            name = normalise_org(text[name_start:name_end])
            words = name.split()
            norm = f"{name} {m.group('head').capitalize()}"  # "Child Exploitation Team"; the bare name is an altLabel
            if len(words) < 2 or words[0] in self.stop or not all(w[0].isupper() or w in ("and", "of", "for") for w in words):
                continue
            if not _initials_match(words, m.group("acr")):
                continue
            M.add(doc, name_start, name_end, "SERVICE", norm, "acronym")
            acronyms[m.group("acr")] = norm
            for a in re.finditer(rf"(?<![\w-]){re.escape(m.group('acr'))}(?![\w-])", M.text_of(doc)):
                M.add(doc, a.start(), a.end(), "SERVICE", norm, "acronym")
        self._in_posts(doc)
        self._officer_lists(doc)
        self._portfolios(doc)
        _drop_not_ours(doc)
        M.resolve(doc)
        _one_name_for_possessive(doc, acronyms)
        _one_name_for_place(doc)
        _one_name_for_acronym(doc, _defined_acronyms(text))
        _drop_generic(doc, self.generic)
        return doc

    def _portfolios(self, doc: Doc) -> None:
        """"Community Support Services – Councillor Ann Bell": the services a lead member
        answers for, one a line."""
        text = M.text_of(doc)
        if "Councillor" not in text and "Cllr" not in text:
            return
        for m in _PORTFOLIO.finditer(text):
            area = re.sub(r"(?:[ \t\n]+(?:and|&|of|for))+$", "", m.group("x"))
            words = re.findall(r"[A-Za-z][\w'’-]*", area)
            caps = [w for w in words if w[0].isupper()]
            if len(caps) < 2 or words[0] in self.stop or "\n" in area:
                continue
            if any(w in self.post_heads or w in self.org_heads or w in _TITLES or w in _NOT_AREAS for w in words):
                continue
            M.add(doc, m.start("x"), m.start("x") + len(area), "SERVICE", normalise_org(area), "portfolio")

    @staticmethod
    def _services_named(doc: Doc, start: int, head: int) -> bool:
        """"Community Support Services", "Legal and Democratic Services" name a service;
        "Children's Services", "Adult Services" are the council's work in general."""
        words = [t for t in doc[start:head] if not t.is_space]
        caps = [t for t in words if M.is_cap(t)]
        return len(caps) >= 2 and not any(M.is_poss(t) or t.text in ("Authority", "Within") for t in words)

    def _area_ok(self, area: str) -> bool:
        """An area that names a service: two capitalised words or more, not a post, a person's
        title, a body outside the council or a word too general to be one service."""
        words = re.findall(r"[A-Za-z][\w'’-]*", area)
        caps = [w for w in words if w[0].isupper()]
        if re.search(r"['’]s\b", area):
            return False  # "Head of Children's Social Care": the council's work in general
        if len(caps) < 2 or area in self.not_areas or words[0] in self.stop or words[0] in ("Service", "Services"):
            return False
        if re.search(r"(?<![\w'’-])[A-Z]\.", area):
            return False  # "Messrs. A. Bell and C. Dunn": initials are people's
        return not any(w in self.post_heads or w in self.org_heads or w in _TITLES or w in _NOT_AREAS for w in words)

    def _add_area(self, doc: Doc, start: int, area: str, kind: str) -> None:
        cut = [m.start() for m in re.finditer(r"[\w'’-]+", area) if m.group(0) in self.area_stop]
        area = area[:cut[0]].rstrip() if cut else area  # "Director of Fenwater Services Tel ..."
        area = re.sub(r"(?:[ \t\n]+(?:and|&|of|for))+$", "", area)
        if self._area_ok(area):
            M.add(doc, start, start + len(area), "SERVICE", normalise_org(area), kind)

    def _in_posts(self, doc: Doc) -> None:
        """"Head of Development Management", "Director, Social Development": the service a
        post heads or belongs to."""
        text = M.text_of(doc)
        for m in S.finditer(self.post_area, text):
            area = m.group("x")
            joint = text[m.end() - len(area) - 3:m.start("x")]
            if "," in joint and "," not in text[max(0, m.start() - 40):m.start()] \
                    and not re.match(r"[^,;\n]*\b(?:Services?|Team|Unit)\b", area):
                continue  # "Director, <area>" only after a name: "Ann Bell, Director, <area>"
            if "," in joint and self.post_after.match(text, m.end("x")):
                continue  # "Manager, Ann Bell, Support Officer": a name, then its post
            after = text[m.end("x"):m.end("x") + 2]
            parts = re.split(r"[ \t\n]+and[ \t\n]+", area)
            if len(parts) > 1 and after.startswith(",") and not any(w in self.heads for w in parts[-1].split()):
                area = area[:area.rfind(parts[-1])].rstrip()  # "Head of Estates and Ann Bell, Lead Officer"
            self._add_area(doc, m.start("x"), area, M.INNER)

    def _officer_lists(self, doc: Doc) -> None:
        """"Officers present: Ann Bell (Development & Environment)", "ATTENDING: Ann Bell,
        Lead Officer, Estates Service;": the services named after officers' names."""
        text = M.text_of(doc)
        # a label holds "officer", "official", "staff", "attend..." or "present", on one line
        for label in S.finditer_lines(self.officer_labels, text, _LABEL_WORDS, S.ascii_lower(text)):
            start = label.end()
            end = _BLOCK_END.search(text, start + 1)
            end = min(end.start() if end else len(text), start + 1500)
            block = text[start:end]
            for m in _PAREN_AFTER_NAME.finditer(block):
                x = m.group("x")
                if re.search(r"\s(?:and|&)\s", x) or any(w in self.heads for w in x.split()):
                    self._add_area(doc, start + m.start("x"), x, "attendance")
            for m in _DASH_AFTER_NAME.finditer(block):
                if any(w in self.heads for w in m.group("x").split()):  # "Ann Bell - Member Services"
                    self._add_area(doc, start + m.start("x"), m.group("x"), "attendance")
            for m in _LAST_PART.finditer(block):
                if self._post_before(block[:m.start()]) and not _BRACKET_AFTER.match(block, m.end("x")):
                    self._add_area(doc, start + m.start("x"), m.group("x"), "attendance")

    def _post_before(self, before: str) -> bool:
        """"Ann Bell, Lead Officer, <service>": the words before the comma end with a post of the
        entry ("Lead Officer", "Lead Professional (Estates)"); "Director of Finance, <area>" is one
        post, and "Ann Bell (Lead Officer), <name> (...)" a list of names."""
        entry = re.split(r"[;\n]", before)[-1]
        last = re.search(r"([A-Za-z-]+)[ \t]*(\([^()]*\))?[ \t]*$", entry)
        if not last or last.group(1) not in self.post_heads:
            return False
        return not last.group(2) or "," in entry

    def _lower_ok(self, doc: Doc, start: int, head) -> bool:
        """A lowercase head names a service only after capitalised words that are a name: not a
        single word opening its sentence or line ("Planned programme"), not the tail of a title
        cut at a small word ("Better Value in SEND programme"), not "service" after one
        ordinary word ("the Northmoor service"), and not as the first half of a compound ("the
        SEND service plan")."""
        mods = [t for t in doc[start:head.i] if M.is_cap(t)]
        if start >= 2 and doc[start - 1].lower_ in ("in", "on", "to", "with", "at", "by") and M.is_cap(doc[start - 2]):
            return False  # "Delivering Better Value in SEND programme": the end of a longer title
        nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in self.compounds:
            return False
        if len(mods) == 1:
            if head.text == "service" and not mods[0].text.isupper():
                return False
            before = M.text_of(doc)[:doc[start].idx].rstrip(" \t")
            if not before or before[-1] in "\n.:;•·*-–(" or before.endswith(("\n\u2022", "\n-")):
                return False
        return True

    @staticmethod
    def _list_before(doc: Doc, start: int, head: int, stop) -> int:
        """"Child Criminal Exploitation, Missing and Trafficked Hub": capitalised words and a comma
        before a phrase that holds "and" are the first items of one list-shaped name."""
        words = {t.lower_ for t in doc[start:head]}
        if start == head or not words & _AND or start < 2 or doc[start - 1].text != ",":
            return start
        before = M.walk_left(doc, start - 1, stop=stop, max_words=4, connectors=frozenset())
        items = doc[before:start - 1]
        if any(t.text in _POST_WORDS for t in items) or _role_follows(doc, head):
            return start  # "Team Leader, Finance & Procurement Service": a post, then the service;
            # "Ann Bell, Sport and Leisure Service Manager": a name, then a post
        return before if before < start - 1 and all(M.is_cap(t) for t in items) else start


def _role_follows(doc: Doc, i: int) -> bool:
    """"the Building Control Service Manager": a post of the service follows its name."""
    k = i + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    return k < len(doc) and doc[k].text in _ROLE_AFTER


def _drop_not_ours(doc: Doc) -> None:
    """"as part of their Gold Award scheme", "apply to join the Fenwater Priority Programme":
    a scheme someone else runs is none of the council's services; its name is dropped from the
    whole text."""
    if M.SPAN_GROUP not in doc.spans:
        return
    text = M.text_of(doc)
    spans = M.mentions(doc)
    theirs = {M.norm_of(s) for s in spans if s.label_ == "SERVICE" and text[s.start_char:s.start_char + 1].isupper()
              and _NOT_OURS_BEFORE.search(text, max(0, s.start_char - 30), s.start_char)}
    if theirs:
        M.set_mentions(doc, [s for s in spans if s.label_ != "SERVICE" or M.norm_of(s) not in theirs])


def _one_name_for_place(doc: Doc) -> None:
    """"Northmoor Youth Justice Service Manager" beside "the Youth Justice Service": one service,
    named once with the council's place before it."""
    spans = M.mentions(doc, "SERVICE")
    names = {M.norm_of(s) for s in spans}
    for s in spans:
        first, _, rest = M.norm_of(s).partition(" ")
        if rest in names and " " in rest and first[:1].isupper() and first.isalpha() and not first.isupper():
            M.set_norm(s, rest)


_POSSESSIVE = re.compile(r"'s\b")


def _one_name_for_possessive(doc: Doc, acronyms: dict[str, str]) -> None:
    """One service, one name: "Northmoor and Eastfold’s Adoption Agency" beside "Northmoor and
    Eastfold Adoption Agency" is named without the possessive; "the SYF programme" after
    "Supporting Young Families (SYF) team" is that team."""
    spans = M.mentions(doc, "SERVICE")
    names = {M.norm_of(s) for s in spans}
    for s in spans:
        norm = M.norm_of(s)
        plain = _POSSESSIVE.sub("", norm) if "'" in norm else norm
        if plain != norm and plain in names:
            M.set_norm(s, plain)
            norm = plain
        words = norm.split()
        if len(words) == 2 and words[0] in acronyms and M.kind_of(s) == "lower":
            M.set_norm(s, acronyms[words[0]])


#: "Looked After Children (LAC)": capitalised words (with "of", "in", "and" ... between) and the acronym they define
_DEFINED = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+(?:(?:of|in|and|for|the|with|&)[ \t]+)*[A-Z][\w'’-]*){1,6})"
                      r"[ \t]*\((?P<acr>[A-Z][A-Za-z]{1,7})\)")
_DEFINED_MARK = re.compile(r"\([A-Z][A-Za-z]{1,7}\)")
#: a council's own initials ("FCC", "NBC", "EDDC"): the owner of a team, not its name
_COUNCIL_INITIALS = re.compile(r"[A-Z]{1,3}(?:CC|BC|DC)")


def _defined_acronyms(text: str) -> dict[str, str]:
    """The acronyms the text defines ("Looked After Children (LAC)": LAC), each with the words it
    stands for: the initials of its capitalised words, or of all its words ("Children in Care (CiC)")."""
    found: dict[str, str] = {}
    if not _DEFINED_MARK.search(text):
        return found  # no "(ABC)" anywhere, which every definition ends with
    for m in _DEFINED.finditer(text):
        words = m.group("name").split()
        acr = m.group("acr")
        for k in range(len(words)):  # the shortest tail of the words whose initials give the acronym
            tail = words[k:]
            caps = "".join(w[0] for w in tail if w[0].isupper())
            every = "".join(w[0] for w in tail if w not in ("&",))
            if tail[0][0].isupper() and acr.upper() in (caps.upper(), every.upper()) and len(tail) >= 2:
                found.setdefault(acr, " ".join(tail).rstrip("'’"))
                break
    return found


_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,5}")


def _spelled_out(text: str, acr: str) -> str | None:
    """The one phrase of `text` whose words' initials spell `acr` ("Children in Care" for
    "CiC"), starting and ending with a capitalised word; None when there is none, or two."""
    if sum(c.isupper() for c in acr) < 2:
        return None
    parts = [rf"[{c}{c.lower()}][a-z'’-]+" if k not in (0, len(acr) - 1) else rf"{c}[a-z'’-]+"
             for k, c in enumerate(acr.upper())]
    found = {" ".join(m.group(0).split()) for m in re.finditer(r"(?<![\w-])" + r"[ \t]+".join(parts) + r"(?![\w-])", text)}
    return found.pop() if len(found) == 1 else None


def _one_name_for_acronym(doc: Doc, defined: dict[str, str]) -> None:
    """"the LAC Service" in a text that defines "Looked After Children (LAC)", or that writes
    "Children in Care" out beside "the CiC Service", is the Looked After Children (Children in
    Care) Service: the acronym is written out in its name (as written, it stays an altLabel)."""
    text = M.text_of(doc)
    for s in M.mentions(doc, "SERVICE"):
        words = M.norm_of(s).split()
        for w in words[:-1]:
            if w not in defined and _ACRONYM.fullmatch(w):
                spelled = _spelled_out(text, w)
                if spelled:
                    defined[w] = spelled
        if any(w in defined for w in words[:-1]):
            named = " ".join(defined.get(w, w) for w in words[:-1])
            if named.split()[-1].lower() != words[-1].lower():  # "PET Team": the Practice Excellence Team
                named += " " + words[-1]
            M.set_norm(s, named)


def _drop_generic(doc: Doc, generic: frozenset[str]) -> None:
    """A generic fragment names no service: a head after generic words alone ("Care Service",
    "a Planned programme"), or after a council's initials alone ("the FCC team"); before other
    words the initials are the owner and are dropped ("FCC Inclusion Service": the Inclusion Service)."""
    if M.SPAN_GROUP not in doc.spans:
        return
    kept = []
    for s in M.mentions(doc):
        if s.label_ == "SERVICE":
            words = M.norm_of(s).split()
            if len(words) > 2 and _COUNCIL_INITIALS.fullmatch(words[0]):
                M.set_norm(s, " ".join(words[1:]))
                words = words[1:]
            modifiers = words[:-1]
            if modifiers and (all(w in generic for w in modifiers)
                              or (len(modifiers) == 1 and _COUNCIL_INITIALS.fullmatch(modifiers[0]))):
                continue
        kept.append(s)
    M.set_mentions(doc, kept)


@Language.factory("mkg_services", default_config={"patterns": PATTERNS}, assigns=["doc.spans"])
def make_services(nlp: Language, name: str, patterns: str) -> ServiceFinder:
    return ServiceFinder(nlp, name, patterns)
