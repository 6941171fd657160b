"""Ingest: paths → documents → extractions → named graphs in the store, streaming.

Memory stays flat however big the input: documents are read lazily (a JSON Lines file one
line at a time), extracted one at a time, turned into N-Triples text (no rdflib objects on this
path) and written in batches of a few thousand quads by a writer thread, so extraction of the
next batch overlaps the store's work on the previous one.

Atomicity: by default a batch is written in transactions (new documents: one N-Quads
``load``; documents already stored: one SPARQL update of DROP + INSERT DATA), so a crash leaves
each document wholly stored or absent. ``bulk=True`` uses Oxigraph's bulk loader for new
documents instead (about half the CPU per quad on a small store, but it slows down as the store
grows: 44k → 20k words/s from the first to the last tenth of a 100k-article ingest, where
transactions kept their pace); the documents' content hashes are then written last, in a
transaction, so a document cut short by a crash has no hash and the next run redoes it (its
graph replaced, not added to).

Resume: a document whose graph already carries its content hash is skipped (``force`` redoes
it), so an interrupted ingest restarted only extracts what is missing or changed.
"""
from __future__ import annotations

import itertools
import os
import queue
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .knowledge import load_knowledge
from .model import Document
from .rdf import KB_GRAPH, ONTOLOGY_GRAPH, SOURCES_GRAPH, GraphBuilder, doc_iri, kb_ntriples, ontology_ntriples
from .read import BUNDLED_CORPUS, DEFAULT_MAX_BYTES, ReadError, expand_paths, read_path

CONTENT_HASH = "<https://w3id.org/isnad/kg#contentHash>"
BATCH_QUADS = 50_000  # a write batch: this many quads or BATCH_DOCS documents, whichever first
BATCH_DOCS = 500
LOOKUP_DOCS = 64  # documents whose stored hashes are looked up together
RECYCLE_QUADS = 1_000_000  # a writer process is replaced after this many quads (see ingest())


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    claims: int = 0
    quads: int = 0
    skipped: list[str] = field(default_factory=list)  # one line per skipped file or JSON Lines record
    seconds: dict[str, float] = field(default_factory=dict)  # phase timings (extract, rdf, write)


def ensure_kb(store) -> None:
    """(Re)load the gazetteer and the ontology graphs: cheap, and keeps them in step with ontology/."""
    kn = load_knowledge()
    store.write_graphs([(str(KB_GRAPH), kb_ntriples(kn)), (str(ONTOLOGY_GRAPH), ontology_ntriples(kn))])


def documents(paths: list[Path], report: IngestReport, max_bytes: int) -> Iterator[Document]:
    """Every readable document under ``paths``, lazily; unusable files land in ``report.skipped``,
    and so does each bad record of a JSON Lines file (``file:line: reason``): the file's other
    records are still read."""
    for p in expand_paths(paths):
        try:
            yield from read_path(p, max_bytes, skip=report.skipped.append)
        except ReadError as e:
            report.skipped.append(str(e))
        except OSError as e:
            report.skipped.append(f"{p}: cannot read ({e.strerror or e})")


HASH_MARK = f" {CONTENT_HASH} "  # in an N-Triples line: the document's content-hash triple


def is_hash_triple(t: str) -> bool:
    return HASH_MARK in t  # (called for every triple written: the marker is built once)


