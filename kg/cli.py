"""``kg``: the command line (typer). Thin: every command calls functions tests and notebooks use.

Errors a user can fix print one line on stderr and exit 1; usage errors exit 2 (typer).
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="isnad: a claims-and-sources knowledge graph for Arabic news.")
export_app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False,
                         help="Export claims, entities, RDF or an HTML graph.")
app.add_typer(export_app, name="export")

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = typer.Option(None, "--store", help="Store folder (default ./isnad-store).")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")


class Fail(Exception):
    """A failure the user can fix: one line on stderr, exit 1."""


def _fail(msg: str) -> None:
    raise Fail(msg)


def _store(spec: Optional[str], read_only: bool = False):
    from .store import StoreError, open_store

    try:
        return open_store(spec, read_only=read_only)
    except StoreError as e:
        _fail(str(e))


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


# ------------------------------------------------------------------ ingest / remove
@app.command()
def ingest(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (.txt, .jsonl); default: the bundled corpus."),
    store: Optional[str] = typer.Option(None, "--store", help="Store folder (default ./isnad-store) or SPARQL endpoint URL."),
    force: bool = typer.Option(False, "--force", help="Re-extract documents even when unchanged."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", help="Skip files larger than this."),
    bulk: bool = typer.Option(False, "--bulk/--transactional", help="--transactional (default): each document "
                              "written whole or not at all. --bulk: Oxigraph's bulk loader, about twice as fast "
                              "on a small store but slower as the store grows; content hashes are written last, so "
                              "a document an interrupted run cut short is redone by the next."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Extract on N dask worker processes."),
    batch_docs: int = typer.Option(500, "--batch-docs", min=1, help="Documents per write batch (at most)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Extract on a dask.distributed cluster "
                                            "(tcp://HOST:PORT); workers must see the input files."),
    json_out: bool = JsonOpt,
):
    """Read, extract and store documents: one named graph per document (re-ingest replaces it)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .ingest import ingest as run
    from .read import BUNDLED_CORPUS, expand_paths

    st = _store(store)
    targets = list(paths) if paths else [BUNDLED_CORPUS]
    total = None
    if err.is_terminal:  # documents to expect: a .jsonl file holds one per line
        files = expand_paths(targets)
        total = sum(_count_lines(f) if f.suffix.lower() == ".jsonl" else 1 for f in files)
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as prog:
        task = prog.add_task("", total=total)
        rep = run(targets, st, force=force, max_bytes=max_bytes, bulk=bulk, workers=workers, scheduler=scheduler,
                  batch_docs=batch_docs,
                  progress=lambda d: prog.update(task, advance=1, description=d.id))
    for line in rep.skipped:
        err.print(f"skipped: {line}", markup=False, highlight=False)
    summary = {"documents": rep.documents, "unchanged": rep.unchanged, "claims": rep.claims,
               "quads": rep.quads, "skipped": len(rep.skipped), "store": str(st.path)}
    if json_out:
        _print_json(summary)
    else:
        out.print(f"ingested {rep.documents} document(s), {rep.claims} claims, {rep.quads} quads into {st.path}"
                  f"; {rep.unchanged} unchanged, {len(rep.skipped)} skipped", markup=False, highlight=False)
    if rep.skipped:
        raise typer.Exit(1)


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 1


@app.command()
def remove(doc: str = typer.Argument(..., help="Document id (file stem)."), store: Optional[str] = StoreOpt):
    """Drop a document's graph from the store."""
    from .rdf import graph_iri

    st = _store(store)
    if not st.remove_graph(str(graph_iri(doc))):
        _fail(f"no document {doc!r} in {st.path}")
    st.flush()
    out.print(f"removed {doc}", markup=False)


# ------------------------------------------------------------------ claims / who-alleges
def _claims_table(rows: list[dict], title: str) -> Table:
    from .lookup import chain_text

    t = Table(title=title, show_lines=False)
    for c in ("stance", "types", "chain", "quote"):
        t.add_column(c, overflow="fold")
    t.add_column("evidence", no_wrap=True)
    for c in rows:
        q = c["quote"]["text"]
        t.add_row(c["stance"], ", ".join(c["allegation_types"]), chain_text(c),
                  (q[:90] + "…") if len(q) > 90 else q, f"{c['doc']}:{c['quote']['start']}-{c['quote']['end']}")
    return t


LimitOpt = typer.Option(None, "--limit", min=0, help="At most N claims (0: all). Default: 50 in the table, all with --json.")
TABLE_LIMIT = 50


def _limit(limit: int | None, json_out: bool) -> int:
    return limit if limit is not None else (0 if json_out else TABLE_LIMIT)


def _page_note(shown: int, total: int | None, limit: int) -> None:
    """Say on stderr when the page is not everything (stdout stays the table or the JSON)."""
    if limit and shown >= limit:
        more = f"of {total:,}" if total is not None else "(there are more)"
        err.print(f"showing {shown} {more}; --limit N for more, --limit 0 for all", markup=False)


