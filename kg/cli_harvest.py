"""`kg harvest moderngov`, `kg harvest urls`: fetch minutes from where councils publish them
into a folder `kg build` reads (see kg/harvest/).

Registered by `kg/cli.py` through `COMMANDS`."""
from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DATE = click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"])


def _polite_options(f):
    """The options every harvest shares, written once."""
    f = click.option("-q", "--quiet", is_flag=True, help="No progress bar; print only what failed and the summary.")(f)
    f = click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
                     help="Tries after the first when the site is busy (429) or failing (5xx), waiting twice as "
                          "long each time.")(f)
    f = click.option("--max-mb", type=click.FloatRange(0, min_open=True), default=50, show_default=True,
                     help="Skip (and report) any document larger than this many megabytes.")(f)
    f = click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
                     help="Seconds between two requests to one site (longer when its robots.txt asks).")(f)
    f = click.option("--council", metavar="NAME",
                     help="The council whose documents these are (\"Fenwater District Council\"): kept in the "
                          "manifest, and written to the folder's minutes-kg.toml for `kg build`.")(f)
    f = click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=Path),
                     help="Folder to fetch into (made if need be); its manifest.jsonl lists every document.")(f)
    return f


@click.group("harvest", context_settings=CONTEXT)
def harvest_group():
    """Fetch minutes from a council's website into a folder, for `kg build`.

    Politely: the requests say who sends them, robots.txt is obeyed, one site is asked one thing
    at a time with a pause between, a busy or failing site is asked again later, and a second
    run asks only whether what it has changed (nothing is fetched twice). The folder's
    manifest.jsonl keeps each document's address, committee, meeting date and retrieval time,
    which `kg build` puts in the graph. A run cut short goes on where it stopped.

    \b
    Example:
      kg harvest moderngov https://democracy.fenwater.gov.uk --list-committees
      kg harvest moderngov https://democracy.fenwater.gov.uk --committee Cabinet \\
          --from 2025-05-01 --to 2026-04-30 --council "Fenwater District Council" -o minutes/
      kg build minutes/ -o graphs/fenwater.ttl
    """


@harvest_group.command("moderngov", context_settings=CONTEXT)
@click.argument("base_url")
@click.option("--committee", "committees", multiple=True, metavar="NAME_OR_ID",
              help="A committee to harvest, by its title or number (repeat for several; see --list-committees).")
@click.option("--list-committees", is_flag=True, help="Print the site's committees (number and title) and stop.")
@click.option("--from", "start", type=DATE, metavar="DATE", help="First meeting day (2025-05-01 or 01/05/2025) [default: a year "
              "before --to].")
@click.option("--to", "end", type=DATE, metavar="DATE", help="Last meeting day [default: today].")
@click.option("--what", default="minutes", show_default=True, metavar="minutes,agenda,reports",
              help="Which documents of each meeting: its minutes (the printed minutes, and the agenda-and-minutes "
                   "page where minutes are written on it), its agenda packs, its reports.")
@_polite_options
def moderngov_cmd(base_url, committees, list_committees, start, end, what, folder, council, delay, max_mb, retries,
                  quiet):
    """Harvest a ModernGov council site (democracy.<council>.gov.uk, <council>.moderngov.co.uk).

    Asks the site's public web service (mgWebService.asmx) for the committees' meetings in the
    range and each meeting's documents, then fetches them into FOLDER/<committee>/.

    \b
    Example:
      kg harvest moderngov https://democracy.fenwater.gov.uk --committee Cabinet \\
          --committee "Planning Committee" --from 2025-05-01 --to 2026-04-30 -o minutes/
    """
    from kg.harvest import moderngov, plan_moderngov

    client = _client(delay, max_mb, retries)
    if list_committees:
        root = moderngov.site_root(base_url)
        listed = moderngov.committees(client, root)
        if not listed:
            click.echo(f"{root} lists no committees", err=True)
        for c in listed:
            click.echo(f"{c.id:>6}  {c.title}")
        return
    if not committees:
        raise click.UsageError("name at least one --committee (see --list-committees)")
    if folder is None:
        raise click.UsageError("give the folder to fetch into with -o")
    kinds = {k.strip() for k in what.split(",") if k.strip()}
    unknown = kinds - set(moderngov.KINDS)
    if unknown or not kinds:
        raise click.BadParameter(f"'{what}': give a comma-separated list of {', '.join(moderngov.KINDS)}",
                                 param_hint="--what")
    end = end.date() if end else date.today()
    start = start.date() if start else end - timedelta(days=365)
    if start > end:
        raise click.BadParameter(f"--from {start.isoformat()} is after --to {end.isoformat()}", param_hint="--from")
    if not quiet:
        click.echo(f"Asking {moderngov.site_root(base_url)} for the meetings from {start.isoformat()} to "
                   f"{end.isoformat()} ...", err=True)
    wanted, failures = plan_moderngov(client, base_url, list(committees), start, end, kinds, council,
                                      progress=None if quiet else lambda said: click.echo(f"  {said}", err=True))
    _run(client, wanted, folder, failures, council, quiet)


