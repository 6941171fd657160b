"""The competency questions, unchanged, through `kg sparql` on the store built from the corpus."""
import csv
import io
import json

from .conftest import ROOT, run_kg

CQ = ROOT / "kg" / "queries"


def rows(store_path, name):
    out = run_kg("sparql", str(CQ / f"{name}.rq"), "--store", str(store_path), "--csv").stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_the_bundled_queries_are_the_contract_files():
    shared = ROOT.parent / "shared" / "contracts" / "cq"
    if shared.is_dir():
        for f in shared.glob("*.rq"):
            assert (CQ / f.name).read_text(encoding="utf-8") == f.read_text(encoding="utf-8")


def test_cq1_who_alleges_regime_isis_coordination(store_path):
    got = rows(store_path, "cq1_who_alleges_coordination")
    claimants = {r["claimant"] for r in got}
    assert "أبو البراء" in claimants
    assert any(r["claimant"] == "أبو البراء" and r["reportedTo"] == "Asharq Al-Awsat" for r in got)
    assert any(r["claimant"] == "ياسر النجار" and r["stance"].endswith("Hedges") for r in got)
    assert any(r["claimant"].startswith("مصدر قيادي في الجيش السوري الحر") for r in got)
    assert any(r["claimant"].startswith("ناشطون") for r in got)
    assert any(r["claimant"] == "عامر هويدي" and r["reportedTo"] == "Al-Araby Al-Jadeed" for r in got)


def test_cq2_claims_about_isis_with_offsets(store_path):
    got = rows(store_path, "cq2_claims_about_entity")
    roles = {r["role"] for r in got}
    assert len(got) > 30 and "party" in roles and roles <= {"claimant", "party", "relay"}
    texts = {}
    for r in got:
        doc = r["doc"].rsplit("/", 1)[-1]
        texts.setdefault(doc, (ROOT / "kg" / "data" / "corpus" / f"{doc}.txt").read_text(encoding="utf-8"))
        assert 0 <= int(r["start"]) < int(r["end"]) <= len(texts[doc])


def test_cq3_sdf_denial_beside_truce_assertions(store_path):
    got = rows(store_path, "cq3_denials")
    stances = {r["stance"].rsplit("#", 1)[-1] for r in got}
    assert {"Asserts", "Denies"} <= stances
    denial = [r for r in got if r["stance"].endswith("Denies")]
    assert any(r["claimant"] == "مصطفى بالي" for r in denial)


def test_sparql_json_is_the_w3c_results_format(store_path):
    out = run_kg("sparql", "ASK { ?s ?p ?o }", "--store", str(store_path), "--json").stdout
    assert json.loads(out) == {"head": {}, "boolean": True}
    out = run_kg("sparql", str(CQ / "cq3_denials.rq"), "--store", str(store_path), "--json").stdout
    data = json.loads(out)
    assert data["head"]["vars"] == ["claim", "claimant", "stance", "quote"] and data["results"]["bindings"]
