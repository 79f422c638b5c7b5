"""A ModernGov council site for the harvest tests, on 127.0.0.1: the web service's answers in its
shapes (GetCommittees, GetMeetings, GetMeeting), written here for an invented council, and every
failure mode a real site shows (an empty meeting list, a meeting with no minutes yet, a dead PDF
link, a 503 then success, a redirect, a file too large, an error page served with 200).

    Brackenmoor Borough Council (invented), 1 January to 30 April 2026
    Cabinet (11)              101 15/01  printed minutes (ETag), agenda pack, a report to item 3
                              102 12/02  printed minutes (Last-Modified, 503 once), text names neither
                                         committee nor date
                              103 12/03  no minutes yet
                              104 09/04  printed minutes: 404
                              100 10/12/2025, outside the range
    Planning Committee (12)   201 20/01  printed minutes behind a redirect; minutes on the page too;
                                         the PDF dates the meeting 21 January
                              202 17/02  printed minutes of 60 kB (over a 0.05 MB limit)
                              203 17/03  printed minutes link answering an HTML error page with 200
    Licensing Committee (13)  no meetings at all
"""
from __future__ import annotations

import html
import threading
import urllib.parse
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COUNCIL = "Brackenmoor Borough Council"
COMMITTEES = {"11": "Cabinet", "12": "Planning Committee", "13": "Licensing Committee"}
MEETINGS = {  # id: (committee id, day)
    "100": ("11", date(2025, 12, 10)), "101": ("11", date(2026, 1, 15)), "102": ("11", date(2026, 2, 12)),
    "103": ("11", date(2026, 3, 12)), "104": ("11", date(2026, 4, 9)),
    "201": ("12", date(2026, 1, 20)), "202": ("12", date(2026, 2, 17)), "203": ("12", date(2026, 3, 17)),
}
MINUTES_101 = "/documents/g101/Printed minutes 15th-Jan-2026 10.00 Cabinet.pdf?T=1"


def minutes_text(committee: str | None, day: str | None, chair: str, items: list[tuple[str, str]]) -> list[str]:
    if committee and day:
        head = [COUNCIL.upper(), f"Minutes of a meeting of the {committee} held at Ashgrove Hall, Brackenmoor on {day}."]
    else:
        head = ["Minutes"]
    lines = head + ["PRESENT", f"Councillor {chair} (in the Chair)", "Councillor T. Marchbank",
                    "Councillor R. Okonjo-Threlkeld", ""]
    for k, (title, body) in enumerate(items, 1):
        lines += [f"{k}. {title}", body, ""]
    return lines


def make_pdf(lines: list[str]) -> bytes:
    import fpdf

    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@dataclass
