"""Token strings as plain Python lists, cached on the Doc.

Indexing a Doc (``doc[i]``) creates a Token object each time; rules that look at many tokens
read these lists instead. Each is built once per Doc from one array (``doc.to_array``).
"""
from __future__ import annotations

from spacy.tokens import Doc


_BY_HASH: dict[int, str] = {}  # string-store hash → str: a dict hit is ~10× cheaper than the store
_MAX_CACHED = 500_000


def _strings(doc: Doc, attr: str, key: str) -> list[str]:
    cached = doc.user_data.get(key)
    if cached is None:
        strings, known = doc.vocab.strings, _BY_HASH
        cached = []
        for h in doc.to_array(attr).tolist():
            x = known.get(h)
            if x is None:
                x = strings[h]
                if len(known) < _MAX_CACHED:
                    known[h] = x
            cached.append(x)
        doc.user_data[key] = cached
    return cached


def texts(doc: Doc) -> list[str]:
    """Token texts (ORTH)."""
    return _strings(doc, "ORTH", "isnad_texts")


def norms(doc: Doc) -> list[str]:
    """Token norms (NORM: folded, clitics stripped), valid once the normaliser has run."""
    return _strings(doc, "NORM", "isnad_norms")


def _values(doc: Doc, attr: str, key: str) -> list:
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.to_array(attr).tolist()
        doc.user_data[key] = cached
    return cached


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
    cached = doc.user_data.get("isnad_definite")
    if cached is None:
        known = _DEFINITE
        cached = []
        for t, n in zip(texts(doc), norms(doc)):
            d = known.get((t, n))
            if d is None:
                d = _is_definite(t, n)
                if len(known) < _MAX_CACHED:
                    known[(t, n)] = d
            cached.append(d)
        doc.user_data["isnad_definite"] = cached
    return cached


_DEFINITE: dict[tuple[str, str], bool] = {}
