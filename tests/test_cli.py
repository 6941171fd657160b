"""The CLI as users run it: look-ups, exports in the contract shape, evaluation, errors."""
import json

from .conftest import CORPUS, GOLD, run_kg


def test_claims_by_arabic_and_english_name(store_path):
    ar = json.loads(run_kg("claims", "داعش", "--store", str(store_path), "--json").stdout)
    en = json.loads(run_kg("claims", "ISIS", "--store", str(store_path), "--json").stdout)
    assert ar and [c["id"] for c in ar] == [c["id"] for c in en]
    assert all({"party", "claimant", "relay", "reported_to"} & set(c["roles"]) for c in ar)
    table = run_kg("claims", "المرصد السوري لحقوق الإنسان", "--store", str(store_path)).stdout
    assert "003" not in table.split("claims about")[0]
    assert "000_b4451108e95213fc:" in table


def test_who_alleges_between_two_parties(store_path):
    out = json.loads(run_kg("who-alleges", "coordination", "--between", "النظام السوري", "--between", "داعش",
                            "--store", str(store_path), "--json").stdout)
    assert any(c["claimant"]["label"] == "أبو البراء" for c in out)
    assert all("coordination" in c["allegation_types"] for c in out)
    bad = run_kg("who-alleges", "gossip", "--between", "x", "--store", str(store_path), check=False)
    assert bad.returncode == 1 and "unknown allegation type" in bad.stderr and "Traceback" not in bad.stderr


def test_claims_and_who_alleges_page_with_limit(store_path):
    """A page of N claims is the N first of the full answer's set, fields equal; stderr says more exist."""
    full = json.loads(run_kg("claims", "داعش", "--store", str(store_path), "--json").stdout)
    assert len(full) > 5
    page = run_kg("claims", "داعش", "--store", str(store_path), "--json", "--limit", "5")
    got = json.loads(page.stdout)
    by_id = {c["id"]: c for c in full}
    assert len(got) == 5 and all(by_id[c["id"]] == c for c in got)
    assert f"showing 5 of {len(full):,}" in page.stderr
    table = run_kg("claims", "داعش", "--store", str(store_path), "--limit", "3").stdout
    assert f"(3 of {len(full):,})" in table
    pair = ["coordination", "--between", "النظام السوري", "--between", "داعش", "--store", str(store_path)]
    all_ = {c["id"]: c for c in json.loads(run_kg("who-alleges", *pair, "--json").stdout)}
    first = json.loads(run_kg("who-alleges", *pair, "--json", "--limit", "2").stdout)
    assert len(all_) > 2 and len(first) == 2 and all(all_[c["id"]] == c for c in first)


def test_export_claims_follows_the_contract(store_path):
    lines = run_kg("export", "claims", "--format", "jsonl", "--store", str(store_path)).stdout.splitlines()
    assert len(lines) > 100
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    for line in lines:
        c = json.loads(line)
        assert set(c) >= {"doc", "article", "id", "quote", "cue", "stance", "claimant", "reported_to", "cited_by",
                          "publisher", "allegation_types", "parties", "locations", "confidence"}
        q = c["quote"]
        assert texts[c["doc"]][q["start"]:q["end"]] == q["text"]
        assert c["stance"] in {"asserts", "denies", "hedges", "declines"}
        assert c["claimant"]["label"] and c["claimant"]["type"] in {
            "Person", "Faction", "Organization", "MediaOutlet", "Group", "AnonymousSource"}
        assert isinstance(c["article"], int) and 0.0 <= c["confidence"] <= 1.0
    assert "\\u" not in lines[0]  # Arabic unescaped


def test_export_entities_and_rdf(store_path, tmp_path):
    ents = [json.loads(l) for l in run_kg("export", "entities", "--format", "jsonl", "--store",
                                          str(store_path)).stdout.splitlines()]
    isis = [e for e in ents if e["entity"].endswith("/isis")]
    assert isis and all(e["label"] == "داعش" and e["mentions"] for e in isis)
    # every mention span (kept as one kg:MentionSet per entity and document) points at the name
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    spans = [(e["doc"], m) for e in isis for m in e["mentions"]]
    assert len(spans) > 20
    names = ("داعش", "الدولة الإسلامية", "تنظيم", "جهادي")  # its names and anaphors, clitics aside
    assert all(any(n in texts[d][m["start"]:m["end"]] for n in names) for d, m in spans)
    assert all(a["start"] < b["start"] for e in ents for a, b in zip(e["mentions"], e["mentions"][1:]))
    out = tmp_path / "all.trig"
    run_kg("export", "rdf", "--format", "trig", "--store", str(store_path), "--out", str(out))
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(out, format="trig")
    assert len(ds) > 5000


def test_evaluate_meets_the_development_targets(store_path):
    out = run_kg("evaluate", "--store", str(store_path), "--json").stdout
    m = json.loads(out)["metrics"]
    assert m["detection"]["f1"] >= 0.80
    assert m["attribution"]["f1"] >= 0.70
    assert m["stance"]["accuracy"] >= 0.85
    assert m["reported_to"]["f1"] >= 0.85
    assert m["allegation_types"]["f1"] >= 0.65
    assert m["parties"]["f1"] >= 0.60


def test_evaluate_errors_lists_context(store_path):
    out = run_kg("evaluate", str(GOLD), "--store", str(store_path), "--errors").stdout
    assert "detection" in out and '"context"' in out


def test_failures_are_one_line_without_traceback(tmp_path, store_path):
    missing = run_kg("ingest", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s"), check=False)
    assert missing.returncode == 1 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
    syntax = run_kg("sparql", "SELECT WHERE {", "--store", str(store_path), check=False)
    assert syntax.returncode == 1 and "syntax" in syntax.stderr.lower() and "Traceback" not in syntax.stderr
    nostore = run_kg("claims", "داعش", "--store", str(tmp_path / "absent"), check=False)
    assert nostore.returncode == 1 and "kg ingest" in nostore.stderr
    gone = run_kg("remove", "no_such_doc", "--store", str(tmp_path / "s"), check=False)
    assert gone.returncode == 1 and "no document" in gone.stderr


def test_a_bad_file_is_skipped_and_the_rest_ingested(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text((CORPUS / "003_7c98ec50c72dc73f.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00garbage\x00")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    res = run_kg("ingest", str(tmp_path), "--store", str(tmp_path / "s"), check=False)
    assert res.returncode == 1
    assert "latin.txt: not valid UTF-8" in res.stderr
    assert "ingested 1 document" in res.stdout and "skipped" in res.stdout
