"""Ingest: paths → documents → extractions → named graphs in the store, one document at a time.

Streaming (no whole-corpus lists), one transaction per document, and a content hash so
a re-run skips documents already stored unchanged. Unusable files are skipped with a
one-line reason; the rest of the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .extract import extract
from .knowledge import load_knowledge
from .model import Document
from .rdf import GraphBuilder, doc_iri, graph_iri, kb_graph, ontology_graph
from .read import BUNDLED_CORPUS, DEFAULT_MAX_BYTES, ReadError, expand_paths, read_path
from .store import OxigraphStore

HASH_QUERY = """PREFIX kg: <https://w3id.org/isnad/kg#>
ASK { GRAPH ?g { ?d kg:contentHash ?h } }"""


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    claims: int = 0
    quads: int = 0
    skipped: list[str] = field(default_factory=list)  # one line per skipped file


def ensure_kb(store: OxigraphStore) -> None:
    """(Re)load the gazetteer and the ontology graphs: cheap, and keeps them in step with ontology/."""
    kn = load_knowledge()
    store.replace_graph(kb_graph(kn))
    store.replace_graph(ontology_graph(kn))


def _documents(paths: list[Path], report: IngestReport, max_bytes: int) -> Iterator[Document]:
    for p in expand_paths(paths):
        try:
            yield from read_path(p, max_bytes)
        except ReadError as e:
            report.skipped.append(str(e))
        except OSError as e:
            report.skipped.append(f"{p}: cannot read ({e.strerror or e})")


def _is_unchanged(store: OxigraphStore, doc: Document) -> bool:
    from .store import bind
    import pyoxigraph as ox

    return bool(store.query(HASH_QUERY, {**bind(h=doc.content_hash), ox.Variable("g"): ox.NamedNode(str(graph_iri(doc.id))),
                                         ox.Variable("d"): ox.NamedNode(str(doc_iri(doc.id)))}))


def ingest(paths: list[Path] | None, store: OxigraphStore, *, force: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, progress: Callable[[Document], None] | None = None) -> IngestReport:
    """Ingest ``paths`` (default: the bundled corpus) into ``store``; returns counts and skips."""
    report = IngestReport()
    ensure_kb(store)
    builder = GraphBuilder(load_knowledge())

    def fresh() -> Iterator[Document]:
        for d in _documents(paths or [BUNDLED_CORPUS], report, max_bytes):
            if not force and _is_unchanged(store, d):
                report.unchanged += 1
                if progress:
                    progress(d)
                continue
            yield d

    for ex in extract(fresh()):
        g = builder.build(ex)
        report.quads += store.replace_graph(g)
        report.documents += 1
        report.claims += len(ex.claims)
        if progress:
            progress(ex.document)
    store.flush()
    return report
