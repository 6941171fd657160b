"""Named SPARQL queries (``*.rq`` beside this file): the CLI, tests and notebooks share them."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of ``<name>.rq``; raises FileNotFoundError with the names that exist."""
    p = HERE / f"{name}.rq"
    if not p.exists():
        raise FileNotFoundError(f"no named query {name!r}; known: {', '.join(names())}")
    return p.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.rq"))
