"""Synthetic council minutes, and synthetic graphs shaped like a build's output, for benchmarks.

Everything here is invented: councils, committees, members, officers and partners are made
up from word lists, so the texts share the *shapes* of real minutes (pdftotext output with
page numbers and minute numbers on lines of their own, markdown, agenda packs with reports
and "Officer(s) to Contact", ModernGov web-page text) but none of their words.

Output is a pure function of the seed: the same `--seed` gives the same bytes.

    python bench/generate.py --docs 100 --out /tmp/minutes --seed 0
    python bench/generate.py --triples 10000000 --out /tmp/big.nt --seed 0
"""
from __future__ import annotations

import argparse
import random
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SHAPES = ("pdftext", "markdown", "pack", "web")
SHAPE_WEIGHTS = (0.4, 0.2, 0.2, 0.2)
SUFFIX = {"pdftext": ".txt", "markdown": ".md", "pack": ".txt", "web": ".txt"}

# ---------------------------------------------------------------- word lists (all invented)

PLACE_HEADS = ["Ash", "Brack", "Cal", "Dun", "Elm", "Fen", "Gar", "Hal", "Kel", "Lang", "Mar", "Nor",
               "Oak", "Pen", "Rad", "Stan", "Thorn", "Wel", "Wick", "Yar", "Bram", "Coll", "Ever", "Hart",
               "Lox", "Merr", "Quen", "Ros", "Sel", "Tad"]
PLACE_TAILS = ["ford", "bury", "ton", "ham", "wick", "mere", "field", "dale", "worth", "ley", "combe", "stow"]
COUNTY_TAILS = ["shire", "land", "dale"]
SURNAMES = ["Abbott", "Barlow", "Cartwright", "Dalby", "Ellery", "Fairbairn", "Garside", "Hemsley", "Ingram",
            "Jessop", "Kettering", "Lumsden", "Marlowe", "Nettleton", "Oakes", "Pickering", "Quayle", "Radcliffe",
            "Sowerby", "Thackeray", "Underhill", "Varley", "Whitlock", "Yardley", "Ashworth", "Brindley",
            "Coulthard", "Dewhurst", "Eastwood", "Fothergill", "Goodall", "Hargreaves", "Illingworth", "Kendrick",
            "Lockwood", "Mottram", "Northcott", "Ormerod", "Prentice", "Rowntree", "Sedgwick", "Tunstall",
            "Wainwright", "Bellamy", "Crossley", "Dinsdale", "Fairclough", "Greenhalgh", "Haworth", "Kershaw",
            "Lister", "Mellor", "Noakes", "Pilkington", "Ramsbottom", "Shackleton", "Threlfall", "Whiteley",
            "O'Hagan", "McAlister", "Fitzwilliam", "Ogden"]
GIVEN = ["Alison", "Bernard", "Caroline", "Damian", "Eleanor", "Fergus", "Gillian", "Howard", "Imogen", "Julian",
         "Katherine", "Leonard", "Miriam", "Nigel", "Olivia", "Patrick", "Rosalind", "Stuart", "Theresa", "Vincent",
         "Wendy", "Yvonne", "Adrian", "Beatrice", "Colin", "Deborah", "Edmund", "Fiona", "Graham", "Harriet"]
HONORIFICS = ["Mr.", "Mrs.", "Ms.", "Dr.", "Miss", "Mr", "Mrs", "Ms"]
POSTNOMINALS = ["OBE", "MBE", "JP", "DL"]
TOPICS = [("Children and Families", "Children and Family Services"),
          ("Adults and Communities", "Adults and Communities"),
          ("Environment and Transport", "Environment and Transport"),
          ("Health", "Public Health"),
          ("Housing and Neighbourhoods", "Housing and Neighbourhoods"),
          ("Economy and Skills", "Economy and Skills")]
POSTS = ["Assistant Director, {area}", "Head of Service - {area}", "Head of {area}", "Service Manager, {area}",
         "Senior Finance Business Partner", "Democratic Services Officer", "Strategic Lead for {area}"]
AREAS = ["Children's Social Care", "Education Quality", "Commissioning", "Early Intervention",
         "Strategy and Performance", "Highways Delivery", "Community Safety", "Adult Social Care",
         "Waste Management", "Inclusion", "Housing Options", "Public Protection"]
SERVICES = ["Family Support Team", "Youth Offending Service", "Rapid Response Team", "Independent Living Service",
            "Home to School Transport Service", "Waste Collection Service", "Reablement Service",
            "Fostering Recruitment Team", "Community Equipment Service", "Trading Standards Service"]
CHARITY_WORDS = ["Brightpath", "Lanternlight", "Safe Harbour", "Open Door", "Meadowbank", "Kindred", "Keystone",
                 "Northstar", "Riverside", "Willowmere", "Greenleaf", "Tidewater"]
