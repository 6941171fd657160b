"""Token strings as plain Python lists, cached on the Doc.

Indexing a Doc (``doc[i]``) creates a Token object each time; rules that look at many tokens
read these lists instead. Each is built once per Doc from one array (``doc.to_array``).
"""
from __future__ import annotations

from spacy.tokens import Doc


_BY_HASH: dict[int, str] = {}  # string-store hash → str: a dict hit is ~10× cheaper than the store
_MAX_CACHED = 500_000


def _per_doc(doc: Doc, key: str, build):
    """``build(doc)``, computed once per Doc and kept in ``doc.user_data[key]``."""
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = build(doc)
    return cached


class _Memo(dict):
    """A bounded memo table: ``table[key]`` computes ``compute(key)`` on a miss (a hit is a plain
    dict look-up, no Python call), keeping at most ``_MAX_CACHED`` entries."""

    def __init__(self, compute):
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self.compute(key)
        if len(self) < _MAX_CACHED:
            self[key] = value
        return value


def _strings(doc: Doc, attr: str, key: str) -> list[str]:
    def build(d: Doc) -> list[str]:
        known, strings = _BY_HASH, d.vocab.strings
        out = []
        for h in d.to_array(attr).tolist():
            x = known.get(h)
            if x is None:
                x = strings[h]
                if len(known) < _MAX_CACHED:
                    known[h] = x
            out.append(x)
        return out

    return _per_doc(doc, key, build)


def texts(doc: Doc) -> list[str]:
    """Token texts (ORTH)."""
    return _strings(doc, "ORTH", "isnad_texts")


def norms(doc: Doc) -> list[str]:
    """Token norms (NORM: folded, clitics stripped), valid once the normaliser has run."""
    return _strings(doc, "NORM", "isnad_norms")


def _values(doc: Doc, attr: str, key: str) -> list:
    return _per_doc(doc, key, lambda d: d.to_array(attr).tolist())


def starts(doc: Doc) -> list[int]:
    """Token start offsets (``token.idx``)."""
    return _values(doc, "IDX", "isnad_idx")


def is_punct(doc: Doc) -> list[int]:
    return _values(doc, "IS_PUNCT", "isnad_punct")


def is_space(doc: Doc) -> list[int]:
    return _values(doc, "IS_SPACE", "isnad_space")


def is_alpha(doc: Doc) -> list[int]:
    return _values(doc, "IS_ALPHA", "isnad_alpha")


_ENT_ATTRS = ["ENT_IOB", "ENT_TYPE", "ENT_ID"]


def set_ents(doc: Doc, spans) -> None:
    """``doc.ents = spans``, and the spans kept as :func:`ents`'s answer (no Span rebuilt to read them).

    Readers use ``span.id_`` (a Span made with ``span_id`` has it; ``ent_id_`` only the rebuilt ones).
    """
    doc.ents = spans
    doc.user_data["isnad_ents"] = (doc.to_array(_ENT_ATTRS).tobytes(), tuple(sorted(spans, key=lambda x: x.start)))


def ents(doc: Doc) -> tuple:
    """``doc.ents``, built once for as long as the entity annotation stays the same.

    Each read of ``doc.ents`` builds new Span objects by walking every token; the components
    after the gazetteer read the entities several times. The cache is keyed on the token-level
    entity arrays, so a component that sets ``doc.ents`` (ours or anyone's) invalidates it.
    """
    key = doc.to_array(_ENT_ATTRS).tobytes()
    cached = doc.user_data.get("isnad_ents")
    if cached is None or cached[0] != key:
        cached = (key, tuple(doc.ents))
        doc.user_data["isnad_ents"] = cached
    return cached[1]


_ALEFS = "\u0627\u0623\u0625\u0622"  # ا أ إ آ


def _is_definite(text: str, norm: str) -> bool:
    """Does the word carry the article ال? The norm folds hamza, so «إلياس» looks like «الياس»:
    the written word decides (the article's alef never carries a hamza)."""
    if not norm.startswith("\u0627\u0644"):
        return False
    first = next((ch for ch in text if ch in _ALEFS), None)
    return first is None or first == "\u0627"  # no alef written: «للعسكري» (لـ + ال)


def definite(doc: Doc) -> list[bool]:
    """Per token: carries the definite article (see :func:`_is_definite`)."""
    return _per_doc(doc, "isnad_definite", lambda d: [_DEFINITE[tn] for tn in zip(texts(d), norms(d))])


_DEFINITE = _Memo(lambda tn: _is_definite(*tn))  # (text, norm) → definite
