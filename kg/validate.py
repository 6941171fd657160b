"""SHACL validation of every document graph in the store (pyshacl), with the kb and sources graphs beside it.

The shapes live in ``ontology/shapes.ttl``; the graphs are read back from the store with a
CONSTRUCT, so what is validated is what users query.
"""
from __future__ import annotations

from rdflib import Graph

from .knowledge import ontology_dir
from .rdf import KB_GRAPH, SOURCES_GRAPH, graph_iri
from .store import OxigraphStore, iter_graph_docs


def _graph(store: OxigraphStore, iri: str) -> Graph:
    import pyoxigraph as ox

    res = store.db.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    data = ox.serialize(list(res), format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def validate_store(store: OxigraphStore) -> dict[str, tuple[bool, str]]:
    """doc id → (conforms, report text) for every document graph."""
    from pyshacl import validate

    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    ont = Graph().parse(ontology_dir() / "allegations.ttl", format="turtle")
    kb = _graph(store, str(KB_GRAPH)) + _graph(store, str(SOURCES_GRAPH))
    out = {}
    for doc in iter_graph_docs(store):
        g = _graph(store, str(graph_iri(doc)))
        data = g + kb + ont
        ok, _rg, text = validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
        out[doc] = (bool(ok), text)
    return out
