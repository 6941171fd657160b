"""The isnad benchmark: ingest throughput, memory and store size per corpus size; query latency per store size.

    python bench/run.py --sizes 1000 10000 100000      # ingest sections (generated corpora, see generate.py)
    python bench/run.py --sizes 1000 --quads 10000 100000 1000000 --dask 500

Per size N (each in a fresh process, so peak RSS is that size's):
  - bare tokenisation: ``spacy.blank("ar")`` over the same texts (first 10k articles at most), the
    floor any spaCy pipeline pays; extraction (reading, hash look-ups, the isnad pipeline) words/s
    and its ratio to the floor; extraction with RDF writing on one process and no store (in a child
    process of its own: the dask worker's task run in-process, extract, N-Triples, an N-Quads shard
    file; first 10k articles at most; the pipeline built before the clock starts, as a worker
    builds it once) and its ratio to that process's own blank floor; end-to-end ingest with RDF writing (articles/s, words/s, quads/s)
    with transactional writes (the default, as `kg ingest`) or ``--bulk``; throughput of the first and last tenth
    of the corpus (a store that slows down as it grows shows here); store size; peak RSS of the
    ingest process and of its store-writer process.
Per store size Q quads (``--quads``; the first documents of the biggest ingested corpus, Q quads of
them, plus the gazetteer and ontology graphs, ~11k quads; the table shows the whole store): latency, first and median, of CQ1-3 (the contract files as they are), ``kg claims``
(two entities), ``kg who-alleges`` and ``kg export claims``, on Oxigraph and on rdflib's in-memory
store (same queries, same code through a small adapter), and the ratio.
``--dask N``: ingest of the first N articles on 1 then 2 dask workers (LocalCluster), speed-up.

Figures are printed as Markdown tables (nothing asserted); raw results go to WORKDIR/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CQ = ["cq1_who_alleges_coordination", "cq2_claims_about_entity", "cq3_denials"]
CLAIMS_NAMES = ["ياسر النجار", "المرصد السوري لحقوق الإنسان", "داعش"]  # a person (few claims), a monitor, ISIS (most)
TOKENIZE_CAP = 10_000


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(x for x in [str(ROOT), os.environ.get("PYTHONPATH")] if x)}


def machine() -> str:
    cpu = "?"
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}"


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def words_of(rec: dict) -> int:
    return len((rec.get("title") or "").split()) + len(rec["text"].split())


def blank_text(rec: dict) -> str:
    """The text the blank tokeniser is timed on: title, a blank line, body (the reader joins a titled
    record the same way)."""
    return (rec.get("title") or "") + "\n\n" + rec["text"]


# ------------------------------------------------------------------ ingest section (child process)
def blank_floor(corpus: Path) -> tuple[int, int, float]:
    """(records, words, bare ``spacy.blank("ar")`` tokenisation words/s over the first 10k texts)."""
    import spacy

    recs = 0
    words = 0
    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            recs += 1
            words += words_of(rec)
            if len(texts) < TOKENIZE_CAP:
                texts.append(blank_text(rec))
    tw = sum(len(t.split()) for t in texts)
    blank = spacy.blank("ar")
    t = time.perf_counter()
    for doc in blank.tokenizer.pipe(texts, batch_size=64):
        pass
    return recs, words, tw / (time.perf_counter() - t)


def run_ingest(corpus: Path, store_dir: Path, bulk: bool) -> dict:
    from kg.ingest import ingest
    from kg.nlp.pipeline import get_nlp
    from kg.store import OxigraphStore

    recs, words, blank_wps = blank_floor(corpus)
    t = time.perf_counter()
    nlp = get_nlp()
    load_s = time.perf_counter() - t
    shutil.rmtree(store_dir, ignore_errors=True)
    st = OxigraphStore(store_dir)
    stamps: list[float] = []
    t0 = time.perf_counter()
    rep = ingest([corpus], st, nlp=nlp, bulk=bulk, progress=lambda d: stamps.append(time.perf_counter()))
    total = time.perf_counter() - t0
    quads = len(st)
    st.close()
    tenth = max(1, len(stamps) // 10)
    first = tenth / (stamps[tenth - 1] - t0) if stamps else 0
    last = tenth / (stamps[-1] - stamps[-tenth - 1]) if len(stamps) > tenth else first
    avg_words = words / max(recs, 1)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ext = rep.seconds.get("extract", total)
    return {
        "articles": recs, "words": words, "mode": "bulk" if bulk else "transactional",
        "pipeline_load_s": load_s, "blank_wps": blank_wps,
        "extract_wps": words / ext, "extract_vs_blank": blank_wps / (words / ext),
        "ingest_s": total, "ingest_aps": recs / total, "ingest_wps": words / total,
        "ingest_vs_blank": blank_wps / (words / total),
        "quads_written": rep.quads, "quads_per_s": rep.quads / total,
        "writer_busy_s": rep.seconds.get("write"), "rdf_s": rep.seconds.get("rdf"),
        "wait_for_writer_s": rep.seconds.get("wait_for_writer"),
        "first_tenth_wps": first * avg_words, "last_tenth_wps": last * avg_words,
        "store_quads": quads, "store_mb": du(store_dir) / 2**20,
        "peak_rss_mb": self_rss, "writer_peak_rss_mb": child_rss,
    }


def run_extract_rdf(corpus: Path, shard_dir: Path, cap: int = TOKENIZE_CAP) -> dict:
    """Extraction with RDF writing on one process and no store (its own child process, caches
    cold as in an ingest): the first ``cap`` articles through the dask worker's own task
    (extract, N-Triples, an N-Quads shard file), run in-process.

    The blank floor is measured interleaved with it, task by task on the same records (a fresh
    ``spacy.blank("ar")``, cold like the pipeline): this machine's speed drifts by ±20% within
    minutes, and timing the two one after the other put that drift into the ratio.
    """
    from datetime import datetime, timezone

    import spacy

    from kg.distributed import _builder, extract_task, plan
    from kg.nlp.pipeline import get_nlp

    shutil.rmtree(shard_dir, ignore_errors=True)
    shard_dir.mkdir(parents=True)
    started = datetime.now(timezone.utc).isoformat()
    # built once per worker, as in an ingest (whose extraction figure leaves the load out too)
    t = time.perf_counter()
    get_nlp()
    _builder(started)
    blank = spacy.blank("ar")
    load_s = time.perf_counter() - t
    docs = words = 0
    secs = blank_secs = 0.0
    with corpus.open("rb") as fh:
        for i, task in enumerate(plan([corpus])):
            _, _, _, start, count = task
            fh.seek(start)
            recs = [json.loads(fh.readline()) for _ in range(count)]
            texts = list(map(blank_text, recs))
            words += sum(map(words_of, recs))
            t = time.perf_counter()
            for _ in blank.tokenizer.pipe(texts, batch_size=64):
                pass
            blank_secs += time.perf_counter() - t
            t = time.perf_counter()
            docs += extract_task(i, task, str(shard_dir), started, None)["documents"]
            secs += time.perf_counter() - t
            if docs >= cap:
                break
    shutil.rmtree(shard_dir, ignore_errors=True)
    wps, blank_wps = words / secs, words / blank_secs
    return {"extract_rdf_articles": docs, "extract_rdf_wps": wps, "extract_rdf_blank_wps": blank_wps,
            "extract_rdf_vs_blank": blank_wps / wps, "extract_rdf_load_s": load_s,
            "extract_rdf_ms_per_1600_words": 1600 / wps * 1000}


# ------------------------------------------------------------------ query section
class RdflibStore:
    """rdflib's in-memory Dataset behind the store interface the look-ups use (for comparison)."""

    def __init__(self, nquads: Path):
        from rdflib import Dataset

        self.ds = Dataset(default_union=True)
        self.ds.parse(str(nquads), format="nquads")

    @staticmethod
    def _term(t):
        import pyoxigraph as ox
        from rdflib import Literal, URIRef

        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value if t.datatype else None
        if dt and not dt.endswith("#string"):
            return Literal(t.value, datatype=URIRef(dt))
        return Literal(t.value)

    @staticmethod
    def _value(v):
        from rdflib import Literal

        if v is None:
            return None
        if isinstance(v, Literal):
            dt = str(v.datatype or "")
            if dt.endswith(("#integer", "#int", "#long")):
                return int(v)
            if dt.endswith(("#decimal", "#double", "#float")):
                return float(v)
            return str(v)
        return str(v)

    def describe(self, iris, predicates=None) -> dict:
        import pyoxigraph as ox
        from rdflib import Literal, URIRef

        def to_ox(o):
            if isinstance(o, Literal):
                if o.language:
                    return ox.Literal(str(o), language=o.language)
                return ox.Literal(str(o), datatype=ox.NamedNode(str(o.datatype))) if o.datatype else ox.Literal(str(o))
            return ox.NamedNode(str(o)) if isinstance(o, URIRef) else ox.BlankNode(str(o))

        keep = None if predicates is None else set(predicates)
        return {i: list(dict.fromkeys((str(p), to_ox(o)) for p, o in self.ds.predicate_objects(URIRef(i))
                                      if keep is None or str(p) in keep))
                for i in iris}

    def query(self, sparql: str, substitutions: dict | None = None):
        binds = {k.value: self._term(v) for k, v in (substitutions or {}).items()}
        return self.ds.query(sparql, initBindings=binds)

    def select(self, sparql: str, **values) -> list[dict]:
        from kg.store import bind

        res = self.query(sparql, bind(**values) if values else None)
        names = [str(v) for v in res.vars]
        return [{n: self._value(row[n]) for n in names} for row in res]

    def ask(self, sparql: str, **values) -> bool:
        from kg.store import bind

        return bool(self.query(sparql, bind(**values) if values else None).askAnswer)