COMPANY_WORDS = ["Corvell", "Hexmoor", "Arbourline", "Stratwell", "Quillon", "Penderby", "Mostyn", "Carraway"]
PROCEDURAL = [
    ("Minutes", "The minutes of the meeting held on {prev} were taken as read, confirmed and signed."),
    ("Question Time", "The Chief Executive reported that no questions had been received under Standing Order {so}."),
    ("Urgent Items", "There were no urgent items for consideration."),
    ("Declarations of interest", "The Chairman invited members who wished to do so to declare any interest in "
                                 "respect of items on the agenda for the meeting."),
    ("Presentation of Petitions", "The Chief Executive reported that no petitions had been received under "
                                  "Standing Order {so2}."),
]
SUBJECTS = ["Medium Term Financial Strategy {fy} - {fy2}", "Quarter {q} {fy} Performance Report",
            "Annual Report of the {svc}", "Review of the {svc}", "{area} Strategy {y}-{y3}",
            "Progress against the {area} Improvement Plan", "Recommissioning of the {svc}",
            "Capital Programme Monitoring {fy}", "Local Transport Plan Consultation",
            "Winter Pressures and Hospital Discharge", "School Place Planning {y}-{y3}",
            "Climate Change Action Plan Update", "Joint Strategic Needs Assessment: {area}"]
PLANNING_SUBJECTS = ["Planning Application {ref} - Land off {street}, {town}",
                     "Planning Application {ref} - Former {site}, {town}",
                     "Appeal Decisions Received", "Enforcement Update: {street}, {town}"]
STREETS = ["Mill Lane", "Station Road", "Church Street", "Orchard Way", "Forge Close", "Quarry Road", "Meadow View"]
SITES = ["Depot", "Dairy", "Goods Yard", "Tannery", "Brickworks", "Library"]
VERBS = ["provided an overview of", "set out", "sought the views of the Committee on", "gave an update on",
         "presented the findings of", "outlined proposals for"]
POINT_STEMS = [
    "Members noted that {n} {things} had been recorded in {fy}, an increase of {pct}% on the previous year.",
    "In response to a query, the {post} explained that the budget of £{m}m included £{k},000 of one-off funding.",
    "The Committee welcomed the work undertaken with colleagues from {partner} and asked that this continue.",
    "Concern was raised about waiting times; {pct}% of cases had been completed within {n2} weeks.",
    "It was reported that the service had been commissioned in partnership with {partner} at a cost of £{k},000.",
    "A member asked how many {things} were supported by {svc}; it was confirmed that the figure was {n}.",
    "The Lead Member stated that savings of £{m}m were expected by {month} {y2}.",
    "Officers from {partner} attended the meeting and answered questions about {area}.",
    "Recruitment remained difficult, with a vacancy rate of {pct}% across the {svc}.",
]
THINGS = ["referrals", "contacts", "assessments", "placements", "complaints", "applications", "households",
          "journeys", "inspections", "visits"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]


def long_date(d: date, weekday: bool = False) -> str:
    s = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{d.strftime('%A')}, {s}" if weekday else s


# ---------------------------------------------------------------- the invented world

@dataclass
class Member:
    honorific: str
    initials: str
    surname: str
    postnominal: str  # "CC", "CC OBE" or ""

    def name(self, dotted: bool = True) -> str:
        ini = self.initials if dotted else self.initials.replace(".", "")
        h = self.honorific if dotted else self.honorific.rstrip(".")
        return " ".join(x for x in (h, ini, self.surname, self.postnominal) if x)


@dataclass
class Officer:
    given: str
    surname: str
    post: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass
class Council:
    name: str          # "Ashshire County Council"
    place: str         # "Ashshire"
    county: bool
    hall: str
    members: list[Member] = field(default_factory=list)
    officers: list[Officer] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    phone: str = "01632"


def _town(r: random.Random) -> str:
    return r.choice(PLACE_HEADS) + r.choice(PLACE_TAILS)


