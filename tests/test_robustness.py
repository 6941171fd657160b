"""Nothing lost: SIGKILL during ingest leaves whole documents or none; concurrent writers are refused."""
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


def kg_proc(*args):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def graph_sizes(path):
    st = OxigraphStore(path, read_only=True)
    try:
        return {r["g"]: r["n"] for r in st.select(COUNT)}
    finally:
        st.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("ref")
    batch = make_batch(base / "batch")
    p = kg_proc("ingest", str(batch), "--store", str(base / "store"))
    assert p.wait(timeout=600) == 0, p.stderr.read()
    return batch, graph_sizes(base / "store")


@pytest.mark.parametrize("delay", [2.0, 5.5, 6.5, 7.5, 9.0])
def test_sigkill_leaves_whole_documents_and_a_rerun_completes(reference, tmp_path, delay):
    batch, ref = reference
    store = tmp_path / "store"
    p = kg_proc("ingest", str(batch), "--store", str(store), "--batch-docs", "2")
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