def fresh_documents(docs: Iterable[Document], store, report: IngestReport, *, force: bool = False,
                    progress: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """``docs`` less those stored unchanged (looked up by content hash, a few dozen at a time)."""
    if force:
        yield from docs
        return
    chunk: list[Document] = []

    def flush():
        stored = store.content_hashes([str(doc_iri(d.id)) for d in chunk])
        for d in chunk:
            if stored.get(str(doc_iri(d.id))) == d.content_hash:
                report.unchanged += 1
                if progress:
                    progress(d)
            else:
                yield d
        chunk.clear()

    for d in docs:
        chunk.append(d)
        if len(chunk) >= LOOKUP_DOCS:
            yield from flush()
    if chunk:
        yield from flush()


class _Writer:
    """A thread writing batches to the store while the caller extracts the next ones.

    The queue holds at most two batches, so memory stays bounded; an error in the thread is
    raised in the caller at the next hand-over or at :meth:`close`.
    """

    def __init__(self, store, bulk: bool, report: IngestReport):
        self.store, self.bulk, self.report = store, bulk, report
        self.q: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.t = threading.Thread(target=self._run, name="kg-ingest-writer", daemon=True)
        self.t.start()

    def _run(self):
        import time

        while True:
            batch = self.q.get()
            if batch is None:
                return
            if self.error is not None:
                continue
            try:
                t0 = time.perf_counter()
                self.store.write_graphs(batch, bulk=self.bulk, last=is_hash_triple)
                self.report.seconds["write"] = self.report.seconds.get("write", 0.0) + time.perf_counter() - t0
            except BaseException as e:  # noqa: BLE001 - re-raised in the caller
                self.error = e

    def put(self, batch):
        if self.error is not None:
            raise self.error
        self.q.put(batch)

    def close(self):
        self.q.put(None)
        self.t.join()
        if self.error is not None:
            raise self.error


def _writer_main(conn, lookups, path: str) -> None:
    """The writer process: owns the on-disk store, writes batches in order, answers hash look-ups.

    Look-ups are served by a second thread on their own pipe, so they never queue behind a write.
    """
    from .store import OxigraphStore

    st = OxigraphStore(path, writer_lock=False)  # the ingest that started this process holds it

    def serve_lookups():
        while True:
            try:
                req = lookups.recv()
            except EOFError:
                return
            if req is None:
                return
            try:
                lookups.send(("ok", st.content_hashes(req)))
            except Exception as e:  # noqa: BLE001
                lookups.send(("error", f"{type(e).__name__}: {e}"))

    th = threading.Thread(target=serve_lookups, daemon=True)
    th.start()
    error, seconds = None, 0.0
    import time

    while True:
        try:
            msg = conn.recv()
        except EOFError:  # the parent died: keep what is committed
            break
        if msg[0] == "write":
            if error is None:
                try:
                    t0 = time.perf_counter()
                    st.write_graphs(msg[1], bulk=msg[2], last=is_hash_triple)
                    seconds += time.perf_counter() - t0
                except Exception as e:  # noqa: BLE001
                    error = f"{type(e).__name__}: {e}"
        elif msg[0] == "close":
            flushed = True
            try:
                flushed = st.flush()
            except Exception as e:  # noqa: BLE001
                error = error or f"{type(e).__name__}: {e}"
            conn.send((error, seconds))
            if not flushed:
                # RocksDB's flush never returned (see OxigraphStore.flush): every batch is committed
                # and in its write-ahead log, so end now rather than wait on the database
                os._exit(0)
            break
    st.close()


def _writer_entry(cmd_fd: int, ack_fd: int, lk_in_fd: int, lk_out_fd: int, path: str) -> None:
    """Entry point of the writer subprocess (``python -c``): pipes given as file descriptors."""
    from multiprocessing.connection import Connection

    class Duplex:
        def __init__(self, r, w):
            self.r, self.w = Connection(r, writable=False), Connection(w, readable=False)

        def recv(self):
            return self.r.recv()

        def send(self, obj):
            self.w.send(obj)

    _writer_main(Duplex(cmd_fd, ack_fd), Duplex(lk_in_fd, lk_out_fd), path)


class _ProcessWriter:
    """Writes batches from a separate process, so the store's work runs beside extraction.

    pyoxigraph holds the GIL for much of a load, so a writer thread slows extraction down; a
    process does not. The caller's store is released for the duration and reopened at the end.
    (A plain subprocess, not multiprocessing: no re-import of the caller's ``__main__``, no fork
    of a process that has RocksDB threads.)
    """

    def __init__(self, store, bulk: bool, report: IngestReport):
        import os
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        self.store, self.bulk, self.report = store, bulk, report
        cmd_r, cmd_w = os.pipe()
        ack_r, ack_w = os.pipe()
        lk_r, lk_w = os.pipe()
        lko_r, lko_w = os.pipe()
        child_fds = (cmd_r, ack_w, lk_r, lko_w)
        # the writer shares this process's writer lock (the same open file, inherited): the lock
        # then lasts while either process lives, so a reader never opens the store under a writer
        # that outlived a killed ingest
        shared_lock = (store._lock_fd,) if store._lock_fd is not None else ()
        root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(x for x in [root, os.environ.get("PYTHONPATH")] if x)}
        store.release()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "import kg.ingest as m, sys; m._writer_entry(*map(int, sys.argv[1:5]), sys.argv[5])",
                 *map(str, child_fds), str(store.path)], pass_fds=child_fds + shared_lock, env=env)
        except BaseException:
            store.reopen()
            raise
        finally:
            for fd in child_fds:
                os.close(fd)
        self.cmd, self.ack = Connection(cmd_w, readable=False), Connection(ack_r, writable=False)
        self.lk, self.lko = Connection(lk_w, readable=False), Connection(lko_r, writable=False)
        self.closed = False

    def content_hashes(self, doc_iris: list[str]) -> dict[str, str]:
        try:
            self.lk.send(doc_iris)
            status, val = self.lko.recv()
        except (EOFError, OSError) as e:
            raise RuntimeError(f"the store writer process died ({e})") from None
        if status != "ok":
            raise RuntimeError(f"store look-up failed: {val}")
        return val

    def put(self, batch):
        try:
            self.cmd.send(("write", batch, self.bulk))
        except (OSError, EOFError) as e:
            raise RuntimeError(f"the store writer process died ({e})") from None

    def close(self):
        if self.closed:
            return
        self.closed = True
        try:
            self.lk.send(None)
            self.cmd.send(("close",))
            error, seconds = self.ack.recv()
        except (EOFError, OSError):
            error, seconds = "the writer process died", 0.0
        for c in (self.cmd, self.ack, self.lk, self.lko):
            c.close()
        try:
            self.proc.wait(timeout=600)
        except Exception:  # noqa: BLE001
            self.proc.kill()
            self.proc.wait()
        self.store.reopen()
        self.report.seconds["write"] = seconds
        if error:
            raise RuntimeError(f"writing to the store failed: {error}")


