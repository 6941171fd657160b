"""RDF: an Extraction → one named graph per document, per ``vocabulary.md``.

Provenance: every claim points to a ``prov:Activity`` (the run) and to a Web Annotation
``oa:SpecificResource`` whose selectors give the character offsets into the original text
and the exact quote, so any claim can be checked against its source. Actors not in the
gazetteer are minted in the document's graph, labelled with their surface form.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from . import __version__
from .knowledge import GEO, ID, KG, Knowledge
from .model import Actor, Claim, Extraction
from .nlp.normalize import normalize_phrase

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

STANCE_IRI = {"asserts": KG.Asserts, "denies": KG.Denies, "hedges": KG.Hedges, "declines": KG.Declines}
KB_GRAPH = ID["graph/kb"]
ONTOLOGY_GRAPH = ID["graph/ontology"]


def graph_iri(doc_id: str) -> URIRef:
    return ID[f"graph/doc/{_safe(doc_id)}"]


def doc_iri(doc_id: str) -> URIRef:
    return ID[f"doc/{_safe(doc_id)}"]


def _safe(s: str) -> str:
    """IRI-safe path segment: keep word characters, dots and dashes."""
    return re.sub(r"[^\w.\-]", "_", s)


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def actor_iri(a: Actor, doc_id: str, claim_key: str = "") -> URIRef:
    """Known entities by key; unknown people and groups by their normalised name; anonymous per mention."""
    if a.entity:
        return ID[f"entity/{a.entity}"]
    norm = normalize_phrase(a.label)
    if a.type == "Person":
        return ID[f"entity/person/{_digest(norm)}"]
    if a.type == "AnonymousSource":
        return ID[f"entity/anon/{_safe(doc_id)}/{_digest(norm, a.start, claim_key if a.start is None else '')}"]
    return ID[f"entity/{a.type.lower()}/{_safe(doc_id)}/{_digest(norm)}"]


class GraphBuilder:
    """Builds the named graph of one document."""

    def __init__(self, kn: Knowledge, run_iri: URIRef | None = None, started: datetime | None = None):
        self.kn = kn
        self.started = started or datetime.now(timezone.utc)
        self.run = run_iri or ID[f"run/{_digest(self.started.isoformat())}"]

    def _actor(self, g: Graph, a: Actor, doc_id: str, claim_key: str = "") -> URIRef:
        iri = actor_iri(a, doc_id, claim_key)
        if a.entity and a.entity in self.kn.entities:
            return iri  # described in the kb graph
        g.add((iri, RDF.type, KG[a.type]))
        g.add((iri, RDF.type, KG.Actor if a.type != "Location" else KG.Location))
        g.add((iri, RDFS.label, Literal(a.label, lang="ar")))
        if a.label_en:
            g.add((iri, RDFS.label, Literal(a.label_en, lang="en")))
        if a.role:
            g.add((iri, KG.role, Literal(a.role, lang="ar")))
        if a.affiliation:
            g.add((iri, KG.affiliation, ID[f"entity/{a.affiliation}"]))
        return iri

    def build(self, ex: Extraction) -> Graph:
        d = ex.document
        g = Graph(identifier=graph_iri(d.id))
        doc = doc_iri(d.id)
        g.add((doc, RDF.type, KG.Document))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, KG.text, Literal(d.text)))
        g.add((doc, KG.contentHash, Literal(d.content_hash)))
        if d.source:
            g.add((doc, KG.source, Literal(d.source)))
        if d.url:
            g.add((doc, SCHEMA.url, Literal(d.url)))
        if d.date:
            g.add((doc, SCHEMA.datePublished, Literal(d.date)))
        g.add((self.run, RDF.type, PROV.Activity))
        g.add((self.run, PROV.startedAtTime, Literal(self.started.isoformat(), datatype=XSD.dateTime)))
        g.add((self.run, KG.softwareVersion, Literal(f"isnad {__version__}")))
        g.add((doc, PROV.wasGeneratedBy, self.run))
        publisher = self.publisher_of(d)
        arts = {}
        for a in d.articles:
            ai = ID[f"doc/{_safe(d.id)}/article/{a.index}"]
            arts[a.index] = ai
            g.add((ai, RDF.type, KG.Article))
            g.add((ai, KG.inDocument, doc))
            g.add((ai, KG.articleIndex, Literal(a.index)))
            g.add((ai, KG.startOffset, Literal(a.start)))
            g.add((ai, KG.endOffset, Literal(a.end)))
            if a.headline:
                g.add((ai, KG.headline, Literal(a.headline, lang="ar")))
            if publisher:
                g.add((ai, KG.publisher, publisher))
        for m in ex.mentions:
            if not m.entity:
                continue
            mi = ID[f"doc/{_safe(d.id)}/mention/{m.start}-{m.end}"]
            g.add((mi, RDF.type, KG.Mention))
            g.add((mi, KG.denotes, ID[f"entity/{m.entity}"]))
            g.add((mi, KG.inDocument, doc))
            g.add((mi, OA.start, Literal(m.start)))
            g.add((mi, OA.end, Literal(m.end)))
        for c in ex.claims:
            self._claim(g, c, doc, arts.get(c.article), d.text)
        return g

    def publisher_of(self, d) -> URIRef | None:
        if not d.publisher:
            return None
        key = normalize_phrase(d.publisher).lower()
        hits = self.kn.by_name().get(key, [])
        if hits:
            return ID[f"entity/{hits[0]}"]
        return None

    def _claim(self, g: Graph, c: Claim, doc: URIRef, art: URIRef | None, text: str) -> None:
        key = f"{c.cue_start}-{c.start}-{c.end}"
        ci = ID[f"claim/{_safe(c.doc)}/{key}"]
        g.add((ci, RDF.type, KG.Claim))
        g.add((ci, RDF.type, PROV.Entity))
        g.add((ci, RDF.type, SCHEMA.Claim))
        g.add((ci, KG.claimant, self._actor(g, c.claimant, c.doc, key)))
        g.add((ci, KG.stance, STANCE_IRI[c.stance]))
        g.add((ci, KG.cue, Literal(c.cue, lang="ar")))
        g.add((ci, KG.cueStart, Literal(c.cue_start)))
        g.add((ci, KG.cueEnd, Literal(c.cue_end)))
        g.add((ci, KG.quote, Literal(c.quote, lang="ar")))
        ev = URIRef(f"{ci}/evidence")
        pos = URIRef(f"{ci}/position")
        qs = URIRef(f"{ci}/quote")
        g.add((ci, KG.evidence, ev))
        g.add((ev, RDF.type, OA.SpecificResource))
        g.add((ev, OA.hasSource, doc))
        g.add((ev, OA.hasSelector, pos))
        g.add((ev, OA.hasSelector, qs))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(c.start)))
        g.add((pos, OA.end, Literal(c.end)))
        g.add((qs, RDF.type, OA.TextQuoteSelector))
        g.add((qs, OA.exact, Literal(c.quote, lang="ar")))
        g.add((qs, OA.prefix, Literal(text[max(0, c.start - 32):c.start])))
        g.add((qs, OA.suffix, Literal(text[c.end:c.end + 32])))
        for i, a in enumerate(c.reported_to):
            g.add((ci, KG.reportedTo, self._actor(g, a, c.doc, key)))
        for i, a in enumerate(c.cited_by):
            ai = self._actor(g, a, c.doc, key)
            g.add((ci, KG.citedBy, ai))
            link = URIRef(f"{ci}/relay/{i + 1}")
            g.add((ci, KG.relay, link))
            g.add((link, KG.relayOrder, Literal(i + 1)))
            g.add((link, KG.relayActor, ai))
        for t in c.allegation_types:
            g.add((ci, KG.allegationType, KG[t.capitalize()]))
        for a in c.parties:
            g.add((ci, KG.party, self._actor(g, a, c.doc, key)))
        for a in c.locations:
            g.add((ci, KG.location, self._actor(g, a, c.doc, key)))
        if art is not None:
            g.add((ci, KG.inArticle, art))
        g.add((ci, KG.confidence, Literal(f"{c.confidence:.2f}", datatype=XSD.decimal)))
        g.add((ci, PROV.wasGeneratedBy, self.run))
        g.add((ci, PROV.wasDerivedFrom, doc))


def kb_graph(kn: Knowledge) -> Graph:
    """The gazetteer as the ``id:graph/kb`` graph (the Turtle file, as is)."""
    g = Graph(identifier=KB_GRAPH)
    for f in kn.files:
        if f.name == "gazetteer.ttl":
            g.parse(f, format="turtle")
    for e in kn.entities.values():
        g.add((URIRef(e.iri), RDF.type, KG.Actor if e.type != "Location" else KG.Location))
    return g


def ontology_graph(kn: Knowledge) -> Graph:
    g = Graph(identifier=ONTOLOGY_GRAPH)
    base = kn.files[0].parent
    for name in ("kg.ttl", "allegations.ttl"):
        p = base / name
        if p.exists():
            g.parse(p, format="turtle")
    return g


__all__ = ["GraphBuilder", "kb_graph", "ontology_graph", "graph_iri", "doc_iri", "actor_iri", "SKOS", "GEO"]