class Route:
    """What the site answers at one address: `fail` 503s first, then `body` (with an ETag or a
    Last-Modified the client may ask with, answered 304 when they match)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/pdf"
    etag: str | None = None
    last_modified: str | None = None
    fail: int = 0
    location: str | None = None
    retry_after: str | None = "0"


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[tuple[str, dict[str, str], int]] = field(default_factory=list)  # (address, headers, status)
    base: str = ""

    def asked(self, fragment: str) -> list[tuple[str, dict[str, str], int]]:
        return [h for h in self.hits if fragment in h[0]]


def _xml(text: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text).encode("utf-8")


def _committees() -> bytes:
    rows = "".join(f"<committee><committeeid>{cid}</committeeid><committeetitle>{html.escape(title)}</committeetitle>"
                   "<committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired>"
                   "<committeecategory>Committees</committeecategory></committee>"
                   for cid, title in COMMITTEES.items())
    return _xml(f"<committees>{rows}</committees>")


def _meetings(query: dict[str, str]) -> bytes:
    start = datetime.strptime(query["sFromDate"], "%d/%m/%Y").date()
    end = datetime.strptime(query["sToDate"], "%d/%m/%Y").date()
    rows = "".join(f"<meeting><meetingid>{mid}</meetingid><meetingdate>{day.strftime('%d/%m/%Y')}</meetingdate>"
                   f"<meetingtime>10:00</meetingtime><meetingstatus>Confirmed</meetingstatus></meeting>"
                   for mid, (cid, day) in MEETINGS.items() if cid == query["lCommitteeId"] and start <= day <= end)
    return _xml(f"<getmeetings>{rows}</getmeetings>")


def _linked(attachment: str, title: str, url: str) -> str:
    return (f"<linkeddoc><attachmentid>{attachment}</attachmentid><title>{html.escape(title)}</title>"
            f"<url>{html.escape(url)}</url></linkeddoc>")


MEETING_DOCS = {  # meeting id: (minutes published, meeting-level documents, items as (title, minutes html, documents))
    "101": (True, [_linked("5001", "Printed minutes 15th-Jan-2026 10.00 Cabinet", MINUTES_101),
                   _linked("5000", "Public reports pack 15th-Jan-2026 10.00 Cabinet", "/documents/g101/pack.pdf")],
            [("Housing Repairs Backlog", "", [_linked("5002", "Housing Repairs Backlog report", "mgConvert2PDF.aspx?ID=5002")])]),
    "102": (True, [_linked("5101", "Printed minutes 12th-Feb-2026 10.00 Cabinet", "mgConvert2PDF.aspx?ID=5101")], []),
    "103": (False, [_linked("5200", "Agenda frontsheet 12th-Mar-2026 10.00 Cabinet", "mgConvert2PDF.aspx?ID=5200")], []),
    "104": (True, [_linked("5301", "Printed minutes 09th-Apr-2026 10.00 Cabinet", "mgConvert2PDF.aspx?ID=5301")], []),
    "201": (True, [_linked("6001", "Printed minutes 20th-Jan-2026 18.30 Planning Committee", "/old/g201/minutes.pdf")],
            [("Land at Mill Lane", "&lt;p&gt;Permission was granted subject to conditions.&lt;/p&gt;", [])]),
    "202": (True, [_linked("6101", "Printed minutes 17th-Feb-2026 18.30 Planning Committee", "mgConvert2PDF.aspx?ID=6101")], []),
    "203": (True, [_linked("6201", "Printed minutes 17th-Mar-2026 18.30 Planning Committee", "mgConvert2PDF.aspx?ID=6201")], []),
}


def _meeting(query: dict[str, str]) -> bytes | None:
    mid = query.get("lMeetingId", "")
    if mid not in MEETING_DOCS:
        return None
    cid, day = MEETINGS[mid]
    published, docs, items = MEETING_DOCS[mid]
    agenda = "".join(f"<agendaitem><agendaitemnumber>{k}</agendaitemnumber><agendaitemtitle>{html.escape(t)}"
                     f"</agendaitemtitle><minutesnonemptyhtmlbody>{body}</minutesnonemptyhtmlbody>"
                     f"<linkeddocuments>{''.join(d)}</linkeddocuments></agendaitem>"
                     for k, (t, body, d) in enumerate(items, 1))
    return _xml(f"<getmeeting><meeting><meetingid>{mid}</meetingid><meetingdate>{day.strftime('%d/%m/%Y')}"
                f"</meetingdate><committeeid>{cid}</committeeid><committeetitle>{COMMITTEES[cid]}</committeetitle>"
                f"<minutepublished>{published}</minutepublished><linkeddocuments>{''.join(docs)}</linkeddocuments>"
                f"<agendaitems>{agenda}</agendaitems></meeting></getmeeting>")


def build_routes() -> dict[str, Route]:
    last_modified = formatdate(1767225600, usegmt=True)
    page = ("<!DOCTYPE html><html><head><title>Agenda for Planning Committee on Tuesday, 20th January, 2026, 6.30 pm"
            "</title></head><body><h1>Agenda and minutes</h1><p>Planning Committee - Tuesday, 20th January, 2026 "
            "6.30 pm</p><table><tr><td>1.</td><td><strong>Land at Mill Lane</strong><p>Minutes:</p><p>Permission was "
            "granted subject to conditions.</p></td></tr></table></body></html>").encode()
    return {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        MINUTES_101: Route(make_pdf(minutes_text("Cabinet", "Thursday, 15 January 2026", "A. Fenwick-Ross", [
            ("Apologies for Absence", "There were no apologies."),
            ("Housing Repairs Backlog", "RESOLVED: That the report be noted.")])), etag='"m101-v1"'),
        "/documents/g101/pack.pdf": Route(make_pdf(["Agenda pack"]), etag='"p101"'),
        "/mgConvert2PDF.aspx?ID=5002": Route(make_pdf(["Report of the Director of Housing"]), etag='"r5002"'),
        "/mgConvert2PDF.aspx?ID=5101": Route(make_pdf(minutes_text(None, None, "A. Fenwick-Ross", [
            ("Leisure Centre Refurbishment", "RESOLVED: That the scheme be approved.")])),
            last_modified=last_modified, fail=1),
        "/mgConvert2PDF.aspx?ID=5200": Route(make_pdf(["Agenda frontsheet"]), etag='"a5200"'),
        "/mgConvert2PDF.aspx?ID=5301": Route(b"Not found", status=404, content_type="text/plain"),
        "/old/g201/minutes.pdf": Route(status=302, location="/documents/g201/minutes.pdf"),
        "/documents/g201/minutes.pdf": Route(make_pdf(minutes_text("Planning Committee", "Wednesday, 21 January 2026",
                                                                   "J. Ashcombe-Lyle", [
            ("Land at Mill Lane", "RESOLVED: That permission be granted subject to conditions.")])), etag='"m201"'),
        "/ieListDocuments.aspx?CId=12&MId=201": Route(page, content_type="text/html; charset=utf-8", etag='"page201"'),
        "/mgConvert2PDF.aspx?ID=6101": Route(b"%PDF-1.4\n" + b"0" * 60_000, etag='"big"'),
        "/mgConvert2PDF.aspx?ID=6201": Route(b"<!DOCTYPE html><html><body><h1>Sorry, an error has occurred"
                                             b"</h1></body></html>", content_type="text/html"),
        "/private/minutes.pdf": Route(make_pdf(["private"])),
    }


def start(tmp: Path | None = None) -> tuple[Site, ThreadingHTTPServer]:
    """The site, serving on a free port of 127.0.0.1 in a daemon thread (stop it with `.shutdown()`)."""
    site = Site(build_routes())

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802 (http.server's name)
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            headers = self.asked_with = {k: v for k, v in self.headers.items()}
            route = None
            if parts.path == "/mgWebService.asmx/GetCommittees":
                route = Route(_committees(), content_type="text/xml")
            elif parts.path == "/mgWebService.asmx/GetMeetings":
                route = Route(_meetings(query), content_type="text/xml")
            elif parts.path == "/mgWebService.asmx/GetMeeting":
                body = _meeting(query)
                route = Route(body, content_type="text/xml") if body is not None else None
            else:
                route = site.routes.get(urllib.parse.unquote(self.path)) or site.routes.get(self.path)
            self._answer(route, headers)

        def _answer(self, route: Route | None, headers: dict[str, str]) -> int:
            if route is None:
                return self._send(404, b"<html><body>Page not found</body></html>", "text/html")
            if route.fail:
                route.fail -= 1
                return self._send(503, b"busy", "text/plain",
                                  {"Retry-After": route.retry_after} if route.retry_after else {})
            if route.location:
                return self._send(route.status, b"", "text/plain", {"Location": route.location})
            if route.etag and headers.get("If-None-Match") == route.etag:
                return self._send(304, b"", None, {"ETag": route.etag})
            if route.last_modified and headers.get("If-Modified-Since") == route.last_modified:
                return self._send(304, b"", None, {"Last-Modified": route.last_modified})
            extra = {k: v for k, v in (("ETag", route.etag), ("Last-Modified", route.last_modified)) if v}
            return self._send(route.status, route.body, route.content_type, extra)

        def _send(self, status: int, body: bytes, content_type: str | None, extra: dict | None = None) -> int:
            site.hits.append((urllib.parse.unquote(self.path), self.asked_with, status))  # before the client has it
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)
            return status

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server
