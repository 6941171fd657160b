"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the store, run by the Oxigraph server.

The server is the ``oxigraph`` command from PyPI, pinned to the same version as ``pyoxigraph``
(they share the on-disk format). ``kg serve`` runs::

    oxigraph serve-read-only --location STORE --bind 127.0.0.1:7878 --union-default-graph --timeout-s 30

- read-only: ``/query`` answers SELECT/ASK/CONSTRUCT/DESCRIBE (GET or POST, SPARQL 1.1
  Protocol, results as JSON, XML, CSV or TSV by ``Accept``); ``/update`` and writes to ``/store``
  are refused (HTTP 403);
- the default graph is the union of all named graphs, as for ``kg sparql`` (``GRAPH ?g`` still
  selects one document's graph);
- ``--timeout-s`` bounds every query; Oxigraph 0.5 has no server-side result limit, so clients
  page with LIMIT/OFFSET;
- 127.0.0.1 by default: pass ``--bind 0.0.0.0:7878`` deliberately to serve a network.

The store must not be open read-write by another process while it is served (Oxigraph:
"opening as read-only while having another process writing the database is undefined
behavior"): ``kg serve`` checks that no ``kg ingest`` holds the store before it starts; stop the
server before ingesting again, or ingest into a read-write server (``oxigraph serve`` and
``kg ingest --store http://...``).

Big dumps are loaded with ``oxigraph load`` (parallel, not over HTTP) then ``oxigraph optimize``:
``kg serve --load dump.nq`` does both before serving.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .store import StoreError

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT_S = 30


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed beside this Python (the PyPI package), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed: pip install 'oxigraph==<pyoxigraph's version>'")
    return found


def check_version(binary: str) -> str:
    """The server's version; refuses one that differs from pyoxigraph's (the store format must match)."""
    import pyoxigraph

    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    version = out.split()[-1] if out else "?"
    if version != pyoxigraph.__version__:
        raise StoreError(f"{binary} is Oxigraph {version} but pyoxigraph is {pyoxigraph.__version__}: "
                         f"install oxigraph=={pyoxigraph.__version__}")
    return version


def check_store(store: str | Path) -> Path:
    """The store folder, after checking it exists and no other process holds it read-write."""
    from .store import OxigraphStore

    p = Path(store)
    if str(store).startswith(("http://", "https://")):
        raise StoreError("kg serve serves a local store folder; the URL is already a server")
    if not p.is_dir():
        raise StoreError(f"no store at {p}: run 'kg ingest' first (or pass --store)")
    OxigraphStore(p).close()  # raises "in use by another kg process" while a writer holds the lock
    return p


def serve_command(store: str | Path, bind: str = DEFAULT_BIND, timeout_s: int = DEFAULT_TIMEOUT_S,
                  binary: str | None = None) -> list[str]:
    return [binary or oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(int(timeout_s))]


def bulk_load(store: str | Path, files: list[Path], binary: str | None = None) -> None:
    """``oxigraph load`` the files (N-Quads, TriG, ...; in parallel) into the store, then optimize it."""
    exe = binary or oxigraph_binary()
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise StoreError(f"no such file: {', '.join(missing)}")
    for cmd in ([exe, "load", "--location", str(store), "--file", *map(str, files)],
                [exe, "optimize", "--location", str(store)]):
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            msg = (proc.stderr or proc.stdout).strip().splitlines()
            raise StoreError(f"{' '.join(cmd[:2])} failed: {msg[-1] if msg else proc.returncode}")
