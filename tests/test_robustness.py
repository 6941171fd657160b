"""Nothing lost: SIGKILL during ingest loses nothing a re-run does not complete; concurrent writers are refused.

Transactional writes (the default) leave every document graph whole or absent. The bulk loader
(``--bulk``) writes each batch's content hashes last: a document whose hash is stored is whole,
one cut short has no hash, and the next run replaces it.
"""
import os
import signal
import subprocess
import sys
import time

import pytest

from kg.store import OxigraphStore

from .conftest import CORPUS, ROOT

COUNT = """PREFIX kg: <https://w3id.org/isnad/kg#>
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/isnad/id/graph/doc/")) }
GROUP BY ?g"""


def make_batch(folder, copies=8):
    folder.mkdir()
    for k in range(copies):
        for p in sorted(CORPUS.glob("*.txt")):
            (folder / f"c{k}_{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def kg_proc(*args, session=False):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=session)


HASHED = """PREFIX kg: <https://w3id.org/isnad/kg#>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d kg:contentHash ?h } }"""


def graph_sizes(path, hashed_only=False):
    st = OxigraphStore(path, read_only=True)
    try:
        sizes = {r["g"]: r["n"] for r in st.select(COUNT)}
        if hashed_only:
            hashed = {r["g"] for r in st.select(HASHED)}
            sizes = {g: n for g, n in sizes.items() if g in hashed}
        return sizes
    finally:
        st.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("ref")
    batch = make_batch(base / "batch")
    p = kg_proc("ingest", str(batch), "--store", str(base / "store"))
    assert p.wait(timeout=600) == 0, p.stderr.read()
    return batch, graph_sizes(base / "store")


@pytest.mark.parametrize("delay", [2.0, 4.5, 5.5, 6.5, 8.0])
def test_sigkill_leaves_whole_documents_and_a_rerun_completes(reference, tmp_path, delay):
    batch, ref = reference
    store = tmp_path / "store"
    p = kg_proc("ingest", str(batch), "--store", str(store), "--batch-docs", "2", "--transactional")
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=60)
    if store.exists():
        sizes = graph_sizes(store)  # the store opens
        for g, n in sizes.items():
            assert n == ref[g], f"partial document graph {g}: {n} of {ref[g]} triples"
        print(f"killed after {delay}s: {len(sizes)} of {len(ref)} documents stored whole")
    q = kg_proc("ingest", str(batch), "--store", str(store))
    assert q.wait(timeout=600) == 0, q.stderr.read()
    assert graph_sizes(store) == ref  # complete, nothing duplicated


@pytest.mark.parametrize("delay", [3.0, 4.5, 5.0, 5.5, 6.5])
def test_sigkill_of_ingest_and_writer_mid_bulk_load_is_completed_by_a_rerun(reference, tmp_path, delay):
    """``--bulk``, the whole process group killed (the writer too, mid-load): the store
    opens, every document carrying its content hash is whole, and a re-run ends identical."""
    batch, ref = reference
    store = tmp_path / "store"
    p = kg_proc("ingest", str(batch), "--store", str(store), "--batch-docs", "2", "--bulk", session=True)
    time.sleep(delay)
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    if store.exists():
        sizes = graph_sizes(store, hashed_only=True)  # the store opens
        for g, n in sizes.items():
            assert n == ref[g], f"document graph {g} has its hash but {n} of {ref[g]} triples"
        print(f"killed after {delay}s: {len(sizes)} of {len(ref)} documents stored with their hash")
    q = kg_proc("ingest", str(batch), "--store", str(store))
    assert q.wait(timeout=600) == 0, q.stderr.read()
    assert graph_sizes(store) == ref  # complete, nothing duplicated, no partial graph left


def test_a_second_writer_stops_with_a_clear_message(reference, tmp_path):
    batch, _ = reference
    store = tmp_path / "store"
    first = kg_proc("ingest", str(batch), "--store", str(store))
    time.sleep(1.5)
    second = kg_proc("ingest", str(CORPUS / "003_7c98ec50c72dc73f.txt"), "--store", str(store))
    rc2 = second.wait(timeout=120)
    err2 = second.stderr.read()
    assert first.wait(timeout=600) == 0
    if rc2 != 0:  # refused: one clear line, no traceback
        assert rc2 == 1 and "in use" in err2 and "Traceback" not in err2
    assert graph_sizes(store)  # and the store is intact


def test_a_flush_given_up_loses_nothing(reference, tmp_path):
    """ISNAD_FLUSH_TIMEOUT=0 gives every RocksDB flush up at once, as when Oxigraph's flush never
    returns: the writer processes end without waiting on it, and every document is in the store
    (replayed from RocksDB's log when it opens)."""
    batch, ref = reference
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "ISNAD_FLUSH_TIMEOUT": "0"}
    p = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", str(batch), "--store", str(store),
                        "--batch-docs", "2"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert graph_sizes(store) == ref


def _writer_pids(store) -> list[int]:
    """Pids of live store-writer processes (``kg.ingest._writer_entry``) working on ``store``."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                cmd = open(f"/proc/{d}/cmdline", "rb").read().split(b"\0")
            except OSError:
                continue
            if any(b"_writer_entry" in c for c in cmd) and str(store).encode() in cmd:
                out.append(int(d))
    return out


def test_a_reader_waits_for_a_writer_that_outlives_its_killed_ingest(reference, tmp_path, monkeypatch):
    """Killing ``kg ingest`` leaves its writer process alive for a moment; a read-only open then
    would read files the writer is deleting. The writer shares the writer lock, so readers wait."""
    from kg.store import StoreError, _no_writer

    batch, ref = reference
    store = tmp_path / "store"
    p = kg_proc("ingest", str(batch), "--store", str(store), "--batch-docs", "2", "--transactional")
    deadline = time.monotonic() + 120
    while not (pids := _writer_pids(store)):
        assert p.poll() is None and time.monotonic() < deadline, "no writer process started"
        time.sleep(0.05)
    writer = pids[0]
    os.kill(writer, signal.SIGSTOP)  # keep the writer alive while the ingest dies
    try:
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        with pytest.raises(OSError, match="lock"):
            _no_writer(store)
        monkeypatch.setenv("ISNAD_LOCK_WAIT", "1")
        with pytest.raises(StoreError, match="in use"):
            OxigraphStore(store, read_only=True)
    finally:
        os.kill(writer, signal.SIGCONT)  # it reads EOF from the dead ingest and ends
    for _ in range(600):
        if not _writer_pids(store):
            break
        time.sleep(0.1)
    # the lock went with the last process of the ingest (a process's command line empties as it
    # starts to exit, a moment before its files are closed: poll a little)
    for _ in range(100):
        try:
            _no_writer(store)
            break
        except OSError:
            time.sleep(0.1)
    _no_writer(store)
    for g, n in graph_sizes(store).items():
        assert n == ref[g], f"partial document graph {g}: {n} of {ref[g]} triples"
