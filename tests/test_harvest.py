"""`kg harvest` against a ModernGov site served on 127.0.0.1 (tests/moderngov_site.py: an invented
council in the web service's shapes, with every failure mode), then `kg build` on what it fetched.
No test touches the internet; no test waits (the pause between requests is 0)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, Namespace
from rdflib.namespace import PROV, RDF

from kg.cli import main
from kg.errors import HarvestError
from kg.harvest import PoliteClient, harvest, plan_moderngov, read_manifest
from kg.harvest.urls import read_url_list
from kg.namespace import MKG

pytest.importorskip("fpdf")
moderngov_site = pytest.importorskip("moderngov_site")

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's open XSD namespace makes pytest's collection warn
START, END = date(2026, 1, 1), date(2026, 4, 30)
TWO = ["Cabinet", "12"]  # one by title, one by number


@pytest.fixture
def site():
    site, server = moderngov_site.start()
    yield site
    server.shutdown()
    server.server_close()


def client(**options) -> PoliteClient:
    waits: list[float] = []
    c = PoliteClient(delay=0, max_bytes=50_000, sleep=waits.append, **options)
    c.waits = waits  # what it would have slept
    return c


def run(site, folder: Path, asked=TWO, what=frozenset({"minutes"}), c=None, progress=None):
    c = c or client()
    wanted, failures = plan_moderngov(c, site.base, list(asked), START, END, set(what), "Brackenmoor Borough Council")
    return harvest(c, wanted, folder, failures, progress=progress)


EXPECTED = {"cabinet/2026-01-15-101-minutes-5001.pdf", "cabinet/2026-02-12-102-minutes-5101.pdf",
            "planning-committee/2026-01-20-201-minutes-6001.pdf", "planning-committee/2026-01-20-201-minutes-page.html"}


# ---------------------------------------------------------------- the harvest

def test_two_committees_over_a_range_fetch_exactly_their_minutes(site, tmp_path):
    result = run(site, tmp_path)
    assert {e.file for e in result.fetched} == EXPECTED
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()} == EXPECTED | {"manifest.jsonl"}
    # the meeting outside the range was never asked about, and the dates went as DD/MM/YYYY
    assert not site.asked("lMeetingId=100")
    assert any("sFromDate=01/01/2026" in h[0] and "sToDate=30/04/2026" in h[0] for h in site.asked("GetMeetings"))


def test_every_failure_is_reported_by_name_and_the_rest_completes(site, tmp_path):
    result = run(site, tmp_path)
    by_reason = {f.reason: f.message for f in result.failures}
    assert set(by_reason) == {"no-minutes", "not-found", "too-large", "error-page"}
    assert "Cabinet 2026-03-12 (meeting 103)" in by_reason["no-minutes"]
    assert "ID=5301" in by_reason["not-found"] and "ID=6101" in by_reason["too-large"]
    assert "ID=6201" in by_reason["error-page"]
    # the 503 was answered by trying again (it said Retry-After: 0), the redirect was followed
    assert [h[2] for h in site.asked("ID=5101")] == [503, 200]
    assert [h[2] for h in site.asked("g201/minutes.pdf")] == [302, 200]


def test_the_manifest_says_where_each_document_came_from(site, tmp_path):
    run(site, tmp_path)
    entries = {e.file: e for e in read_manifest(tmp_path).values()}
    first = entries["cabinet/2026-01-15-101-minutes-5001.pdf"]
    assert first.url == site.base + "/documents/g101/Printed%20minutes%2015th-Jan-2026%2010.00%20Cabinet.pdf?T=1"
    assert (first.council, first.committee, first.committee_id, first.meeting_id, first.meeting_date, first.kind) == \
        ("Brackenmoor Borough Council", "Cabinet", "11", "101", "2026-01-15", "minutes")
    assert first.etag == '"m101-v1"' and first.retrieved.endswith("Z") and len(first.sha256) == 64
    moved = entries["planning-committee/2026-01-20-201-minutes-6001.pdf"]
    assert moved.final_url == site.base + "/documents/g201/minutes.pdf"
    assert entries["cabinet/2026-02-12-102-minutes-5101.pdf"].last_modified
    assert entries["planning-committee/2026-01-20-201-minutes-page.html"].kind == "minutes-page"
    lines = (tmp_path / "manifest.jsonl").read_text().splitlines()
    assert all(json.loads(line)["url"] for line in lines) and len(lines) == 4


def test_a_second_run_fetches_nothing(site, tmp_path):
    run(site, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.pdf")}
    again = run(site, tmp_path)
    assert again.fetched == [] and len(again.unchanged) == 4
    conditional = [h for h in site.hits[-40:] if "If-None-Match" in h[1] or "If-Modified-Since" in h[1]]
    answers = [h[2] for h in conditional if h[2] != 302]  # 201's minutes are asked for at the old address first
    assert answers == [304] * 4
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.pdf")} == before


def test_a_changed_document_is_fetched_again(site, tmp_path):
    run(site, tmp_path)
    route = site.routes[moderngov_site.MINUTES_101]
    route.body, route.etag = moderngov_site.make_pdf(["Corrected minutes"]), '"m101-v2"'
    again = run(site, tmp_path)
    assert [e.file for e in again.fetched] == ["cabinet/2026-01-15-101-minutes-5001.pdf"]
    assert read_manifest(tmp_path)[again.fetched[0].url].etag == '"m101-v2"'


def test_an_interrupted_run_resumes_where_it_stopped(site, tmp_path):
    done = []

    def stop_after_two(want):
        done.append(want)
        if len(done) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(site, tmp_path, progress=stop_after_two)
    kept = read_manifest(tmp_path)
    assert len(kept) == 2 and not list(tmp_path.rglob("*.part"))
    resumed = run(site, tmp_path)
    assert len(resumed.fetched) == 2 and len(resumed.unchanged) == 2
    assert {e.file for e in read_manifest(tmp_path).values()} == EXPECTED


def test_reports_and_agenda_when_asked(site, tmp_path):
    result = run(site, tmp_path, asked=["Cabinet"], what={"agenda", "reports"})
    assert {e.file for e in result.fetched} == {"cabinet/2026-01-15-101-agenda-5000.pdf",
                                                "cabinet/2026-01-15-101-report-5002.pdf",
                                                "cabinet/2026-03-12-103-agenda-5200.pdf"}
    assert {e.kind for e in result.fetched} == {"agenda", "report"}


def test_a_committee_without_meetings_is_reported(site, tmp_path):
    result = run(site, tmp_path, asked=["Licensing Committee"])
    assert result.fetched == [] and [f.reason for f in result.failures] == ["no-meetings"]


def test_a_committee_the_site_does_not_list(site, tmp_path):
    with pytest.raises(HarvestError) as err:
        run(site, tmp_path, asked=["Planning Comittee"])
    assert err.value.reason == "no-committee" and "did you mean 'Planning Committee'" in str(err.value)


def test_a_host_that_is_not_moderngov(site, tmp_path):
    with pytest.raises(HarvestError) as err:
        plan_moderngov(client(), site.base + "/elsewhere/", ["Cabinet"], START, END, {"minutes"})
    assert err.value.reason == "not-moderngov" and "kg harvest urls" in str(err.value)


# ---------------------------------------------------------------- the client

def test_the_client_says_who_it_is_and_obeys_robots(site):
    c = client()
    with pytest.raises(HarvestError) as err:
        c.get(site.base + "/private/minutes.pdf")
    assert err.value.reason == "robots" and not site.asked("/private/")
    c.get(site.base + "/documents/g101/pack.pdf")
    assert all(h[1]["User-Agent"].startswith("minutes-kg/") for h in site.hits)


def test_the_client_backs_off_and_gives_up(site):
    site.routes["/busy.pdf"] = moderngov_site.Route(b"%PDF-1.4", fail=9, retry_after=None)
    c = client(retries=2, backoff=1.5)
    with pytest.raises(HarvestError) as err:
        c.get(site.base + "/busy.pdf")
    assert err.value.reason == "http-error" and "503" in str(err.value) and len(site.asked("/busy.pdf")) == 3
    assert c.waits == [1.5, 3.0]  # no Retry-After: twice as long each time


def test_the_pause_between_requests_to_one_host():
    now = [100.0]
    waits: list[float] = []
    c = PoliteClient(delay=2.0, sleep=lambda s: (waits.append(s), now.__setitem__(0, now[0] + s)),
                     clock=lambda: now[0])
    c._pause("http://a.example/x")
    now[0] += 0.5
    c._pause("http://a.example/y")
    c._pause("http://b.example/y")
    assert waits == [1.5]
    assert c._wait(None, 0) == 2.0 and c._wait(None, 2) == 8.0 and c._wait("7", 0) == 7.0 and c._wait("999", 0) == 60


# ---------------------------------------------------------------- a list of addresses

def test_a_list_of_addresses(site, tmp_path):
    listing = tmp_path / "addresses.csv"
    listing.write_text("url,committee,date\n"
                       f"{site.base}/documents/g201/minutes.pdf,Planning Committee,20/01/2026\n"
                       f"{site.base}/mgConvert2PDF.aspx?ID=5301,,\n"
                       f"{site.base}/private/minutes.pdf,,\n")
    wanted = read_url_list(listing)
    result = harvest(client(), wanted, tmp_path / "out")
    assert [f.reason for f in result.failures] == ["not-found", "robots"]
    (entry,) = result.fetched
    assert entry.file.startswith("127-0-0-1-") and entry.file.endswith(".pdf")
    assert (entry.committee, entry.meeting_date) == ("Planning Committee", "2026-01-20")
    assert harvest(client(), wanted, tmp_path / "out").fetched == []


def test_a_plain_list_with_a_bad_address(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("# minutes\nhttps://www.brackenmoor.example/a.pdf\n\nftp://x/y.pdf\n")
    with pytest.raises(HarvestError) as err:
        read_url_list(listing)
    assert err.value.reason == "url-list" and "ftp://x/y.pdf" in str(err.value)


# ---------------------------------------------------------------- the command, then kg build

def test_harvest_then_build_end_to_end(site, tmp_path):
    runner = CliRunner()
    folder = tmp_path / "minutes"
    args = ["harvest", "moderngov", site.base, "--committee", "Cabinet", "--committee", "Planning Committee",
            "--from", "2026-01-01", "--to", "30/04/2026", "--max-mb", "0.05", "--delay", "0",
            "--council", "Brackenmoor Borough Council", "-o", str(folder)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Fetched 4 new or changed document(s), 0 unchanged, 3 failed" in first.output
    for reason in ("no-minutes", "not-found", "too-large", "error-page"):
        assert reason in first.output
    assert (folder / "minutes-kg.toml").read_text() == 'body = "Brackenmoor Borough Council"\n'
    second = runner.invoke(main, args)
    assert "Fetched 0 new or changed document(s), 4 unchanged" in second.output

    graph = tmp_path / "council.ttl"
    built = runner.invoke(main, ["build", str(folder), "-o", str(graph), "--no-cache"])
    assert built.exit_code == 0, built.output
    from kg.store import load

    g = load(graph)
    manifest = {e.file: e for e in read_manifest(folder).values()}
    sources = {}
    for m in g.subjects(RDF.type, MKG.Meeting):
        urls = set(g.objects(m, PROV.hadPrimarySource))
        assert urls, f"{m} has no source address"
        for url in urls:
            sources[str(url)] = m
    assert set(sources) == {e.url for e in manifest.values()}
    for doc in g.subjects(RDF.type, MKG.Document):
        (url,) = g.objects(doc, PROV.hadPrimarySource)
        entry = next(e for e in manifest.values() if e.url == str(url))
        (when,) = g.objects(doc, MKG.retrievedAt)
        assert when.datatype == XSD.dateTime and when.eq(Literal(entry.retrieved, datatype=XSD.dateTime))
    # 102's minutes name neither committee nor day: the manifest's fill them
    filled = sources[manifest["cabinet/2026-02-12-102-minutes-5101.pdf"].url]
    assert (filled, MKG.date, Literal("2026-02-12", datatype=XSD.date)) in g
    assert any("cabinet" in str(c) for c in g.objects(filled, MKG.committee))
    # 201's minutes say 21 January, the site 20 January: the text's is kept, and the build says so
    said = sources[manifest["planning-committee/2026-01-20-201-minutes-6001.pdf"].url]
    assert (said, MKG.date, Literal("2026-01-21", datatype=XSD.date)) in g
    assert "the text dates the meeting 2026-01-21, the harvest's manifest 2026-01-20: kept the text's" in built.output
    assert "The graph conforms" in built.output


def test_the_command_says_what_is_wrong(site, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["harvest", "moderngov", site.base + "/nothing", "--committee", "Cabinet",
                                  "--delay", "0", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "does not answer as a ModernGov site" in result.output
    listed = runner.invoke(main, ["harvest", "moderngov", site.base, "--list-committees", "--delay", "0"])
    assert listed.exit_code == 0 and "12  Planning Committee" in listed.output
    missing = runner.invoke(main, ["harvest", "moderngov", site.base, "--committee", "Parks", "--delay", "0",
                                   "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "lists no committee 'Parks'" in missing.output


def test_harvest_help_ends_with_an_example():
    for args in (["harvest"], ["harvest", "moderngov"], ["harvest", "urls"]):
        out = CliRunner().invoke(main, args + ["-h"]).output
        assert "Example" in out.split("Options:")[0] and "kg harvest" in out.split("Options:")[0]


def test_the_built_graph_is_the_same_with_and_without_the_cache(site, tmp_path):
    run(site, tmp_path / "minutes")
    runner = CliRunner()
    out = []
    for k, extra in enumerate((["--no-cache"], ["--cache", str(tmp_path / "cache")], ["--cache", str(tmp_path / "cache")])):
        graph = tmp_path / f"g{k}.nq"
        result = runner.invoke(main, ["build", str(tmp_path / "minutes"), "-o", str(graph), "-q", "--no-validate", *extra])
        assert result.exit_code == 0, result.output
        out.append(graph.read_bytes())
    assert out[0] == out[1] == out[2] and b"hadPrimarySource" in out[0]


def test_harvest_urls_command(site, tmp_path):
    listing = tmp_path / "addresses.txt"
    listing.write_text(f"# Brackenmoor minutes\n{site.base}/documents/g201/minutes.pdf\n"
                       f"{site.base}/mgConvert2PDF.aspx?ID=6201\n")
    result = CliRunner().invoke(main, ["harvest", "urls", str(listing), "--delay", "0", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Fetched 1 new or changed document(s), 0 unchanged, 1 failed" in result.output
    assert "error-page" in result.output and "mgConvert2PDF.aspx?ID=6201" in result.output
