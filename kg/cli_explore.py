"""`kg map`, `kg analyse`, `kg export`: the commands that look at a built graph.

Each parses its options, calls `kg.analyse` / `kg.maps` / `kg.export`, and says what it wrote.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _filters(f):
    f = click.option("--topic", help="Only items and reports on this topic (label substring or IRI).")(f)
    f = click.option("--types", help="Only these node kinds, comma-separated: meeting, person, post, "
                                     "organisation, service, committee, topic (item, report for export).")(f)
    f = click.option("--to", "date_to", help="Only meetings held on or before this date (YYYY-MM-DD).")(f)
    f = click.option("--from", "date_from", help="Only meetings held on or after this date (YYYY-MM-DD).")(f)
    return f


def _load(graph: Path):
    from kg.store import load

    return load(graph)


# ---------------------------------------------------------------- map

def _views_help() -> str:
    from kg.maps.views import VIEWS

    return "Which question the map answers: " + "; ".join(f"{k}: {q}" for k, q in VIEWS.items()) + "."


@click.command("map", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--output", default=Path("graphs/map.html"), show_default=True, type=click.Path(path_type=Path),
              help="HTML page to write (opens offline in any browser).")
@click.option("--view", type=click.Choice(["overview", "people", "partners", "topic", "ego"]),
              help=_views_help() + "  [default: overview; topic with --topic, ego with --ego]")
@_filters
@click.option("--ego", "ego_query", help="Centre the map on one entity: part of its name or its IRI.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10),
              help="With --ego: how many links out from the entity (the ego view takes 1 or 2).")
@click.option("--top", default=25, show_default=True, type=click.IntRange(1, 150),
              help="With --ego: the strongest neighbours kept at each step out.")
@click.option("--colour", "colour", type=click.Choice(["kind", "community"]), default="kind", show_default=True,
              help="Colour nodes by their kind, or by the community (Louvain, seed 0) they fall in.")
@click.option("--all", "everything", is_flag=True,
              help="Draw the whole map graph (every meeting, person, partner, topic ...), as before views.")
@click.option("--title", help="Heading of the page [default: built from the graph and the view].")
def map_cmd(graph, output, view, date_from, date_to, types, topic, ego_query, depth, top, colour, everything, title):
    """Draw an interactive map that answers one question about the minutes.

    Each view keeps the page readable (about 150 nodes and 400 links at most) and says on the
    page and here what it left out. Links are merged per pair and weighted; hover a node or a
    link to see the meetings and the words behind it; the page has a search box, a date range
    and kind toggles.

    \b
    Example:
      kg map graphs/examples.ttl -o graphs/map.html
      kg map graphs/examples.ttl --view people -o graphs/people.html
      kg map graphs/examples.ttl --view topic --topic "children in care" -o graphs/topic.html
      kg map graphs/examples.ttl --ego "Okafor" -o graphs/okafor.html
      kg map graphs/examples.ttl --all --from 2024-01-01 --types person,organisation,topic
    """
    from kg.maps import make_view, render_map
    from kg.maps.views import VIEWS

    view = view or ("ego" if ego_query else "topic" if topic else "overview")
    g, centre = make_view(_load(graph), view, types=types, date_from=date_from, date_to=date_to, topic=topic,
                          ego=ego_query, depth=depth, top=top, everything=everything)
    if g.number_of_nodes() == 0:
        click.secho("Nothing to draw: no node is left after the filters. Widen --from/--to, --types or --topic.",
                    fg="yellow", err=True)
    name = "whole" if everything else view
    if title is None:
        parts = [f"Map of {graph.name}", "(everything)" if everything else f"({view})"]
        if centre:
            parts.append(f"around {g.nodes[centre]['label']}")
        if topic:
            parts.append(f"on '{topic}'")
        if date_from or date_to:
            parts.append(f"{date_from or '…'} to {date_to or '…'}")
        title = " ".join(parts)
    question = "" if everything else VIEWS[view]
    render_map(g, output, title=title, question=question, colour=colour)
    note = g.graph.get("note", "")
    click.echo(f"Wrote the {name} map of {g.number_of_nodes()} nodes and {g.number_of_edges()} links to {output}"
               + (f" ({note})" if note else ""))


# ---------------------------------------------------------------- analyse

TABLES = ("member_centrality", "map_centrality", "attendance", "co_attendance", "member_topic",
          "partner_topic", "partner_meeting", "partners_per_year", "partners_per_meeting")


@click.command("analyse", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--output", default=Path("graphs/analysis"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the CSV and JSON tables.")
@click.option("--charts", is_flag=True, help="Also draw PNG charts (needs matplotlib: pip install minutes-kg[plots]).")
@click.option("--top", default=10, show_default=True, help="How many rows of each table to print.")
@click.option("-q", "--quiet", is_flag=True, help="Write the tables without printing the summary.")
def analyse_cmd(graph, output, charts, top, quiet):
    """Measure the graph: central members, attendance, communities, partners over time.

    Prints a summary and writes one CSV per table plus analysis.json (all tables) to the
    output folder; --charts adds PNG charts.

    \b
    Example:
      kg analyse graphs/examples.ttl -o graphs/analysis --charts
    """
    from kg.analyse import analyse

    result = analyse(_load(graph))
    output.mkdir(parents=True, exist_ok=True)
    (output / "analysis.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written = [output / "analysis.json"]
    for name in TABLES:
        written.append(_write_csv(output / f"{name}.csv", result[name]))
    for name in ("member_communities", "map_communities"):
        rows = [{"community": c["community"], "label": m["label"], "kind": m["kind"], "iri": m["iri"]}
                for c in result[name] for m in c["members"]]
        written.append(_write_csv(output / f"{name}.csv", rows))
    if not quiet:
        _print_summary(result, top)
    if charts:
        written += _charts(result, output, top)
    click.echo(f"\nWrote {len(written)} files to {output}/", err=quiet)


def _write_csv(path: Path, rows: list[dict]) -> Path:
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns or ["empty"])
        w.writeheader()
        for row in rows:
            w.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return path


def _short(text: str, width: int) -> str:
    """`text` in `width` characters, keeping its start and its end ("Children and … 5 March 2019")."""
    text = str(text)
    if len(text) <= width:
        return text
    tail = width // 3
    return text[: width - tail - 1] + "…" + text[-tail:]


def _print_summary(result: dict, top: int) -> None:
    s = result["summary"]
    kinds = ", ".join(f"{n} {k}" for k, n in s["nodes_per_kind"].items())
    click.echo(f"{s['nodes']} nodes ({kinds}), {s['edges']} links; {s['members']} members over {s['meetings']} meetings")

    click.secho("\nMost central members (co-attendance):", bold=True)
    for r in result["member_centrality"][:top]:
        click.echo(f"  {_short(r['label'], 40):40} degree {r['degree']:.2f}  betweenness {r['betweenness']:.2f}"
                   f"  eigenvector {r['eigenvector']:.2f}")
    click.secho("\nMost central nodes of the map:", bold=True)
    for r in sorted(result["map_centrality"], key=lambda r: (-r["degree"], r["label"]))[:top]:
        click.echo(f"  {_short(r['label'], 48):48} {r['kind']:12} degree {r['degree']:.2f}  betweenness {r['betweenness']:.2f}")

    click.secho("\nAttendance (present / meetings with a recorded attendance list while listed):", bold=True)
    for r in result["attendance"][:top]:
        rate = f"{r['rate']:.0%}" if r["rate"] is not None else "n/a"
        click.echo(f"  {_short(r['person'], 34):34} {r['present']:3d}/{r['meetings_held']:<3d} {rate:>5}  {_short(r['committee'], 40)}")
    if len(result["attendance"]) > top:
        click.echo(f"  … {len(result['attendance']) - top} more in attendance.csv")
    unrecorded = result["summary"].get("meetings_unrecorded", 0)
    if unrecorded:
        click.echo(f"  {unrecorded} meeting(s) without an attendance list are unknown for everyone, left out of the rates")

    click.secho("\nCommunities of members:", bold=True)
    for c in result["member_communities"][:top]:
        names = ", ".join(m["label"] for m in c["members"][:6])
        click.echo(f"  {c['community']:2d}. ({c['size']}) {names}" + (" …" if c["size"] > 6 else ""))

    click.secho("\nPartners over time (mentions per year):", bold=True)
    totals: dict[str, int] = {}
    years: dict[str, dict[str, int]] = {}
    for r in result["partners_per_year"]:
        totals[r["organisation"]] = totals.get(r["organisation"], 0) + r["mentions"]
        years.setdefault(r["organisation"], {})[r["year"]] = r["mentions"]
    for org in sorted(totals, key=lambda o: (-totals[o], o))[:top]:
        per = ", ".join(f"{y}: {n}" for y, n in sorted(years[org].items()))
        click.echo(f"  {_short(org, 40):40} {totals[org]:4d}  ({per})")
    if not totals:
        click.echo("  no partner organisation is mentioned")


def _charts(result: dict, output: Path, top: int) -> list[Path]:
    try:
        import matplotlib
    except ImportError:
        click.secho("Skipped the charts: matplotlib is not installed (pip install 'minutes-kg[plots]').",
                    fg="yellow", err=True)
        return []
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "minutes-kg"
    written = []

    def save(fig, name):
        path = output / name
        fig.tight_layout()
        fig.savefig(path, dpi=110, metadata={"Software": None})
        plt.close(fig)
        written.append(path)

    rows = [r for r in result["attendance"] if r["rate"] is not None]
    if rows:
        rows = sorted(rows, key=lambda r: (r["rate"], r["person"]))[-max(top, 20):]
        fig, ax = plt.subplots(figsize=(8, 0.3 * len(rows) + 1.2))
        ax.barh([f"{r['person']} ({r['present']}/{r['meetings_held']})" for r in rows], [r["rate"] for r in rows],
                color="#F28E2B")
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of meetings present")
        ax.set_title("Attendance rate per member")
        save(fig, "attendance.png")

    rows = result["member_centrality"][:max(top, 15)]
    if rows:
        rows = rows[::-1]
        fig, ax = plt.subplots(figsize=(8, 0.3 * len(rows) + 1.2))
        ax.barh([r["label"] for r in rows], [r["eigenvector"] for r in rows], color="#4E79A7")
        ax.set_xlabel("eigenvector centrality (co-attendance)")
        ax.set_title("Most central members")
        save(fig, "member_centrality.png")

    per_year = result["partners_per_year"]
    if per_year:
        totals: dict[str, int] = {}
        for r in per_year:
            totals[r["organisation"]] = totals.get(r["organisation"], 0) + r["mentions"]
        orgs = sorted(totals, key=lambda o: (-totals[o], o))[:top]
        years = sorted({r["year"] for r in per_year})
        fig, ax = plt.subplots(figsize=(9, 5))
        width = 0.8 / max(1, len(orgs))
        for k, org in enumerate(orgs):
            counts = {r["year"]: r["mentions"] for r in per_year if r["organisation"] == org}
            ax.bar([i + k * width for i in range(len(years))], [counts.get(y, 0) for y in years], width, label=org)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(years))], years)
        ax.set_ylabel("mentions")
        ax.set_title("Partner organisations mentioned per year")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
        save(fig, "partners_per_year.png")
    return written


# ---------------------------------------------------------------- export

@click.command("export", context_settings=CONTEXT)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", required=True, type=click.Choice(["gexf", "graphml", "csv"]),
              help="gexf and graphml open in Gephi, yEd, Cytoscape; csv writes nodes.csv and edges.csv.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File to write; for csv a folder (or NAME.csv for NAME.nodes.csv and NAME.edges.csv).")
@_filters
@click.option("--collapse", is_flag=True, help="Fold items and reports into their meeting, as the map does.")
def export_cmd(graph, fmt, output, date_from, date_to, types, topic, collapse):
    """Export the typed network of a graph for Gephi, yEd, Cytoscape or a spreadsheet.

    Nodes carry kind, label and IRI; links carry relation, meeting, date and the words quoted.

    \b
    Example:
      kg export graphs/examples.ttl --format gexf -o graphs/examples.gexf
      kg export graphs/examples.ttl --format csv -o graphs/examples-csv
    """
    from kg.analyse import to_networkx
    from kg.export import export

    g = to_networkx(_load(graph), types=types, date_from=date_from, date_to=date_to, topic=topic,
                    collapse=collapse)
    paths = export(g, output, fmt)
    click.echo(f"Wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} links to "
               + ", ".join(str(p) for p in paths))


COMMANDS = [map_cmd, analyse_cmd, export_cmd]
