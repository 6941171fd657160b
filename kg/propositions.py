"""Propositions: one allegation about a set of parties, gathered across documents.

``Coordination{Syrian regime, ISIS}`` groups every claim, in any document, that asserts,
hedges or denies coordination between those two. For the bilateral types (coordination,
truce, agreement, negotiation) a claim naming three parties supports each pair of them;
other types keep the claim's whole party set. Strength is the number of independent
upstream sources (:mod:`kg.provenance`): two claims relayed by the same outlet count once.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from .knowledge import ID, KG
from .provenance import upstream_source

BILATERAL = {"coordination", "truce", "agreement", "negotiation"}
PROPOSITIONS_GRAPH = ID["graph/propositions"]


@dataclass
class Proposition:
    type: str
    parties: tuple[str, ...]  # entity IRIs (or actor keys), sorted
    labels: tuple[str, ...]
    claims: list[dict] = field(default_factory=list)

    @property
    def stances(self) -> Counter:
        return Counter(c["stance"] for c in self.claims)

    @property
    def sources(self) -> set[str]:
        return {upstream_source(c) for c in self.claims}

    @property
    def contradicted(self) -> bool:
        s = self.stances
        return s["asserts"] > 0 and s["denies"] > 0

    @property
    def iri(self) -> URIRef:
        h = hashlib.sha1("|".join(self.parties).encode("utf-8")).hexdigest()[:12]
        return ID[f"proposition/{self.type}/{h}"]

    def title(self) -> str:
        return f"{self.type.capitalize()}{{{', '.join(self.labels)}}}"

    def summary(self) -> dict:
        by_stance_sources = {st: len({upstream_source(c) for c in self.claims if c["stance"] == st})
                             for st in ("asserts", "hedges", "denies", "declines")}
        return {
            "proposition": self.title(), "iri": str(self.iri), "type": self.type,
            "parties": [{"entity": p, "label": l} for p, l in zip(self.parties, self.labels)],
            "claims": len(self.claims), "stances": dict(self.stances),
            "independent_sources": len(self.sources), "independent_sources_by_stance": by_stance_sources,
            "contradicted": self.contradicted,
            "claim_ids": [c["id"] for c in self.claims],
        }


def _party_key(p: dict) -> str:
    return p.get("entity") or f"{p.get('type')}:{p.get('label')}"


def build(claims: list[dict]) -> list[Proposition]:
    """Group claims-export records into propositions, strongest first.

    >>> c = lambda i, st, src: {"id": i, "doc": "d", "stance": st, "allegation_types": ["truce"],
    ...     "claimant": {"entity": src}, "cited_by": [],
    ...     "parties": [{"entity": "a", "label": "A"}, {"entity": "b", "label": "B"}]}
    >>> [p] = build([c("1", "asserts", "x"), c("2", "denies", "y"), c("3", "asserts", "x")])
    >>> p.title(), len(p.claims), len(p.sources), p.contradicted
    ('Truce{A, B}', 3, 2, True)
    """
    groups: dict[tuple, Proposition] = {}
    for c in claims:
        parties = {}
        for p in c.get("parties") or []:
            parties.setdefault(_party_key(p), p.get("label_en") or p.get("label") or _party_key(p))
        for t in c.get("allegation_types") or []:
            if t == "other" or not parties:
                continue
            keys = sorted(parties)
            sets = [tuple(x) for x in combinations(keys, 2)] if t in BILATERAL and len(keys) > 2 else [tuple(keys)]
            for ks in sets:
                k = (t, ks)
                if k not in groups:
                    groups[k] = Proposition(t, ks, tuple(parties[x] for x in ks))
                if all(c["id"] != x["id"] for x in groups[k].claims):
                    groups[k].claims.append(c)
    return sorted(groups.values(), key=lambda p: (-len(p.sources), -len(p.claims), p.title()))


def select(props: list[Proposition], type_: str | None = None, parties: list[set[str]] | None = None) -> list[Proposition]:
    """Propositions of ``type_`` whose parties include one IRI of each set in ``parties``."""
    out = []
    for p in props:
        if type_ and p.type != type_.lower():
            continue
        if parties and not all(set(p.parties) & s for s in parties):
            continue
        out.append(p)
    return out


def to_graph(props: list[Proposition]) -> Graph:
    """The propositions as the derived named graph ``id:graph/propositions``."""
    g = Graph(identifier=PROPOSITIONS_GRAPH)
    for p in props:
        i = p.iri
        g.add((i, RDF.type, KG.Proposition))
        g.add((i, RDFS.label, Literal(p.title(), lang="en")))
        g.add((i, KG.allegationType, KG[p.type.capitalize()]))
        for party in p.parties:
            if party.startswith("http"):
                g.add((i, KG.party, URIRef(party)))
        for c in p.claims:
            g.add((i, KG.contestedBy if c["stance"] == "denies" else KG.supportedBy, URIRef(c["id"])))
        g.add((i, KG.claimCount, Literal(len(p.claims))))
        g.add((i, KG.independentSources, Literal(len(p.sources))))
        g.add((i, KG.contradicted, Literal(p.contradicted)))
    return g