def ingest(paths: list[Path] | None, store, *, force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
           progress: Callable[[Document], None] | None = None, bulk: bool = False,
           batch_quads: int = BATCH_QUADS, batch_docs: int = BATCH_DOCS, recycle_quads: int = RECYCLE_QUADS, nlp=None,
           workers: int | None = None, scheduler: str | None = None,
           started: datetime | None = None) -> IngestReport:
    """Ingest ``paths`` (default: the bundled corpus) into ``store``; returns counts and skips.

    ``workers``/``scheduler``: extract on dask.distributed instead (see :mod:`kg.distributed`).
    ``started``: the run's start time (it names the run's IRI; default now).
    """
    if workers or scheduler:
        from .distributed import ingest_distributed

        return ingest_distributed(paths, store, workers=workers, scheduler=scheduler, force=force,
                                  max_bytes=max_bytes, progress=progress, bulk=bulk, started=started)
    import time

    from .extract import extract

    report = IngestReport()
    ensure_kb(store)
    builder = GraphBuilder(load_knowledge(), started=started)
    in_process = getattr(store, "path", None) is not None and hasattr(store, "release")

    def new_writer():
        return _ProcessWriter(store, bulk, report) if in_process else _Writer(store, bulk, report)

    writer = new_writer()

    class Lookup:  # hash look-ups go to whichever writer process holds the store now
        @staticmethod
        def content_hashes(iris):
            return (writer if in_process else store).content_hashes(iris)

    docs = fresh_documents(documents(paths or [BUNDLED_CORPUS], report, max_bytes), Lookup, report,
                           force=force, progress=progress)
    batch: list[tuple[str, list[str]]] = []
    in_batch = 0  # documents in the batch (it also holds sources-graph additions)
    n_quads = since_recycle = 0
    sources: set[str] = set()
    write_s = 0.0
    t_rdf = t_wait = 0.0
    t0 = t1 = time.perf_counter()
    try:
        first = next(docs, None)  # nothing new: no need to load the pipeline
        stream = itertools.chain([first], docs) if first is not None else iter(())
        for ex in (extract(stream, nlp) if first is not None else ()):
            t1 = time.perf_counter()
            gi, triples = builder.ntriples(ex)
            batch.append((gi, triples))
            shared = builder.new_source_ntriples(ex.document, sources)
            if shared:  # a publisher nobody listed: described once, in the sources graph
                batch.append((str(SOURCES_GRAPH), shared))
            t_rdf += time.perf_counter() - t1
            n_quads += len(triples)
            in_batch += 1
            report.quads += len(triples)
            report.documents += 1
            report.claims += len(ex.claims)
            if progress:
                progress(ex.document)
            if n_quads >= batch_quads or in_batch >= batch_docs:
                t1 = time.perf_counter()
                writer.put(batch)
                since_recycle += n_quads
                if in_process and since_recycle >= recycle_quads:
                    # RocksDB's caches grow to ~2.3 GB in a long-lived writer; a fresh process
                    # every million quads keeps the writer near 1 GB (costs one batch's wait)
                    writer.close()
                    write_s += report.seconds.get("write", 0.0)
                    writer, since_recycle = new_writer(), 0
                t_wait += time.perf_counter() - t1
                batch, n_quads, in_batch = [], 0, 0
        t1 = time.perf_counter()
        if batch:
            writer.put(batch)
            batch = []
    finally:
        writer.close()  # finish what was handed over (also on Ctrl-C: whole batches only)
        if in_process:
            report.seconds["write"] = write_s + report.seconds.get("write", 0.0)
        # (a crash of this process instead: the writer sees the pipe close and keeps what it committed)
    store.flush()
    t_wait += time.perf_counter() - t1
    report.seconds["total"] = time.perf_counter() - t0
    report.seconds["rdf"] = t_rdf
    report.seconds["wait_for_writer"] = t_wait  # hand-over and final flush: the writer's time not hidden
    report.seconds["extract"] = report.seconds["total"] - t_rdf - t_wait  # reading, look-ups, spaCy
    return report