def make_council(r: random.Random) -> Council:
    head = r.choice(PLACE_HEADS)
    county = r.random() < 0.6
    if county:
        place = head + r.choice(COUNTY_TAILS)
        name = f"{place} County Council"
        hall = f"County Hall, {_town(r)}"
        post_nom = "CC"
    else:
        place = head + r.choice(PLACE_TAILS)
        name = f"{place} {r.choice(['Borough', 'District', 'City'])} Council"
        hall = f"The Guildhall, {place}"
        post_nom = ""
    c = Council(name, place, county, hall, phone=f"0{r.randint(1100, 1999)}")
    c.towns = sorted({_town(r) for _ in range(6)})
    for _ in range(r.randint(18, 30)):
        initials = " ".join(f"{chr(r.randint(65, 90))}." for _ in range(r.choice([1, 1, 2, 3])))
        pn = post_nom
        if r.random() < 0.08:
            pn = " ".join(x for x in (r.choice(POSTNOMINALS), post_nom) if x)
        c.members.append(Member(r.choice(HONORIFICS), initials, r.choice(SURNAMES), pn))
    for _ in range(r.randint(8, 14)):
        post = r.choice(POSTS).format(area=r.choice(AREAS))
        c.officers.append(Officer(r.choice(GIVEN), r.choice(SURNAMES), post))
    t = c.towns
    c.partners = sorted({
        f"{place} Police" if r.random() < 0.5 else f"{place} Constabulary",
        f"{t[0]} and {t[1]} NHS Foundation Trust",
        f"{t[2]} Clinical Commissioning Group",
        f"{r.choice(CHARITY_WORDS)} Foundation",
        f"{r.choice(CHARITY_WORDS)} Children's Trust",
        f"{r.choice(COMPANY_WORDS)} Ltd",
        f"{r.choice(COMPANY_WORDS)} Housing Association",
        f"{place} Fire and Rescue Service",
        f"{t[3]} College",
    })
    return c


@dataclass
class Item:
    number: int
    title: str
    paras: list[str]
    points: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    report_of: str | None = None
    agenda_item: int | None = None


@dataclass
class MeetingText:
    council: Council
    committee: str
    director: str
    when: date
    previous: date
    next: date
    chair: Member
    present: list[Member]
    attendance: list[tuple[Member, str]]
    apologies: list[Member]
    items: list[Item]
    start: str
    end: str


def _committee(r: random.Random, council: Council) -> tuple[str, str, str]:
    """(committee name, the director who reports to it, subject area)."""
    topic, directorate = r.choice(TOPICS)
    kind = r.choice(["scrutiny", "scrutiny", "cabinet", "planning", "hwb", "audit"])
    if kind == "scrutiny":
        name = f"{topic} Overview and Scrutiny Committee" if council.county else f"{topic} Scrutiny Panel"
    elif kind == "cabinet":
        name = "Cabinet"
    elif kind == "planning":
        name = r.choice(["Planning Committee", "Development Control Committee"])
        directorate = "Planning and Regeneration"
    elif kind == "hwb":
        name = "Health and Wellbeing Board"
        directorate = "Public Health"
    else:
        name = "Audit and Governance Committee"
        directorate = "Corporate Resources"
    return name, f"Director of {directorate}", topic


def _fill(r: random.Random, council: Council, stem: str, director: str, topic: str, when: date) -> str:
    fy = when.year if when.month > 3 else when.year - 1
    return stem.format(
        n=r.randint(12, 4800), n2=r.randint(2, 26), pct=r.randint(2, 97), m=f"{r.randint(1, 95)}.{r.randint(0, 9)}",
        k=r.randint(15, 950), things=r.choice(THINGS), fy=f"{fy}/{(fy + 1) % 100:02d}",
        fy2=f"{fy + 3}/{(fy + 4) % 100:02d}", post=r.choice([director, "Assistant Director", "Head of Service"]),
        partner=r.choice(council.partners), svc=r.choice(SERVICES), area=r.choice(AREAS), month=r.choice(MONTHS),
        y=when.year, y2=when.year + 1, y3=when.year + 3, q=r.randint(1, 4), topic=topic,
        ref=f"{when.year % 100:02d}/{r.randint(100, 2999):05d}/FUL", street=r.choice(STREETS),
        town=r.choice(council.towns), site=r.choice(SITES))


