"""The HTML explorer: a pyvis network in isnad's own page, safe with article text and fully offline.

pyvis 0.3.2 builds the node and edge dictionaries; isnad renders them with its own template
(``kg/templates/graph.html``) because pyvis' template loads vis-network and Bootstrap from CDNs
and runs article text as script three ways (a title containing "href" switches pyvis to a popup
filled with ``innerHTML``; ``heading=`` and ``select_menu`` ids are inserted raw). Here:

- vis-network's JS and CSS are read from the installed pyvis package and inlined; nothing is
  fetched, so the page opens with no network at all;
- every string that comes from an article travels as JSON in a ``<script type="application/json">``
  data block (``<``, ``>`` and ``&`` escaped as ``\\u003c`` …) and is shown with ``textContent``;
  tooltips are DOM elements, never HTML strings; the page title and heading go through Jinja's
  autoescape;
- a Content-Security-Policy (``default-src 'none'``, ``script-src 'nonce-…'``) lets only isnad's
  own script blocks run, so even a payload that slipped through could not execute;
- the file is written as UTF-8.

Arabic labels are wrapped in Unicode isolates (RLI … PDI) so they read right-to-left and stay in
one piece beside the English label. Nodes are coloured by actor type, edges styled by stance
(asserts solid, denies red dashed, hedges dotted, declines grey). Up to :data:`PHYSICS_LIMIT`
nodes the browser's physics lays the graph out (stabilisation bounded, then switched off); above
that :func:`kg.graph.layout` computes positions in Python and physics stays off.
"""
from __future__ import annotations

import json
import secrets
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from . import __version__
from .graph import STANCES, actor_view, layout, project

PHYSICS_LIMIT = 500
TEMPLATES = Path(__file__).parent / "templates"

NODE_COLOURS = {
    "Person": "#4e79a7",
    "Faction": "#e8a33d",
    "Organization": "#59a14f",
    "MediaOutlet": "#f28e2b",
    "Group": "#b07aa1",
    "AnonymousSource": "#a0a0a0",
    "Location": "#9c755f",
    "Actor": "#cccccc",
    "Claim": "#ffffff",
    "Proposition": "#76b7b2",
}
# colour, vis-network dashes, CSS border style for the legend
STANCE_STYLES = {
    "asserts": ("#444444", False, "solid"),
    "denies": ("#d62728", [10, 6], "dashed"),
    "hedges": ("#1f77b4", [2, 5], "dotted"),
    "declines": ("#b5b5b5", False, "solid"),
}
KIND_STYLES = {
    "reported_to": ("#f28e2b", False, "solid"),
    "relays": ("#b07aa1", False, "solid"),
    "publishes": ("#f6c28b", False, "solid"),
}
SHAPES = {"actor": "dot", "claim": "diamond", "proposition": "square"}

_RLI, _PDI = "\u2067", "\u2069"


def _isolate(ar: str) -> str:
    return f"{_RLI}{ar}{_PDI}" if ar else ""


def node_label(d: dict) -> str:
    """Arabic label (isolated, right-to-left) with the English one beside it.

    >>> node_label({"kind": "actor", "label_ar": "داعش", "label_en": "ISIS"})
    '\\u2067داعش\\u2069 · ISIS'
    >>> node_label({"kind": "actor", "label_ar": "", "label_en": "Reuters"})
    'Reuters'
    """
    ar, en, kind = d.get("label_ar") or "", d.get("label_en") or "", d.get("kind")
    if kind == "claim":
        return _isolate(ar)
    if kind == "proposition":
        return f"{d.get('allegation', '')}: {_isolate(ar)}" if ar else d.get("allegation", "")
    if ar and en and en != ar:
        return f"{_isolate(ar)} · {en}"
    return _isolate(ar) if ar else en


def _tip_node(n, d: dict) -> list[list[str]]:
    kind = d.get("kind")
    if kind == "claim":
        rows = [["stance", d.get("stance", "")], ["quote", d.get("quote", "")], ["chain", d.get("chain", "")],
                ["evidence", d.get("evidence", "")], ["cue", d.get("label_ar", "")]]
        if d.get("allegation_types"):
            rows.append(["allegation", d["allegation_types"]])
        return rows
    if kind == "proposition":
        return [["allegation", d.get("allegation", "")], ["parties", d.get("label_ar", "")],
                ["", d.get("label_en", "")]]
    rows = [["type", d.get("type", "")], ["ar", d.get("label_ar", "")]]
    if d.get("label_en"):
        rows.append(["en", d["label_en"]])
    rows.append(["iri", str(n)])
    return rows


def _tip_edge(G: nx.Graph, u, v, d: dict) -> list[list[str]]:
    rows = [["edge", d.get("kind", "")]]
    if d.get("stance"):
        rows.append(["stance", d["stance"]])
    claim = u if G.nodes[u].get("kind") == "claim" else v if G.nodes[v].get("kind") == "claim" else None
    if claim is not None:
        c = G.nodes[claim]
        rows += [["quote", c.get("quote", "")], ["chain", c.get("chain", "")], ["evidence", c.get("evidence", "")]]
    if "weight" in d:  # actor view
        rows.append(["claims", str(d["weight"])])
        rows += [[s, str(d[s])] for s in STANCES if d.get(s)]
        if d.get("types"):
            rows.append(["allegation", d["types"]])
        quotes = [G.graph.get("claims", {}).get(c) for c in d.get("claims", "").split()[:3]]
        rows += [["quote", q["quote"]] for q in quotes if q] + [["evidence", q["evidence"]] for q in quotes if q]
    return rows


