"""How a meeting's header names who met: the words of a council body ("Committee", "Council"), the
words that only say which of its meetings it was ("the 127th Annual Meeting", "an Extraordinary
Meeting"), and the council itself named by its kind ("the meeting of the Parish Council").

Real minutes put a meeting's number in a series, its kind or its month before "Meeting of"
("Minutes of the 127th Annual Meeting of Fenwater Parish Council", "Minutes of October Ordinary
Meeting of ..."), add "Meeting" after the body's name ("Fenwater Town Council Meeting"), and name
their own council by its kind under a heading that names it in full. None of those words is the
committee's name.
"""
from __future__ import annotations

import re

# words that name a council body, strongest first: a committee is what met, a council may be the body
BODY_WORDS = (r"Sub[- ]Committee|Committee|Cabinet|Executive|Panel|Board|Commission|Forum|Group|Assembly|"
              r"Scrutiny|Council|Authority|Township|Meeting")
COMMITTEE_WORD = re.compile(rf"\b(?:{BODY_WORDS})\b", re.IGNORECASE)
# the words that say which of a body's meetings it was: "the 127th Annual Meeting", "an Extraordinary Meeting",
# "the October Ordinary Meeting" (a meeting's number in a series, its kind, its month, how it was held)
MEETING_KINDS = (r"\d{1,3}(?:st|nd|rd|th)|special|annual|ordinary|extraordinary|general|monthly|adjourned|statutory|inaugural|"
                 r"emergency|reconvened|regular|urgent|additional|virtual|remote|hybrid|"
                 r"January|February|March|April|May|June|July|August|September|October|November|December")
_MEETING_TAIL = re.compile(r"\s+(?:(?:Ordinary|Special|Annual|Extraordinary|General|Monthly|Public)\s+)*(?:(?:Council|Board)\s+)?"
                           r"Meeting\s*$", re.IGNORECASE)
# a name that is only which meeting it was ("Annual Meeting", "the 52nd Annual Meeting", "Special Meeting"): no body named
KIND_ONLY = re.compile(rf"(?:(?:{MEETING_KINDS})\s+)*(?:Meeting|AGM|EGM)", re.IGNORECASE)  # "AGM": annual general meeting
_BODY_END = re.compile(r"^(?P<lead>.*?)\s*\b(?:Council|Committee|Sub[- ]Committee|Board|Panel|Authority|Commission|Forum|Cabinet)$",
                       re.IGNORECASE)


def without_meeting(name: str) -> str:
    """A body's name without the word "Meeting" a heading adds to it: "Planning Committee Special
    Meeting" -> "Planning Committee", "Orlham Town Council Meeting" (or "... AGM") -> "Orlham Town Council"; kept when
    what is left would only say which meeting it was ("Special Council Meeting")."""
    rest = _MEETING_TAIL.sub("", name)
    if rest != name and COMMITTEE_WORD.search(rest):
        return rest
    plain = re.sub(r"\s+(?:Meeting|AGM|EGM)\s*$", "", name, flags=re.IGNORECASE)
    end = _BODY_END.match(plain) if plain != name else None
    if end and not re.search(rf"\b(?:{MEETING_KINDS})\b", end.group("lead"), re.IGNORECASE):
        return plain
    return name


_KIND_COUNCIL = re.compile(r"(?:(?:Parish|Town|Community|District|Borough|County|City|Shire|Regional|Municipal|Village)\s+)?Council",
                           re.IGNORECASE)


def own_council(committee: str | None, body: str | None, head: str) -> str | None:
    """The body as the committee that met, when the head names the meeting as its council's own by
    the council's kind alone ("Minutes of the meeting of the Parish Council held ...", the heading
    above naming "Orlham Parish Council"); None when it names a committee or another council."""
    if not committee or not body or not _KIND_COUNCIL.fullmatch(committee.strip()):
        return None
    if not re.search(rf"\b{re.escape(committee.strip())}$", body, re.IGNORECASE):
        return None  # "the County Council" is not the minutes of "Orlham Town Council"
    if re.search(rf"(?im)^[ \t#*]*{re.escape(committee.strip())}[ \t*]*$", head):
        return None  # a heading line of its own gives that name as the committee's ("COUNTY COUNCIL" under the council's)
    said = rf"\b(?:meeting|minutes?)\s+of\s+the\s+(?:(?:{MEETING_KINDS})\s+)*(?:meeting\s+of\s+the\s+)?{re.escape(committee.strip())}\b"
    return body if re.search(said, head, re.IGNORECASE) else None


__all__ = ["BODY_WORDS", "COMMITTEE_WORD", "MEETING_KINDS", "KIND_ONLY", "without_meeting", "own_council"]