def make_meeting(r: random.Random, council: Council, when: date) -> MeetingText:
    committee, director, topic = _committee(r, council)
    members = r.sample(council.members, k=min(len(council.members), r.randint(7, 13)))
    chair, present = members[0], members[1:-2]
    apologies = members[-2:][: r.randint(0, 2)]
    lead = r.choice([m for m in council.members if m not in members] or council.members)
    attendance = [(lead, f"Cabinet Lead Member for {topic}" if r.random() < 0.5 else f"Lead Member for {topic}")]
    if r.random() < 0.4:
        attendance.append((r.choice(council.members), "Cabinet Support Member"))
    items: list[Item] = []
    number = r.randint(1, 90)
    prev = when - timedelta(days=r.choice([42, 56, 63, 84]))
    nxt = when + timedelta(days=r.choice([42, 56, 63, 84, 91]))
    for title, body in PROCEDURAL[: r.randint(3, 5)]:
        text = body.format(prev=long_date(prev), so=r.randint(7, 40), so2=r.randint(30, 40))
        items.append(Item(number, title, [text]))
        number += 1
    agenda_no = len(items) + 3
    subjects = PLANNING_SUBJECTS if "Planning" in committee or "Development" in committee else SUBJECTS
    for _ in range(r.randint(2, 6)):
        title = _fill(r, council, r.choice(subjects), director, topic, when)
        joint = r.random() < 0.15
        author = f"the {director}" + (" and the Director of Corporate Resources" if joint else "")
        para = (f"The Committee considered {'a joint' if joint else 'a'} report of {author} which "
                f"{r.choice(VERBS)} {title[0].lower() + title[1:]}. A copy of the report marked "
                f"'Agenda Item {agenda_no}' is filed with these minutes.")
        paras = [para]
        for _ in range(r.randint(0, 2)):
            paras.append(" ".join(_fill(r, council, r.choice(POINT_STEMS), director, topic, when)
                                  for _ in range(r.randint(2, 4))))
        points = [" ".join(_fill(r, council, r.choice(POINT_STEMS), director, topic, when)
                           for _ in range(r.randint(1, 3))) for _ in range(r.randint(0, 6))]
        resolved = ["That the report be noted"]
        if r.random() < 0.5:
            due = when + timedelta(days=r.choice([60, 90, 120, 180]))
            resolved.append(f"That a further report be presented to the {committee} on {long_date(due)}")
        if r.random() < 0.4:
            resolved.append(f"That the comments of the Committee be forwarded to the Cabinet for consideration at "
                            f"its meeting on {long_date(when + timedelta(days=r.randint(7, 40)))}")
        if r.random() < 0.3:
            resolved.append(f"That the {director} be authorised to approve expenditure of up to "
                            f"£{r.randint(50, 900)},000 from the {r.choice(SERVICES)} budget")
        items.append(Item(number, title, paras, points, resolved, director, agenda_no))
        number += 1
        agenda_no += 1
    items.append(Item(number, "Date of next meeting",
                      [f"It was noted that the next meeting of the Committee would be held on {long_date(nxt)} "
                       f"at {r.choice(['10.00am', '2.00pm', '5.30pm'])}."]))
    start_h = r.choice([9, 10, 14, 17])
    start = f"{start_h if start_h <= 12 else start_h - 12}.{r.choice(['00', '30'])}"
    end = f"{(start_h + r.randint(1, 3)) % 12 or 12}.{r.randint(0, 59):02d}pm"
    return MeetingText(council, committee, director, when, prev, nxt, chair, present, attendance, apologies,
                       items, start, end)


# ---------------------------------------------------------------- the four shapes

def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [""]


def _heading(m: MeetingText) -> str:
    return (f"Minutes of a meeting of the {m.committee} held at {m.council.hall} on "
            f"{long_date(m.when, weekday=True)}.")


def render_pdftext(r: random.Random, m: MeetingText) -> str:
    """pdftotext shape: hard-wrapped lines, minute numbers on their own lines, page numbers."""
    width = r.choice([84, 88, 92])
    lines: list[str] = []
    lines += _wrap(_heading(m), width)
    lines += ["PRESENT", f"{m.chair.name()} (in the Chair)"] + [p.name() for p in m.present]
    if m.attendance:
        lines += ["", "In Attendance."] + [f"{p.name()} – {post}" for p, post in m.attendance]
    if m.apologies:
        lines += ["", "Apologies for absence."] + [p.name() for p in m.apologies]
    for it in m.items:
        lines += [f"{it.number}.", "", f"{it.title}."]
        for p in it.paras:
            lines += _wrap(p, width)
        if it.points:
            lines.append("Arising from the discussion, the following points were raised:")
            for k, pt in enumerate(it.points):
                body = _wrap(pt, width - 4)
                lines += [f"{ROMAN[k % len(ROMAN)]}) {body[0]}"] + body[1:]
        if it.resolved:
            lines.append("RESOLVED:")
            if len(it.resolved) == 1:
                lines += _wrap(it.resolved[0] + ".", width)
            else:
                for k, res in enumerate(it.resolved):
                    end = "." if k == len(it.resolved) - 1 else ";"
                    lines += _wrap(f"{'abcdefgh'[k]}) {res}{end}", width)
        lines.append("")
    lines += [f"{m.start} – {m.end}", long_date(m.when), "", "CHAIRMAN"]
    # page numbers on their own lines every 45-55 lines
    out, page, since = [], 1, 0
    for ln in lines:
        out.append(ln)
        since += 1
        if since >= r.randint(45, 55):
            page += 1
            out += ["", str(page)]
            since = 0
    return "\n".join(out) + "\n"


