"""A team server: a real `oxigraph serve` (read-write) on 127.0.0.1, used through `--store http://...`."""
from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import time
import urllib.request

import pytest

from kg.serve import oxigraph_binary, stop_process

from .conftest import ROOT, run_kg

CQ = ROOT / "kg" / "queries"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server started by a test, killing it if it does not stop within 10 s."""
    stop_process(proc)


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read().decode()[-500:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not up after {seconds}s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`oxigraph serve` on a free loopback port; always stopped at the end."""
    port = free_port()
    loc = tmp_path_factory.mktemp("remote") / "db"
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(loc), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query?query=ASK%7B%7D", proc)
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def ingested(server):
    res = run_kg("ingest", "--store", server, "--json", timeout=300)
    return json.loads(res.stdout)


def csv_rows(store, name):
    out = run_kg("sparql", str(CQ / f"{name}.rq"), "--store", store, "--csv", timeout=120).stdout
    return sorted(map(tuple, (r.values() for r in csv.DictReader(io.StringIO(out)))))


def test_ingest_into_the_server_then_resume(server, ingested):
    assert ingested["documents"] == 5 and ingested["claims"] > 100 and ingested["store"] == server
    again = json.loads(run_kg("ingest", "--store", server, "--json", timeout=300).stdout)
    assert again["documents"] == 0 and again["unchanged"] == 5


@pytest.mark.parametrize("cq", ["cq1_who_alleges_coordination", "cq2_claims_about_entity", "cq3_denials"])
def test_competency_questions_on_the_server_match_the_local_store(server, ingested, store_path, cq):
    remote = csv_rows(server, cq)
    assert remote and remote == csv_rows(str(store_path), cq)


def test_claims_and_who_alleges_on_the_server(server, ingested, store_path):
    for args in (["claims", "داعش"], ["who-alleges", "coordination", "--between", "النظام السوري", "--between", "داعش"]):
        remote = json.loads(run_kg(*args, "--store", server, "--json", timeout=120).stdout)
        local = json.loads(run_kg(*args, "--store", str(store_path), "--json", timeout=120).stdout)
        strip = lambda rows: [{k: v for k, v in r.items()} for r in rows]  # noqa: E731
        assert remote and strip(remote) == strip(local)


def test_bound_values_stay_values_over_http(server, ingested):
    from kg.store import open_store

    st = open_store(server)
    hostile = 'x"@ar } UNION { ?s ?p ?o } #'
    q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    assert st.select(q, name=(hostile, "ar")) == []
    assert st.select(q, name=("داعش", "ar"))[0]["e"].endswith("/entity/isis")


def test_remove_and_export_on_the_server(server, ingested):
    n = len(run_kg("export", "rdf", "--format", "nquads", "--store", server, timeout=120).stdout.splitlines())
    assert n > 5000
    gone = run_kg("remove", "no_such_doc", "--store", server, check=False, timeout=60)
    assert gone.returncode == 1 and "no document" in gone.stderr


def test_unreachable_server_is_a_one_line_error(tmp_path):
    res = run_kg("claims", "داعش", "--store", f"http://127.0.0.1:{free_port()}", check=False, timeout=60)
    assert res.returncode == 1 and "cannot reach" in res.stderr and "Traceback" not in res.stderr
