"""The store: one small interface (replace a document graph, remove it, query a string).

:class:`OxigraphStore` is the embedded default (RocksDB on disk). Every query runs on
Oxigraph's engine with the default graph as the union of all named graphs, as the
vocabulary promises; values from users are passed as bound ``substitutions``, never
pasted into query text.
"""
from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .rdf import ADD_ONLY_GRAPHS, nquads

DEFAULT_STORE = "isnad-store"
_CONTENT_HASH = ox.NamedNode("https://w3id.org/isnad/kg#contentHash")
_ABANDONED: list = []  # databases whose flush never returned (see OxigraphStore.flush)


def _insert(g: str, triples: list[str]) -> str:
    body = "".join(f"{t} .\n" for t in triples)
    return f"INSERT DATA {{ GRAPH <{g}> {{\n{body}}} }}"


def _drop_insert(g: str, triples: list[str]) -> str:
    return f"DROP SILENT GRAPH <{g}> ;\n" + _insert(g, triples)


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


class _Reading:
    """``select`` and ``ask`` on top of a store's ``query``: the same for the embedded and remote stores."""

    def select(self, sparql: str, **values) -> list[dict]:
        """SELECT rows as dicts of plain values; keyword values are bound, never interpolated."""
        res = self.query(sparql, bind(**values) if values else None)
        names = [v.value for v in res.variables]
        return [{n: from_ox(sol[n]) for n in names} for sol in res]

    def ask(self, sparql: str, **values) -> bool:
        return bool(self.query(sparql, bind(**values) if values else None))


WRITER_LOCK = "isnad-writer.lock"


def _writer_lock(path: Path) -> int:
    """Hold the store's writer lock (an flock on a file in the store folder) for this process.

    RocksDB's own lock is let go whenever an ingest hands the store to a new writer process;
    this one is held by the ``kg ingest`` process from start to end, so a second writer cannot slip
    in between. The kernel drops it when the process dies, however it dies. Raises OSError("lock …")
    when another process holds it.
    """
    import fcntl

    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise OSError("lock held by another writer") from None
    return fd


def _no_writer(path: Path) -> None:
    """Raise OSError("lock …") while a writer holds the store's writer lock; return when none does.

    Oxigraph opens a store read-only from the files RocksDB lists at that moment; a writer
    still at work (the writer process of an ingest whose main process was just killed, say)
    may delete some of them as it compacts. A shared flock, taken and let go at once, tells
    whether any process of an ingest still holds the store.
    """
    import fcntl

    try:
        fd = os.open(path / WRITER_LOCK, os.O_RDONLY)
    except OSError:
        return  # no lock file: no kg writer ever opened this store
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        raise OSError("lock held by a writer") from None
    finally:
        os.close(fd)


