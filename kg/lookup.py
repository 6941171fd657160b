"""Look-ups behind ``kg claims`` and ``kg who-alleges``: names → entity IRIs → claims.

Names are matched on the normalised form of every label and alias in the store (the
gazetteer and actors first met in documents), so Arabic with or without hamza, or an
English alias, all find the same node. User text only ever reaches SPARQL as a bound value.
"""
from __future__ import annotations

from . import queries
from .export import claims as export_claims
from .nlp.normalize import normalize_phrase
from .store import OxigraphStore

KG = "https://w3id.org/isnad/kg#"


def _key(s: str) -> str:
    return normalize_phrase(s).lower()


def resolve(store: OxigraphStore, name: str) -> list[str]:
    """IRIs of the entities whose label or alias equals ``name`` after normalisation."""
    want = _key(name)
    if not want:
        return []
    hits = []
    for r in store.select(queries.load("labels")):
        if _key(r["label"]) == want and r["e"] not in hits:
            hits.append(r["e"])
    return hits


def claims_about(store: OxigraphStore, iris: list[str]) -> list[dict]:
    """Claims where any of ``iris`` is the claimant, a party or a relay (export records + role)."""
    roles: dict[str, set[str]] = {}
    for iri in iris:
        for r in store.select(queries.load("claims_about"), e=_iri(iri)):
            roles.setdefault(r["claim"], set()).add(r["role"])
    out = []
    for c in export_claims(store):
        if c["id"] in roles:
            out.append({**c, "roles": sorted(roles[c["id"]])})
    return out


def who_alleges(store: OxigraphStore, type_name: str, between: list[str]) -> list[dict]:
    """Claims of allegation ``type_name`` whose parties include every entity named in ``between``."""
    sets = []
    for name in between:
        iris = resolve(store, name)
        if not iris:
            raise LookupError(f"no entity named {name!r} in the store")
        sets.append(set(iris))
    ids = set()
    for r in store.select(queries.load("claims_of_type"), t=_iri(KG + type_name)):
        ids.add(r["claim"])
    parties: dict[str, set[str]] = {}
    if sets:
        for r in store.select(queries.load("claim_parties")):
            parties.setdefault(r["claim"], set()).add(r["party"])
    out = []
    for c in export_claims(store):
        if c["id"] not in ids:
            continue
        if all(parties.get(c["id"], set()) & s for s in sets):
            out.append(c)
    return out


def _iri(s: str):
    import pyoxigraph as ox

    return ox.NamedNode(s)


def chain_text(c: dict) -> str:
    """claimant → reported to → cited by → publisher, in one line."""
    parts = [c["claimant"]["label"] if c.get("claimant") else "?"]
    if c.get("reported_to"):
        parts.append("to " + ", ".join(_name(a) for a in c["reported_to"]))
    for a in c.get("cited_by") or []:
        parts.append("via " + _name(a))
    if c.get("publisher"):
        parts.append("in " + _name(c["publisher"]))
    return " → ".join(parts)


def _name(a: dict) -> str:
    return a.get("label_en") or a.get("label") or "?"