# CQ1's claims with only their IRI and quote, the claim pattern joined by hashing: what returning
# CQ1's answer costs at the least, whatever the query's shape (Oxigraph decodes each IRI and
# long literal it returns from its string table)
CQ1_FLOOR = """PREFIX kg: <https://w3id.org/isnad/kg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?claim ?quote WHERE {
  { SELECT DISTINCT ?claim WHERE { ?a rdfs:label|skos:altLabel "داعش"@ar . ?claim kg:party ?a } }
  { SELECT DISTINCT ?claim WHERE { ?b rdfs:label|skos:altLabel "النظام السوري"@ar . ?claim kg:party ?b } }
  { SELECT DISTINCT ?claim WHERE { ?claim kg:allegationType kg:Coordination } }
  ?claim kg:quote ?quote .
}"""
PAGE = 50  # what the CLI's tables show by default (kg claims / kg who-alleges --limit)
JOB_NAMES = ["CQ1", "CQ1 floor (claim + quote only)", "CQ2", "CQ3", *(f"kg claims {n}" for n in CLAIMS_NAMES),
             *(f"kg claims {n} (all)" for n in CLAIMS_NAMES), "kg who-alleges coordination",
             "kg who-alleges coordination (all)", "kg export claims"]


def _claims_page(store, name: str) -> int:
    """``kg claims NAME`` as the table does it: the first page and, when there is more, the total."""
    from kg.lookup import claims_about, count_claims_about, resolve

    iris = resolve(store, name)
    rows = claims_about(store, iris, limit=PAGE)
    return count_claims_about(store, iris) if len(rows) >= PAGE else len(rows)


