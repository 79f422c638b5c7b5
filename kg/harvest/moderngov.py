"""Councils on ModernGov (`democracy.<council>.gov.uk`, `<council>.moderngov.co.uk`): which
documents a harvest wants, asked of the site's public web service `mgWebService.asmx`.

    GetCommittees?lDays=0                                   the committees (committeeid, committeetitle)
    GetMeetings?lCommitteeId=N&sFromDate=DD/MM/YYYY&sToDate=DD/MM/YYYY   a committee's meetings in a range
    GetMeeting?lMeetingId=N                                 one meeting: whether its minutes are published,
                                                            its documents (linkeddoc: title, url, attachmentid)
                                                            and its agenda items, each with its own documents
                                                            and the minutes written on the page

A meeting's printed minutes are its own document titled "Printed minutes ..." (or "Minutes");
minutes written on the page are read from its agenda-and-minutes page
(`ieListDocuments.aspx?CId=..&MId=..`); minutes attached to a later meeting's item ("Minutes ,
15/07/2026 Cabinet") are the minutes of the meeting that title dates."""
from __future__ import annotations

import difflib
import re
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime

from kg.errors import HarvestError
from kg.harvest.client import PoliteClient, safe_url
from kg.harvest.fetch import Failure, Wanted
from kg.textutil import fold, slug, squash

KINDS = ("minutes", "agenda", "reports")
MINUTES_TITLE = re.compile(r"^\s*(?:printed\s+|draft\s+|signed\s+|approved\s+)?minutes\b", re.IGNORECASE)
AGENDA_TITLE = re.compile(r"\b(?:agenda|reports?\s+pack|public\s+pack)\b", re.IGNORECASE)
TITLE_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


@dataclass(frozen=True)
class Committee:
    """A committee as the site lists it: its number and its title."""

    id: str
    title: str


@dataclass(frozen=True)
class MeetingStub:
    """A meeting as a committee's list gives it."""

    id: str
    date: date | None


def site_root(base_url: str) -> str:
    """The ModernGov site's root address from what the user gave: a bare host, the root, or any
    of its pages ("https://democracy.fenwater.gov.uk/mgListCommittees.aspx")."""
    given = base_url.strip()
    if "://" not in given:
        given = "https://" + given
    parts = urllib.parse.urlsplit(given)
    path = parts.path
    if re.search(r"\.(?:aspx|asmx|htm|html)$", path.rsplit("/", 1)[-1], re.IGNORECASE):
        path = path.rsplit("/", 1)[0]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))


def service_url(root: str, operation: str, **params: str) -> str:
    return f"{root}/mgWebService.asmx/{operation}" + (f"?{urllib.parse.urlencode(params)}" if params else "")


def committees(client: PoliteClient, root: str) -> list[Committee]:
    """Every committee the site lists (expired and deleted ones too), by number.

    Raises HarvestError "not-moderngov" when the site does not answer as ModernGov does."""
    url = service_url(root, "GetCommittees", lDays="0")
    hint = (f"{root} does not answer as a ModernGov site ({url}); give the council's ModernGov address "
            "(https://democracy.<council>.gov.uk or https://<council>.moderngov.co.uk), or list its documents' "
            "addresses in a file for `kg harvest urls`")
    try:
        tree = _xml(client.get(url).body)
    except HarvestError as err:
        if err.reason in ("robots", "unreachable"):
            raise
        raise HarvestError(url, "not-moderngov", f"{hint} [{err.reason}]") from None
    if tree is None or ("committee" not in _local(tree.tag) and next(_all(tree, "committee"), None) is None):
        raise HarvestError(url, "not-moderngov", hint)
    out = []
    for node in _all(tree, "committee"):
        cid, title = _text(node, "committeeid"), _text(node, "committeetitle")
        if cid and title:
            out.append(Committee(cid, squash(title)))
    return sorted(set(out), key=lambda c: (fold(c.title), c.id))


def choose_committees(listed: list[Committee], asked: list[str], root: str) -> list[Committee]:
    """The committees `asked` names (a number, or a title in any case), in the order asked.

    Raises HarvestError "no-committee" naming the close titles for one the site does not list."""
    out: list[Committee] = []
    for name in asked:
        hit = [c for c in listed if c.id == name.strip()] or [c for c in listed if fold(c.title) == fold(name)]
        if not hit:
            near = difflib.get_close_matches(name, [c.title for c in listed], n=3, cutoff=0.5)
            said = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
            raise HarvestError(root, "no-committee", f"{root} lists no committee '{name}'{said} "
                               "(see `kg harvest moderngov URL --list-committees`)")
        out.extend(c for c in hit if c not in out)
    return out


def meetings(client: PoliteClient, root: str, committee: Committee, start: date, end: date) -> list[MeetingStub]:
    """The committee's meetings from `start` to `end` (both days included), by date."""
    url = service_url(root, "GetMeetings", lCommitteeId=committee.id, sFromDate=start.strftime("%d/%m/%Y"),
                      sToDate=end.strftime("%d/%m/%Y"))
    tree = _xml(client.get(url).body)
    if tree is None:
        raise HarvestError(url, "not-moderngov", f"{url}: the meeting list is not ModernGov's XML")
    out = {MeetingStub(mid, _date(_text(node, "meetingdate"))) for node in _all(tree, "meeting")
           if (mid := _text(node, "meetingid"))}
    return sorted((m for m in out if m.date is None or start <= m.date <= end),
                  key=lambda m: (m.date or date.min, m.id))


