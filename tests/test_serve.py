"""`kg serve`: the competency questions over HTTP (SPARQL 1.1 Protocol), updates refused."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import ROOT, run_kg
from .test_remote_store import free_port, stop, wait_until_up

CQ = ROOT / "kg" / "queries"


@pytest.fixture(scope="module")
def served(store_path, tmp_path_factory):
    """`kg serve` over a copy of the session store, on a free loopback port; stopped at the end."""
    copy = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(store_path, copy, ignore=shutil.ignore_patterns("LOCK"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(copy), "--bind",
                             f"127.0.0.1:{port}", "--timeout", "20"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query?query=ASK%7B%7D", proc, seconds=30)
        yield url, copy
    finally:
        stop(proc)


def post(url: str, body: str, ctype: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                 headers={"Content-Type": ctype, "Accept": accept})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


def bindings(data: bytes) -> list[dict]:
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(data)["results"]["bindings"]]


@pytest.mark.parametrize("cq", ["cq1_who_alleges_coordination", "cq2_claims_about_entity", "cq3_denials"])
def test_competency_questions_over_http(served, store, cq):
    url, _ = served
    status, data = post(url + "/query", (CQ / f"{cq}.rq").read_text(encoding="utf-8"), "application/sparql-query")
    got = bindings(data)
    assert status == 200 and got
    local = json.loads(store.query((CQ / f"{cq}.rq").read_text(encoding="utf-8")).serialize(
        format=__import__("pyoxigraph").QueryResultsFormat.JSON))
    want = [{k: v["value"] for k, v in b.items()} for b in local["results"]["bindings"]]
    key = lambda r: sorted(r.items())  # noqa: E731
    assert sorted(got, key=key) == sorted(want, key=key)
    if cq == "cq1_who_alleges_coordination":
        assert any(r["claimant"] == "أبو البراء" for r in got)


def test_get_query_and_union_default_graph(served):
    url, _ = served
    q = "PREFIX kg: <https://w3id.org/isnad/kg#> SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"
    with urllib.request.urlopen(f"{url}/query?{urllib.parse.urlencode({'query': q})}", timeout=30) as r:
        n = int(json.loads(r.read())["results"]["bindings"][0]["n"]["value"])
    assert n > 100  # claims live in named graphs: found because the default graph is their union


def test_sparql_update_is_refused(served):
    url, copy = served
    for endpoint, body, ctype in [
        ("/update", "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }", "application/sparql-update"),
        ("/update", "DROP ALL", "application/sparql-update"),
        ("/store?default", "<http://x/s> <http://x/p> <http://x/o> .", "application/n-triples"),
    ]:
        with pytest.raises(urllib.error.HTTPError) as e:
            post(url + endpoint, body, ctype)
        assert e.value.code == 403, endpoint
    _, data = post(url + "/query", "ASK { <http://x/s> ?p ?o }", "application/sparql-query")
    assert json.loads(data)["boolean"] is False
    _, data = post(url + "/query", "ASK { ?s a <https://w3id.org/isnad/kg#Claim> }", "application/sparql-query")
    assert json.loads(data)["boolean"] is True


def test_serve_refuses_a_store_held_by_a_writer(tmp_path):
    from kg.store import OxigraphStore

    st = OxigraphStore(tmp_path / "busy")
    try:
        res = run_kg("serve", "--store", str(tmp_path / "busy"), "--bind", f"127.0.0.1:{free_port()}",
                     check=False, timeout=60)
        assert res.returncode == 1 and "in use" in res.stderr and "Traceback" not in res.stderr
    finally:
        st.close()
    res = run_kg("serve", "--store", str(tmp_path / "absent"), check=False, timeout=60)
    assert res.returncode == 1 and "no store" in res.stderr


def test_serve_load_bulk_loads_a_dump_then_serves(tmp_path, store_path):
    from kg.serve import bulk_load
    from kg.store import OxigraphStore

    dump = tmp_path / "all.nq"
    dump.write_text(run_kg("export", "rdf", "--format", "nquads", "--store", str(store_path)).stdout, encoding="utf-8")
    bulk_load(tmp_path / "loaded", [dump])
    st = OxigraphStore(tmp_path / "loaded", read_only=True)
    ref = OxigraphStore(store_path, read_only=True)
    assert len(st) == len(ref) > 5000
