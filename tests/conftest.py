"""Shared fixtures: one real Oxigraph store built from the bundled corpus, per test session."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "kg" / "data" / "corpus"
GOLD = ROOT / "kg" / "data" / "gold"


def corpus_text(stem_prefix: str) -> str:
    path = next(CORPUS.glob(f"{stem_prefix}*.txt"))
    return path.read_text(encoding="utf-8")


def gold_claims() -> list[dict]:
    return [json.loads(l) for l in (GOLD / "claims.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]


def run_kg(*args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess (as a user would)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                          env=env, cwd=kw.pop("cwd", ROOT), **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {proc.returncode}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """A store holding the whole bundled corpus, ingested through the CLI."""
    path = tmp_path_factory.mktemp("store") / "isnad-store"
    run_kg("ingest", "--store", str(path))
    return path


@pytest.fixture(scope="session")
def store(store_path):
    from kg.store import OxigraphStore

    return OxigraphStore(store_path, read_only=True)


@pytest.fixture(scope="session")
def exported(store) -> list[dict]:
    from kg.export import claims

    return claims(store)
