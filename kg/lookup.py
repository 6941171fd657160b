"""Look-ups behind ``kg claims`` and ``kg who-alleges``: names → entity IRIs → claims.

Names are matched on their normalised form (Arabic with or without hamza, or an English alias,
all find the same node). User text only ever reaches SPARQL as a bound value.

Every step starts from what the user named and walks the graph from there, so the cost grows
with the answer, not with the store: the name is resolved through the gazetteer's alias index,
the person IRI it would have been minted under and an exact-label look-up (bound literal, one
index probe each); claims are found from the entity; their fields and labels are then fetched
for those claims only, by subject look-ups (:func:`kg.export.claims_by_id`). Only a name that none of these
finds falls back to comparing it with every label in the store.
"""
from __future__ import annotations

from functools import lru_cache

from . import queries
from .export import claims_by_id
from .nlp.normalize import normalize_phrase
from .store import OxigraphStore, fill, with_values

KG = "https://w3id.org/isnad/kg#"
ID = "https://w3id.org/isnad/id/"


def _key(s: str) -> str:
    return normalize_phrase(s).lower()


@lru_cache(maxsize=1)
def _gazetteer_index() -> dict[str, list[str]]:
    from .knowledge import load_knowledge

    return load_knowledge().by_name()


def _exists(store: OxigraphStore, iri: str) -> bool:
    return bool(store.query(fill(queries.load("entity_exists"), e=_iri(iri))))


def resolve(store: OxigraphStore, name: str) -> list[str]:
    """IRIs of the entities whose label or alias equals ``name`` after normalisation."""
    from .model import Actor
    from .rdf import actor_iri

    want = _key(name)
    if not want:
        return []
    hits: list[str] = []

    def add(iri: str) -> None:
        if iri not in hits:
            hits.append(iri)

    for key in _gazetteer_index().get(want, []):  # known entities: the gazetteer's alias index
        iri = f"{ID}entity/{key}"
        if _exists(store, iri):
            add(iri)
    person = str(actor_iri(Actor(label=name.strip(), type="Person"), ""))  # minted people: by normalised name
    if _exists(store, person):
        add(person)
    forms = {name.strip(), normalize_phrase(name)}
    for form in forms:  # anything else labelled exactly so (bound literals: one index probe each)
        for lit in ((form, "ar"), (form, "en"), form):
            for r in store.select(fill(queries.load("entity_by_label"), label=lit)):
                add(r["e"])
    if hits:
        return hits
    for r in store.select(queries.load("labels")):  # slow path: compare with every label
        if _key(r["label"]) == want and r["e"] not in hits:
            hits.append(r["e"])
    return hits


def claims_about(store: OxigraphStore, iris: list[str], limit: int | None = None) -> list[dict]:
    """Claims where any of ``iris`` is the claimant, a party or a relay (export records + role).

    ``limit``: at most that many claims (the first found in the store's index order, returned in
    document order); their fields are fetched for those only, so a look-up of a much-cited
    entity costs the page asked for, not every claim (:func:`count_claims_about` gives the total).
    """
    roles: dict[str, set[str]] = {}
    for iri in iris:
        q = fill(queries.load("claims_of_entity"), e=_iri(iri))
        if limit:  # the page first (a streamed DISTINCT ... LIMIT), then the roles of those claims only
            page = fill(queries.load("claim_ids_of_entity"), e=_iri(iri)) + f"\nLIMIT {int(limit) - len(roles)}"
            ids = [r["claim"] for r in store.select(page) if r["claim"] not in roles]
            if not ids:
                continue
            q = with_values(q, "claim", ids)
        for r in store.select(q):
            roles.setdefault(r["claim"], set()).add(r["role"])
        if limit and len(roles) >= limit:
            break
    return [{**c, "roles": sorted(roles[c["id"]])} for c in claims_by_id(store, roles)]


def count_claims_about(store: OxigraphStore, iris: list[str]) -> int:
    """How many claims :func:`claims_about` would return without a limit."""
    if len(iris) == 1:
        return int(store.select(fill(queries.load("count_claims_of_entity"), e=_iri(iris[0])))[0]["n"])
    ids = set()
    for iri in iris:
        ids.update(r["claim"] for r in store.select(fill(queries.load("claims_of_entity"), e=_iri(iri))))
    return len(ids)


def resolve_all(store: OxigraphStore, names) -> list[list[str]]:
    """The IRIs of each name in ``names``; LookupError naming the first one nothing matches."""
    out = []
    for name in names:
        iris = resolve(store, name)
        if not iris:
            raise LookupError(f"no entity named {name!r} in the store")
        out.append(iris)
    return out


def who_alleges(store: OxigraphStore, type_name: str, between: list[str], limit: int | None = None) -> list[dict]:
    """Claims of allegation ``type_name`` whose parties include every entity named in ``between``.

    ``limit``: at most that many claims (the first found, returned in document order).
    """
    sets = resolve_all(store, between)
    t = _iri(KG + type_name)
    page = f"\nLIMIT {int(limit)}" if limit else ""
    if not sets:
        ids = [r["claim"] for r in store.select(queries.load("claims_of_type") + page, t=t)]
    elif len(sets) == 2 and len(sets[0]) == len(sets[1]) == 1:  # the usual question: one join, streamed
        ids = [r["claim"] for r in store.select(
            fill(queries.load("claims_of_type_with_parties"), t=t, p1=_iri(sets[0][0]), p2=_iri(sets[1][0])) + page)]
    else:
        found = None
        for iris in sets:  # claims of the type with a party in this set, intersected over the sets
            got = {r["claim"] for iri in iris
                   for r in store.select(fill(queries.load("claims_of_type_with_party"), t=t, party=_iri(iri)))}
            found = got if found is None else found & got
            if not found:
                break
        ids = sorted(found or ())[:limit or None]
    return claims_by_id(store, ids)


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