@app.command()
def claims(entity: str = typer.Argument(..., help="Arabic or English name or alias."),
           store: Optional[str] = StoreOpt, json_out: bool = JsonOpt, limit: Optional[int] = LimitOpt):
    """Claims where ENTITY is the claimant, a party or a relay."""
    from .lookup import claims_about, count_claims_about, resolve

    limit = _limit(limit, json_out)
    st = _store(store, read_only=True)
    iris = resolve(st, entity)
    rows = claims_about(st, iris, limit=limit or None) if iris else []
    total = count_claims_about(st, iris) if iris and limit and len(rows) >= limit else len(rows)
    _page_note(len(rows), total, limit)
    if json_out:
        _print_json(rows)
        return
    if not iris:
        err.print(f"no entity named {entity!r} in the store", markup=False)
    shown = f"{len(rows)} of {total:,}" if total > len(rows) else f"{len(rows)}"
    out.print(_claims_table(rows, f"claims about {entity} ({shown})"))


@app.command("who-alleges")
def who_alleges(type_: str = typer.Argument(..., metavar="TYPE", help="Allegation type, e.g. coordination."),
                between: List[str] = typer.Option([], "--between", help="A party (give it twice)."),
                store: Optional[str] = StoreOpt, json_out: bool = JsonOpt, limit: Optional[int] = LimitOpt):
    """Who alleges TYPE between the given parties, with stance and chain."""
    from .knowledge import ALLEGATION_TYPES
    from .lookup import who_alleges as run

    limit = _limit(limit, json_out)
    names = {t.lower(): t for t in ALLEGATION_TYPES}
    if type_.lower() not in names:
        _fail(f"unknown allegation type {type_!r}; one of: {', '.join(sorted(names))}")
    st = _store(store, read_only=True)
    try:
        rows = run(st, names[type_.lower()], between, limit=limit or None)
    except LookupError as e:
        _fail(str(e))
    _page_note(len(rows), None, limit)
    if json_out:
        _print_json(rows)
        return
    shown = f"first {len(rows)}" if limit and len(rows) >= limit else f"{len(rows)}"
    t = Table(title=f"who alleges {type_.lower()} between {' and '.join(between) or 'anyone'} ({shown})")
    from .lookup import chain_text

    for c in ("claimant", "stance", "chain", "quote"):
        t.add_column(c, overflow="fold")
    t.add_column("evidence", no_wrap=True)
    for c in rows:
        q = c["quote"]["text"]
        t.add_row(c["claimant"]["label"], c["stance"], chain_text(c), (q[:80] + "…") if len(q) > 80 else q,
                  f"{c['doc']}:{c['quote']['start']}-{c['quote']['end']}")
    out.print(t)


# ------------------------------------------------------------------ sparql
@app.command()
def sparql(query: str = typer.Argument(..., metavar="QUERY_OR_FILE", help="A SPARQL query, a .rq file or a named query."),
           store: Optional[str] = StoreOpt, json_out: bool = JsonOpt,
           csv_out: bool = typer.Option(False, "--csv", help="CSV for SELECT.")):
    """Run SELECT / ASK / CONSTRUCT on the store (default graph = union of all graphs)."""
    import pyoxigraph as ox

    from . import queries
    from .store import from_ox, results_json

    p = Path(query)
    if p.suffix == ".rq" or (len(query) < 255 and p.is_file()):
        if not p.is_file():
            _fail(f"{query}: no such query file")
        text = p.read_text(encoding="utf-8")
    elif query in queries.names():
        text = queries.load(query)
    else:
        text = query
    st = _store(store, read_only=True)
    try:
        res = st.query(text)
    except SyntaxError as e:
        _fail(f"SPARQL syntax error: {str(e).splitlines()[0]}")
    except OSError as e:
        _fail(f"query failed: {e}")
    if isinstance(res, ox.QueryBoolean):
        if json_out:
            sys.stdout.write(results_json(res) + "\n")
        else:
            out.print("true" if bool(res) else "false")
        return
    if isinstance(res, ox.QueryTriples):
        data = ox.serialize(list(res), format=ox.RdfFormat.TURTLE if not json_out else ox.RdfFormat.N_TRIPLES)
        sys.stdout.write(data.decode("utf-8"))
        return
    if json_out:
        sys.stdout.write(results_json(res) + "\n")
        return
    names = [v.value for v in res.variables]
    rows = [[from_ox(sol[n]) for n in names] for sol in res]
    if csv_out:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(names)
        w.writerows([["" if v is None else v for v in r] for r in rows])
        sys.stdout.write(buf.getvalue())
        return
    t = Table(title=f"{len(rows)} row(s)")
    for n in names:
        t.add_column(n, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    out.print(t)


# ------------------------------------------------------------------ exports
def _write(text: str, dest: Optional[Path]) -> None:
    if dest is None:
        sys.stdout.write(text)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        err.print(f"wrote {dest}", markup=False)


def _export_jsonl(what: str, fmt: str, store: Optional[str], dest: Optional[Path]) -> None:
    from . import export

    if fmt != "jsonl":
        _fail(f"unknown format {fmt!r} for {what} (jsonl)")
    rows = getattr(export, what)(_store(store, read_only=True))
    _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), dest)


