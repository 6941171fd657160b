"""Exports for other tools: GEXF and GraphML (Gephi, Cytoscape), CSV of edges, GeoJSON, JSON-LD.

All read the store (through :func:`kg.graph.project` or SPARQL); none of them needs the network.

- :func:`write_gexf`, :func:`write_graphml`: networkx writers over a copy of the graph whose
  attributes are plain strings and numbers (None dropped, lists joined, characters XML 1.0
  forbids removed).
- :func:`edges_csv`: one row per edge with both ends' labels and types, the stance and, for
  edges that touch a claim, its quote and evidence (``doc:start-end``). Cells that a spreadsheet
  would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab, CR) get a leading ``'``
  unless ``raw=True``.
- :func:`geojson`: a FeatureCollection of the locations with ``geo:lat``/``geo:long`` in the
  gazetteer that claims or mentions in the store refer to (``all_locations=True``: every one).
- :func:`document_jsonld`: one document's named graph as JSON-LD with a compact context.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx

from .store import OxigraphStore, bind, iter_graph_docs

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

CONTEXT = {
    "kg": "https://w3id.org/isnad/kg#",
    "id": "https://w3id.org/isnad/id/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}


# ------------------------------------------------------------------ GEXF / GraphML
def _scalar(v):
    """An attribute value as str/int/float/bool (None → None, collections joined).

    >>> _scalar(["a", "b"]), _scalar({"x": 1}), _scalar(2), _scalar("a\\x0bb")
    ('a; b', '{"x": 1}', 2, 'ab')
    """
    if v is None:
        return None
    if isinstance(v, bool) or isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        return _XML_BAD.sub("", v)
    if isinstance(v, (list, tuple, set, frozenset)):
        return _XML_BAD.sub("", "; ".join(str(x) for x in (sorted(v) if isinstance(v, (set, frozenset)) else v)))
    if isinstance(v, dict):
        return _XML_BAD.sub("", json.dumps(v, ensure_ascii=False, sort_keys=True))
    return _XML_BAD.sub("", str(v))


def plain(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose node ids are strings and whose attributes are strings or numbers."""
    H = G.__class__()
    H.graph["name"] = str(G.graph.get("name", "isnad"))

    def attrs(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            s = _scalar(v)
            if s is not None:
                out[str(k)] = s
        return out

    for n, d in G.nodes(data=True):
        H.add_node(_scalar(str(n)), **attrs(d))
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(_scalar(str(u)), _scalar(str(v)), key=k, **attrs(d))
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(_scalar(str(u)), _scalar(str(v)), **attrs(d))
    return H


def write_gexf(G: nx.Graph, path: str | Path) -> Path:
    """GEXF 1.2 (Gephi); node ``label`` is the bilingual label."""
    nx.write_gexf(plain(G), str(path), encoding="utf-8")
    return Path(path)


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """GraphML (Cytoscape, yEd, Gephi)."""
    nx.write_graphml(plain(G), str(path), encoding="utf-8")
    return Path(path)


def gexf_text(G: nx.Graph) -> str:
    return "\n".join(nx.generate_gexf(plain(G))) + "\n"


def graphml_text(G: nx.Graph) -> str:
    return "\n".join(nx.generate_graphml(plain(G))) + "\n"


# ------------------------------------------------------------------ CSV of edges
EDGE_COLUMNS = ("source", "target", "kind", "stance", "source_label", "source_label_en", "source_type",
                "target_label", "target_label_en", "target_type", "weight", "claim", "evidence", "quote")


def _cell(v, raw: bool) -> str:
    s = "" if v is None else str(v)
    if not raw and s.startswith(_FORMULA):
        return "'" + s
    return s


def edges_csv(G: nx.Graph, *, raw: bool = False) -> str:
    """Every edge as a CSV row (columns :data:`EDGE_COLUMNS`), UTF-8 text with a header.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label_ar="أ", label_en="A", type="Person", kind="actor")
    >>> G.add_node("c", kind="claim", type="Claim", quote="=1+1", evidence="d:0-4", label_ar="قال")
    >>> _ = G.add_edge("a", "c", kind="claims", stance="asserts")
    >>> print(edges_csv(G).splitlines()[1])
    a,c,claims,asserts,أ,A,Person,قال,,Claim,,c,d:0-4,'=1+1
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EDGE_COLUMNS)
    for u, v, d in G.edges(data=True):
        a, b = G.nodes[u], G.nodes[v]
        claim = u if a.get("kind") == "claim" else v if b.get("kind") == "claim" else None
        c = G.nodes[claim] if claim is not None else {}
        row = (u, v, d.get("kind"), d.get("stance"), a.get("label_ar"), a.get("label_en"), a.get("type"),
               b.get("label_ar"), b.get("label_en"), b.get("type"), d.get("weight"), claim,
               c.get("evidence"), c.get("quote"))
        w.writerow([_cell(x, raw) for x in row])
    return buf.getvalue()


# ------------------------------------------------------------------ GeoJSON
_COORDS = """
PREFIX geo:  <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?loc ?lat ?long ?label_ar ?label_en WHERE {
  ?loc geo:lat ?lat ; geo:long ?long .
  OPTIONAL { ?loc rdfs:label ?label_ar FILTER(lang(?label_ar) = "ar") }
  OPTIONAL { ?loc rdfs:label ?label_en FILTER(lang(?label_en) = "en") }
}
"""
_LOC_CLAIMS = """
PREFIX kg: <https://w3id.org/isnad/kg#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?loc ?claim ?doc WHERE { ?claim kg:location ?loc ; kg:evidence/oa:hasSource ?doc }
"""
_LOC_MENTIONS = """
PREFIX kg: <https://w3id.org/isnad/kg#>
SELECT ?loc ?m ?doc ?spans WHERE { ?m a kg:MentionSet ; kg:denotes ?loc ; kg:inDocument ?doc ; kg:spans ?spans }
"""


def geojson(store: OxigraphStore, *, all_locations: bool = False) -> dict:
    """A GeoJSON FeatureCollection of located places, with claim and mention counts per place.

    Coordinates are ``[longitude, latitude]`` (RFC 7946) from the gazetteer's ``geo:long``/``geo:lat``.
    """
    claims: dict[str, set] = defaultdict(set)
    mentions: dict[str, int] = defaultdict(int)
    docs: dict[str, set] = defaultdict(set)
    for r in store.select(_LOC_CLAIMS):
        claims[r["loc"]].add(r["claim"])
        docs[r["loc"]].add(r["doc"].rsplit("/doc/", 1)[-1])
    for r in store.select(_LOC_MENTIONS):
        mentions[r["loc"]] += len(str(r["spans"]).split())
        docs[r["loc"]].add(r["doc"].rsplit("/doc/", 1)[-1])
    feats, seen = [], set()
    for r in sorted(store.select(_COORDS), key=lambda r: r["loc"]):
        loc = r["loc"]
        if loc in seen or not (all_locations or claims.get(loc) or mentions.get(loc)):
            continue
        try:
            lat, lon = float(r["lat"]), float(r["long"])
        except (TypeError, ValueError):
            continue
        seen.add(loc)
        feats.append({
            "type": "Feature",
            "id": loc,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"iri": loc, "label_ar": r["label_ar"], "label_en": r["label_en"],
                           "claims": len(claims.get(loc, ())), "mentions": mentions.get(loc, 0),
                           "docs": sorted(docs.get(loc, ()))},
        })
    return {"type": "FeatureCollection", "features": feats}


# ------------------------------------------------------------------ JSON-LD
def document_jsonld(store: OxigraphStore, doc: str) -> str:
    """The named graph of document ``doc`` (file stem) as JSON-LD with :data:`CONTEXT`."""
    import pyoxigraph as ox
    from rdflib import Graph

    from .rdf import graph_iri

    docs = list(iter_graph_docs(store))
    if doc not in docs:
        raise LookupError(f"no document {doc!r} in the store; documents: {', '.join(docs) or 'none'}")
    from rdflib import URIRef

    res = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", bind(g=URIRef(str(graph_iri(doc)))))
    nt = ox.serialize(list(res), format=ox.RdfFormat.N_TRIPLES) or b""
    g = Graph()
    g.parse(data=nt.decode("utf-8"), format="nt")
    return g.serialize(format="json-ld", context=CONTEXT, indent=2, ensure_ascii=False)
