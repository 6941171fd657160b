"""Extraction is a function of the input: the same text gives the same claims in any process
(Python's string hashing changes between processes; no rule may depend on set order)."""
import json
import os
import subprocess
import sys

from .conftest import CORPUS, ROOT


def export_with_seed(tmp_path, seed: str) -> list[dict]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
    store = tmp_path / f"s{seed}"
    files = [str(p) for p in sorted(CORPUS.glob("00[03]_*.txt"))]
    for args in (["ingest", *files, "--store", str(store)],):
        subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, env=env, cwd=ROOT, capture_output=True)
    out = subprocess.run([sys.executable, "-m", "kg.cli", "export", "claims", "--format", "jsonl", "--store", str(store)],
                         check=True, env=env, cwd=ROOT, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines()]


def test_same_claims_whatever_the_hash_seed(tmp_path):
    a, b = export_with_seed(tmp_path, "1"), export_with_seed(tmp_path, "2")
    assert len(a) > 20
    assert a == b