@export_app.command("claims")
def export_claims(fmt: str = typer.Option("jsonl", "--format", help="jsonl"), store: Optional[str] = StoreOpt,
                  dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
    """Claims as JSON Lines (contracts/claims.md)."""
    _export_jsonl("claims", fmt, store, dest)


@export_app.command("entities")
def export_entities(fmt: str = typer.Option("jsonl", "--format", help="jsonl"), store: Optional[str] = StoreOpt,
                    dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
    """Entities per document with their mention offsets, as JSON Lines."""
    _export_jsonl("entities", fmt, store, dest)


@export_app.command("rdf")
def export_rdf(fmt: str = typer.Option("trig", "--format", help="trig or nquads"), store: Optional[str] = StoreOpt,
               dest: Optional[Path] = typer.Option(None, "--out", help="File (default stdout).")):
    """The whole store as TriG or N-Quads."""
    if fmt not in ("trig", "nquads"):
        _fail(f"unknown format {fmt!r} for rdf (trig, nquads)")
    _write(_store(store, read_only=True).dump(fmt).decode("utf-8"), dest)


# ------------------------------------------------------------------ evaluate / validate
@app.command()
def evaluate(gold_dir: Optional[Path] = typer.Argument(None, help="Gold folder (default: the bundled gold)."),
             store: Optional[str] = StoreOpt, json_out: bool = JsonOpt,
             errors: bool = typer.Option(False, "--errors", help="List misses and false alarms with context.")):
    """Score the store's claims against the gold standard (contracts/evaluation.md)."""
    from .evaluate import load_gold, score
    from .export import claims as export

    if gold_dir is not None and not (gold_dir / "claims.jsonl").is_file():
        _fail(f"{gold_dir}: no claims.jsonl there")
    gold = load_gold(gold_dir)
    rep = score(export(_store(store, read_only=True)), gold)
    if json_out:
        data = json.loads(rep.to_json())
        if not errors:
            data.pop("errors", None)
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    out.print(rep.table(), markup=False, highlight=False)
    if errors:
        for e in rep.errors:
            out.print(json.dumps(e, ensure_ascii=False), markup=False, highlight=False)


@app.command()
def validate(store: Optional[str] = StoreOpt, json_out: bool = JsonOpt):
    """Validate every document graph against ontology/shapes.ttl (pyshacl)."""
    from .validate import validate_store

    res = validate_store(_store(store, read_only=True))
    bad = {d: r for d, r in res.items() if not r[0]}
    if json_out:
        _print_json({d: {"conforms": ok, "report": rep if not ok else ""} for d, (ok, rep) in res.items()})
    else:
        for d, (ok, rep) in res.items():
            out.print(f"{d}: {'conforms' if ok else 'DOES NOT CONFORM'}", markup=False)
            if not ok:
                out.print(rep, markup=False)
    if bad:
        raise typer.Exit(1)


# ------------------------------------------------------------------ the main job
@app.command()
def demo(store: Optional[str] = StoreOpt,
         html: str = typer.Option("isnad-graph.html", "--html", help="Where to write the HTML graph.")):
    """Ingest the bundled corpus and answer: who alleges coordination between the regime and ISIS, citing whom?"""
    from . import queries
    from .ingest import ingest as run
    from .store import from_ox

    st = _store(store)
    rep = run(None, st)
    out.print(f"ingested {rep.documents} document(s) ({rep.unchanged} unchanged), {rep.claims} claims into {st.path}",
              markup=False)
    res = st.query(queries.load("cq1_who_alleges_coordination"))
    names = [v.value for v in res.variables]
    rows = [{n: from_ox(s[n]) for n in names} for s in res]
    t = Table(title=f"Who alleges coordination between the Syrian regime and ISIS, citing whom? ({len(rows)} claims)")
    for c in ("claimant", "stance", "reported to", "cited by", "publisher", "quote"):
        t.add_column(c, overflow="fold")
    for r in rows:
        q = r["quote"] or ""
        t.add_row(r["claimant"], (r["stance"] or "").rsplit("#", 1)[-1], r["reportedTo"] or "", r["citedBy"] or "",
                  r["publisher"] or "", (q[:70] + "…") if len(q) > 70 else q)
    out.print(t)
    from .html import write_html

    out.print(f"graph: {write_html(st, Path(html), type='coordination')}", markup=False)


@app.command()
def version():
    """Print the version."""
    out.print(f"isnad {__version__}")


def _register_commands() -> None:
    """Commands of the other surfaces live in ``kg/commands/*.py``, each with ``register(app, export_app)``."""
    import importlib
    import pkgutil

    from . import commands

    for mod in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
        importlib.import_module(f"{commands.__name__}.{mod}").register(app, export_app)


_register_commands()


def main() -> None:
    from .read import ReadError
    from .store import StoreError

    try:
        app()
    except Fail as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(1)
    except (StoreError, ReadError, FileNotFoundError) as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as e:  # never a traceback for users; ISNAD_DEBUG=1 shows it
        import os

        if os.environ.get("ISNAD_DEBUG"):
            raise
        err.print(f"error: {type(e).__name__}: {e} (set ISNAD_DEBUG=1 for details)", markup=False, highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
