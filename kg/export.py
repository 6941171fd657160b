"""Exports read from the store (never from in-memory leftovers): claims and entities as JSON Lines.

The claims shape is the contract in ``contracts/claims.md``: evaluation tools read it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from . import queries
from .store import OxigraphStore

KG = "https://w3id.org/isnad/kg#"
ID = "https://w3id.org/isnad/id/"
LINKS = {KG + "reportedTo": "reported_to", KG + "citedBy": "cited_by", KG + "party": "parties",
         KG + "location": "locations"}
KNOWN_PREFIX = ID + "entity/"
MINTED = ("person/", "anon/", "group/", "organization/", "faction/", "mediaoutlet/", "location/", "anonymoussource/")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _actor_rows(rows, out: dict[str, dict]) -> dict[str, dict]:
    for r in rows:
        a = out.setdefault(r["a"], {"label": None, "label_en": None, "type": None, "entity": None})
        if r["type"] and not a["type"]:
            a["type"] = _local(r["type"])
        if r["label_ar"] and not a["label"]:
            a["label"] = r["label_ar"]
        if r["label_en"] and not a["label_en"]:
            a["label_en"] = r["label_en"]
    for iri, a in out.items():
        a["entity"] = None if a["type"] == "AnonymousSource" else iri
        a["label"] = a["label"] or a["label_en"] or _local(iri)
    return out


def actor_table(store: OxigraphStore) -> dict[str, dict]:
    """IRI → {label, label_en, type, entity} for every actor the claims and mentions use."""
    return _actor_rows(store.select(queries.load("actors")), {})


def _doc_id(iri: str) -> str:
    return iri.rsplit("/doc/", 1)[-1]


def _records(core_rows, link_rows, actors: dict[str, dict]) -> list[dict]:
    """Claims-export records from claims_core-shaped rows, link rows and an actor table."""
    links: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in link_rows:
        if r["p"] == KG + "allegationType":
            links[r["claim"]]["allegation_types"].append((0, _local(r["o"]).lower()))
        else:
            links[r["claim"]][LINKS[r["p"]]].append((r["order"] or 0, r["o"]))
    out = []
    seen = set()
    for r in core_rows:
        if r["claim"] in seen:
            continue
        seen.add(r["claim"])
        lk = links.get(r["claim"], {})

        def acts(field):
            items = sorted(set(lk.get(field, [])), key=lambda x: (x[0], x[1]))
            return [actors.get(o, {"label": _local(o), "label_en": None, "type": None, "entity": o}) for _, o in items]

        out.append({
            "doc": _doc_id(r["doc"]),
            "article": r["article"],
            "id": r["claim"],
            "quote": {"start": r["start"], "end": r["end"], "text": r["quote"]},
            "cue": r["cue"],
            "stance": _local(r["stance"]).lower(),
            "claimant": actors.get(r["claimant"]),
            "reported_to": acts("reported_to"),
            "cited_by": acts("cited_by"),
            "publisher": actors.get(r["publisher"]) if r["publisher"] else None,
            "allegation_types": sorted({t for _, t in lk.get("allegation_types", [])}),
            "parties": acts("parties"),
            "locations": acts("locations"),
            "confidence": r["confidence"],
        })
    out.sort(key=lambda c: (c["doc"], c["quote"]["start"], c["id"]))
    return out


def claims(store: OxigraphStore) -> list[dict]:
    """Every claim in the store as a claims-export record, ordered by document and offset.

    Three whole-store queries (actors, links, claims), each one pass over its index: the cost
    grows with the number of claims, never with claims × anything.
    """
    actors = actor_table(store)
    return _records(store.select(queries.load("claims_core")), store.select(queries.load("claims_links")), actors)


CHUNK = 400  # IRIs per VALUES block


def claims_by_id(store: OxigraphStore, claim_iris) -> list[dict]:
    """The export records of the given claims only: graph pattern from the bound claims, labels after.

    Costs grow with the number of claims asked for, not with the size of the store.
    """
    from .store import with_values

    ids = list(dict.fromkeys(claim_iris))
    core, links = [], []
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        core += store.select(with_values(queries.load("claim_records"), "claim", chunk))
        links += store.select(with_values(queries.load("claim_record_links"), "claim", chunk))
    needed = {r[k] for r in core for k in ("claimant", "publisher") if r[k]}
    needed |= {r["o"] for r in links if r["p"] != KG + "allegationType"}
    actors: dict[str, dict] = {}
    needed_l = sorted(needed)
    rows = []
    for i in range(0, len(needed_l), CHUNK):
        rows += store.select(with_values(queries.load("actor_labels"), "a", needed_l[i:i + CHUNK]))
    _actor_rows(rows, actors)
    return _records(core, links, actors)


def entities(store: OxigraphStore) -> Iterator[dict]:
    """One record per entity per document, with the mention offsets."""
    actors = actor_table(store)
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for r in store.select(queries.load("mentions")):
        grouped[(_doc_id(r["doc"]), r["entity"])].append({"start": r["start"], "end": r["end"]})
    for (doc, ent), ms in sorted(grouped.items()):
        a = actors.get(ent, {"label": _local(ent), "label_en": None, "type": None})
        yield {"doc": doc, "entity": ent, "label": a["label"], "label_en": a["label_en"], "type": a["type"],
               "mentions": ms}