def render_markdown(r: random.Random, m: MeetingText) -> str:
    out = [f"# {_heading(m)}", "", "**PRESENT**", "", f"{m.chair.name()} (in the Chair)", ""]
    for p in m.present:
        out += [p.name(), ""]
    if m.attendance:
        out += ["**In Attendance.**", ""] + [f"{p.name()} – {post}\n" for p, post in m.attendance]
    if m.apologies:
        out += ["**Apologies for absence.**", ""] + [f"{p.name()}\n" for p in m.apologies]
    for it in m.items:
        out += [f"### {it.number}. {it.title}.", ""]
        for p in it.paras:
            out += [p, ""]
        if it.points:
            out += ["Arising from the discussion, the following points were raised:", ""]
            out += [f"- {ROMAN[k % len(ROMAN)]}) {pt}" for k, pt in enumerate(it.points)] + [""]
        if it.resolved:
            out += ["**RESOLVED:**", ""]
            if len(it.resolved) == 1:
                out += [it.resolved[0] + ".", ""]
            else:
                out += [f"- {'abcdefgh'[k]}) {res}{'.' if k == len(it.resolved) - 1 else ';'}"
                        for k, res in enumerate(it.resolved)] + [""]
    out += [f"{m.start} – {m.end}", "", "**CHAIRMAN**"]
    return "\n".join(out) + "\n"


def render_web(r: random.Random, m: MeetingText) -> str:
    """ModernGov web-page text: venue and contact lines, then a "No. | Item |" table."""
    clerk = r.choice(m.council.officers)
    out = [f"Venue: {r.choice(['Council Chamber', 'Committee Room 2', 'Main Hall'])}, {m.council.hall}",
           f"Contact: {clerk.name} ({m.council.phone} {r.randint(100000, 999999)}) Email: "
           f"{clerk.given.lower()}.{clerk.surname.lower().replace(chr(39), '')}@{m.council.place.lower()}.gov.example",
           "No. | Item |", "---|---|"]
    for it in m.items:
        body = " ".join(it.paras)
        if it.points:
            body += " Arising from discussion the following points were raised: " + " ".join(
                f"({ROMAN[k % len(ROMAN)]}). {pt}" for k, pt in enumerate(it.points))
        if it.resolved:
            body += " RESOLVED: " + " ".join(
                f"({'abcdefgh'[k]}) {res};" for k, res in enumerate(it.resolved)) if len(it.resolved) > 1 \
                else " RESOLVED: " + it.resolved[0] + "."
        pdf = f" PDF {r.randint(90, 900)} KB" if it.report_of else ""
        out += [f"{it.title}.{pdf} Minutes: {body} |", "|"]
    return "\n".join(out) + "\n"


def render_pack(r: random.Random, m: MeetingText) -> str:
    """An agenda pack: the previous meeting's minutes, then reports for the coming meeting."""
    width = r.choice([84, 88])
    out = [render_pdftext(r, m).rstrip("\n"), ""]
    coming = m.next
    officers = m.council.officers
    page = r.randint(10, 30)
    for it in [i for i in m.items if i.report_of][: r.randint(1, 3)]:
        page += r.randint(3, 9)
        when = f"{coming.day} {MONTHS[coming.month - 1].upper()} {coming.year}"
        name = m.committee.upper().split()
        if len(name) > 3:  # pdftotext breaks a long heading before its last word
            out += [f"{page}", "", " " + " ".join(name[:-1]) + " ", "", f"{name[-1]} – {when}", ""]
        else:
            out += [f"{page}", "", f"{' '.join(name)} – {when}", ""]
        out += _wrap(f"UPDATE: {it.title.upper()}", width) + [""]
        out += [f"REPORT OF THE {it.report_of.upper()}", "", "Purpose of report", ""]
        k = 1
        topic = m.committee
        for section in ("Purpose", "Background", "Resource Implications"):
            if section == "Purpose":
                paras = [f"The purpose of this report is to update the Committee on {it.title}."]
            else:
                out += [section, ""]
                paras = [" ".join(_fill(r, m.council, r.choice(POINT_STEMS), m.director, topic, m.when)
                                  for _ in range(r.randint(1, 3))) for _ in range(r.randint(1, 4))]
            for p in paras:
                wrapped = _wrap(p, width - 3)
                out += [f"{k}. {wrapped[0]}"] + [f"   {w}" for w in wrapped[1:]] + [""]
                k += 1
        out += ["Recommendation", "", f"{k}. The Committee is asked to note the contents of this report.", ""]
        out += ["Officer(s) to Contact", ""]
        for o in r.sample(officers, k=min(2, len(officers))):
            out += [f"{o.name} ({o.post}).", f"{m.council.phone} {r.randint(100, 999)} {r.randint(1000, 9999)}",
                    f"{o.given}.{o.surname.replace(chr(39), '')}@{m.council.place.lower()}.gov.example", ""]
    return "\n".join(out) + "\n"


RENDER = {"pdftext": render_pdftext, "markdown": render_markdown, "pack": render_pack, "web": render_web}


