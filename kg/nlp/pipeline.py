"""The one place the spaCy pipeline is assembled: ``spacy.blank("ar")`` + registered components."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import allegations, attribution, components  # noqa: F401  (registers the factories)
from .tokenizer import customize_tokenizer

COMPONENTS = ("isnad_normalizer", "isnad_gazetteer", "isnad_anaphora", "isnad_attribution", "isnad_allegations")


def build_nlp(ontology: str = "") -> Language:
    """Tokenizer rules, normaliser, gazetteer EntityRuler on NORM, anaphora, attribution, allegations."""
    nlp = customize_tokenizer(spacy.blank("ar"))
    cfg = {"ontology": ontology}
    nlp.add_pipe("isnad_normalizer", config=cfg)
    nlp.add_pipe("isnad_gazetteer", config=cfg)
    nlp.add_pipe("isnad_anaphora")
    nlp.add_pipe("isnad_attribution", config=cfg)
    nlp.add_pipe("isnad_allegations", config=cfg)
    return nlp


@lru_cache(maxsize=2)
def get_nlp(ontology: str = "") -> Language:
    return build_nlp(ontology)
