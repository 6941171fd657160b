"""The one place the spaCy pipeline is assembled: ``spacy.blank("ar")`` + registered components."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import IS_ALPHA
from spacy.language import Language

from . import allegations, attribution, components, recall  # noqa: F401  (registers the factories)
from .normalize import strip_marks
from .tokenizer import customize_tokenizer

COMPONENTS = ("isnad_normalizer", "isnad_gazetteer", "isnad_anaphora", "isnad_attribution", "isnad_allegations")


def _is_word(s: str) -> bool:
    return s.isalpha() or strip_marks(s).isalpha()


def build_nlp(ontology: str = "", ner: bool = False) -> Language:
    """Tokenizer rules, normaliser, gazetteer EntityRuler on NORM, anaphora, attribution, allegations.

    ``ner=True`` adds the NewsFANE recall net after the gazetteer (see kg/nlp/recall.py).
    """
    nlp = customize_tokenizer(spacy.blank("ar"))
    # a word written with harakat («مصدّري», «تفاؤلاً», «تروّجه») is a word: str.isalpha() is False
    # for the combining marks, and every component reads IS_ALPHA as "is a word"
    nlp.vocab.lex_attr_getters[IS_ALPHA] = _is_word
    cfg = {"ontology": ontology}
    nlp.add_pipe("isnad_normalizer", config=cfg)
    nlp.add_pipe("isnad_gazetteer", config=cfg)
    nlp.add_pipe("isnad_anaphora", config=cfg)
    if ner:
        nlp.add_pipe("isnad_recall_ner")
    nlp.add_pipe("isnad_attribution", config=cfg)
    nlp.add_pipe("isnad_allegations", config=cfg)
    return nlp


@lru_cache(maxsize=4)
def get_nlp(ontology: str = "", ner: bool | None = None) -> Language:
    """The shared pipeline; ``ISNAD_NER=1`` turns the recall net on when ``ner`` is not given."""
    import gc
    import os

    if ner is None:
        ner = os.environ.get("ISNAD_NER", "") not in ("", "0")
    nlp = build_nlp(ontology, ner=ner)
    # the pipeline (vocab, lexicons, matchers: ~10^6 objects) lives as long as the process; frozen,
    # the cyclic collector's full passes stop rescanning it (they cost ~0.1 s each otherwise)
    gc.collect()
    gc.freeze()
    return nlp
