"""The store: one small interface (replace a document graph, remove it, query a string).

:class:`OxigraphStore` is the embedded default (RocksDB on disk). Every query runs on
Oxigraph's engine with the default graph as the union of all named graphs, as the
vocabulary promises; values from users are passed as bound ``substitutions``, never
pasted into query text.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

DEFAULT_STORE = "isnad-store"


class StoreError(Exception):
    """The store cannot be opened or used; the message says why and what to do."""


def to_ox(term):
    """rdflib term → pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unsupported term {term!r}")


def from_ox(term):
    """pyoxigraph term → plain Python value (str/int/float) for tables and JSON."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#int", "#long")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt.endswith(("#decimal", "#double", "#float")):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        return term.value
    return term.value


def bind(**values) -> dict:
    """Substitutions for :meth:`OxigraphStore.select`: str → plain literal, ('x','ar') → lang literal."""
    out = {}
    for k, v in values.items():
        if isinstance(v, tuple):
            out[ox.Variable(k)] = ox.Literal(v[0], language=v[1])
        elif isinstance(v, URIRef):
            out[ox.Variable(k)] = ox.NamedNode(str(v))
        elif isinstance(v, (ox.NamedNode, ox.Literal)):
            out[ox.Variable(k)] = v
        else:
            out[ox.Variable(k)] = ox.Literal(str(v))
    return out


class OxigraphStore:
    """Embedded Oxigraph on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, read_only: bool = False):
        self.path = Path(path) if path else None
        try:
            if self.path is None:
                self.db = ox.Store()
            elif read_only:
                self.db = ox.Store.read_only(str(self.path))
            else:
                self.db = ox.Store(str(self.path))
        except OSError as e:
            msg = str(e).splitlines()[0] if str(e) else type(e).__name__
            if "lock" in msg.lower():
                raise StoreError(f"store {self.path} is in use by another kg process (it holds the lock); "
                                 f"wait for it to finish and retry") from None
            raise StoreError(f"cannot open store {self.path}: {msg}") from None

    # -------------------------------------------------------------- writing
    def replace_graph(self, graph: Graph) -> int:
        """Replace the named graph ``graph.identifier`` with ``graph``'s triples; returns the count.

        One SPARQL update: drop and insert commit together, so a crash leaves the old graph
        or the new one, never a mix.
        """
        gi = ox.NamedNode(str(graph.identifier))
        triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        self.db.update(f"DROP SILENT GRAPH <{gi.value}> ; INSERT DATA {{ GRAPH <{gi.value}> {{\n{body}\n}} }}")
        return len(triples)

    def remove_graph(self, iri: str) -> bool:
        g = ox.NamedNode(iri)
        if not self.db.contains_named_graph(g):
            return False
        self.db.remove_graph(g)
        return True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs())

    def flush(self) -> None:
        if self.path is not None:
            self.db.flush()

    # -------------------------------------------------------------- reading
    def query(self, sparql: str, substitutions: dict | None = None):
        """Raw pyoxigraph result (solutions, boolean or triples) over the union default graph."""
        return self.db.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def select(self, sparql: str, **values) -> list[dict]:
        """SELECT rows as dicts of plain values; keyword values are bound, never interpolated."""
        res = self.query(sparql, bind(**values) if values else None)
        names = [v.value for v in res.variables]
        return [{n: from_ox(sol[n]) for n in names} for sol in res]

    def ask(self, sparql: str, **values) -> bool:
        return bool(self.query(sparql, bind(**values) if values else None))

    def dump(self, fmt: str = "nquads") -> bytes:
        f = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]
        return self.db.dump(format=f) or b""

    def rdflib(self):
        """The same store through rdflib's API (oxrdflib): a ``Dataset`` for notebooks and tools.

        Its SPARQL runs on Oxigraph too; use :meth:`select` for anything user-facing.
        """
        from oxrdflib import OxigraphStore as RdflibStore
        from rdflib import Dataset

        return Dataset(store=RdflibStore(store=self.db))

    def __len__(self) -> int:
        return len(self.db)

    def close(self) -> None:
        self.flush()
        del self.db


def results_json(res) -> str:
    """SPARQL 1.1 Query Results JSON for a SELECT or ASK result."""
    if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
        return json.dumps({"head": {}, "boolean": bool(res)})
    return res.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")


def open_store(spec: str | Path | None = None, read_only: bool = False) -> OxigraphStore:
    """The store named by ``spec`` (a folder path; default ``./isnad-store``)."""
    spec = str(spec or DEFAULT_STORE)
    if read_only and not Path(spec).exists():
        raise StoreError(f"no store at {spec}: run 'kg ingest' first (or pass --store)")
    return OxigraphStore(spec, read_only=read_only)


def iter_graph_docs(store: OxigraphStore) -> Iterable[str]:
    prefix = "https://w3id.org/isnad/id/graph/doc/"
    return [g[len(prefix):] for g in store.graphs() if g.startswith(prefix)]
