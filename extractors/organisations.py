"""mkg_organisations: named bodies outside the council (label ORG).

Found, in order of confidence:
1. the curated table of national bodies (`patterns/national_bodies.v1.tsv`), names and
   aliases, with a Wikidata IRI where one was verified;
2. acronym definitions, "Care Quality Commission (CQC)": the name, and later bare uses of
   the acronym, when the name is an organisation (national, or ends in an organisational head);
3. a capitalised name ending in an organisational head ("... Trust", "... Police",
   "... City Council", "... Ltd", "... Clinical Commissioning Group");
4. names in a partner context: "colleagues from X", "commissioned X", "in partnership
   with X", "the charity X", "X, as the Department's strategic partner"; a possessive
   name of the "Name's" shape counts only in such a context or before a verb ("X's had");
   once found, the same name elsewhere in the text is tagged too.
5. other councils by their acronym ("MCC", "SBC"), the acronym of a body after "from"
   ("representatives from the ABC"), and the body after a name in an attendance list
   ("Mr A Smith - Fenwater Partners LLP").
6. the first column of a table headed "Organisation" or "Applicant", prisons ("HMYOI X"),
   radio stations, a national body's regional arm ("BBC North West"), "the City Council" in
   a town or community council's minutes, "X and other local employers", "X, a local charity",
   "a proposal from X". A hall or church named as the place of the meeting ("held in Fenwater
   Village Hall") is no body; a name cut short of a longer one the text also gives ("Fenwater
   Hospital" beside "Fenwater Hospital Charity") is the longer.
The council itself ("the County Council", "<home> County Council") and its own bodies are
not organisations; `home_council` in the config names it, else `doc.user_data["mkg_body"]`
(the body whose meeting the text is, see `home_council`), else the council the text names most
often by its whole name (`extractors.home.most_named_council`).

Rules 1 (national bodies) go through `extractors.gazetteer` (spaCy's PhraseMatcher); the rules of
context (4 and most of 6) are in `extractors.org_context`; the home council in `extractors.home`.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors import mentions as M
from extractors import scan as S
from extractors.committees import _followed_by_cap
from extractors.names import normalise_org, straighten
from extractors.titles import CIVIC, PERSONAL, HONORIFIC_PATTERN
from extractors.gazetteer import Gazetteer
from extractors.home import home_council, initials, kind_named, most_named_council, same_body  # noqa: F401 (home_council: kept API)
from extractors.org_context import _CAPW, _CONN, _HEAD_STOP, _NAME, _PLACE, _SERVICE_WORDS, ContextRules

VERSION = "1.5.0"
PATTERNS = "organisations.v1.jsonl"
NATIONAL = "national_bodies.v1.tsv"

_ACRONYM_DEF = re.compile(rf"({_NAME})[ \t]*\((?P<acr>[A-Z][A-Za-z]{{1,9}})\)")
_ACRONYM_MARK = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")  # what every _ACRONYM_DEF match ends with
_COUNCIL_ACRONYM = re.compile(r"(?<![\w&-])(?P<acr>[A-Z]{1,3}(?:CC|BC|DC))(?![\w&-])")
_ACRONYM_AFTER_FROM = re.compile(r"(?:\b[A-Z][a-z]+[ \t]+[A-Z][a-z]+|\b(?:representatives?|speakers?|colleagues|funding|grant|someone|"
                                 r"reports?|letters?|updates?|e-?mails?|correspondence|officers?|staff))[ \t]+from[ \t]+"
                                 r"(?:the[ \t]+)?(?P<acr>[A-Z][A-Z&]{1,6})(?![\w&-])")
_DASH_ATTENDEE = re.compile(rf"(?m)^[ \t]*(?:(?:{HONORIFIC_PATTERN})\.?[ \t]+)?(?P<who>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'’-]+){{1,2}})"
                            r"[ \t]+[-–][ \t]+(?P<body>[A-Z][\w'’&]*(?:[ \t]+(?:[A-Z][\w'’&]*|and|&|of|for|the)){0,6})[ \t]*$")
_UMBRELLAS = frozenset({"Charity", "Trust", "Foundation", "Fund", "Club", "Association", "Society", "Group"})
_INSTITUTIONS = frozenset({"Hospital", "Hospitals", "School", "Church", "College", "University", "Academy", "Hospice"})
_FORCE_HEADS = frozenset({"Police", "Constabulary"})
_PLACES_BEFORE = re.compile(rf"(?:(?<![\w'’-]){_PLACE}[ \t]*,[ \t]*)+$")  # "Fenwater, " before "X and Y <head>"
_REGION_AFTER = re.compile(r"[ \t]*\n?[ \t]*(?:North|South|East|West)(?:[ \t]*\n?[ \t]*(?:East|West))?(?![\w'’-])(?![ \t]+[A-Z])")
_ACT_YEAR = re.compile(r"[ \t]+(?:1[89]|20)\d\d\b")  # "the LGA 1972": an Act
_PERSON_TITLES = frozenset(PERSONAL) | frozenset(CIVIC) | {"Clr"}
#: "held in Fenwater Village Hall", "Venue: ...", "the lane past St Aldwyn's Church": a building as a place
_PLACE_BEFORE = re.compile(r"(?:\b(?:[Ii]n|[Aa]t|past|near|opposite|outside|behind|beside)[ \t]+(?:the[ \t]+)?"
                           r"|\bVenue[ \t]*:[ \t]*)$")
_BUILDINGS = ("Hall", "Church")
_CHILDREN_IN_CARE = re.compile(r"\((?:CiC|CIC|cic)\)|\b[Cc]hildren[ \t]+in[ \t]+[Cc]are\b")
_NAME_BEFORE = re.compile(rf"(?:^|[^\w'’-])(?:{HONORIFIC_PATTERN})\.?[ \t]+(?:[A-Z]\.?[ \t]+)*[A-Z][a-z'’-]+[ \t]+$")
_AND_CRIME = re.compile(r"[ \t]+and[ \t]+Crime\b")  # "the Fenwater Police and Crime Panel"


class OrganisationFinder(ContextRules):
    def __init__(self, nlp: Language, name: str, patterns: str = PATTERNS, national: str = NATIONAL,
                 home_council: str | None = None):
        recs = M.load_jsonl(patterns)
        self.heads = M.words(recs, "org_heads")
        self.multi = sorted(M.words(recs, "org_multi_heads"), key=len, reverse=True)
        self.generic = M.words(recs, "generic_modifiers")
        self.bare = M.words(recs, "org_bare_heads")
        self.not_names = M.words(recs, "not_names")
        self.not_poss = M.words(recs, "not_possessive_names")
        self.contexts = M.regexes(recs, "context")
        self.head_stop = _HEAD_STOP | self.heads | {"Council", "Board", "Group", "Service"}
        self.group_heads = M.words(recs, "group_heads")
        self.group_stop = M.words(recs, "group_not_modifiers")
        self.roles = M.words(recs, "roles")
        self.leading_roles = M.words(recs, "leading_roles")
        self.not_bodies = M.words(recs, "not_bodies")
        self.post_words = M.words(M.load_jsonl("posts.v1.jsonl"), "role_nouns") | self.roles
        self.opening = M.words(recs, "opening_heads")
        self.role_after = M.words(recs, "role_after_head")
        self.not_payees = M.words(recs, "not_payees")
        self.umbrella_stop = self.head_stop - _INSTITUTIONS
        self.own_agency = M.words(M.load_jsonl("services.v1.jsonl"), "agency_modifiers")
        self.after = M.regexes(recs, "context_after")
        self.cues = {r["id"]: tuple(r.get("cues") or ()) for r in recs if "id" in r}
        self.home = normalise_org(home_council) if home_council else None
        self._doc_home: str | None = None
        self._text_home: str | None = None
        self._text: str | None = None
        self.national: dict[str, tuple[str, str]] = {}
        for row in M.load_tsv(national):
            canon, iri = row["name"].strip(), (row.get("wikidata") or "").strip()
            for form in [canon] + [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]:
                self.national[straighten(form)] = (canon, iri)
        self.national_names = Gazetteer(nlp, self.national)
        self.multi_rx = re.compile(r"(?:" + "|".join(re.escape(m) for m in self.multi) + r")(?![\w'’-])(?![ \t]+[A-Z][a-z])")

    # -- 1. national bodies ---------------------------------------------------
    def _national(self, doc: Doc) -> None:
        text = M.text_of(doc)
        for start, end, key in self.national_names.find(doc, text):
            if _ACT_YEAR.match(text, end) or key not in self.national:
                continue  # "section 137 of the LGA 1972": an Act, not the body
            canon, iri = self.national[key]
            region = _REGION_AFTER.match(text, end)
            if region:  # "BBC South East": the body's regional arm
                M.add(doc, start, region.end(), "ORG", f"{canon} {' '.join(region.group(0).split())}", "national")
                continue
            M.add(doc, start, end, "ORG", canon, "national", iri)

    # -- 2. acronym definitions ----------------------------------------------
    def _acronyms(self, doc: Doc) -> dict[str, str]:
        aliases: dict[str, str] = {}
        if not _ACRONYM_MARK.search(M.text_of(doc)):
            return aliases  # no "(ABC)" anywhere: no definition to look for
        for m in _ACRONYM_DEF.finditer(M.text_of(doc)):
            acr = m.group("acr")
            letters = [c for c in acr if c.isupper()]
            words = re.findall(rf"{_CAPW}|{_CONN}", m.group(1))
            caps = [(k, w) for k, w in enumerate(words) if w[0].isupper()]
            if len(caps) < len(letters):
                continue
            tail = caps[-len(letters):]
            if [w[0] for _, w in tail] != letters:
                continue
            first_word = tail[0][1]
            start = m.start(1) + _nth_word_offset(m.group(1), tail[0][0])
            name_text = M.text_of(doc)[start:m.end(1)]
            norm = normalise_org(name_text)
            if norm in self.national or first_word in self.not_names and norm not in self.national:
                if norm in self.national:
                    aliases[acr] = self.national[norm][0]
                continue
            if self._is_org_name(norm):
                M.add(doc, start, m.end(1), "ORG", norm, "acronym")
                aliases[acr] = norm
        for acr, norm in aliases.items():
            for start, end in M.occurrences(M.text_of(doc), acr, "-"):
                M.add(doc, start, end, "ORG", norm, "acronym")
        return aliases

    def _is_org_name(self, norm: str) -> bool:
        words = norm.split()
        if len(words) < 2:
            return False
        if any(norm.endswith(h) for h in self.multi) and not self._own_council(norm):
            return True
        if words[-1] in self.heads and any(w not in self.generic and w[0].isupper() for w in words[:-1]):
            return words[-1] != "Commission" or "Scrutiny" not in words
        return norm.startswith("Office of ")

    def _own_council(self, norm: str) -> bool:
        home = self.home or self._doc_home
        if not home and self._text is not None:
            # whose minutes, when neither the config nor the build says: the council the text names most
            self._text_home, self._text = most_named_council(self._text, at_least=2), None
        home = home or self._text_home
        kind = kind_named(norm)  # "... of the County Council": the home council, by its kind
        if kind and (not home or kind.capitalize() in home.split()):
            return True
        return bool(home) and same_body(norm, home)

    # -- 3. organisational heads --------------------------------------------
    def _heads(self, doc: Doc) -> None:
        for m in self.multi_rx.finditer(M.text_of(doc)):
            i = M.token_at(doc, m.start())
            if i is None:
                continue
            start = M.walk_left(doc, i, stop=self.head_stop)
            if start < i and doc[i - 1].lower_ in M.CONNECTORS:
                start = i  # "Beanburn and Primary School": a list, not a name
            if start == i and m.group(0) not in self.bare:
                continue
            start = self._past_role(doc, start, i)
            s_char = doc[start].idx if start < i else m.start()
            text = M.text_of(doc)
            if start < i and re.search(r"\s(?:and|&)\s", text[s_char:m.start()]):
                places = _PLACES_BEFORE.search(text, max(0, s_char - 80), s_char)
                words = re.findall(r"[A-Z][a-z]+", places.group(0)) if places else ()
                if places and not any(w in self.head_stop or w in self.not_names or w in self.generic for w in words):
                    s_char = places.start()  # "Fenwater, Northmoor and Vale Integrated Care Board": one body
            norm = normalise_org(text[s_char:m.end()])
            if self._own_council(norm):
                continue
            if start < i and all(x.text in self.generic for x in doc[start:i] if M.is_cap(x)):
                if m.group(0) in self.bare:  # "Looked after Children's Integrated Care Board": the board
                    M.add(doc, m.start(), m.end(), "ORG", normalise_org(m.group(0)), "head")
                continue
            M.add(doc, s_char, m.end(), "ORG", norm, "head")
        for t in M.tokens_matching(doc, self.heads):
            if t.text not in self.heads or _followed_by_cap(doc, t.i) and not self._role_follows(doc, t.i):
                continue
            stop = self.umbrella_stop if t.text in _UMBRELLAS else self.head_stop
            start = M.walk_left(doc, t.i, stop=stop, newline_before_head=False)
            start = self._past_role(doc, start, t.i)
            if start == t.i:
                continue
            if t.text == "Agency" and doc[t.i - 1].text in self.own_agency:
                continue
            mods = [x.text for x in doc[start:t.i] if M.is_cap(x)]
            if not mods or all(x in self.generic for x in mods):
                continue
            tail = [x for x in doc[start:t.i] if not x.is_space]
            cut = max((k for k, x in enumerate(tail) if x.lower_ in M.CONNECTORS), default=-1)
            if cut >= 0 and all(x.text in self.generic for x in tail[cut + 1:]):
                continue  # "Beanburn and Primary School": a list, the last part with no name
            if t.text in self.group_heads and any(x in self.group_stop for x in mods):
                continue  # "the Climate Working Group": the council's own group
            if t.text == "Commissioner" and doc[start].text != "Office":
                continue
            if any(x.text in _PERSON_TITLES for x in doc[max(0, start - 2):t.i]):
                continue  # "Seconded: Cr Ann Bell Council adjourn": a person, then a word of the sentence
            if t.text in _FORCE_HEADS and _AND_CRIME.match(M.text_of(doc), t.idx + len(t.text)):
                continue  # "the Fenwater Police and Crime Panel": a body of its own
            if t.text == "CIC" and _CHILDREN_IN_CARE.search(M.text_of(doc)):
                continue  # "Fenwater CIC in the school years": children in care, not a company
            surface = M.phrase_text(doc, start, t.i + 1)
            if t.text in _FORCE_HEADS and re.search(r"\s(?:and|&)\s", surface):
                continue  # "Northmoor and Vale Police": two forces, see _coordinated

            norm = normalise_org(surface)
            if t.text == "Council" and self._own_council(norm):
                continue
            M.add(doc, doc[start].idx, t.idx + len(t.text), "ORG", norm, "head")

    # -- 5. acronyms of councils and bodies, attendance lines --------------------
    def _council_acronyms(self, doc: Doc, defined: dict[str, str]) -> None:
        """"Notification received from MCC": a council's acronym ("MCC", "SBC", "NYCC") used
        alone, unless it is the home council's or the text defines it as something else."""
        text = M.text_of(doc)
        if not (self.home or self._doc_home):
            return  # with no home council known, "ABC" may be the home council's own
        home = initials(self.home or self._doc_home or "")
        for m in S.finditer(_COUNCIL_ACRONYM, text):  # none where no "CC", "BC" or "DC" stands
            acr = m.group("acr")
            if acr == home or acr in self.not_bodies or acr in defined or f"({acr})" in text:
                continue
            if _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue  # "Mr G Welsh CCC": letters after a name
            M.add(doc, m.start(), m.end(), "ORG", acr, "acronym")

    def _acronyms_from(self, doc: Doc, defined: dict[str, str]) -> None:
        """"two representatives from AONB", "purchased from the OPW": an acronym after "from"
        names a body; its other bare uses in the text are that body too."""
        text = M.text_of(doc)
        if "from" not in text:
            return  # every _ACRONYM_AFTER_FROM match holds it
        home = initials(self.home or self._doc_home or "")
        found = {m.group("acr") for m in S.finditer_lines(_ACRONYM_AFTER_FROM, text, ("from",))}  # on one line
        for acr in sorted(found):
            if acr in self.not_bodies or acr in defined or acr == home or acr.upper() in self.national or len(acr) < 2:
                continue
            if f"({acr})" in text:
                continue  # defined in the text as something that is no outside body
            for start, end in M.occurrences(text, acr, "&-"):
                M.add(doc, start, end, "ORG", acr, "context")

    def _attendees(self, doc: Doc) -> None:
        """"Mr A Smith - Fenwater Partners": the body after a name in an attendance list,
        when it is not a post or one of the council's services."""
        text = M.text_of(doc)
        if " - " not in text and " – " not in text:
            return
        for m in _DASH_ATTENDEE.finditer(text):
            who, body = m.group("who").split(), m.group("body")
            words = re.findall(r"[A-Za-z'’&]+", body)
            if any(w in self.heads or w in self.not_names for w in who) or not words:
                continue
            if any(w in self.post_words or w in _SERVICE_WORDS or w in self.not_names for w in words):
                continue
            if self._own_council(normalise_org(body)):
                continue
            M.add(doc, m.start("body"), m.end("body"), "ORG", normalise_org(body), "context")

    def _openings(self, doc: Doc) -> None:
        """"Friends of the Fenwater Park", "Bank of Northmoor": a head that opens the name."""
        for t in M.tokens_matching(doc, self.opening):
            k = t.i + 1
            if k + 1 >= len(doc) or doc[k].lower_ not in ("of", "for"):
                continue
            k += 1
            if doc[k].lower_ == "the":
                k += 1
            end = M.walk_right(doc, k, stop=self.not_names - {"Local", "Government", "Education", "Health", "Social",
                                                                 "Work", "Communities", "Housing"})
            if end == k:
                continue
            e = end
            text = M.text_of(doc)
            slash = re.match(r"/[A-Z][\w'’]*(?:[ \t]+[A-Z][\w'’]*)*", text[doc[end - 1].idx + len(doc[end - 1].text):])
            e_char = doc[e - 1].idx + len(doc[e - 1].text) + (slash.end() if slash else 0)
            if t.text == "University" and doc[t.i - 1].text in self.generic:
                continue
            name = re.split(r"['’]s\b", text[t.idx:e_char])[0]  # "the Bank of Northmoor's branch"
            M.add(doc, t.idx, t.idx + len(name), "ORG", normalise_org(name), "head")

    def _past_role(self, doc: Doc, start: int, head: int) -> int:
        """Skip a leading "Governor of", "Director of the": a role, not part of the name."""
        for k in range(start, head):
            if doc[k].text in self.roles and k + 1 < head and doc[k + 1].lower_ in ("of", "for"):
                start = k + 2
                if start < head and doc[start].lower_ == "the":
                    start += 1
        while start < head and (doc[start].text in self.leading_roles or doc[start].is_space):
            start += 1  # "the External Auditors Ernst & Co LLP": the role, then the name
        while start < head and (doc[start].lower_ in M.CONNECTORS or doc[start].lower_ == "the" or doc[start].is_space):
            start += 1
        return start

    def _role_follows(self, doc: Doc, i: int) -> bool:
        """"the Fenwater Police Inspector": a post of the body follows its name."""
        k = i + 1
        while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        return k < len(doc) and doc[k].text in self.role_after

    def __call__(self, doc: Doc) -> Doc:
        self._doc_home = doc.user_data.get("mkg_body")
        self._text, self._text_home = M.text_of(doc), None  # the text's own council, read when first asked
        self._national(doc)
        defined = self._acronyms(doc)
        self._council_acronyms(doc, defined)
        self._acronyms_from(doc, defined)
        self._coordinated(doc)
        self._heads(doc)
        self._context(doc)
        self._attendees(doc)
        self._openings(doc)
        self._payees(doc)
        self._governments(doc)
        self._prisons(doc)
        self._table_column(doc)
        self._upper_tier(doc)
        _drop_places(doc)
        M.resolve(doc)
        _longer_names(doc)
        return doc


