"""GEXF, GraphML, CSV of edges, GeoJSON and JSON-LD from the real store, read back with other tools."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from rdflib import Graph, Namespace

from kg import formats, graph

from .conftest import ROOT, run_kg

GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


@pytest.fixture(scope="module")
def G(store):
    return graph.project(store)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
@pytest.mark.parametrize("view", ["claims", "actors"])
def test_gexf_graphml_round_trip(G, tmp_path, fmt, view):
    H = G if view == "claims" else graph.actor_view(G)
    path = tmp_path / f"g.{fmt}"
    (formats.write_gexf if fmt == "gexf" else formats.write_graphml)(H, path)
    back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert back.number_of_nodes() == H.number_of_nodes()
    assert back.number_of_edges() == H.number_of_edges()
    isis = "https://w3id.org/isnad/id/entity/isis"
    assert back.nodes[isis]["label_ar"] == "داعش" and back.nodes[isis]["type"] == "Faction"
    if view == "claims":
        c = next(n for n, d in G.nodes(data=True) if d["kind"] == "claim")
        assert back.nodes[c]["quote"] == G.nodes[c]["quote"]
        assert int(back.nodes[c]["start"]) == G.nodes[c]["start"]


def test_xml_exports_survive_hostile_text(tmp_path):
    H = nx.MultiDiGraph()
    H.add_node("a", kind="actor", label_ar="<b>\x0b&\x01</b>", tags={"x", "y"}, extra=None, meta={"k": [1]})
    H.add_node("c", kind="claim", quote="]]><script>alert(1)</script>", start=3)
    H.add_edge("a", "c", kind="claims", stance="asserts")
    for write, read in ((formats.write_gexf, nx.read_gexf), (formats.write_graphml, nx.read_graphml)):
        p = tmp_path / "h.xml"
        write(H, p)
        back = read(p)
        assert back.nodes["a"]["label_ar"] == "<b>&</b>"
        assert back.nodes["c"]["quote"] == "]]><script>alert(1)</script>"
        assert back.nodes["a"]["tags"] == "x; y"


def test_edges_csv(G):
    rows = list(csv.DictReader(io.StringIO(formats.edges_csv(G))))
    assert len(rows) == G.number_of_edges()
    assert set(rows[0]) == set(formats.EDGE_COLUMNS)
    kinds = {r["kind"] for r in rows}
    assert {"claims", "about", "reported_to", "alleges"} <= kinds
    for r in rows:
        if r["claim"]:
            assert r["evidence"].startswith(G.nodes[r["claim"]]["doc"] + ":")
            q = G.nodes[r["claim"]]["quote"]
            assert r["quote"] in (q, "'" + q)
    assert all(not r["quote"].startswith(("=", "+", "@")) for r in rows)


def test_geojson(store):
    gj = formats.geojson(store)
    assert gj["type"] == "FeatureCollection" and gj["features"]
    for f in gj["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["claims"] or f["properties"]["mentions"]
        assert f["properties"]["label_ar"]
    # --all: exactly the gazetteer's located places
    gaz = Graph().parse(ROOT / "ontology" / "gazetteer.ttl", format="turtle")
    located = {str(s) for s in gaz.subjects(GEO.lat, None)}
    every = formats.geojson(store, all_locations=True)
    assert {f["id"] for f in every["features"]} == located
    assert {f["id"] for f in gj["features"]} < located
    # a place the corpus is about, with its coordinates
    aleppo = [f for f in every["features"] if f["properties"]["label_en"] == "Aleppo"]
    if aleppo:
        lon, lat = aleppo[0]["geometry"]["coordinates"]
        assert 36 < lat < 37 and 36.5 < lon < 37.5


def test_jsonld_of_one_document(store):
    doc = "000_b4451108e95213fc"
    text = formats.document_jsonld(store, doc)
    data = json.loads(text)
    assert data["@context"]["kg"] == "https://w3id.org/isnad/kg#"
    back = Graph().parse(data=text, format="json-ld")
    counts = {r["g"]: r["n"] for r in store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    assert len(back) == counts[f"https://w3id.org/isnad/id/graph/doc/{doc}"]
    assert "قال" in text or "يقول" in text  # Arabic written as Arabic, not \u escapes
    with pytest.raises(LookupError):
        formats.document_jsonld(store, "no_such_doc")


def test_cli_exports(store_path, tmp_path):
    s = str(store_path)
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        out = tmp_path / f"x.{fmt}"
        run_kg("export", fmt, "--type", "coordination", "--store", s, "--out", str(out))
        assert reader(out).number_of_nodes() > 5
    out = tmp_path / "x.csv"
    run_kg("export", "edges-csv", "--view", "actors", "--store", s, "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(r["kind"] == "alleges" and int(r["weight"]) >= 1 for r in rows)
    gj = json.loads(run_kg("export", "geojson", "--store", s).stdout)
    assert gj["features"]
    out = tmp_path / "d.jsonld"
    run_kg("export", "jsonld", "000_b4451108e95213fc", "--store", s, "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["@graph"]
    p = run_kg("export", "jsonld", "nope", "--store", s, check=False)
    assert p.returncode == 1 and p.stderr.startswith("error: no document")
    p = run_kg("export", "gexf", "--view", "sideways", "--store", s, check=False)
    assert p.returncode == 1 and "unknown view" in p.stderr
