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
# outlets met only as publishers in input metadata: described once here, not in every document's
# graph (a publisher of 50,000 articles would otherwise carry 150,000 copies of its label)
SOURCES_GRAPH = ID["graph/sources"]
ADD_ONLY_GRAPHS = frozenset({str(SOURCES_GRAPH)})  # written to, never replaced


def nquads(graph: str, triples: list[str]) -> str:
    """N-Triples terms (``"<s> <p> o"``, no final dot) as N-Quads lines in ``graph``; "" for none."""
    end = f" <{graph}> .\n"
    return end.join(triples) + end if triples else ""


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
    return URIRef(_actor_iri(a, doc_id, claim_key))


def _actor_iri(a: Actor, doc_id: str, claim_key: str = "") -> str:
    if a.entity:
        return f"{ID}entity/{a.entity}"
    norm = normalize_phrase(a.label)
    if a.type == "Person":
        return f"{ID}entity/person/{_digest(norm)}"
    if a.type == "AnonymousSource":
        return f"{ID}entity/anon/{_safe(doc_id)}/{_digest(norm, a.start, claim_key if a.start is None else '')}"
    return f"{ID}entity/{a.type.lower()}/{_safe(doc_id)}/{_digest(norm)}"


def mention_sets(mentions) -> list[tuple[str, str]]:
    """(entity key, "start-end start-end ...") per entity named in a document, in first-mention order.

    One node per entity and document instead of one per span: an article names ~40 entities
    ~130 times, and five quads a span were half of everything written. The spans literal keeps
    every offset (``parse_spans`` reads it back).
    """
    spans: dict[str, list[str]] = {}
    for m in mentions:
        if m.entity:
            spans.setdefault(m.entity, []).append(f"{m.start}-{m.end}")
    return [(e, " ".join(v)) for e, v in spans.items()]


def parse_spans(value: str) -> list[tuple[int, int]]:
    """``"12-18 40-46"`` → ``[(12, 18), (40, 46)]``."""
    out = []
    for part in str(value).split():
        a, _, b = part.partition("-")
        out.append((int(a), int(b)))
    return out


class GraphBuilder:
    """Builds the named graph of one document."""

    def __init__(self, kn: Knowledge, run_iri: URIRef | None = None, started: datetime | None = None):
        self.kn = kn
        self.started = started or datetime.now(timezone.utc)
        self.run = run_iri or ID[f"run/{_digest(self.started.isoformat())}"]
        self._by_name: dict[str, list[str]] | None = None
        self._fast: "NQuadsWriter | None" = None

    def by_name(self) -> dict[str, list[str]]:
        if self._by_name is None:
            self._by_name = self.kn.by_name()
        return self._by_name

    def ntriples(self, ex: Extraction) -> tuple[str, list[str]]:
        """The same triples as :meth:`build`, as N-Triples terms ``"<s> <p> o"`` (no final dot), fast.

        Returns ``(graph IRI, triples)``, each triple once. :meth:`build` (rdflib) stays the
        reference: ``tests/test_scale.py`` checks that both give the same set on the corpus.
        """
        if self._fast is None:
            self._fast = NQuadsWriter(self)
        return self._fast.triples(ex)

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
            if d.date:
                g.add((ai, SCHEMA.datePublished, Literal(d.date)))
        for entity, spans in mention_sets(ex.mentions):
            ms = ID[f"doc/{_safe(d.id)}/mentions/{_safe(entity)}"]
            g.add((ms, RDF.type, KG.MentionSet))
            g.add((ms, KG.denotes, ID[f"entity/{entity}"]))
            g.add((ms, KG.inDocument, doc))
            g.add((ms, KG.spans, Literal(spans)))
        for c in ex.claims:
            self._claim(g, c, doc, arts.get(c.article), d.text)
        return g

    def source_ntriples(self, d) -> list[str]:
        """The ``id:graph/sources`` triples this document brings, as N-Triples terms: its publisher
        (type and label), when the gazetteer does not know it."""
        if self._fast is None:
            self._fast = NQuadsWriter(self)
        return self._fast.source_triples(d)

    def new_source_ntriples(self, d, seen: set[str]) -> list[str]:
        """:meth:`source_ntriples` less those in ``seen`` (then added to it): the sources graph is
        only ever added to, so one run writes each publisher's description once."""
        new = [t for t in self.source_ntriples(d) if t not in seen]
        seen.update(new)
        return new

    def _known_publisher(self, d) -> str | None:
        hits = self.by_name().get(normalize_phrase(d.publisher).lower(), [])
        return hits[0] if hits else None

    def publisher_of(self, d) -> URIRef | None:
        """The article's publisher: the gazetteer outlet when the name resolves, else a minted outlet."""
        if not d.publisher or not d.publisher.strip():
            return None
        known = self._known_publisher(d)
        if known:
            return ID[f"entity/{known}"]
        return ID[f"entity/mediaoutlet/{_digest(normalize_phrase(d.publisher).lower())}"]

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


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def _script_lang(s: str) -> str:
    return "ar" if _ARABIC.search(s) else "en"