def _drop_places(doc: Doc) -> None:
    """"held in Fenwater Village Hall", "Venue: Fenwater Memorial Hall": a hall or church named
    as where something happens is a place, not a body taking part."""
    if M.SPAN_GROUP not in doc.spans:
        return
    text = M.text_of(doc)
    keep = []
    dropped = False
    for s in M.mentions(doc):
        if s.label_ == "ORG" and M.norm_of(s).endswith(_BUILDINGS):
            line = text[text.rfind("\n", 0, s.start_char) + 1:s.start_char]
            if _PLACE_BEFORE.search(line):
                dropped = True
                continue
        keep.append(s)
    if dropped:
        M.set_mentions(doc, keep)


def _longer_names(doc: Doc) -> None:
    """"Fenwater Hospital" beside "Fenwater Hospital Charity", "Northmoor Trades Union" (cut by
    a line break) beside "Northmoor Trades Union Congress": the shorter is the longer body's name
    cut short, when the longer only adds one word."""
    spans = M.mentions(doc, "ORG")
    names = {M.norm_of(s) for s in spans}
    longer: dict[str, str] = {}
    for n in names:
        cut = n.rsplit(" ", 1)[0]
        if " " in cut and cut in names:
            longer[cut] = n if cut not in longer else ""  # two ways to go on: leave it
    for n in names:  # "the Integrated Care Board" after "Northmoor and Vale Integrated Care Board": that board
        fuller = [m for m in names if m != n and m.endswith(" " + n)]
        if len(fuller) == 1 and n not in longer:
            longer[n] = fuller[0]
    for s in spans:
        if longer.get(M.norm_of(s)):
            M.set_norm(s, longer[M.norm_of(s)])


def _nth_word_offset(text: str, n: int) -> int:
    ms = list(re.finditer(rf"{_CAPW}|{_CONN}", text))
    return ms[n].start()


@Language.factory("mkg_organisations",
                  default_config={"patterns": PATTERNS, "national": NATIONAL, "home_council": None},
                  assigns=["doc.spans"])
def make_organisations(nlp: Language, name: str, patterns: str, national: str,
                       home_council: str | None) -> OrganisationFinder:
    return OrganisationFinder(nlp, name, patterns, national, home_council)
