"""Ingest at scale: the fast RDF path, JSON Lines provenance, batched/bulk writes, resume, scalable look-ups."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ingest import ingest
from kg.knowledge import load_knowledge
from kg.rdf import GraphBuilder
from kg.read import BUNDLED_CORPUS, expand_paths, read_path
from kg.store import OxigraphStore, to_ox

from .conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.generate import Source, generate  # noqa: E402

STARTED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
KG = "https://w3id.org/isnad/kg#"


@pytest.fixture(scope="module")
def source():
    return Source()


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory, source) -> Path:
    """Twelve generated articles (known and unknown publishers) as JSON Lines."""
    p = tmp_path_factory.mktemp("jsonl") / "news.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate(12, source=source)),
                 encoding="utf-8")
    return p


def quads(st: OxigraphStore) -> set:
    return set(st.db)


def test_fast_rdf_path_gives_exactly_the_rdflib_triples(nlp, jsonl):
    from kg.extract import extract

    from kg.read import make_document

    docs = [d for p in expand_paths([BUNDLED_CORPUS, jsonl]) for d in read_path(p)]
    docs.append(make_document("bare", docs[0].text))  # no metadata at all
    assert any(d.publisher == "Levant Daily Monitor" for d in docs) and not docs[-1].publisher
    b = GraphBuilder(load_knowledge(), started=STARTED)
    n = 0
    for ex in extract(docs, nlp):
        g = b.build(ex)
        ref = {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in g}
        gi, triples = b.ntriples(ex)
        fast = [ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse("".join(t + " .\n" for t in triples), format=ox.RdfFormat.N_TRIPLES)]
        assert gi == str(g.identifier)
        assert len(fast) == len(set(fast)) == len(ref), ex.document.id  # each triple once
        assert set(fast) == ref, ex.document.id
        n += 1
    assert n == len(docs)


def test_jsonl_publisher_and_date_are_article_provenance(tmp_path, source):
    recs = [dict(source.article(0), publisher="الشرق الأوسط", date="2019-03-04"),
            dict(source.article(1), publisher="Levant Daily Monitor", date="2020-05-06")]
    p = tmp_path / "two.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    st = OxigraphStore(tmp_path / "st")
    rep = ingest([p], st)
    assert rep.documents == 2 and not rep.skipped
    q = """PREFIX kg: <https://w3id.org/isnad/kg#> PREFIX schema: <https://schema.org/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?doc ?pub ?type ?label ?date WHERE { ?a a kg:Article ; kg:inDocument ?doc ; kg:publisher ?pub ;
      schema:datePublished ?date . ?pub a ?type ; rdfs:label ?label FILTER(?type = kg:MediaOutlet) }"""
    rows = {r["doc"].rsplit("/", 1)[-1]: r for r in st.select(q)}
    known, minted = rows["two-1"], rows["two-2"]
    assert known["pub"].endswith("/entity/asharq_al_awsat") or "/entity/mediaoutlet/" not in known["pub"]
    assert known["date"] == "2019-03-04"
    assert "/entity/mediaoutlet/" in minted["pub"] and minted["label"] == "Levant Daily Monitor"
    assert minted["date"] == "2020-05-06"
    from kg.export import claims

    pubs = {c["publisher"]["label"] for c in claims(st) if c["doc"] == "two-2" and c["publisher"]}
    assert pubs <= {"Levant Daily Monitor"}
    # the unlisted publisher is described once, in the sources graph, whatever the number of its articles
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps(dict(source.article(i), publisher="Levant Daily Monitor"), ensure_ascii=False)
                            + "\n" for i in range(2, 6)), encoding="utf-8")
    ingest([more], st, batch_docs=2)
    where = st.select("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?g WHERE { GRAPH ?g { ?pub rdfs:label "Levant Daily Monitor"@en } }""")
    assert [r["g"] for r in where] == ["https://w3id.org/isnad/id/graph/sources"]
    st.close()


@pytest.mark.parametrize("bulk", [False, True])
def test_interrupted_ingest_resumes_and_ends_identical(tmp_path, jsonl, nlp, bulk):
    clean = OxigraphStore(tmp_path / "clean")
    ingest([jsonl], clean, started=STARTED, nlp=nlp, bulk=bulk)

    st = OxigraphStore(tmp_path / "st")
    seen = []

    def stop_after_seven(d):
        seen.append(d.id)
        if len(seen) == 7:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([jsonl], st, started=STARTED, nlp=nlp, bulk=bulk, batch_docs=3, progress=stop_after_seven)
    stored = len(st.content_hashes([f"https://w3id.org/isnad/id/doc/news-{i}" for i in range(1, 13)]))
    assert stored == 6  # two whole batches of three committed, the rest not
    rep = ingest([jsonl], st, started=STARTED, nlp=nlp, bulk=bulk)
    assert rep.unchanged == 6 and rep.documents == 6
    assert quads(st) == quads(clean)
    rep = ingest([jsonl], st, started=STARTED, nlp=nlp, bulk=bulk)
    assert rep.unchanged == 12 and rep.documents == 0
    st.close()
    clean.close()


