"""Graph commands: ``kg sources``, ``kg graph stats|contradictions`` and the graph exports.

    kg sources ENTITY [ENTITY ...] [--type T] [--store PATH] [--json]
    kg graph stats [--entity E] [--type T] [--top N] [--store PATH] [--json]
    kg graph contradictions [--subsumed] [--store PATH] [--json]
    kg export html     [--entity E] [--type T] [--view claims|actors] [--store PATH] --out FILE
    kg export gexf     [--entity E] [--type T] [--view claims|actors] [--store PATH] --out FILE
    kg export graphml  [--entity E] [--type T] [--view claims|actors] [--store PATH] --out FILE
    kg export edges-csv [--entity E] [--type T] [--view claims|actors] [--raw] [--store PATH] [--out FILE]
    kg export geojson  [--all] [--store PATH] [--out FILE]
    kg export jsonld   DOC [--store PATH] [--out FILE]
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

EntityOpt = typer.Option(None, "--entity", help="Only claims where this actor is claimant, party, relay or outlet.")
TypeOpt = typer.Option(None, "--type", help="Only claims of this allegation type (coordination, truce, ...).")
ViewOpt = typer.Option("claims", "--view", help="claims: actors, claims and propositions; actors: aggregated actor view.")


class _Helpers:
    """What the commands need from a CLI: consoles, one-line failures, the store, writing output.

    Self-contained on purpose: under ``python -m kg.cli`` the running CLI is ``__main__``, not
    ``kg.cli``, so importing helpers from ``kg.cli`` here would give a second copy of them.
    """

    def __init__(self):
        import sys

        from rich.console import Console

        self.out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
        self.err = Console(stderr=True, soft_wrap=True)

    def _fail(self, msg: str):
        self.err.print(f"error: {msg}", markup=False, highlight=False)
        raise typer.Exit(1)

    def _store(self, spec, read_only: bool = True):
        from ..store import StoreError, open_store

        try:
            return open_store(spec, read_only=read_only)
        except StoreError as e:
            self._fail(str(e))

    def _print_json(self, obj) -> None:
        import sys

        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")

    def _write(self, text: str, dest: Optional[Path]) -> None:
        import sys

        if dest is None:
            sys.stdout.write(text)
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        self.err.print(f"wrote {dest}", markup=False)


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    cli = _Helpers()

    StoreOpt = typer.Option(None, "--store", help="Store folder (default ./isnad-store).")
    JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")

    def projected(store, entity, type_, view):
        from ..graph import actor_view, project

        if view not in ("claims", "actors"):
            cli._fail(f"unknown view {view!r} (claims, actors)")
        st = cli._store(store, read_only=True)
        try:
            G = project(st, entity=entity, type=type_)
        except (LookupError, ValueError) as e:
            cli._fail(str(e))
        return actor_view(G) if view == "actors" else G

    def need_out(dest: Optional[Path]) -> Path:
        if dest is None:
            cli._fail("--out FILE is required for this format")
        dest.parent.mkdir(parents=True, exist_ok=True)
        return dest

    # -------------------------------------------------------------- kg sources
    @app.command("sources")
    def sources_cmd(entities: List[str] = typer.Argument(..., metavar="ENTITY...",
                                                        help="Actors the allegation is about (all of them)."),
                    type_: Optional[str] = typer.Option(None, "--type", help="Allegation type, e.g. coordination."),
                    store: Optional[str] = StoreOpt, json_out: bool = JsonOpt):
        """Who stands behind the allegations about ENTITY (or between several): chains and independent sources."""
        from ..graph import sources

        st = cli._store(store, read_only=True)
        try:
            res = sources(st, list(entities), type=type_)
        except (LookupError, ValueError) as e:
            cli._fail(str(e))
        if json_out:
            cli._print_json(res)
            return
        what = f"{type_.lower() + ' ' if type_ else ''}allegations about {' and '.join(entities)}"
        by = ", ".join(f"{n} {s}" for s, n in sorted(res["by_stance"].items()))
        cli.out.print(f"{len(res['claims'])} claim(s) of {what}" + (f" ({by})" if by else ""),
                      markup=False, highlight=False)
        cli.out.print(f"independent upstream sources: {res['independent_sources']}", markup=False, highlight=False)

        def names(rows):
            return "; ".join(f"{_name(r)} ({r['claims']})" for r in rows) or "none"

        cli.out.print(f"claimants: {names(res['claimants'])}", markup=False, highlight=False)
        cli.out.print(f"outlets:   {names(res['outlets'])}", markup=False, highlight=False)
        cli.out.print(f"relays:    {names(res['relays'])}", markup=False, highlight=False)
        cli.out.print("upstream:  " + ("; ".join(f"{_name(u)} ({u['claims']})" for u in res["upstream_sources"])
                                       or "none"), markup=False, highlight=False)
        t = Table(title="attribution chains", show_lines=False)
        for c in ("stance", "chain", "quote"):
            t.add_column(c, overflow="fold")
        t.add_column("evidence", no_wrap=True)
        for c in res["claims"]:
            q = c["quote"]
            t.add_row(c["stance"], c["chain"], (q[:80] + "…") if len(q) > 80 else q, c["evidence"])
        cli.out.print(t)

    # -------------------------------------------------------------- kg graph ...
    graph_app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False,
                            help="Analyses of the claims graph (networkx).")
    app.add_typer(graph_app, name="graph")

    @graph_app.command("stats")
    def stats_cmd(entity: Optional[str] = EntityOpt, type_: Optional[str] = TypeOpt,
                  top: int = typer.Option(10, "--top", help="Rows per ranking."),
                  store: Optional[str] = StoreOpt, json_out: bool = JsonOpt):
        """Most-cited sources, most-accused actors, outlets by reach."""
        from ..graph import stats

        res = stats(projected(store, entity, type_, "claims"), top=top)
        if json_out:
            cli._print_json(res)
            return
        c = res["counts"]
        cli.out.print("nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(c["nodes"].items())) +
                      "; claims: " + ", ".join(f"{k} {v}" for k, v in sorted(c["claims_by_stance"].items())),
                      markup=False, highlight=False)
        for key, title, cols in (("most_cited_sources", "most-cited sources", ("claims", "as_claimant", "as_relay")),
                                 ("most_accused", "most-accused actors", ("claims", "types")),
                                 ("outlets_by_reach", "outlets by reach", ("claims", "sources"))):
            t = Table(title=title)
            t.add_column("actor", overflow="fold")
            t.add_column("type")
            for col in cols:
                t.add_column(col, overflow="fold")
            for r in res[key]:
                vals = [", ".join(f"{k} {v}" for k, v in r[col].items()) if isinstance(r[col], dict) else str(r[col])
                        for col in cols]
                t.add_row(_name(r), r["type"] or "", *vals)
            cli.out.print(t)

    @graph_app.command("contradictions")
    def contradictions_cmd(subsumed: bool = typer.Option(False, "--subsumed",
                                                         help="A denial of T{B,C} also contradicts T{B,C,D}."),
                           entity: Optional[str] = EntityOpt, type_: Optional[str] = TypeOpt,
                           store: Optional[str] = StoreOpt, json_out: bool = JsonOpt):
        """Propositions asserted by some claims and denied by others."""
        from ..graph import contradictions

        res = contradictions(projected(store, entity, type_, "claims"), subsumed=subsumed)
        if json_out:
            cli._print_json(res)
            return
        if not res:
            cli.out.print("no contradictions", markup=False)
        for r in res:
            t = Table(title=r["label_en"])
            for c in ("side", "claimant", "quote"):
                t.add_column(c, overflow="fold")
            t.add_column("evidence", no_wrap=True)
            for side in ("asserted_by", "denied_by"):
                for v in r[side]:
                    q = v["quote"]
                    t.add_row(v["stance"], v["label_en"] or v["claimant"] or "?", (q[:80] + "…") if len(q) > 80 else q,
                              v["evidence"])
            cli.out.print(t)

    # -------------------------------------------------------------- exports
    @export_app.command("html")
    def export_html(entity: Optional[str] = EntityOpt, type_: Optional[str] = TypeOpt, view: str = ViewOpt,
                    store: Optional[str] = StoreOpt,
                    dest: Optional[Path] = typer.Option(None, "--out", help="HTML file to write.")):
        """A self-contained HTML explorer (opens offline; article text shown as text only)."""
        from ..html import write_graph_html

        dest = need_out(dest)
        G = projected(store, entity, type_, view)
        if view == "actors":
            G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
            full = projected(store, entity, type_, "claims")
            G.graph["claims"] = {n: d for n, d in full.nodes(data=True) if d.get("kind") == "claim"}
        what = " · ".join(x for x in (type_, entity) if x)
        write_graph_html(G, dest, title=f"isnad: {what}" if what else "isnad: claims and sources")
        cli.err.print(f"wrote {dest} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", markup=False)

    @export_app.command("gexf")
    def export_gexf(entity: Optional[str] = EntityOpt, type_: Optional[str] = TypeOpt, view: str = ViewOpt,
                    store: Optional[str] = StoreOpt,
                    dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
        """The graph as GEXF (Gephi)."""
        from ..formats import gexf_text

        cli._write(gexf_text(projected(store, entity, type_, view)), dest)

    @export_app.command("graphml")
    def export_graphml(entity: Optional[str] = EntityOpt, type_: Optional[str] = TypeOpt, view: str = ViewOpt,
                       store: Optional[str] = StoreOpt,
                       dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
        """The graph as GraphML (Cytoscape, yEd, Gephi)."""
        from ..formats import graphml_text

        cli._write(graphml_text(projected(store, entity, type_, view)), dest)

    @export_app.command("edges-csv")
    def export_edges_csv(entity: Optional[str] = EntityOpt, type_: Optional[str] = TypeOpt, view: str = ViewOpt,
                         raw: bool = typer.Option(False, "--raw", help="Do not guard cells against spreadsheet formulas."),
                         store: Optional[str] = StoreOpt,
                         dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
        """Every edge as a CSV row: ends with labels and types, kind, stance, claim, evidence, quote."""
        from ..formats import edges_csv

        cli._write(edges_csv(projected(store, entity, type_, view), raw=raw), dest)

    @export_app.command("geojson")
    def export_geojson(all_locations: bool = typer.Option(False, "--all", help="Every located gazetteer place, "
                                                          "not only those the documents refer to."),
                       store: Optional[str] = StoreOpt,
                       dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
        """Locations with coordinates as a GeoJSON FeatureCollection, with claim and mention counts."""
        from ..formats import geojson

        data = geojson(cli._store(store, read_only=True), all_locations=all_locations)
        cli._write(json.dumps(data, ensure_ascii=False, indent=1) + "\n", dest)

    @export_app.command("jsonld")
    def export_jsonld(doc: str = typer.Argument(..., help="Document id (file stem)."),
                      store: Optional[str] = StoreOpt,
                      dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
        """One document's named graph as JSON-LD."""
        from ..formats import document_jsonld

        try:
            text = document_jsonld(cli._store(store, read_only=True), doc)
        except LookupError as e:
            cli._fail(str(e))
        cli._write(text if text.endswith("\n") else text + "\n", dest)


def _name(r: dict) -> str:
    en, ar = r.get("label_en"), r.get("label")
    if en and ar and en != ar:
        return f"{ar} ({en})"
    return ar or en or "?"
