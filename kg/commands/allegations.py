"""``kg allegations``: propositions across documents, strongest first, contradictions flagged."""
from __future__ import annotations

import json
import sys
from typing import List, Optional

import typer


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    @app.command("allegations")
    def allegations(type_: Optional[str] = typer.Option(None, "--type", help="Allegation type, e.g. coordination."),
                    party: List[str] = typer.Option([], "--party", help="A party (name or alias); repeatable."),
                    store: Optional[str] = typer.Option(None, "--store", help="Store folder (default ./isnad-store)."),
                    limit: int = typer.Option(30, "--limit", help="How many to list."),
                    write: bool = typer.Option(False, "--write", help="Also store them as id:graph/propositions."),
                    json_out: bool = typer.Option(False, "--json", help="Print JSON.")):
        """Allegations (type + parties) with claims per stance and independent upstream sources."""
        from rich.console import Console
        from rich.table import Table

        from ..cli import Fail
        from ..export import claims as export_claims
        from ..knowledge import ALLEGATION_TYPES
        from ..lookup import resolve
        from ..propositions import build, select, to_graph
        from ..store import StoreError, open_store

        if type_ and type_.lower() not in {t.lower() for t in ALLEGATION_TYPES}:
            raise Fail(f"unknown allegation type {type_!r}; one of: {', '.join(t.lower() for t in ALLEGATION_TYPES)}")
        try:
            st = open_store(store, read_only=not write)
        except StoreError as e:
            raise Fail(str(e)) from None
        sets = []
        for name in party:
            iris = resolve(st, name)
            if not iris:
                raise Fail(f"no entity named {name!r} in the store")
            sets.append(set(iris))
        props = build(export_claims(st))
        if write:
            st.replace_graph(to_graph(props))
            st.flush()
        rows = select(props, type_, sets)[:limit]
        if json_out:
            sys.stdout.write(json.dumps([p.summary() for p in rows], ensure_ascii=False, indent=2) + "\n")
            return
        t = Table(title=f"allegations ({len(rows)})")
        for c in ("proposition", "claims", "asserts", "hedges", "denies", "declines", "independent sources", "contradicted"):
            t.add_column(c, overflow="fold")
        for p in rows:
            s = p.stances
            t.add_row(p.title(), str(len(p.claims)), str(s["asserts"]), str(s["hedges"]), str(s["denies"]),
                      str(s["declines"]), str(len(p.sources)), "yes" if p.contradicted else "")
        Console(width=None if sys.stdout.isatty() else 160).print(t)