class OxigraphStore(_Reading):
    """Embedded Oxigraph on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, read_only: bool = False, writer_lock: bool = True):
        """``writer_lock=False``: the caller's process already holds the store's writer lock (an
        ingest's writer process, opened by the ingest that holds it)."""
        self.read_only = read_only
        self.path = Path(path) if path else None
        self._lock_fd: int | None = None
        self._flush_stuck = False
        # a writer that is just finishing (e.g. the writer process of an ingest that was killed)
        # holds the lock for a moment: wait a little before telling the user it is in use
        import time

        deadline = time.monotonic() + float(os.environ.get("ISNAD_LOCK_WAIT", "10"))
        while True:
            try:
                if self.path is None:
                    self.db = ox.Store()
                elif read_only:
                    _no_writer(self.path)
                    self.db = ox.Store.read_only(str(self.path))
                else:
                    if writer_lock and self._lock_fd is None:
                        self._lock_fd = _writer_lock(self.path)
                    self.db = ox.Store(str(self.path))
                return
            except OSError as e:
                msg = str(e).splitlines()[0] if str(e) else type(e).__name__
                if "lock" not in msg.lower():
                    raise StoreError(f"cannot open store {self.path}: {msg}") from None
                if time.monotonic() > deadline:
                    raise StoreError(f"store {self.path} is in use by another kg process (it holds the lock); "
                                     f"wait for it to finish and retry") from None
                time.sleep(0.5)

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

    def has_graph(self, iri: str) -> bool:
        return self.db.contains_named_graph(ox.NamedNode(iri))

    def write_graphs(self, graphs: list[tuple[str, list[str]]], *, bulk: bool = False,
                     last: Callable[[str], bool] | None = None) -> int:
        """Write document graphs given as ``(graph IRI, ["<s> <p> o", ...])``; returns the quad count.

        Default: graphs already in the store are replaced by one SPARQL update (DROP + INSERT
        DATA), new ones added by one transactional N-Quads ``load``: every document is all or
        nothing. ``bulk=True`` uses Oxigraph's bulk loader (several times faster, not
        transactional): triples for which ``last(triple)`` is true (the content hashes) are then
        written afterwards in a transaction, so an interrupted bulk batch leaves documents
        without their hash, which the next ingest re-extracts and replaces.
        """
        existing = [(g, t) for g, t in graphs if g not in ADD_ONLY_GRAPHS and self.has_graph(g)]
        if existing:
            self.db.update(" ;\n".join(_drop_insert(g, t) for g, t in existing))
        done = {g for g, _ in existing}
        new = [(g, t) for g, t in graphs if g not in done]
        if new:
            if bulk and last is not None:
                head = "".join(nquads(g, [t for t in ts if not last(t)]) for g, ts in new)
                tail = "".join(nquads(g, [t for t in ts if last(t)]) for g, ts in new)
                self.db.bulk_load(head.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
                self.db.load(tail.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            else:
                data = "".join(nquads(g, ts) for g, ts in new).encode("utf-8")
                (self.db.bulk_load if bulk else self.db.load)(data, format=ox.RdfFormat.N_QUADS)
        return sum(len(t) for _, t in graphs)

    def load_nquads(self, source: str | Path | bytes, *, bulk: bool = True) -> None:
        """Load an N-Quads file (or bytes): ``bulk`` uses Oxigraph's bulk loader (not transactional)."""
        kw = {"format": ox.RdfFormat.N_QUADS}
        if isinstance(source, (str, Path)):
            kw["path"] = str(source)
            (self.db.bulk_load if bulk else self.db.load)(**kw)
        else:
            (self.db.bulk_load if bulk else self.db.load)(source, **kw)

    def content_hashes(self, doc_iris: list[str]) -> dict[str, str]:
        """doc IRI → stored content hash, for those of ``doc_iris`` stored (in their own graph)."""
        out = {}
        for d in doc_iris:
            g = ox.NamedNode(_graph_of(d))
            for q in self.db.quads_for_pattern(ox.NamedNode(d), _CONTENT_HASH, None, g):
                out[d] = q.object.value
        return out

    def optimize(self) -> None:
        if self.path is not None:
            self.db.optimize()

    def remove_graph(self, iri: str) -> bool:
        g = ox.NamedNode(iri)
        if not self.db.contains_named_graph(g):
            return False
        self.db.remove_graph(g)
        return True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs())

    def flush(self, timeout: float | None = None) -> bool:
        """Write RocksDB's memtables to disk files; False if that did not end within ``timeout``
        seconds (default ``ISNAD_FLUSH_TIMEOUT``, 120).

        Committed writes are already safe in RocksDB's write-ahead log, so a flush only makes the
        next open faster. It runs in a thread (pyoxigraph releases the GIL) because Oxigraph
        0.5.13's flush was seen to wait forever, twice on this machine, with RocksDB's threads
        idle; after a flush given up, :meth:`close` does not wait on the database either.
        """
        if self.path is None or self.read_only or self._flush_stuck:
            return not self._flush_stuck
        if timeout is None:
            timeout = float(os.environ.get("ISNAD_FLUSH_TIMEOUT", "120"))
        th = threading.Thread(target=self.db.flush, daemon=True, name="isnad-flush")
        th.start()
        th.join(timeout)
        self._flush_stuck = th.is_alive()
        return not self._flush_stuck

    # -------------------------------------------------------------- reading
    def query(self, sparql: str, substitutions: dict | None = None):
        """Raw pyoxigraph result (solutions, boolean or triples) over the union default graph."""
        return self.db.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def dump(self, fmt: str = "nquads") -> bytes:
        f = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[fmt]
        return self.db.dump(format=f) or b""

    def describe(self, iris: Iterable[str], predicates: Iterable[str] | None = None) -> dict[str, list[tuple[str, object]]]:
        """IRI → [(predicate IRI, object term)] in any graph: one index probe per IRI (per predicate
        when ``predicates`` are given: a gazetteer entity's dozens of aliases are then not read)."""
        preds = [ox.NamedNode(p) for p in predicates] if predicates is not None else [None]
        out: dict[str, list] = {}
        for iri in iris:
            seen = set()
            rows = out[iri] = []
            node = ox.NamedNode(iri)
            for p in preds:
                for q in self.db.quads_for_pattern(node, p, None, None):
                    key = (q.predicate.value, q.object)
                    if key not in seen:
                        seen.add(key)
                        rows.append(key)
        return out

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
        if self.flush():
            del self.db
        else:
            _ABANDONED.append(self.db)  # a flush is still waiting on it: never drop it under that thread
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # (closing the descriptor releases the flock)
            self._lock_fd = None

    def release(self) -> bool:
        """Close the database (keeping this object) so another process may open it; False if in memory."""
        if self.path is None:
            return False
        del self.db  # (no flush: what is committed is in RocksDB's log, and the next opener replays it)
        return True

    def reopen(self) -> None:
        """Open again after :meth:`release`."""
        self.db = ox.Store(str(self.path))


def results_json(res) -> str:
    """SPARQL 1.1 Query Results JSON for a SELECT or ASK result."""
    if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
        return json.dumps({"head": {}, "boolean": bool(res)})
    return res.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")


_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _inject(sparql: str, block: str) -> str:
    """``block`` placed right after the first ``WHERE {`` (full-line comments skipped), else appended."""
    offset = 0
    for ln in sparql.split("\n"):
        if not ln.lstrip().startswith("#"):
            m = _WHERE_BRACE.search(ln)
            if m:
                at = offset + m.end()
                return sparql[:at] + block + sparql[at:]
        offset += len(ln) + 1
    return sparql + "\n" + block.strip()


def inline_bindings(sparql: str, substitutions: dict | None) -> str:
    """``sparql`` with ``substitutions`` written as a ``VALUES`` block opening its WHERE clause.

    The SPARQL 1.1 Protocol has no bound parameters, so a remote store sends the values inline;
    they are serialised by pyoxigraph (N-Triples escaping), never pasted from user text.
    """
    if not substitutions:
        return sparql
    names = " ".join(f"?{v.value}" for v in substitutions)
    row = " ".join(str(t) for t in substitutions.values())
    return _inject(sparql, f" VALUES ({names}) {{ ({row}) }} ")


_PLACEHOLDER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def fill(sparql: str, **values) -> str:
    """``sparql`` with each ``$name`` placeholder replaced by the value, as a term serialised by pyoxigraph.

    For look-ups that must start from the value: Oxigraph plans a query before applying
    ``substitutions``, so a bound variable does not steer its join order, while a constant does.
    The value is a term (str → plain literal, ``(text, lang)`` → language literal, an IRI node),
    written with N-Triples escaping: user text cannot change the query's structure.
    """
    terms = {k.value: str(t) for k, t in bind(**values).items()}

    def sub(m: re.Match) -> str:
        if m.group(1) not in terms:
            raise KeyError(f"no value for ${m.group(1)}")
        return terms[m.group(1)]

    return _PLACEHOLDER.sub(sub, sparql)


def with_values(sparql: str, var: str, iris: Iterable[str]) -> str:
    """``sparql`` restricted to ``VALUES ?var { <iri> ... }`` (IRIs checked and serialised by pyoxigraph)."""
    terms = " ".join(str(ox.NamedNode(i)) for i in iris)
    return _inject(sparql, f" VALUES ?{var} {{ {terms} }} ")


class RemoteStore(_Reading):
    """A SPARQL 1.1 endpoint (query + update; Graph Store Protocol for dumps) with the same interface.

    ``url`` is the server's base (``http://host:7878``, Oxigraph's layout: ``/query``, ``/update``,
    ``/store``) or its query endpoint (``…/query`` or ``…/sparql``; updates go to ``…/update``
    beside it). Queries ask for the union default graph (Oxigraph's ``union-default-graph``
    parameter; start other servers with their equivalent, e.g. Fuseki's ``unionDefaultGraph``).
    Document replacement is one SPARQL update per batch, so it stays all-or-nothing.
    """

    def __init__(self, url: str, timeout: float = 120.0):
        u = url.rstrip("/")
        for tail in ("/query", "/sparql"):
            if u.endswith(tail):
                base, self.query_url = u[: -len(tail)], u
                break
        else:
            base, self.query_url = u, u + "/query"
        self.update_url = base + "/update"
        self.store_url = base + "/store"
        self.path = url  # shown by the CLI where a folder would be
        self.timeout = timeout
        self.read_only = False

    # -------------------------------------------------------------- HTTP
    def _post(self, url: str, body: bytes, ctype: str, accept: str = "*/*", params: str = "") -> bytes:
        import urllib.error
        import urllib.request

        req = urllib.request.Request(url + params, data=body, method="POST",
                                     headers={"Content-Type": ctype, "Accept": accept})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                return r.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url}: HTTP {e.code} {e.reason}" + (f": {detail[0][:300]}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {getattr(e, 'reason', e)}") from None

    def _update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update")

    # -------------------------------------------------------------- writing
    def replace_graph(self, graph: Graph) -> int:
        triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()
        self._update(_drop_insert(str(graph.identifier), [t.rstrip(" .") for t in body if t.strip()]))
        return len(triples)

    def has_graph(self, iri: str) -> bool:
        return self.ask(f"ASK {{ GRAPH <{ox.NamedNode(iri).value}> {{ ?s ?p ?o }} }}")

    def write_graphs(self, graphs: list[tuple[str, list[str]]], *, bulk: bool = False,
                     last: Callable[[str], bool] | None = None) -> int:
        """One SPARQL update for the batch (DROP SILENT + INSERT DATA per graph): all or nothing."""
        if graphs:
            self._update(" ;\n".join(_insert(g, t) if g in ADD_ONLY_GRAPHS else _drop_insert(g, t) for g, t in graphs))
        return sum(len(t) for _, t in graphs)

    def load_nquads(self, source: str | Path | bytes, *, bulk: bool = True) -> None:
        """POST N-Quads to the Graph Store Protocol endpoint (adds to the dataset)."""
        data = Path(source).read_bytes() if isinstance(source, (str, Path)) else source
        self._post(self.store_url, data, "application/n-quads")

    def content_hashes(self, doc_iris: list[str]) -> dict[str, str]:
        out = {}
        for i in range(0, len(doc_iris), 200):
            chunk = doc_iris[i:i + 200]
            values = " ".join(f"(<{ox.NamedNode(d).value}> <{ox.NamedNode(_graph_of(d)).value}>)" for d in chunk)
            q = ("SELECT ?d ?h WHERE { VALUES (?d ?g) { " + values + " } "
                 "GRAPH ?g { ?d <https://w3id.org/isnad/kg#contentHash> ?h } }")
            for r in self.select(q):
                out[r["d"]] = r["h"]
        return out

    def remove_graph(self, iri: str) -> bool:
        if not self.has_graph(iri):
            return False
        self._update(f"DROP GRAPH <{ox.NamedNode(iri).value}>")
        return True

    def graphs(self) -> list[str]:
        return sorted(r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))

    def flush(self) -> None:
        pass

    def optimize(self) -> None:
        pass

    # -------------------------------------------------------------- reading
    def query(self, sparql: str, substitutions: dict | None = None):
        """pyoxigraph result objects (solutions or boolean) parsed from the endpoint's JSON answer.

        CONSTRUCT/DESCRIBE come back as a list of triples.
        """
        text = inline_bindings(sparql, substitutions)
        data = self._post(self.query_url, text.encode("utf-8"), "application/sparql-query",
                          accept="application/sparql-results+json, application/n-triples;q=0.9",
                          params="?union-default-graph")
        head = data.lstrip()[:1]
        if head == b"{":
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]

    def describe(self, iris: Iterable[str], predicates: Iterable[str] | None = None) -> dict[str, list[tuple[str, object]]]:
        """IRI → [(predicate IRI, object term)]: UNION branches with constant subjects (index look-ups)."""
        ids = list(dict.fromkeys(iris))
        out: dict[str, list] = {i: [] for i in ids}
        only = "" if predicates is None else f"VALUES ?p {{ {' '.join(str(ox.NamedNode(p)) for p in predicates)} }} "
        for k in range(0, len(ids), 100):
            branches = " UNION ".join(f"{{ {only}{t} ?p ?o BIND({t} AS ?s) }}"
                                      for t in (str(ox.NamedNode(i)) for i in ids[k:k + 100]))
            seen = set()
            for sol in self.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {branches} }}"):
                key = (sol["s"].value, sol["p"].value, sol["o"])
                if key not in seen:
                    seen.add(key)
                    out[key[0]].append((key[1], key[2]))
        return out

    def dump(self, fmt: str = "nquads") -> bytes:
        import urllib.error
        import urllib.request

        mime = {"nquads": "application/n-quads", "trig": "application/trig"}[fmt]
        req = urllib.request.Request(self.store_url, headers={"Accept": mime})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                return r.read()
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"cannot dump {self.store_url}: {getattr(e, 'reason', e)}") from None

    def __len__(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])

    def close(self) -> None:
        pass


def _graph_of(doc_iri_: str) -> str:
    return doc_iri_.replace("/id/doc/", "/id/graph/doc/", 1)


def is_remote(spec) -> bool:
    return isinstance(spec, str) and spec.startswith(("http://", "https://"))


def open_store(spec: str | Path | None = None, read_only: bool = False) -> OxigraphStore | RemoteStore:
    """The store named by ``spec``: a folder (default ``./isnad-store``) or a SPARQL endpoint URL."""
    if is_remote(spec):
        return RemoteStore(str(spec))
    spec = str(spec or DEFAULT_STORE)
    if read_only and not Path(spec).exists():
        raise StoreError(f"no store at {spec}: run 'kg ingest' first (or pass --store)")
    return OxigraphStore(spec, read_only=read_only)


def iter_graph_docs(store: OxigraphStore) -> Iterable[str]:
    prefix = "https://w3id.org/isnad/id/graph/doc/"
    return [g[len(prefix):] for g in store.graphs() if g.startswith(prefix)]
