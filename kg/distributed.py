"""Distributed extraction on dask.distributed: ``kg ingest --workers N`` or ``--scheduler tcp://HOST:PORT``.

The input is cut into tasks (a few dozen JSON Lines records by byte offset, or a few text files);
each task runs on a worker process, which builds its spaCy pipeline once (``get_nlp`` is cached
per process), extracts, and writes its documents as an N-Quads shard (two files: the
documents' triples, then their content hashes). This process loads each shard into the store as
it arrives (transactional ``load`` by default, Oxigraph's bulk loader with ``--bulk``), the
hashes last, so an interrupted run resumes like a single-process one.

With only ``--workers N`` a ``LocalCluster`` of N single-threaded worker processes is started
and stopped here. With ``--scheduler`` the workers of an existing cluster are used: they must
have isnad installed and see the input files and the shard folder at the same paths (a shared
file system); pass ``shard_dir`` for that.

The result is the same set of quads as :func:`kg.ingest.ingest` on the same input with the same
``started`` time (``tests/test_distributed.py``).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from .ingest import HASH_MARK, IngestReport, documents as _documents, ensure_kb
from .model import Document
from .read import BUNDLED_CORPUS, DEFAULT_MAX_BYTES, expand_paths

DOCS_PER_TASK = 32
TXT_PER_TASK = 4

ALL_HASHES = """PREFIX kg: <https://w3id.org/isnad/kg#>
SELECT ?d ?h WHERE { GRAPH ?g { ?d kg:contentHash ?h } }"""


# ------------------------------------------------------------------ planning (this process)
def plan(paths: list[Path], per_task: int = DOCS_PER_TASK) -> Iterator[tuple]:
    """Tasks: ("jsonl", path, first line number, byte offset, line count) or ("files", [paths])."""
    files: list[str] = []
    for p in expand_paths(paths):
        if p.suffix.lower() == ".jsonl" and p.is_file():
            with p.open("rb") as fh:
                start, first, n, offset = 0, 1, 0, 0
                for line in fh:
                    n += 1
                    offset += len(line)
                    if n == per_task:
                        yield ("jsonl", str(p), first, start, n)
                        start, first, n = offset, first + n, 0
                if n:
                    yield ("jsonl", str(p), first, start, n)
        else:
            files.append(str(p))
            if len(files) >= TXT_PER_TASK:
                yield ("files", files)
                files = []
    if files:
        yield ("files", files)


# ------------------------------------------------------------------ on a worker
def _task_documents(task: tuple, report: IngestReport, max_bytes: int) -> Iterator[Document]:
    from .read import ReadError, jsonl_record

    if task[0] == "files":
        yield from _documents([Path(f) for f in task[1]], report, max_bytes)
        return
    _, path, first, start, count = task
    p = Path(path)
    try:
        with p.open("rb") as fh:
            fh.seek(start)
            for i in range(count):
                raw = fh.readline()
                if not raw:
                    break
                try:
                    doc = jsonl_record(p, first + i, raw, max_bytes)
                except ReadError as e:  # a bad record is skipped; the rest of the chunk goes on
                    report.skipped.append(str(e))
                    continue
                if doc is not None:
                    yield doc
    except ReadError as e:
        report.skipped.append(str(e))
    except OSError as e:
        report.skipped.append(f"{p}: cannot read ({e.strerror or e})")


_BUILDERS: dict[str, object] = {}


def _builder(started_iso: str):
    from .knowledge import load_knowledge
    from .rdf import GraphBuilder

    b = _BUILDERS.get(started_iso)
    if b is None:
        b = _BUILDERS[started_iso] = GraphBuilder(load_knowledge(), started=datetime.fromisoformat(started_iso))
    return b


def extract_task(task_id: int, task: tuple, shard_dir: str, started_iso: str, stored: dict | None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Run on a worker: extract the task's documents and write them as an N-Quads shard."""
    from .extract import extract
    from .rdf import SOURCES_GRAPH, doc_iri, nquads

    report = IngestReport()
    builder = _builder(started_iso)
    fresh, unchanged = [], []
    for d in _task_documents(task, report, max_bytes):
        if stored is not None and stored.get(str(doc_iri(d.id))) == d.content_hash:
            unchanged.append(d.id)
        else:
            fresh.append(d)
    body_path = Path(shard_dir) / f"shard-{task_id:07d}.nq"
    hash_path = Path(shard_dir) / f"shard-{task_id:07d}.hash.nq"
    graphs, ids = [], []
    sources: set[str] = set()
    with body_path.open("w", encoding="utf-8") as body, hash_path.open("w", encoding="utf-8") as hashes:
        for ex in extract(fresh) if fresh else ():
            g, triples = builder.ntriples(ex)
            body.write(nquads(g, [t for t in triples if HASH_MARK not in t]))  # (inline: ~10^3 triples each)
            hashes.write(nquads(g, [t for t in triples if HASH_MARK in t]))
            body.write(nquads(SOURCES_GRAPH, list(builder.new_source_ntriples(ex.document, sources))))
            graphs.append(g)
            ids.append(ex.document.id)
            report.documents += 1
            report.claims += len(ex.claims)
            report.quads += len(triples)
    return {"body": str(body_path), "hashes": str(hash_path), "graphs": graphs, "ids": ids,
            "unchanged": unchanged, "documents": report.documents, "claims": report.claims,
            "quads": report.quads, "skipped": report.skipped}