def test_writer_process_recycled_mid_ingest_writes_the_same_store(tmp_path, jsonl, nlp):
    """A writer replaced every batch (as every million quads at scale) loses and duplicates nothing."""
    clean = OxigraphStore(tmp_path / "clean")
    ingest([jsonl], clean, started=STARTED, nlp=nlp)
    st = OxigraphStore(tmp_path / "st")
    rep = ingest([jsonl], st, started=STARTED, nlp=nlp, batch_docs=2, recycle_quads=1)
    assert rep.documents == 12 and rep.seconds["write"] > 0
    assert quads(st) == quads(clean)
    rep = ingest([jsonl], st, started=STARTED, nlp=nlp, batch_docs=2, recycle_quads=1)
    assert rep.unchanged == 12 and rep.documents == 0
    st.close()
    clean.close()


def test_reingest_of_a_changed_document_replaces_its_graph(tmp_path, source, nlp):
    p = tmp_path / "one.jsonl"
    p.write_text(json.dumps(source.article(3), ensure_ascii=False) + "\n", encoding="utf-8")
    st = OxigraphStore(tmp_path / "st")
    ingest([p], st, started=STARTED, nlp=nlp, bulk=True)
    p.write_text(json.dumps(source.article(4), ensure_ascii=False) + "\n", encoding="utf-8")
    ingest([p], st, started=STARTED, nlp=nlp, bulk=True)
    fresh = OxigraphStore(tmp_path / "fresh")
    ingest([p], fresh, started=STARTED, nlp=nlp)
    assert quads(st) == quads(fresh)
    st.close()
    fresh.close()


def test_scalable_lookups_match_the_whole_export(store, exported):
    from kg.export import claims_by_id, claims_scan
    from kg.lookup import claims_about, resolve

    assert exported == claims_scan(store)  # subject look-ups = the whole-store joins, record for record
    ids = [c["id"] for c in exported]
    assert claims_by_id(store, ids[::3]) == exported[::3]
    isis = resolve(store, "داعش")
    assert isis == resolve(store, "ISIS") == resolve(store, "تنظيم الدولة الإسلامية")
    got = claims_about(store, isis)
    want = [c for c in exported if any(a and a.get("entity") in isis for a in
                                       [c["claimant"], *c["parties"], *c["cited_by"], *c["reported_to"]])]
    assert [c["id"] for c in got] == [c["id"] for c in want]
    assert resolve(store, "no such name anywhere") == []


def test_generated_corpus_is_varied_and_a_prefix_of_bigger_ones(source):
    a = list(generate(30, source=source))
    b = list(generate(10, source=source))
    assert a[:10] == b
    texts = [r["text"] for r in a]
    assert len(set(texts)) == 30
    assert all(set(r) == {"url", "publisher", "date", "title", "text"} for r in a)


def test_no_second_writer_slips_in_while_the_writer_process_is_replaced(tmp_path, jsonl, nlp):
    """The ingest holds the store's writer lock from start to end, also between two writer processes."""
    import os
    import subprocess
    import threading

    path = tmp_path / "st"
    st = OxigraphStore(path)
    done = threading.Event()
    errors: list[BaseException] = []

    def run():
        try:
            ingest([jsonl], st, nlp=nlp, batch_docs=1, recycle_quads=1)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            done.set()

    th = threading.Thread(target=run)
    th.start()
    probe = "import sys; from kg.store import OxigraphStore; OxigraphStore(sys.argv[1]); print('opened')"
    env = {**os.environ, "ISNAD_LOCK_WAIT": "0", "PYTHONPATH": str(ROOT)}
    opened = tries = 0
    while not done.is_set():
        r = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, env=env)
        tries += 1
        opened += "opened" in r.stdout
    th.join()
    assert not errors and tries >= 3
    assert opened == 0
    assert len(st.content_hashes([f"https://w3id.org/isnad/id/doc/news-{i}" for i in range(1, 13)])) == 12
    st.close()
    assert OxigraphStore(path) is not None  # free once the ingest is over


def test_extraction_leaves_no_document_for_the_cyclic_collector(nlp):
    """A long ingest must not lean on the cyclic garbage collector: each processed Doc is freed
    by reference counting once its mentions and claims are collected (its caches hold Spans and
    claims that point back at it, a cycle the extractor breaks). The pipeline is frozen out of
    the collector's full passes."""
    import gc

    from spacy.tokens import Doc

    from kg.extract import extract

    docs = [d for p in expand_paths([BUNDLED_CORPUS]) for d in read_path(p)]
    assert gc.get_freeze_count() > 10_000  # get_nlp froze the pipeline's objects
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        claims = sum(len(ex.claims) for ex in extract(docs, nlp))
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, Doc)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert claims > 50
    assert left == []
