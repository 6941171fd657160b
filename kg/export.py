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


def actor_table(store: OxigraphStore) -> dict[str, dict]:
    """IRI → {label, label_en, type, entity} for every actor the claims and mentions use."""
    out: dict[str, dict] = {}
    for r in store.select(queries.load("actors")):
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


def _doc_id(iri: str) -> str:
    return iri.rsplit("/doc/", 1)[-1]


def claims(store: OxigraphStore) -> list[dict]:
    """Every claim in the store as a claims-export record, ordered by document and offset."""
    actors = actor_table(store)
    links: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in store.select(queries.load("claims_links")):
        if r["p"] == KG + "allegationType":
            links[r["claim"]]["allegation_types"].append((0, _local(r["o"]).lower()))
        else:
            links[r["claim"]][LINKS[r["p"]]].append((r["order"] or 0, r["o"]))
    out = []
    seen = set()
    for r in store.select(queries.load("claims_core")):
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
    out.sort(key=lambda c: (c["doc"], c["quote"]["start"]))
    return out


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