def query_jobs(store):
    """(name, callable) pairs: the same work for either store."""
    from kg import queries
    from kg.export import claims as export_claims
    from kg.lookup import claims_about, resolve, who_alleges

    def run_query(text):
        res = store.query(text)
        return sum(1 for _ in res)

    jobs = [(cq.split("_")[0].upper(), (lambda t=queries.load(cq): run_query(t))) for cq in CQ]  # see JOB_NAMES
    jobs.insert(1, ("CQ1 floor (claim + quote only)", lambda: run_query(CQ1_FLOOR)))
    for name in CLAIMS_NAMES:  # as the table shows it (a page, and the total)
        jobs.append((f"kg claims {name}", lambda n=name: _claims_page(store, n)))
    for name in CLAIMS_NAMES:
        jobs.append((f"kg claims {name} (all)", lambda n=name: len(claims_about(store, resolve(store, n)))))
    pair = ["النظام السوري", "داعش"]
    jobs.append(("kg who-alleges coordination", lambda: len(who_alleges(store, "Coordination", pair, limit=PAGE))))
    jobs.append(("kg who-alleges coordination (all)", lambda: len(who_alleges(store, "Coordination", pair))))
    jobs.append(("kg export claims", lambda: len(export_claims(store))))
    return jobs


class QueryTimeout(Exception):
    pass


