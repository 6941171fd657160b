"""Distributed extraction on a real dask LocalCluster gives exactly the single-process store."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from kg.ingest import ingest
from kg.read import BUNDLED_CORPUS
from kg.store import OxigraphStore

from .test_scale import generate, Source

STARTED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_two_dask_workers_give_the_single_process_quads(tmp_path, nlp):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                            for r in generate(10, source=Source())), encoding="utf-8")
    (inp / "003.txt").write_text(next(BUNDLED_CORPUS.glob("003_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    (inp / "bad.txt").write_bytes("caf\xe9".encode("latin-1"))

    single = OxigraphStore(tmp_path / "single")
    r1 = ingest([inp], single, started=STARTED, nlp=nlp)
    dist = OxigraphStore(tmp_path / "dist")
    r2 = ingest([inp], dist, workers=2, started=STARTED)
    assert (r2.documents, r2.claims, r2.quads) == (r1.documents, r1.claims, r1.quads) == (11, r1.claims, r1.quads)
    assert len(r2.skipped) == len(r1.skipped) == 1 and "not valid UTF-8" in r2.skipped[0]
    assert set(dist.db) == set(single.db)  # same run time → same run IRI: the sets must be equal

    r3 = ingest([inp], dist, workers=2, started=STARTED)  # resume: nothing left to do
    assert r3.documents == 0 and r3.unchanged == 11
    assert set(dist.db) == set(single.db)
    single.close()
    dist.close()
