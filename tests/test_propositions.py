"""Propositions across documents, on the store built from the corpus, via the real CLI."""
import json

from kg.propositions import build

from .conftest import run_kg


def test_truce_between_sdf_and_isis_is_contradicted(store_path):
    out = json.loads(run_kg("allegations", "--type", "truce", "--party", "قسد", "--party", "داعش",
                            "--store", str(store_path), "--json").stdout)
    top = out[0]
    assert top["stances"].get("denies", 0) >= 1 and top["stances"].get("asserts", 0) >= 3
    assert top["contradicted"] is True
    assert {p["entity"].rsplit("/", 1)[-1] for p in top["parties"]} == {"sdf", "isis"}


def test_regime_isis_coordination_has_many_independent_sources(store_path):
    out = json.loads(run_kg("allegations", "--type", "coordination", "--party", "النظام السوري",
                            "--party", "ISIS", "--store", str(store_path), "--json").stdout)
    top = out[0]
    assert top["independent_sources"] >= 5
    assert top["independent_sources"] <= top["claims"]


def test_same_relay_counts_once(exported):
    relayed = [c for c in exported if c["cited_by"]]
    assert relayed
    clone = [dict(c, id=c["id"] + "-copy", claimant={"label": "آخر", "type": "Person", "entity": None})
             for c in relayed[:1]]
    props = build(relayed[:1] + clone)
    for p in props:
        assert len(p.sources) == 1 and len(p.claims) == 2