def time_jobs(store, budget_s: float, emit, per_query_timeout: int = 0, start: int = 0) -> None:
    """Run each job once, then again while within ``budget_s`` (21 runs at most).

    ``per_query_timeout`` (seconds, 0 = none): a SIGALRM interrupts a run that takes longer (used
    for rdflib, whose pure-Python evaluation can take minutes); the job is then reported as timed out.
    """
    import signal

    def alarm(*_):
        raise QueryTimeout

    if per_query_timeout:
        signal.signal(signal.SIGALRM, alarm)
    for index, (name, fn) in enumerate(query_jobs(store)):
        if index < start:
            continue
        times = []
        spent = 0.0
        rows = None
        try:
            while len(times) < 21 and (not times or spent < budget_s):
                signal.alarm(per_query_timeout)
                t = time.perf_counter()
                rows = fn()
                dt = time.perf_counter() - t
                signal.alarm(0)
                times.append(dt)
                spent += dt
        except QueryTimeout:
            if not times:
                emit({"index": index, "query": name, "timeout_s": per_query_timeout})
                continue
        emit({"index": index, "query": name, "first_ms": times[0] * 1000, "median_ms": statistics.median(times[1:] or times) * 1000,
              "runs": len(times), "rows": rows})


def query_child(kind: str, path: Path, budget_s: float, per_query_timeout: int, start: int) -> None:
    """In a child process: time the jobs from ``start`` on one store, one JSON line per job."""
    t = time.perf_counter()
    if kind == "rdflib":
        st = RdflibStore(path)
    else:
        from kg.store import OxigraphStore

        st = OxigraphStore(path, read_only=True)
    print(json.dumps({"load_s": time.perf_counter() - t}), flush=True)
    time_jobs(st, budget_s, lambda r: print(json.dumps(r, ensure_ascii=False), flush=True), per_query_timeout, start)


def collect(kind: str, path: Path, per_query_timeout: int, overall_s: float, budget_s: float) -> tuple[dict, float]:
    """Run :func:`query_child` with deadlines: a job that overruns is killed, marked, and the rest resumed."""
    import selectors

    rows: dict[str, dict] = {}
    load_s = None
    start = 0
    end_all = time.monotonic() + overall_s
    while start < len(JOB_NAMES) and time.monotonic() < end_all:
        proc = subprocess.Popen([sys.executable, __file__, "--_queries", kind, str(path), str(budget_s),
                                 str(per_query_timeout), str(start)], stdout=subprocess.PIPE, text=True, env=_env())
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        deadline = end_all  # loading first
        timed_out = False
        while True:
            left = min(deadline, end_all) - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not sel.select(timeout=left):
                continue
            line = proc.stdout.readline()
            if not line:
                break
            r = json.loads(line)
            if "load_s" in r:
                load_s = r["load_s"]
            else:
                rows[r["query"]] = r
                start = r["index"] + 1
            deadline = time.monotonic() + 2 * per_query_timeout + budget_s
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        sel.close()
        if timed_out and start < len(JOB_NAMES):
            rows[JOB_NAMES[start]] = {"query": JOB_NAMES[start], "timeout_s": per_query_timeout}
            start += 1
        elif not timed_out:
            break
    return rows, load_s