def to_pdf(text: str, path: Path) -> bool:
    """Write `text` as a simple PDF with fpdf2 (optional: returns False when fpdf2 is absent)."""
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    from datetime import datetime, timezone
    safe = (text.replace("–", "-").replace("—", "-").replace("‘", "'").replace("’", "'")
            .replace("“", '"').replace("”", '"'))
    pdf = FPDF()
    pdf.set_creation_date(datetime(2020, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in safe.splitlines():
        pdf.multi_cell(0, 5, line.encode("latin-1", "replace").decode("latin-1") or " ",
                       new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return True


def generate_documents(n: int, out: str | Path, seed: int = 0, pdf_share: float = 0.0) -> list[Path]:
    """Write `n` documents of minutes into `out`; returns their paths in order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    r = random.Random(seed)
    councils = [make_council(r) for _ in range(max(3, n // 25))]
    paths = []
    for k in range(n):
        council = r.choice(councils)
        when = date(2016, 1, 1) + timedelta(days=r.randint(0, 365 * 8))
        if when.weekday() >= 5:
            when -= timedelta(days=when.weekday() - 4)
        shape = r.choices(SHAPES, SHAPE_WEIGHTS)[0]
        meeting = make_meeting(r, council, when)
        text = RENDER[shape](r, meeting)
        stem = f"{k:05d}_{shape}"
        if pdf_share and shape == "pdftext" and r.random() < pdf_share:
            path = out / f"{stem}.pdf"
            if to_pdf(text, path):
                paths.append(path)
                continue
        path = out / f"{stem}{SUFFIX[shape]}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------- a big graph, streamed

MKG = "https://w3id.org/minutes-kg/def#"
ID = "https://w3id.org/minutes-kg/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _p(local: str) -> str:
    return f"<{MKG}{local}>"


TOPIC_LABELS = ["Children in care", "Fostering and adoption", "Special educational needs", "Youth justice",
                "Finance and budget", "School places", "Early help", "Adult social care", "Highways",
                "Waste and recycling", "Public health", "Housing", "Community safety", "Transport",
                "Performance", "Workforce", "Safeguarding", "Libraries", "Planning", "Climate change"]
RESOLUTION_TYPES = [("noted", "Noted"), ("approval", "Approval"), ("comments-forwarded", "Comments forwarded"),
                    ("further-report-requested", "Further report requested"), ("recommendation", "Recommendation")]
FIGURE_SENTENCES = ["The number of {topic} had risen to {n}, an increase of {pct}% on the previous year.",
                    "Members noted that {n} {things} had been recorded in {y}.",
                    "The budget for {topic} was £{n}m, of which £{pct}m was one-off funding.",
                    "{pct}% of {things} had been completed within {n} weeks."]


def generate_triples(n: int, out: str | Path, seed: int = 0) -> int:
    """Stream about `n` triples shaped like a build's output to the N-Triples file `out`.

    Each meeting carries what a build of this module's documents gives one (1,460 triples a
    document on 50 of them): about 9 items, each with a span, minute number and order, 5 mentions
    and 4 figures with their own spans and sentences (half naming a topic, linked to it), 1-2 topic assignments, 0-2 resolutions with
    a type, half with a report and some with a follow-up; now and then a public question or a
    declaration of interest; about 1 meeting in 10 is undated, as web pages are. So a graph of
    10 million triples holds about as many meetings (7,000), items and resolutions as one built
    from minutes would, and every named query has answers.

    Memory stays constant: the shared nodes (committees, people, posts, organisations, services,
    topics) are a fixed pool sized from `n`; meetings are written one at a time. Returns the count."""
    r = random.Random(seed)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_people = max(50, n // 2000)
    n_orgs = max(20, n // 20000)
    n_posts = max(20, n // 20000)
    n_committees = max(10, n // 100000)
    written = 0
    with out.open("w", encoding="utf-8", buffering=1 << 20) as f:
        buf: list[str] = []

        def t(s: str, p: str, o: str) -> None:
            buf.append(f"{s} {p} {o} .\n")

        def node(iri: str, cls: str, parent: str, link: str, derived: str | None = None, name: str | None = None,
                 **facts: str) -> None:
            """A node of class `cls` linked from `parent` by `link`, with its label, source and
            facts (mkg: property -> object as N-Triples writes it)."""
            t(iri, RDF_TYPE, _p(cls))
            t(parent, _p(link), iri)
            if name is not None:
                t(iri, LABEL, _lit(name))
            if derived is not None:
                t(iri, DERIVED, derived)
            for local, o in facts.items():
                t(iri, _p(local), o)

        def span(doc_hash: str, d: str, start: int, length: int) -> str:
            s = f"<{ID}span/{doc_hash}/{start}-{start + length}>"
            t(s, RDF_TYPE, f"<{OA}TextPositionSelector>")
            t(s, f"<{OA}start>", f'"{start}"^^<{XSD}integer>')
            t(s, f"<{OA}end>", f'"{start + length}"^^<{XSD}integer>')
            t(s, _p("inDocument"), d)
            return s

        # shared nodes
        for k in range(n_committees):
            c = f"<{ID}committee/committee-{k}>"
            t(c, RDF_TYPE, _p("Committee"))
            t(c, LABEL, _lit(f"{r.choice(TOPICS)[0]} Committee {k}"))
        roles = []
        for k in range(n_people):
            p = f"<{ID}person/p{k}>"
            roles.append(r.choice(["member", "member", "officer", "public"]))
            t(p, RDF_TYPE, _p("Person"))
            t(p, LABEL, _lit(f"{r.choice(GIVEN)} {r.choice(SURNAMES)} {k}"))
            t(p, _p("role"), _lit(roles[-1]))
        members = [k for k, role in enumerate(roles) if role == "member"] or [0]
        public = [k for k, role in enumerate(roles) if role == "public"] or [0]
        for k in range(n_posts):
            q = f"<{ID}post/post-{k}>"
            t(q, RDF_TYPE, _p("Post"))
            t(q, LABEL, _lit(r.choice(POSTS).format(area=r.choice(AREAS)) + f" {k}"))
            t(q, _p("heldBy"), f"<{ID}person/p{r.randrange(n_people)}>")
        for k in range(n_orgs):
            o = f"<{ID}org/org-{k}>"
            t(o, RDF_TYPE, _p("Organisation"))
            t(o, LABEL, _lit(f"{r.choice(CHARITY_WORDS)} Foundation {k}"))
        for k, name in enumerate(SERVICES):
            s = f"<{ID}service/service-{k}>"
            t(s, RDF_TYPE, _p("Service"))
            t(s, LABEL, _lit(name))
        for k, name in enumerate(TOPIC_LABELS):
            s = f"<{ID}topic/topic-{k}>"
            t(s, RDF_TYPE, _p("Topic"))
            t(s, LABEL, _lit(name))
        for key, name in RESOLUTION_TYPES:
            t(f"<{ID}resolution-type/{key}>", LABEL, _lit(name))
        f.writelines(buf)
        written += len(buf)
        buf.clear()
        meeting = 0
        while written < n:
            doc_hash = f"{r.getrandbits(64):016x}"
            d = f"<{ID}doc/{doc_hash}>"
            t(d, RDF_TYPE, _p("Document"))
            t(d, _p("fileName"), _lit(f"minutes-{meeting}.txt"))
            committee = r.randrange(n_committees)
            when = date(2010, 1, 1) + timedelta(days=r.randint(0, 365 * 15))
            dated = r.random() < 0.9
            m = f"<{ID}meeting/committee-{committee}/{when.isoformat() if dated else 'undated'}-{meeting}>"
            t(m, RDF_TYPE, _p("Meeting"))
            t(m, LABEL, _lit(f"Committee {committee} {long_date(when) if dated else 'undated'}"))
            t(m, _p("committee"), f"<{ID}committee/committee-{committee}>")
            if dated:
                t(m, _p("date"), f'"{when.isoformat()}"^^<{XSD}date>')
            t(m, DERIVED, d)
            people = r.sample(members, min(len(members), r.randint(6, 12)))
            t(m, _p("chair"), f"<{ID}person/p{people[0]}>")
            for k, p in enumerate(people):
                prop = "present" if k < len(people) - 2 else r.choice(["apology", "inAttendance", "substitute"])
                t(m, _p(prop), f"<{ID}person/p{p}>")
            officers = {r.randrange(n_people) for _ in range(r.randint(1, 3))} - set(people)
            for p in sorted(officers):
                t(m, _p("inAttendance"), f"<{ID}person/p{p}>")
            if r.random() < 0.1:
                node(f"{m[:-1]}/declaration/1>", "Declaration", m, "declaration",
                     declaredBy=f"<{ID}person/p{people[-1]}>", text=_lit("declared a personal interest as a trustee"),
                     interestKind=_lit("personal"), interestIn=f"<{ID}org/org-{r.randrange(n_orgs)}>")
            pos = 0
            for num in range(r.randint(7, 11)):
                i = f"{m[:-1]}/item/{num + 1}>"
                t(m, _p("item"), i)
                t(i, RDF_TYPE, _p("AgendaItem"))
                t(i, LABEL, _lit(r.choice(SUBJECTS).split(" {")[0]))
                t(i, _p("minuteNumber"), _lit(str(num + 1)))
                t(i, _p("order"), f'"{num}"^^<{XSD}integer>')
                t(i, DERIVED, d)
                t(i, _p("span"), span(doc_hash, d, pos, 1200))
                for k, topic in enumerate(r.sample(range(len(TOPIC_LABELS)), r.randint(1, 2))):
                    t(i, _p("topic"), f"<{ID}topic/topic-{topic}>")
                    node(f"{i[:-1]}/topic/topic-{topic}>", "TopicAssignment", i, "topicAssignment", d,
                         topic=f"<{ID}topic/topic-{topic}>",
                         weight=f'"{r.choice(["0.25", "0.50", "0.75", "1.00"])}"^^<{XSD}decimal>',
                         evidence=_lit(TOPIC_LABELS[topic].lower()), span=span(doc_hash, d, pos + 40 + k * 10, 8))
                targets = set()
                for k in range(r.randint(3, 7)):
                    roll = r.random()
                    target = (f"<{ID}org/org-{r.randrange(n_orgs)}>" if roll < 0.4
                              else f"<{ID}service/service-{r.randrange(len(SERVICES))}>" if roll < 0.55
                              else f"<{ID}post/post-{r.randrange(n_posts)}>" if roll < 0.7
                              else f"<{ID}person/p{r.randrange(n_people)}>")
                    start = pos + 100 + 20 * k
                    if target not in targets:
                        targets.add(target)
                        t(i, _p("mentions"), target)
                    node(f"<{ID}mention/{doc_hash}/{start}-{start + 12}>", "Mention", i, "mention", d,
                         refersTo=target, surfaceForm=_lit("surface"), span=span(doc_hash, d, start, 12))
                for k in range(r.randint(2, 6)):
                    value = r.randint(1, 900)
                    template, topic = r.choice(FIGURE_SENTENCES), r.randrange(len(TOPIC_LABELS))
                    sentence = template.format(
                        topic=TOPIC_LABELS[topic].lower(), n=value, pct=r.randint(1, 60), things=r.choice(THINGS),
                        y=when.year)
                    named = {"topic": f"<{ID}topic/topic-{topic}>"} if "{topic}" in template else {}
                    node(f"{i[:-1]}/figure/{k + 1}>", "Figure", i, "figure", d, str(value),
                         value=f'"{value}"^^<{XSD}decimal>', unit=_lit(r.choice(["count", "percent", "GBP"])),
                         counts=_lit(r.choice(THINGS)), sentence=_lit(sentence), **named,
                         span=span(doc_hash, d, pos + 300 + 30 * k, 4))
                if r.random() < 0.5:
                    node(f"{i[:-1]}/report>", "Report", i, "considered", d, f"Report {meeting}-{num}", forMeeting=m,
                         author=f"<{ID}post/post-{r.randrange(n_posts)}>", span=span(doc_hash, d, pos + 1000, 150),
                         mentions=f"<{ID}org/org-{r.randrange(n_orgs)}>")
                for k in range(r.randint(0, 2)):
                    node(f"{i[:-1]}/resolution/{'abc'[k]}>", "Resolution", i, "resolved", d, label=_lit("abc"[k]),
                         text=_lit(f"That the report be noted ({k})"),
                         resolutionType=f"<{ID}resolution-type/{r.choice(RESOLUTION_TYPES)[0]}>")
                if r.random() < 0.2:
                    node(f"{i[:-1]}/follow-up/1>", "FollowUp", i, "followUp", text=_lit("That a further report be presented"),
                         dueDate=f'"{(when + timedelta(days=120)).isoformat()}"^^<{XSD}date>',
                         status=_lit(r.choice(["fulfilled", "open", "overdue", "overdue"])),
                         targetBody=f"<{ID}committee/committee-{committee}>")
                if r.random() < 0.03:
                    answered = {"answeredBy": f"<{ID}person/p{people[0]}>"} if r.random() < 0.7 else {}
                    node(f"{i[:-1]}/question/1>", "PublicQuestion", i, "question",
                         text=_lit("Asked how many families had been supported"),
                         askedBy=f"<{ID}person/p{r.choice(public)}>", **answered)
                pos += 1500
            meeting += 1
            if len(buf) > 20000 or written + len(buf) >= n:
                take = buf[: max(0, n - written)] if written + len(buf) > n else buf
                f.writelines(take)
                written += len(take)
                buf.clear()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, help="number of documents of minutes to write into --out (a folder)")
    ap.add_argument("--triples", type=int, help="number of triples to write to --out (an .nt file)")
    ap.add_argument("--out", required=True, help="folder (with --docs) or .nt file (with --triples)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pdf-share", type=float, default=0.0,
                    help="share of pdftotext-shaped documents written as PDF instead (needs fpdf2)")
    args = ap.parse_args(argv)
    if (args.docs is None) == (args.triples is None):
        ap.error("give exactly one of --docs or --triples")
    if args.docs is not None:
        paths = generate_documents(args.docs, args.out, args.seed, args.pdf_share)
        print(f"wrote {len(paths)} documents to {args.out}")
    else:
        n = generate_triples(args.triples, args.out, args.seed)
        print(f"wrote {n} triples to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
