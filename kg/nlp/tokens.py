"""Token strings as plain Python lists, cached on the Doc.

Indexing a Doc (``doc[i]``) creates a Token object each time; rules that look at many tokens
read these lists instead. Each is built once per Doc from one array (``doc.to_array``).
"""
from __future__ import annotations

from spacy.tokens import Doc

from .normalize import normalize


_BY_HASH: dict[int, str] = {}  # string-store hash → str: a dict hit is ~10× cheaper than the store
_MAX_CACHED = 500_000


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


def _build_strings(doc: Doc, attr: str) -> list[str]:
    known = _BY_HASH
    hashes = doc.to_array(attr).tolist()
    out = list(map(known.get, hashes))  # C-level look-ups; misses (None) filled below
    if None in out:
        strings = doc.vocab.strings
        for i, x in enumerate(out):
            if x is None:
                x = out[i] = strings[hashes[i]]
                if len(known) < _MAX_CACHED:
                    known[hashes[i]] = x
    return out


# The accessors below are called hundreds of times per Doc: each reads its cache first, inline.
def texts(doc: Doc) -> list[str]:
    """Token texts (ORTH)."""
    v = doc.user_data.get("isnad_texts")
    if v is None:
        v = doc.user_data["isnad_texts"] = _build_strings(doc, "ORTH")
    return v


def norms(doc: Doc) -> list[str]:
    """Token norms (NORM: folded, clitics stripped), valid once the normaliser has run."""
    v = doc.user_data.get("isnad_norms")
    if v is None:
        v = doc.user_data["isnad_norms"] = _build_strings(doc, "NORM")
    return v


def _values(doc: Doc, attr: str, key: str) -> list:
    v = doc.user_data.get(key)
    if v is None:
        v = doc.user_data[key] = doc.to_array(attr).tolist()
    return v


def starts(doc: Doc) -> list[int]:
    """Token start offsets (``token.idx``)."""
    return _values(doc, "IDX", "isnad_idx")


def raw_norms(doc: Doc) -> list[str]:
    """Per token, the folded form without clitic stripping (``token._.raw_norm``): ``لـ`` → ``ل``."""
    v = doc.user_data.get("isnad_raw")
    if v is None:
        v = doc.user_data["isnad_raw"] = list(map(_RAW.__getitem__, texts(doc)))
    return v


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once from the cached token texts and trailing-space flags (spaCy's own
    ``doc.text`` builds a Token object per token at each read, ~4× slower)."""
    v = doc.user_data.get("isnad_text")
    if v is None:
        spaces = doc.to_array("SPACY").tolist()
        v = doc.user_data["isnad_text"] = "".join([t + " " if sp else t for t, sp in zip(texts(doc), spaces)])
    return v


def end_char(doc: Doc, i: int) -> int:
    """The offset just after token ``i`` (``doc[i].idx + len(doc[i])``)."""
    return starts(doc)[i] + len(texts(doc)[i])


def span_text(doc: Doc, s: int, e: int) -> str:
    """``doc[s:e].text`` without building a Span: a slice of the text between token offsets."""
    tx = texts(doc)
    e = min(e, len(tx))
    if s < 0:
        return doc[s:e].text
    if e <= s:
        return ""
    return doc_text(doc)[starts(doc)[s]:end_char(doc, e - 1)]


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
    doc.set_ents(list(spans), default="outside")  # = ``doc.ents = spans`` without rebuilding each Span
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
    if norm.startswith("\u0644\u0644") and len(norm) > 3:
        return True  # «للدراسات»: لـ + ال, whether or not the normaliser knew the word to strip it
    if not norm.startswith("\u0627\u0644"):
        return False
    first = next((ch for ch in text if ch in _ALEFS), None)
    return first is None or first == "\u0627"  # no alef written: «للعسكري» (لـ + ال)


def definite(doc: Doc) -> list[bool]:
    """Per token: carries the definite article (see :func:`_is_definite`)."""
    v = doc.user_data.get("isnad_definite")
    if v is None:
        v = doc.user_data["isnad_definite"] = list(map(_DEFINITE.__getitem__, zip(texts(doc), norms(doc))))
    return v


_DEFINITE = _Memo(lambda tn: _is_definite(*tn))  # (text, norm) → definite
_RAW = _Memo(normalize)  # token text → folded form (``token._.raw_norm``)