def build_query_stores(source_store: Path, targets: list[int], workdir: Path) -> list[tuple[int, Path, Path]]:
    """Per target: an Oxigraph store and an N-Quads file with kb + ontology + the first documents' graphs."""
    import pyoxigraph as ox

    from kg.store import OxigraphStore

    src = OxigraphStore(source_store, read_only=True)
    graphs = src.graphs()
    fixed = [g for g in graphs if "/graph/doc/" not in g]
    docs = [g for g in graphs if "/graph/doc/" in g]
    out = []
    for target in targets:
        nq = workdir / f"q{target}.nq"
        n = docs_n = 0  # the target counts the documents' quads: the gazetteer alone is ~10k quads
        with nq.open("wb") as fh:
            for g in fixed + docs:
                quads = list(src.db.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                if g in docs:
                    if docs_n and docs_n + len(quads) > target:
                        break
                    docs_n += len(quads)
                fh.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
                n += len(quads)
        path = workdir / f"q{target}.store"
        shutil.rmtree(path, ignore_errors=True)
        st = OxigraphStore(path)
        st.load_nquads(nq, bulk=True)
        st.optimize()
        st.close()
        out.append((n, path, nq))
    return out


def run_queries(source_store: Path, targets: list[int], workdir: Path, rdflib_timeout: float,
                per_query_timeout: int) -> list[dict]:
    from kg.store import OxigraphStore

    results = []
    for n, path, nq in build_query_stores(source_store, targets, workdir):
        ox_rows, _ = collect("oxigraph", path, per_query_timeout, rdflib_timeout, 3.0)
        rd_rows, load_s = collect("rdflib", nq, per_query_timeout, rdflib_timeout, 5.0)
        for name in JOB_NAMES:
            r = ox_rows.get(name, {"query": name, "timeout_s": per_query_timeout})
            rd = rd_rows.get(name) or {}
            results.append({"quads": n, "query": name, "rows": r.get("rows"), "first_ms": r.get("first_ms"),
                            "median_ms": r.get("median_ms"), "timeout_s": r.get("timeout_s"),
                            "rdflib_first_ms": rd.get("first_ms"), "rdflib_median_ms": rd.get("median_ms"),
                            "rdflib_rows": rd.get("rows"), "rdflib_load_s": load_s,
                            "rdflib_timeout_s": rd.get("timeout_s", per_query_timeout)})
        for p in (path, nq):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    return results


# ------------------------------------------------------------------ dask section
def run_dask(corpus: Path, n: int, workdir: Path) -> dict:
    from kg.ingest import ingest
    from kg.store import OxigraphStore

    part = workdir / f"dask-{n}.jsonl"
    with corpus.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    out = {"articles": n}
    for w in (1, 2):
        path = workdir / f"dask{w}.store"
        shutil.rmtree(path, ignore_errors=True)
        st = OxigraphStore(path)
        t = time.perf_counter()
        rep = ingest([part], st, workers=w, bulk=True)
        out[f"workers{w}_s"] = time.perf_counter() - t
        out[f"workers{w}_docs"] = rep.documents
        st.close()
        shutil.rmtree(path, ignore_errors=True)
    out["speedup"] = out["workers1_s"] / out["workers2_s"]
    part.unlink()
    return out


# ------------------------------------------------------------------ printing
def table(rows: list[list], head: list[str]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def fmt(v, nd=0):
    if v is None:
        return "—"
    return f"{v:,.{nd}f}"


def print_ingest(res: list[dict]) -> None:
    rows = [[f"{r['articles']:,}", r["mode"], fmt(r["words"] / r["articles"]), fmt(r["blank_wps"]),
             fmt(r["extract_wps"]), fmt(r["extract_vs_blank"], 1) + "×",
             fmt(r.get("extract_rdf_wps")), fmt(r.get("extract_rdf_vs_blank"), 1) + "×",
             fmt(r["ingest_aps"], 1), fmt(r["ingest_wps"]),
             fmt(r["ingest_vs_blank"], 1) + "×", fmt(r["quads_per_s"]),
             f"{fmt(r['first_tenth_wps'])} / {fmt(r['last_tenth_wps'])}",
             fmt(r["store_quads"]), fmt(r["store_mb"]), f"{fmt(r['peak_rss_mb'])} + {fmt(r['writer_peak_rss_mb'])}"]
            for r in res]
    print(table(rows, ["articles", "write mode", "words/article", "blank ar words/s", "extraction words/s",
                       "vs blank", "extraction + RDF words/s", "vs blank", "ingest articles/s", "ingest words/s", "vs blank", "quads/s",
                       "words/s first / last tenth", "store quads", "store MB", "peak RSS MB (main + writer)"]))


def print_queries(res: list[dict]) -> None:
    rows = []
    for r in res:
        ratio = (r["rdflib_median_ms"] / r["median_ms"]) if r["rdflib_median_ms"] and r["median_ms"] else None
        oxc = (f"{fmt(r['first_ms'], 1)} / {fmt(r['median_ms'], 1)}" if r["first_ms"] is not None
               else f"> {r['timeout_s']} s (stopped)")
        rows.append([fmt(r["quads"]), r["query"], r["rows"] if r["rows"] is not None else r["rdflib_rows"], oxc,
                     f"{fmt(r['rdflib_first_ms'], 1)} / {fmt(r['rdflib_median_ms'], 1)}"
                     if r["rdflib_first_ms"] is not None else f"> {r['rdflib_timeout_s']} s (stopped)",
                     (fmt(ratio, 0 if ratio >= 10 else 2) + "×") if ratio else
                     (f"> {r['rdflib_timeout_s'] * 1000 / r['median_ms']:,.0f}×"
                      if r["median_ms"] and r["rdflib_first_ms"] is None else "—")])
    print(table(rows, ["quads", "query", "rows", "Oxigraph ms first / median", "rdflib ms first / median",
                       "rdflib / Oxigraph"]))


def child_json(args: list[str], what: str) -> dict:
    """Run this script with ``args`` in a fresh process (its own peak RSS, its own cold caches) and
    return the JSON object it prints last; stop the benchmark if it fails."""
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=_env())
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"{what} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000])
    ap.add_argument("--quads", type=int, nargs="*", default=None,
                    help="store sizes for the query section (default 10000 100000 1000000, capped by the corpus)")
    ap.add_argument("--no-queries", action="store_true", help="skip the query section")
    ap.add_argument("--bulk", action="store_true",
                    help="ingest with the bulk loader (default: transactional writes, as kg ingest)")
    ap.add_argument("--dask", type=int, default=0, help="also time N articles on 1 vs 2 dask workers")
    ap.add_argument("--rdflib-timeout", type=float, default=900, help="seconds for all rdflib queries of one size")
    ap.add_argument("--rdflib-query-timeout", type=int, default=60, help="seconds for one rdflib query run")
    ap.add_argument("--workdir", type=Path, default=ROOT / "bench" / ".work")
    ap.add_argument("--keep", action="store_true", help="keep the stores")
    ap.add_argument("--_ingest", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--_queries", nargs=5, help=argparse.SUPPRESS)
    ap.add_argument("--_per_process", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a._per_process:
        print(json.dumps(run_extract_rdf(Path(a._per_process[0]), Path(a._per_process[1]))))
        return
    if a._ingest:
        print(json.dumps(run_ingest(Path(a._ingest[0]), Path(a._ingest[1]), a._ingest[2] == "bulk")))
        return
    if a._queries:
        kind, path, budget, pqt, start = a._queries
        query_child(kind, Path(path), float(budget), int(pqt), int(start))
        return

    from bench.generate import write

    a.workdir.mkdir(parents=True, exist_ok=True)
    print(f"# isnad benchmark — {machine()}\n", flush=True)
    results: dict = {"machine": machine(), "ingest": [], "queries": [], "dask": None}
    biggest_store = None
    biggest = None
    for n in sorted(a.sizes):
        corpus = write(n, a.workdir / f"corpus-{n}.jsonl")
        store = a.workdir / f"store-{n}"
        r = child_json(["--_ingest", str(corpus), str(store), "bulk" if a.bulk else "txn"], f"ingest of {n} articles")
        r.update(child_json(["--_per_process", str(corpus), str(a.workdir / "shards-bench")],
                            f"extraction with RDF writing of {n} articles"))
        results["ingest"].append(r)
        print(f"ingested {n:,} articles in {r['ingest_s']:.0f} s", file=sys.stderr, flush=True)
        if biggest_store and not a.keep:
            shutil.rmtree(biggest_store, ignore_errors=True)
        biggest_store, biggest = store, corpus
    print("## Ingest (one process)\n")
    print_ingest(results["ingest"])
    print(flush=True)

    if biggest_store is not None and not a.no_queries:
        have = results["ingest"][-1]["store_quads"]
        targets = a.quads if a.quads is not None else [10_000, 100_000, 1_000_000]
        targets = [q for q in targets if q <= have] or [have]
        results["queries"] = run_queries(biggest_store, targets, a.workdir, a.rdflib_timeout,
                                         a.rdflib_query_timeout)
        print("## Queries (latency in ms: first run / median of the next ones)\n")
        print_queries(results["queries"])
        print(flush=True)
    if a.dask and biggest is not None:
        results["dask"] = d = run_dask(biggest, min(a.dask, results["ingest"][-1]["articles"]), a.workdir)
        print("## dask.distributed (LocalCluster, bulk load)\n")
        print(table([[d["articles"], fmt(d["workers1_s"], 1), fmt(d["workers2_s"], 1), fmt(d["speedup"], 2) + "×"]],
                    ["articles", "1 worker s", "2 workers s", "speed-up"]))
        print(flush=True)
    (a.workdir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    if not a.keep and biggest_store is not None:
        shutil.rmtree(biggest_store, ignore_errors=True)


if __name__ == "__main__":
    main()
