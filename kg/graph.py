"""The graph layer: a networkx projection of the store, and the analyses built on it.

Everything is read from the store with SPARQL (the named queries in ``kg/queries``), never from
in-memory leftovers of an ingest, so a graph built in a notebook, by the CLI or by a test shows
the same thing as ``kg sparql``.

:func:`project` returns a :class:`networkx.MultiDiGraph` whose nodes carry ``kind`` (``actor``,
``claim`` or ``proposition``), ``type``, ``label_ar`` and ``label_en``, and whose edges carry
``kind``:

=============  ====================  ==========================================
kind           direction             meaning
=============  ====================  ==========================================
claims         claimant → claim      who makes the claim (``stance`` on the edge)
about          claim → party         an actor the claim is about
reported_to    claim → outlet        the outlet the claimant spoke to
relays         relay → claim         an intermediary (``order``: 1 = nearest the claimant)
publishes      publisher → claim     the outlet that published the article
alleges        claim → proposition   the allegation type with its set of parties
=============  ====================  ==========================================

A *proposition* is an allegation type plus the frozenset of its parties' IRIs, so two claims —
possibly one asserting and one denying — that allege the same thing about the same actors meet
at one node. :func:`actor_view` folds claims away into "A alleges T about B", weighted by claims
and split by stance.

A runnable tour (needs a store; ``kg ingest`` builds one)::

    >>> from kg.store import open_store                                  # doctest: +SKIP
    >>> st = open_store("isnad-store", read_only=True)                   # doctest: +SKIP
    >>> G = project(st, type="coordination")                             # doctest: +SKIP
    >>> stats(G)["most_accused"][0]["label_en"]                          # doctest: +SKIP
    'ISIS'
    >>> res = sources(st, ["النظام السوري", "داعش"], type="coordination")  # doctest: +SKIP
    >>> res["independent_sources"] >= 2, res["outlets"][0]["label_en"]   # doctest: +SKIP
    (True, 'Asharq Al-Awsat')
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from typing import Iterable, NamedTuple

import networkx as nx
import pyoxigraph as ox

from . import queries
from .export import actor_table
from .knowledge import ALLEGATION_TYPES
from .lookup import chain_text, resolve_all
from .provenance import independent_sources, upstream_source
from .store import OxigraphStore

KG = "https://w3id.org/isnad/kg#"
STANCES = ("asserts", "denies", "hedges", "declines")
ACTOR_TYPES = ("Person", "Faction", "Organization", "MediaOutlet", "Group", "AnonymousSource", "Location")
_LINKS = {KG + "reportedTo": "reported_to", KG + "citedBy": "cited_by", KG + "party": "parties",
          KG + "location": "locations"}


class Proposition(NamedTuple):
    """An allegation type (lower case) and the set of its parties' IRIs.

    >>> p = Proposition.of("Coordination", ["id:b", "id:a", "id:a"])
    >>> p.type, sorted(p.parties)
    ('coordination', ['id:a', 'id:b'])
    >>> p.key == Proposition("coordination", frozenset({"id:b", "id:a"})).key
    True
    """

    type: str
    parties: frozenset

    @classmethod
    def of(cls, type_: str, parties: Iterable[str]) -> "Proposition":
        return cls(type_.lower(), frozenset(parties))

    @property
    def key(self) -> str:
        """A stable node id: ``proposition:<type>:<hash of the sorted party IRIs>``."""
        h = hashlib.sha1("\x1f".join(sorted(self.parties)).encode("utf-8")).hexdigest()[:12]
        return f"proposition:{self.type}:{h}"


# ------------------------------------------------------------------ reading the store
def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _type_name(type_: str) -> str:
    """'coordination' → 'Coordination' (a kg:AllegationType local name); ValueError if unknown."""
    names = {t.lower(): t for t in ALLEGATION_TYPES}
    if type_.lower() not in names:
        raise ValueError(f"unknown allegation type {type_!r}; one of: {', '.join(sorted(names))}")
    return names[type_.lower()]


def claim_records(store: OxigraphStore, *, entity: str | None = None, type: str | None = None) -> list[dict]:
    """Claims read from the store, in the claims-export shape (``contracts/claims.md``).

    Each actor dict also carries ``iri`` (anonymous sources have one in the store even though the
    export's ``entity`` is null for them). ``entity`` keeps the claims where that name is the
    claimant, a party, a relay or the reported-to outlet; ``type`` those of that allegation type.
    Raises LookupError for an unknown name and ValueError for an unknown type.
    """
    keep: set[str] | None = None
    if entity:
        keep = set()
        for iri in resolve_all(store, [entity])[0]:
            keep |= {r["claim"] for r in store.select(queries.load("claims_about"), e=ox.NamedNode(iri))}
    if type:
        of_type = {r["claim"] for r in store.select(queries.load("claims_of_type"),
                                                    t=ox.NamedNode(KG + _type_name(type)))}
        keep = of_type if keep is None else keep & of_type
    actors = actor_table(store)

    def actor(iri: str | None) -> dict | None:
        if not iri:
            return None
        a = actors.get(iri) or {"label": _local(iri), "label_en": None, "type": None, "entity": iri}
        return {**a, "iri": iri}

    links: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in store.select(queries.load("claims_links")):
        if keep is not None and r["claim"] not in keep:
            continue
        if r["p"] == KG + "allegationType":
            links[r["claim"]]["allegation_types"].append(_local(r["o"]).lower())
        else:
            links[r["claim"]][_LINKS[r["p"]]].append((r["order"] or 0, r["o"]))
    out, seen = [], set()
    for r in store.select(queries.load("claims_core")):
        cid = r["claim"]
        if cid in seen or (keep is not None and cid not in keep):
            continue
        seen.add(cid)
        lk = links.get(cid, {})

        def acts(field: str) -> list[dict]:
            return [actor(o) for _, o in sorted(set(lk.get(field, [])))]

        out.append({
            "doc": r["doc"].rsplit("/doc/", 1)[-1],
            "article": r["article"],
            "id": cid,
            "quote": {"start": r["start"], "end": r["end"], "text": r["quote"]},
            "cue": r["cue"],
            "stance": _local(r["stance"]).lower(),
            "claimant": actor(r["claimant"]),
            "reported_to": acts("reported_to"),
            "cited_by": acts("cited_by"),
            "publisher": actor(r["publisher"]),
            "allegation_types": sorted(set(lk.get("allegation_types", []))),
            "parties": acts("parties"),
            "locations": acts("locations"),
            "confidence": r["confidence"],
        })
    out.sort(key=lambda c: (c["doc"], c["quote"]["start"]))
    return out


# ------------------------------------------------------------------ the projection
def _bilingual(ar: str | None, en: str | None) -> str:
    if ar and en and en != ar:
        return f"{ar} · {en}"
    return ar or en or "?"


def _add_actor(G: nx.MultiDiGraph, a: dict) -> str:
    iri = a["iri"]
    if iri not in G:
        G.add_node(iri, kind="actor", type=a.get("type") or "Actor", label_ar=a.get("label") or "",
                   label_en=a.get("label_en") or "", label=_bilingual(a.get("label"), a.get("label_en")))
    return iri


def _evidence(c: dict) -> str:
    return f"{c['doc']}:{c['quote']['start']}-{c['quote']['end']}"


def from_records(records: list[dict]) -> nx.MultiDiGraph:
    """The projection of claim records (as :func:`claim_records` returns them)."""
    G = nx.MultiDiGraph(name="isnad")
    for c in records:
        cid = c["id"]
        G.add_node(cid, kind="claim", type="Claim", label_ar=c["cue"] or "", label_en=c["stance"],
                   label=c["cue"] or c["stance"], quote=c["quote"]["text"], stance=c["stance"], doc=c["doc"],
                   start=c["quote"]["start"], end=c["quote"]["end"], chain=chain_text(c),
                   evidence=_evidence(c), allegation_types=", ".join(c["allegation_types"]),
                   confidence=float(c["confidence"]) if c["confidence"] is not None else 0.0)
        st = c["stance"]
        G.add_edge(_add_actor(G, c["claimant"]), cid, kind="claims", stance=st)
        for p in c["parties"]:
            G.add_edge(cid, _add_actor(G, p), kind="about", stance=st)
        for o in c["reported_to"]:
            G.add_edge(cid, _add_actor(G, o), kind="reported_to")
        for i, r in enumerate(c["cited_by"], 1):
            G.add_edge(_add_actor(G, r), cid, kind="relays", order=i)
        if c["publisher"]:
            G.add_edge(_add_actor(G, c["publisher"]), cid, kind="publishes")
        for t in c["allegation_types"]:
            prop = Proposition.of(t, (p["iri"] for p in c["parties"]))
            if prop.key not in G:
                names = sorted(c["parties"], key=lambda p: p["iri"])
                ar = "، ".join(p["label"] or "?" for p in names)
                en = ", ".join(p.get("label_en") or p["label"] or "?" for p in names)
                G.add_node(prop.key, kind="proposition", type="Proposition", allegation=t,
                           parties=" ".join(sorted(prop.parties)), label_ar=ar, label_en=f"{t}: {en}",
                           label=f"{t}: {ar}" if ar else t)
            G.add_edge(cid, prop.key, kind="alleges", stance=st)
    return G


def project(store: OxigraphStore, *, entity: str | None = None, type: str | None = None) -> nx.MultiDiGraph:
    """The claims graph of the store (or of the claims about ``entity`` / of allegation ``type``).

    Nodes: actors (outlets included) keyed by IRI, claims keyed by IRI, propositions keyed by
    :attr:`Proposition.key`. Claim nodes carry ``quote``, ``stance``, ``doc``, ``start``, ``end``,
    ``chain`` (claimant → to outlet → via relay → in publisher) and ``evidence`` (``doc:start-end``).
    """
    return from_records(claim_records(store, entity=entity, type=type))


def claims_of(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d.get("kind") == "claim"]


def actor_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Actor-level view: an edge claimant → party per "A alleges T about B", claims folded away.

    Edge attributes: ``weight`` (claims), one count per stance (``asserts`` … ``declines``),
    ``types`` (comma-separated allegation types), ``claims`` (claim IRIs, space-separated) and
    ``stance`` (the most frequent one, for drawing). Claims without parties add no edge.

    >>> H = from_records([{"id": "c1", "doc": "d", "cue": "قال", "stance": "asserts",
    ...     "quote": {"start": 0, "end": 3, "text": "abc"}, "confidence": 0.9,
    ...     "claimant": {"iri": "a", "label": "أ", "label_en": "A", "type": "Person"},
    ...     "parties": [{"iri": "b", "label": "ب", "label_en": "B", "type": "Faction"}],
    ...     "reported_to": [], "cited_by": [], "publisher": None, "allegation_types": ["attack"]}])
    >>> V = actor_view(H)
    >>> V["a"]["b"]["weight"], V["a"]["b"]["asserts"], V["a"]["b"]["types"]
    (1, 1, 'attack')
    """
    V = nx.DiGraph(name="isnad actors")
    for n, d in G.nodes(data=True):
        if d.get("kind") == "actor":
            V.add_node(n, **d)
    agg: dict[tuple[str, str], dict] = {}
    for c in claims_of(G):
        cd = G.nodes[c]
        claimants = [u for u, _, k in G.in_edges(c, data="kind") if k == "claims"]
        parties = [v for _, v, k in G.out_edges(c, data="kind") if k == "about"]
        types = [t for t in cd.get("allegation_types", "").split(", ") if t]
        for a in claimants:
            for b in parties:
                e = agg.setdefault((a, b), {"weight": 0, **{s: 0 for s in STANCES}, "types": Counter(), "claims": []})
                e["weight"] += 1
                e[cd["stance"]] += 1
                e["types"].update(types)
                e["claims"].append(c)
    for (a, b), e in agg.items():
        V.add_edge(a, b, kind="alleges", weight=e["weight"], **{s: e[s] for s in STANCES},
                   stance=max(STANCES, key=lambda s: e[s]),
                   types=", ".join(t for t, _ in e["types"].most_common()), claims=" ".join(e["claims"]))
    return V


# ------------------------------------------------------------------ analyses
def _actor_out(G: nx.Graph, n: str, **extra) -> dict:
    d = G.nodes[n]
    return {"iri": n, "label": d.get("label_ar"), "label_en": d.get("label_en") or None, "type": d.get("type"),
            **extra}


def stats(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Most-cited sources, most-accused actors and outlets by reach, from a :func:`project` graph.

    - ``most_cited_sources``: actors by the claims they are cited as making (claimant) or relaying.
    - ``most_accused``: actors by the claims naming them as a party, denials excluded, with the
      allegation types.
    - ``outlets_by_reach``: media outlets by the claims that reached them (reported to, relayed,
      published) and the distinct claimants behind those claims.
    - ``counts``: nodes and edges by kind, claims by stance.
    """
    cited: Counter = Counter()
    as_claimant: Counter = Counter()
    as_relay: Counter = Counter()
    accused: Counter = Counter()
    accused_types: dict[str, Counter] = defaultdict(Counter)
    reach: Counter = Counter()
    reach_sources: dict[str, set] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        k = d["kind"]
        if k == "claims":
            as_claimant[u] += 1
        elif k == "relays":
            as_relay[u] += 1
        elif k == "about" and d.get("stance") != "denies":
            accused[v] += 1
            for t in G.nodes[u].get("allegation_types", "").split(", "):
                if t:
                    accused_types[v][t] += 1
    cited = as_claimant + as_relay
    for c in claims_of(G):
        outlets = {v for _, v, k in G.out_edges(c, data="kind") if k == "reported_to"}
        outlets |= {u for u, _, k in G.in_edges(c, data="kind") if k in ("relays", "publishes")}
        claimants = {u for u, _, k in G.in_edges(c, data="kind") if k == "claims"}
        for o in outlets:
            if G.nodes[o].get("type") == "MediaOutlet":
                reach[o] += 1
                reach_sources[o] |= claimants
    counts = {
        "nodes": dict(Counter(d.get("kind") for _, d in G.nodes(data=True))),
        "edges": dict(Counter(d.get("kind") for *_, d in G.edges(data=True))),
        "claims_by_stance": dict(Counter(G.nodes[c].get("stance") for c in claims_of(G))),
    }
    return {
        "counts": counts,
        "most_cited_sources": [_actor_out(G, n, claims=k, as_claimant=as_claimant[n], as_relay=as_relay[n])
                               for n, k in sorted(cited.items(), key=lambda x: (-x[1], x[0]))[:top]],
        "most_accused": [_actor_out(G, n, claims=k, types=dict(accused_types[n].most_common()))
                         for n, k in sorted(accused.items(), key=lambda x: (-x[1], x[0]))[:top]],
        "outlets_by_reach": [_actor_out(G, n, claims=k, sources=len(reach_sources[n]))
                             for n, k in sorted(reach.items(), key=lambda x: (-x[1], x[0]))[:top]],
    }


def contradictions(G: nx.MultiDiGraph, *, subsumed: bool = False) -> list[dict]:
    """Propositions that some claims assert (or hedge) and others deny.

    With ``subsumed=True`` a denial of T{B, C} also contradicts an assertion of T{B, C, D}
    (alleging coordination among three implies it between two of them).

    Each item: ``proposition`` (node id), ``type``, ``label_ar``, ``label_en``, ``asserted_by`` and
    ``denied_by`` (lists of {claim, claimant, label_en, stance, quote, evidence}).
    """
    props = {n: d for n, d in G.nodes(data=True) if d.get("kind") == "proposition"}

    def voices(p: str, stances: tuple) -> list[dict]:
        out = []
        for c, _, d in G.in_edges(p, data=True):
            if d.get("kind") != "alleges" or d.get("stance") not in stances:
                continue
            cd = G.nodes[c]
            who = [u for u, _, k in G.in_edges(c, data="kind") if k == "claims"]
            w = G.nodes[who[0]] if who else {}
            out.append({"claim": c, "claimant": w.get("label_ar"), "label_en": w.get("label_en") or None,
                        "stance": cd["stance"], "quote": cd["quote"], "evidence": cd["evidence"]})
        return sorted(out, key=lambda x: x["evidence"])

    out = []
    for p, d in sorted(props.items()):
        denied = voices(p, ("denies",))
        if not denied:
            continue
        parties = set(d["parties"].split())
        asserted = []
        for q, e in props.items():
            if e["allegation"] != d["allegation"]:
                continue
            if q == p or (subsumed and parties and parties <= set(e["parties"].split())):
                asserted += voices(q, ("asserts", "hedges"))
        if asserted:
            out.append({"proposition": p, "type": d["allegation"], "label_ar": d["label_ar"],
                        "label_en": d["label_en"], "asserted_by": asserted, "denied_by": denied})
    return out


def sources(store: OxigraphStore, entity_or_proposition, *, type: str | None = None) -> dict:
    """Who stands behind the allegations about some actors: chains, outlets, relays, independence.

    ``entity_or_proposition`` is a name (claims with that actor among the parties), a list of names
    (claims whose parties include all of them) or a :class:`Proposition`-like ``(type, names)``
    pair; ``type`` restricts to one allegation type. Names are Arabic or English labels or aliases.

    The result: ``claims`` (one chain per claim: claimant, stance, outlet, relays, publisher, quote,
    evidence and its ``upstream`` source key), ``claimants``, ``outlets`` and ``relays`` (with claim
    counts), ``upstream_sources`` and ``independent_sources`` (:mod:`kg.provenance`: claims that share
    their outermost relay, or their claimant when unrelayed, count once), ``by_stance``.
    Raises LookupError for an unknown name, ValueError for an unknown type.
    """
    if isinstance(entity_or_proposition, Proposition) or (
            isinstance(entity_or_proposition, tuple) and len(entity_or_proposition) == 2
            and isinstance(entity_or_proposition[1], (list, tuple, set, frozenset))):
        type = entity_or_proposition[0]
        names = list(entity_or_proposition[1])
    elif isinstance(entity_or_proposition, str):
        names = [entity_or_proposition]
    else:
        names = list(entity_or_proposition)
    sets = [set(x) for x in resolve_all(store, names)]
    recs = [c for c in claim_records(store, type=type)
            if all({p["iri"] for p in c["parties"]} & s for s in sets)]
    if not sets:
        recs = []

    def tally(field_actors) -> list[dict]:
        cnt: Counter = Counter()
        info: dict[str, dict] = {}
        for a in field_actors:
            cnt[a["iri"]] += 1
            info[a["iri"]] = a
        return [{"label": info[i]["label"], "label_en": info[i].get("label_en"), "type": info[i].get("type"),
                 "iri": i, "claims": n} for i, n in sorted(cnt.items(), key=lambda x: (-x[1], x[0]))]

    chains, ups = [], {}
    for c in recs:
        key = upstream_source(c)
        up_actor = (c["cited_by"] or [c["claimant"]])[-1]
        u = ups.setdefault(key, {"key": key, "label": up_actor["label"], "label_en": up_actor.get("label_en"),
                                 "type": up_actor.get("type"), "claims": 0, "claimants": []})
        u["claims"] += 1
        if c["claimant"]["label"] not in u["claimants"]:
            u["claimants"].append(c["claimant"]["label"])
        chains.append({
            "claim": c["id"], "stance": c["stance"], "allegation_types": c["allegation_types"],
            "claimant": {k: c["claimant"].get(k) for k in ("label", "label_en", "type", "iri")},
            "reported_to": [a["label_en"] or a["label"] for a in c["reported_to"]],
            "cited_by": [a["label_en"] or a["label"] for a in c["cited_by"]],
            "publisher": (c["publisher"]["label_en"] or c["publisher"]["label"]) if c["publisher"] else None,
            "chain": chain_text(c), "quote": c["quote"]["text"], "evidence": _evidence(c), "upstream": key,
        })
    outlets = [c["reported_to"] for c in recs] + [[c["publisher"]] for c in recs if c["publisher"]]
    return {
        "query": {"entities": names, "type": type.lower() if type else None},
        "claims": chains,
        "by_stance": dict(Counter(c["stance"] for c in recs)),
        "claimants": tally(c["claimant"] for c in recs),
        "outlets": tally(a for group in outlets for a in group),
        "relays": tally(a for c in recs for a in c["cited_by"]),
        "upstream_sources": sorted(ups.values(), key=lambda u: (-u["claims"], u["key"])),
        "independent_sources": independent_sources(recs),
    }


# ------------------------------------------------------------------ layout for large graphs
def layout(G: nx.Graph, *, seed: int = 1, iterations: int = 60, scale: float | None = None) -> dict:
    """Positions {node: (x, y)} in pixels, fast enough for thousands of nodes (under a second for 5,000).

    A Fruchterman–Reingold force layout in numpy whose repulsion is estimated from a random sample
    of nodes each iteration (exact attraction along edges), so a step costs O(n·k + m) instead of
    O(n²). networkx's ``spring_layout`` takes about a minute at 5,000 nodes; this is for the
    HTML export, where the browser's physics is off above a few hundred nodes.

    >>> pos = layout(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
    True
    """
    import numpy as np

    nodes = list(G.nodes())
    n = len(nodes)
    if n == 0:
        return {}
    scale = scale or 40.0 * math.sqrt(n)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    x, y = rng.uniform(-1.0, 1.0, size=(2, n))
    k2 = 1.0 / n  # squared ideal edge length in the unit square
    k = math.sqrt(k2)
    sample = min(n, 160)
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        idx = rng.choice(n, size=sample, replace=False)
        dx = x[:, None] - x[None, idx]                       # n × sample
        dy = y[:, None] - y[None, idx]
        w = (k2 * n / sample) / np.maximum(dx * dx + dy * dy, 1e-6)
        fx, fy = (dx * w).sum(1), (dy * w).sum(1)
        if len(edges):
            a, b = edges[:, 0], edges[:, 1]
            ex, ey = x[a] - x[b], y[a] - y[b]
            s = np.sqrt(ex * ex + ey * ey) / k
            fx += np.bincount(b, ex * s, minlength=n) - np.bincount(a, ex * s, minlength=n)
            fy += np.bincount(b, ey * s, minlength=n) - np.bincount(a, ey * s, minlength=n)
        fx -= x * 0.05 * n * k  # a weak pull to the centre keeps components together
        fy -= y * 0.05 * n * k
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        t -= cool
    pos = np.column_stack([x, y])
    pos -= pos.mean(0)
    pos /= max(np.abs(pos).max(), 1e-9)
    return {v: (float(x) * scale, float(y) * scale) for v, (x, y) in zip(nodes, pos)}