def meeting_documents(client: PoliteClient, root: str, committee: Committee, stub: MeetingStub,
                      what: set[str], council: str | None = None) -> tuple[list[Wanted], list[Failure]]:
    """The documents of one meeting that `what` asks for ("minutes", "agenda", "reports"), and a
    "no-minutes" failure when minutes are asked for and none is published yet."""
    url = service_url(root, "GetMeeting", lMeetingId=stub.id)
    tree = _xml(client.get(url).body)
    node = None if tree is None else (tree if _local(tree.tag) == "meeting" else next(_all(tree, "meeting"), None))
    if node is None:
        raise HarvestError(url, "not-moderngov", f"{url}: the meeting is not ModernGov's XML")
    when = _date(_text(node, "meetingdate")) or stub.date
    label = f"{committee.title} {when.isoformat() if when else '(undated)'} (meeting {stub.id})"
    folder = slug(committee.title)
    day = when.isoformat() if when else "undated"
    base = dict(council=council, committee=committee.title, committee_id=committee.id, meeting_id=stub.id,
                meeting_date=when.isoformat() if when else None)
    out: list[Wanted] = []
    minutes_found = False
    items = [child for child in node if _local(child.tag) == "agendaitems"]
    linked = [(doc, False) for doc in _docs(node, skip="agendaitems")]
    linked += [(doc, True) for group in items for element in _all(group, "linkeddoc") for doc in _doc(element)]
    for (title, href, doc_id), in_item in linked:
        kind = "minutes" if MINUTES_TITLE.search(title) else "agenda" if AGENDA_TITLE.search(title) and not in_item \
            else "report" if in_item else "document"
        wanted_kind = {"minutes": "minutes", "agenda": "agenda", "report": "reports", "document": "reports"}[kind]
        if kind == "minutes":
            dated = _title_date(title)
            if in_item and dated is not None and dated != when:  # a previous meeting's minutes, confirmed here
                extra = dict(base, meeting_id=None, meeting_date=dated.isoformat())
                if "minutes" in what:
                    out.append(Wanted(safe_url(urllib.parse.urljoin(root + "/", href)),
                                      f"{folder}/{dated.isoformat()}-minutes-{doc_id}", "minutes", True,
                                      title=title, **extra))
                continue
            minutes_found = True
        if wanted_kind in what:
            out.append(Wanted(safe_url(urllib.parse.urljoin(root + "/", href)), f"{folder}/{day}-{stub.id}-{kind}-{doc_id}",
                              kind, True, title=title, **base))
    on_page = any(_text(item, "minutesnonemptyhtmlbody") for group in items for item in _all(group, "agendaitem"))
    published = (_text(node, "minutepublished") or _text(node, "isminutepublished") or "").lower() == "true"
    if "minutes" in what and (on_page or (published and not minutes_found)):
        page = f"{root}/ieListDocuments.aspx?" + urllib.parse.urlencode({"CId": committee.id, "MId": stub.id})
        out.append(Wanted(page, f"{folder}/{day}-{stub.id}-minutes-page", "minutes-page", False,
                          title=f"{committee.title}: agenda and minutes", **base))
        minutes_found = True
    failures = []
    if "minutes" in what and not minutes_found:
        failures.append(Failure(url, "no-minutes", f"{label}: no minutes published yet"))
    return out, failures


def _docs(node: ET.Element, skip: str):
    """(title, address, id) of each linked document of `node`, outside its `skip` children."""
    for child in node:
        if _local(child.tag) == skip:
            continue
        if _local(child.tag) == "linkeddoc":
            yield from _doc(child)
        else:
            yield from _docs(child, skip)


def _all(node: ET.Element, name: str):
    """Every element below `node` whose local name is `name`, in document order."""
    for element in node.iter():
        if element is not node and _local(element.tag) == name:
            yield element


def _doc(node: ET.Element):
    href = _text(node, "url")
    if href:
        title = squash(_text(node, "title") or href)
        doc_id = _text(node, "attachmentid") or _text(node, "documentid") or slug(href, 40)
        yield title, href, slug(doc_id, 40)


def _title_date(title: str) -> date | None:
    m = TITLE_DATE.search(title)
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _xml(body: bytes) -> ET.Element | None:
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _text(node: ET.Element, name: str) -> str | None:
    """The text of `node`'s first child element named `name` (any namespace, any case)."""
    for child in node:
        if _local(child.tag) == name:
            return squash("".join(child.itertext())) or None
    return None


def _date(text: str | None) -> date | None:
    """A date as the web service writes it: "15/07/2026", "15/07/2026 10:00:00" or "2026-07-15"."""
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.split()[0].split("T")[0], fmt).date()
        except ValueError:
            continue
    return None