def _edge_style(d: dict) -> dict:
    colour, dashes, _ = (STANCE_STYLES.get(d.get("stance")) if d.get("stance")
                         else KIND_STYLES.get(d.get("kind"), ("#999999", False, "solid")))
    out = {"color": {"color": colour, "highlight": colour, "opacity": 0.85}, "dashes": dashes}
    if "weight" in d:
        out["width"] = 1 + min(8, d["weight"])
        out["value"] = d["weight"]
    elif d.get("kind") in ("reported_to", "relays", "publishes"):
        out["width"] = 1
    else:
        out["width"] = 1.5
    return out


def to_pyvis(G: nx.Graph, *, positions: dict | None = None):
    """A pyvis ``Network`` for ``G`` (a :func:`kg.graph.project` or :func:`kg.graph.actor_view` graph).

    Node dicts carry ``tip`` rows (shown as text by the page), never a pyvis ``title``.
    """
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    net = Network(height="100%", width="100%", directed=G.is_directed(), cdn_resources="remote")
    degree = dict(G.degree())
    for n, d in G.nodes(data=True):
        kind = d.get("kind", "actor")
        typ = d.get("type") or "Actor"
        colour = NODE_COLOURS.get(typ, NODE_COLOURS["Actor"])
        opts = {
            "shape": SHAPES.get(kind, "dot"),
            "color": {"background": colour, "border": "#555555",
                      "highlight": {"background": colour, "border": "#000000"}},
            "size": 7 if kind == "claim" else 12 if kind == "proposition" else 10 + min(25, 2 * degree[n] ** 0.5),
            "font": {"size": 10 if kind == "claim" else 14, "color": "#777777" if kind == "claim" else "#222222"},
            "tip": _tip_node(n, d),
            "search": f"{d.get('label_ar', '')} {d.get('label_en', '')}".lower(),
        }
        if positions is not None:
            x, y = positions[n]
            opts.update(x=round(x, 1), y=round(y, 1), physics=False)
        # Network.add_node's membership test scans a list; graph node ids are unique already
        node = Node(str(n), opts.pop("shape"), label=node_label(d), **opts)
        net.nodes.append(node.options)
        net.node_ids.append(str(n))
        net.node_map[str(n)] = node.options
    for u, v, d in G.edges(data=True):
        e = Edge(str(u), str(v), G.is_directed(), **_edge_style(d), tip=_tip_edge(G, u, v, d))
        net.edges.append(e.options)
    return net


def _options(n_nodes: int, physics: bool) -> dict:
    opts = {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"face": "DejaVu Sans, Noto Sans, Arial, sans-serif"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": {"enabled": physics, "type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > PHYSICS_LIMIT,
                        "hideEdgesOnZoom": n_nodes > PHYSICS_LIMIT, "navigationButtons": False},
        "layout": {"improvedLayout": physics and n_nodes <= 100, "randomSeed": 7},
        "physics": {"enabled": physics},
    }
    if physics:
        opts["physics"].update({"solver": "forceAtlas2Based",
                                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
                                "stabilization": {"enabled": True, "iterations": 300, "fit": True}})
    return opts


def _script_json(obj) -> str:
    """JSON safe inside an HTML ``<script>`` data block: no ``<``, ``>``, ``&`` or line separators.

    >>> _script_json({"q": "</script><img src=x>"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    s = json.dumps(obj, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        s = s.replace(ch, esc)
    return s


def _assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the installed pyvis package (bundled there, version 9.1.2)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    for text, tag in ((js, "</script"), (css, "</style")):
        if tag in text.lower():
            raise RuntimeError(f"bundled vis-network asset contains {tag!r}; cannot inline it")
    return js, css


def render(G: nx.Graph, *, title: str = "isnad graph", summary: str = "") -> str:
    """The whole HTML page for ``G`` as a string."""
    n = G.number_of_nodes()
    physics = n <= PHYSICS_LIMIT
    positions = None if physics else layout(G)
    net = to_pyvis(G, positions=positions)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    js, css = _assets()
    data = {"nodes": net.nodes, "edges": net.edges, "options": _options(n, physics)}
    return env.get_template("graph.html").render(
        nonce=secrets.token_urlsafe(18), version=__version__, title=title,
        summary=summary or f"{n} nodes, {G.number_of_edges()} edges",
        vis_js=Markup(js), vis_css=Markup(css), data_json=Markup(_script_json(data)),
        node_colours=[(k, v) for k, v in NODE_COLOURS.items() if k != "Actor"],
        edge_styles=[(k, {"colour": c, "css": css_}) for k, (c, _, css_) in {**STANCE_STYLES, **KIND_STYLES}.items()],
    )


def write_graph_html(G: nx.Graph, path: str | Path, *, title: str = "isnad graph") -> Path:
    """Write ``G`` as a self-contained HTML page (UTF-8)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(G, title=title), encoding="utf-8")
    return path


def write_html(store, path: str | Path, *, entity: str | None = None, type: str | None = None,
               view: str = "claims", title: str | None = None) -> Path:
    """Project the store (optionally the claims about ``entity`` / of allegation ``type``) and write it.

    ``view="claims"`` draws actors, claims and propositions; ``view="actors"`` the aggregated
    actor view (claimant → party, weighted by claims, styled by the prevailing stance).
    """
    G = project(store, entity=entity, type=type)
    if view == "actors":
        claims = {c: G.nodes[c] for c, d in G.nodes(data=True) if d.get("kind") == "claim"}
        G2 = actor_view(G)
        G2.remove_nodes_from([n for n in list(G2) if G2.degree(n) == 0])
        G2.graph["claims"] = claims
        G = G2
    elif view != "claims":
        raise ValueError(f"unknown view {view!r} (claims, actors)")
    if title is None:
        what = " · ".join(x for x in (type, entity) if x)
        title = f"isnad: {what}" if what else "isnad: claims and sources"
    return write_graph_html(G, path, title=title)