# ------------------------------------------------------------------ fast path: N-Triples text
def _esc(v: str) -> str:
    """N-Triples string escaping; most values need none, and ``in`` tests are C-fast where a
    ``str.translate`` table walks every character in Python (a third of the builder's time)."""
    if "\\" in v or '"' in v or "\n" in v or "\r" in v:
        return v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return v


_XSD_INTEGER = f"^^<{XSD.integer}>"


def _i(iri) -> str:
    return f"<{iri}>"


def _s(v: str) -> str:
    """A plain (xsd:string) literal."""
    return f'"{_esc(v)}"'


def _ar(v: str) -> str:
    return f'"{_esc(v)}"@ar'


def _l(v: str, lang: str) -> str:
    return f'"{_esc(v)}"@{lang}'


def _n(v: int) -> str:
    return f'"{int(v)}"{_XSD_INTEGER}'


class _T:
    """N-Triples forms of the vocabulary terms the builder uses (computed once)."""

    def __init__(self):
        for name, term in {
            "type": RDF.type, "label": RDFS.label,
            "Document": KG.Document, "Article": KG.Article, "MentionSet": KG.MentionSet, "spans": KG.spans, "Claim": KG.Claim,
            "Actor": KG.Actor, "Location": KG.Location, "MediaOutlet": KG.MediaOutlet,
            "text": KG.text, "contentHash": KG.contentHash, "source": KG.source, "inDocument": KG.inDocument,
            "articleIndex": KG.articleIndex, "startOffset": KG.startOffset, "endOffset": KG.endOffset,
            "headline": KG.headline, "publisher": KG.publisher, "denotes": KG.denotes, "role": KG.role,
            "affiliation": KG.affiliation, "softwareVersion": KG.softwareVersion, "claimant": KG.claimant,
            "stance": KG.stance, "cue": KG.cue, "cueStart": KG.cueStart, "cueEnd": KG.cueEnd, "quote": KG.quote,
            "evidence": KG.evidence, "reportedTo": KG.reportedTo, "citedBy": KG.citedBy, "relay": KG.relay,
            "relayOrder": KG.relayOrder, "relayActor": KG.relayActor, "allegationType": KG.allegationType,
            "party": KG.party, "location": KG.location, "inArticle": KG.inArticle, "confidence": KG.confidence,
            "Entity": PROV.Entity, "Activity": PROV.Activity, "startedAtTime": PROV.startedAtTime,
            "wasGeneratedBy": PROV.wasGeneratedBy, "wasDerivedFrom": PROV.wasDerivedFrom,
            "SchemaClaim": SCHEMA.Claim, "url": SCHEMA.url, "datePublished": SCHEMA.datePublished,
            "SpecificResource": OA.SpecificResource, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
            "TextPositionSelector": OA.TextPositionSelector, "TextQuoteSelector": OA.TextQuoteSelector,
            "start": OA.start, "end": OA.end, "exact": OA.exact, "prefix": OA.prefix, "suffix": OA.suffix,
        }.items():
            setattr(self, name, _i(term))
        self.stance_iri = {k: _i(v) for k, v in STANCE_IRI.items()}


