"""``kg serve``: the store as a read-only SPARQL 1.1 endpoint (the Oxigraph server behind a small
proxy that enforces a result limit; see kg/serve.py).

    kg serve [--store PATH] [--bind 127.0.0.1:7878] [--timeout 30] [--limit 10000] [--load FILE ...]
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    @app.command()
    def serve(store: Optional[str] = typer.Option(None, "--store", help="Store folder (default ./isnad-store)."),
              bind: str = typer.Option("127.0.0.1:7878", "--bind", help="HOST:PORT to listen on."),
              timeout: int = typer.Option(30, "--timeout", min=1, help="Query timeout in seconds."),
              limit: int = typer.Option(10_000, "--limit", min=0,
                                        help="At most this many results (solutions or triples) per answer; "
                                             "a cut answer has the header X-Isnad-Truncated. 0: no limit."),
              load: List[Path] = typer.Option([], "--load", help="Bulk-load this RDF dump (oxigraph load + optimize) "
                                              "before serving; repeatable."),
              ):
        """Serve the store read-only over the SPARQL 1.1 Protocol (/query); updates are refused."""
        import sys

        from .. import serve as srv
        from ..store import DEFAULT_STORE

        path = Path(store or DEFAULT_STORE)
        srv.parse_bind(bind)
        exe = srv.oxigraph_binary()
        srv.check_version(exe)
        if load:
            path.mkdir(parents=True, exist_ok=True)
            srv.check_store(path)
            sys.stderr.write(f"loading {len(load)} file(s) into {path} (oxigraph load + optimize)\n")
            srv.bulk_load(path, list(load), exe)
        srv.check_store(path)
        srv.run(path, bind, timeout, limit, exe)  # until Ctrl-C or SIGTERM; stops the Oxigraph server too