@harvest_group.command("urls", context_settings=CONTEXT)
@click.argument("url_list", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_polite_options
def urls_cmd(url_list, folder, council, delay, max_mb, retries, quiet):
    """Harvest a list of documents' addresses (for councils on other systems).

    FILE has one address a line (# starts a comment), or is a CSV file whose header names a url
    column and, if it likes, committee and date (the meeting's) columns, which `kg build` then
    uses where the text does not say them. Each document goes to FOLDER/<site>/.

    \b
    Example:
      printf 'https://www.fenwater.gov.uk/media/1234/cabinet-minutes-15-july-2025.pdf\\n' > addresses.txt
      kg harvest urls addresses.txt --council "Fenwater District Council" -o minutes/
    """
    from kg.harvest.urls import read_url_list

    if folder is None:
        raise click.UsageError("give the folder to fetch into with -o")
    _run(_client(delay, max_mb, retries), read_url_list(url_list, council), folder, [], council, quiet)


def _client(delay: float, max_mb: float, retries: int):
    from kg.harvest.client import PoliteClient

    return PoliteClient(delay=delay, max_bytes=int(max_mb * 1_000_000), retries=retries)


def _run(client, wanted, folder: Path, failures, council: str | None, quiet: bool) -> None:
    from kg.harvest import harvest

    if council:
        _write_body(folder, council)
    if quiet or not wanted:
        result = harvest(client, wanted, folder, failures)
    else:
        with click.progressbar(length=len(wanted), label="Fetching documents", file=sys.stderr,
                               show_pos=True) as bar:
            result = harvest(client, wanted, folder, failures, progress=lambda _: bar.update(1))
    err = sys.stderr
    if not quiet:
        for entry in result.fetched:
            click.echo(f"  fetched   {entry.file}", file=err)
    for failure in result.failures:
        click.secho(f"  {failure.reason:<13} {failure.message}", fg="yellow", file=err)
    click.echo(f"\nFetched {len(result.fetched)} new or changed document(s), {len(result.unchanged)} unchanged, "
               f"{sum(f.reason not in ('no-minutes', 'no-meetings') for f in result.failures)} failed, into "
               f"{folder} (manifest: {folder / 'manifest.jsonl'}; {result.requests} request(s))", file=err)
    if wanted and not result.fetched and not result.unchanged:
        click.secho("Nothing was fetched: every document failed.", fg="red", err=True)
        sys.exit(1)


def _write_body(folder: Path, council: str) -> None:
    """Write `council` as the body of `folder`'s minutes-kg.toml, unless one says otherwise (then warn)."""
    from kg.build.bodies import _folder_body

    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "minutes-kg.toml"
    if not config.exists() and not (folder / "minutes-kg.json").exists():
        config.write_text(f"body = {_toml_string(council)}\n", encoding="utf-8")
        return
    said = _folder_body(folder)
    if said != " ".join(council.split()):
        click.secho(f"{config}: says the body is '{said}', not '{council}'; left as it is", fg="yellow", err=True)


def _toml_string(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


COMMANDS = [harvest_group]