class NQuadsWriter:
    """Emits exactly :meth:`GraphBuilder.build`'s triples as N-Triples strings, without rdflib objects.

    Every rule here mirrors one line of ``build``/``_claim``/``_actor``; a change to one must be
    made to the other (``tests/test_scale.py`` compares them triple for triple).
    """

    def __init__(self, builder: GraphBuilder):
        self.b = builder
        self.T = _T()
        self.run = _i(builder.run)
        T = self.T
        self.run_triples = [
            f"{self.run} {T.type} {T.Activity}",
            f'{self.run} {T.startedAtTime} "{builder.started.isoformat()}"^^<{XSD.dateTime}>',
            f"{self.run} {T.softwareVersion} {_s(f'isnad {__version__}')}",
        ]

    def _actor(self, out: dict, a: Actor, doc_id: str, claim_key: str = "") -> str:
        iri = f"<{_actor_iri(a, doc_id, claim_key)}>"
        if a.entity and a.entity in self.b.kn.entities:
            return iri
        T = self.T
        out[f"{iri} {T.type} {_i(KG[a.type])}"] = None
        out[f"{iri} {T.type} {T.Actor if a.type != 'Location' else T.Location}"] = None
        out[f"{iri} {T.label} {_ar(a.label)}"] = None
        if a.label_en:
            out[f"{iri} {T.label} {_l(a.label_en, 'en')}"] = None
        if a.role:
            out[f"{iri} {T.role} {_ar(a.role)}"] = None
        if a.affiliation:
            out[f"{iri} {T.affiliation} {_i(ID[f'entity/{a.affiliation}'])}"] = None
        return iri

    def triples(self, ex: Extraction) -> tuple[str, list[str]]:
        T, d = self.T, ex.document
        out: dict[str, None] = {}  # insertion-ordered set
        add = out.setdefault
        safe = _safe(d.id)
        doc = _i(doc_iri(d.id))
        add(f"{doc} {T.type} {T.Document}")
        add(f"{doc} {T.type} {T.Entity}")
        add(f"{doc} {T.text} {_s(d.text)}")
        add(f"{doc} {T.contentHash} {_s(d.content_hash)}")
        if d.source:
            add(f"{doc} {T.source} {_s(d.source)}")
        if d.url:
            add(f"{doc} {T.url} {_s(d.url)}")
        if d.date:
            add(f"{doc} {T.datePublished} {_s(d.date)}")
        for t in self.run_triples:
            add(t)
        add(f"{doc} {T.wasGeneratedBy} {self.run}")
        pub = self.b.publisher_of(d)
        publisher = _i(pub) if pub else None
        arts = {}
        for a in d.articles:
            ai = f"<{ID}doc/{safe}/article/{a.index}>"
            arts[a.index] = ai
            add(f"{ai} {T.type} {T.Article}")
            add(f"{ai} {T.inDocument} {doc}")
            add(f"{ai} {T.articleIndex} {_n(a.index)}")
            add(f"{ai} {T.startOffset} {_n(a.start)}")
            add(f"{ai} {T.endOffset} {_n(a.end)}")
            if a.headline:
                add(f"{ai} {T.headline} {_ar(a.headline)}")
            if publisher:
                add(f"{ai} {T.publisher} {publisher}")
            if d.date:
                add(f"{ai} {T.datePublished} {_s(d.date)}")
        mprefix = f"<{ID}doc/{safe}/mentions/"
        for entity, spans in mention_sets(ex.mentions):
            mi = f"{mprefix}{_safe(entity)}>"
            add(f"{mi} {T.type} {T.MentionSet}")
            add(f"{mi} {T.denotes} <{ID}entity/{entity}>")
            add(f"{mi} {T.inDocument} {doc}")
            add(f"{mi} {T.spans} {_s(spans)}")
        for c in ex.claims:
            self._claim(out, c, doc, arts.get(c.article), d.text)
        return str(graph_iri(d.id)), list(out)

    def source_triples(self, d) -> list[str]:
        T = self.T
        pub = self.b.publisher_of(d)
        if not (pub and d.publisher and not self.b._known_publisher(d)):
            return []
        publisher = _i(pub)
        return [f"{publisher} {T.type} {T.MediaOutlet}", f"{publisher} {T.type} {T.Actor}",
                f"{publisher} {T.label} {_l(d.publisher.strip(), _script_lang(d.publisher))}"]

    def _claim(self, out: dict, c: Claim, doc: str, art: str | None, text: str) -> None:
        T = self.T
        add = out.setdefault
        key = f"{c.cue_start}-{c.start}-{c.end}"
        cv = f"{ID}claim/{_safe(c.doc)}/{key}"
        ci = f"<{cv}>"
        add(f"{ci} {T.type} {T.Claim}")
        add(f"{ci} {T.type} {T.Entity}")
        add(f"{ci} {T.type} {T.SchemaClaim}")
        add(f"{ci} {T.claimant} {self._actor(out, c.claimant, c.doc, key)}")
        add(f"{ci} {T.stance} {T.stance_iri[c.stance]}")
        add(f"{ci} {T.cue} {_ar(c.cue)}")
        add(f"{ci} {T.cueStart} {_n(c.cue_start)}")
        add(f"{ci} {T.cueEnd} {_n(c.cue_end)}")
        add(f"{ci} {T.quote} {_ar(c.quote)}")
        ev, pos, qs = f"<{cv}/evidence>", f"<{cv}/position>", f"<{cv}/quote>"
        add(f"{ci} {T.evidence} {ev}")
        add(f"{ev} {T.type} {T.SpecificResource}")
        add(f"{ev} {T.hasSource} {doc}")
        add(f"{ev} {T.hasSelector} {pos}")
        add(f"{ev} {T.hasSelector} {qs}")
        add(f"{pos} {T.type} {T.TextPositionSelector}")
        add(f"{pos} {T.start} {_n(c.start)}")
        add(f"{pos} {T.end} {_n(c.end)}")
        add(f"{qs} {T.type} {T.TextQuoteSelector}")
        add(f"{qs} {T.exact} {_ar(c.quote)}")
        add(f"{qs} {T.prefix} {_s(text[max(0, c.start - 32):c.start])}")
        add(f"{qs} {T.suffix} {_s(text[c.end:c.end + 32])}")
        for a in c.reported_to:
            add(f"{ci} {T.reportedTo} {self._actor(out, a, c.doc, key)}")
        for i, a in enumerate(c.cited_by):
            ai = self._actor(out, a, c.doc, key)
            add(f"{ci} {T.citedBy} {ai}")
            link = f"<{cv}/relay/{i + 1}>"
            add(f"{ci} {T.relay} {link}")
            add(f"{link} {T.relayOrder} {_n(i + 1)}")
            add(f"{link} {T.relayActor} {ai}")
        for t in c.allegation_types:
            add(f"{ci} {T.allegationType} <{KG}{t.capitalize()}>")
        for a in c.parties:
            add(f"{ci} {T.party} {self._actor(out, a, c.doc, key)}")
        for a in c.locations:
            add(f"{ci} {T.location} {self._actor(out, a, c.doc, key)}")
        if art is not None:
            add(f"{ci} {T.inArticle} {art}")
        add(f'{ci} {T.confidence} "{c.confidence:.2f}"^^<{XSD.decimal}>')
        add(f"{ci} {T.wasGeneratedBy} {self.run}")
        add(f"{ci} {T.wasDerivedFrom} {doc}")


