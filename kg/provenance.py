"""Independence of sources: which claims reach us through the same upstream channel.

Two claims are independent only if they reach us through different upstream sources. A
relay (``citedBy``: AFP quoting SOHR) is the channel the reader depends on, so claims that
share their outermost relay share one upstream source; without a relay the claimant itself is
the source. An unnamed source is told apart by its description and what it said, so the
same wire story printed in two files does not count twice.
"""
from __future__ import annotations


def _key(actor: dict | None) -> str | None:
    if not actor:
        return None
    return actor.get("entity") or f"{actor.get('type')}:{actor.get('label')}"


def upstream_source(claim: dict) -> str:
    """The key of the upstream source of a claims-export record.

    >>> upstream_source({"claimant": {"entity": "id:a"}, "cited_by": []})
    'id:a'
    >>> upstream_source({"claimant": {"entity": "id:a"}, "cited_by": [{"entity": "id:afp"}]})
    'id:afp'
    """
    relays = claim.get("cited_by") or []
    if relays:
        return _key(relays[-1]) or "?"
    c = claim.get("claimant") or {}
    k = _key(c) or "?"
    if c.get("type") == "AnonymousSource":
        quote = (claim.get("quote") or {}).get("text", "")
        k = f"{c.get('label')}|{' '.join(quote.split())[:60]}"
    return k


def independent_sources(claims: list[dict]) -> int:
    """How many independent upstream sources stand behind ``claims``.

    >>> independent_sources([
    ...     {"claimant": {"entity": "a"}, "cited_by": [{"entity": "afp"}]},
    ...     {"claimant": {"entity": "b"}, "cited_by": [{"entity": "afp"}]},
    ...     {"claimant": {"entity": "c"}, "cited_by": []}])
    2
    """
    return len({upstream_source(c) for c in claims})