# ------------------------------------------------------------------ loading (this process)
def load_shard(store, res: dict, bulk: bool) -> None:
    """Drop the graphs the shard replaces, load its triples, then its content hashes."""
    existing = [g for g in res["graphs"] if store.has_graph(g)]
    if existing and hasattr(store, "db"):
        store.db.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in existing))
    elif existing:
        store.write_graphs([(g, []) for g in existing])  # remote: DROP SILENT + empty INSERT
    if os.path.getsize(res["body"]):
        store.load_nquads(res["body"], bulk=bulk)
    if os.path.getsize(res["hashes"]):
        store.load_nquads(res["hashes"], bulk=False)


def ingest_distributed(paths: list[Path] | None, store, *, workers: int | None = None, scheduler: str | None = None,
                       force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                       progress: Callable[[Document], None] | None = None, bulk: bool = False,
                       started: datetime | None = None, shard_dir: str | Path | None = None,
                       per_task: int = DOCS_PER_TASK) -> IngestReport:
    """Extract on a dask cluster, load the shards into ``store``; same report as :func:`kg.ingest.ingest`."""
    import logging
    import time

    from dask.distributed import Client, LocalCluster, as_completed

    report = IngestReport()
    t0 = time.perf_counter()
    started = started or datetime.now(timezone.utc)
    ensure_kb(store)
    stored = None if force else {r["d"]: r["h"] for r in store.select(ALL_HASHES)}
    own_dir = shard_dir is None
    sdir = Path(shard_dir) if shard_dir else Path(tempfile.mkdtemp(prefix="isnad-shards-"))
    sdir.mkdir(parents=True, exist_ok=True)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        try:
            stored_f = client.scatter([stored], broadcast=True)[0] if stored else None
            futures = [client.submit(extract_task, i, task, str(sdir), started.isoformat(), stored_f, max_bytes,
                                     key=f"isnad-extract-{started.timestamp()}-{i}", pure=False)
                       for i, task in enumerate(plan(list(paths or [BUNDLED_CORPUS]), per_task))]
            t_load = 0.0
            for fut in as_completed(futures):
                res = fut.result()
                t1 = time.perf_counter()
                load_shard(store, res, bulk)
                t_load += time.perf_counter() - t1
                for f in (res["body"], res["hashes"]):
                    Path(f).unlink(missing_ok=True)
                report.documents += res["documents"]
                report.unchanged += len(res["unchanged"])
                report.claims += res["claims"]
                report.quads += res["quads"]
                report.skipped += res["skipped"]
                if progress:
                    for doc_id in [*res["ids"], *res["unchanged"]]:
                        progress(Document(id=doc_id, text=""))
                fut.release()
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
        if own_dir:
            shutil.rmtree(sdir, ignore_errors=True)
    store.flush()
    report.seconds = {"write": t_load, "total": time.perf_counter() - t0}
    return report