def _turtle_ntriples(path) -> list[str]:
    """A Turtle file's triples as N-Triples terms (pyoxigraph's parser: milliseconds, where rdflib
    took most of a second for the gazetteer on every ingest)."""
    import pyoxigraph as ox

    return [str(t) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def kb_ntriples(kn: Knowledge) -> list[str]:
    """The gazetteer as the ``id:graph/kb`` graph (the Turtle file, as is, plus the
    ``kg:Actor``/``kg:Location`` class of every entity)."""
    out = [t for f in kn.files if f.name == "gazetteer.ttl" for t in _turtle_ntriples(f)]
    for e in kn.entities.values():
        out.append(f"<{e.iri}> <{RDF.type}> <{KG.Actor if e.type != 'Location' else KG.Location}>")
    return list(dict.fromkeys(out))


def ontology_ntriples(kn: Knowledge) -> list[str]:
    """``kg.ttl`` and ``allegations.ttl`` as the ``id:graph/ontology`` graph."""
    base = kn.files[0].parent
    return [t for name in ("kg.ttl", "allegations.ttl") if (base / name).exists()
            for t in _turtle_ntriples(base / name)]


__all__ = ["GraphBuilder", "SOURCES_GRAPH", "ADD_ONLY_GRAPHS", "mention_sets", "parse_spans", "kb_ntriples", "ontology_ntriples", "KB_GRAPH", "ONTOLOGY_GRAPH", "graph_iri", "doc_iri", "actor_iri", "SKOS", "GEO"]
