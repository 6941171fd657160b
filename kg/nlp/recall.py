"""The statistical recall net: a NewsFANE-trained NER adds names the gazetteer did not claim.

It runs after the gazetteer and anaphora components and only adds spans that overlap no
existing entity, as Person / Organization / Location with no gazetteer key (the
attribution component types and labels them from their surface form). Off by default:
``kg evaluate`` showed whether it helps (see README), and the pipeline is built with
``build_nlp(ner=True)`` to use it.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

LABELS = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}


@lru_cache(maxsize=1)
def _model(path: str):
    from .ner_train import DEFAULT_MODEL_DIR, load_ner

    return load_ner(path or DEFAULT_MODEL_DIR)


class RecallNet:
    def __init__(self, model: str = ""):
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        from .ner_train import predict_spans

        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        new = []
        for start, end, label in predict_spans(_model(self.model), doc.text):
            span = doc.char_span(start, end, label=LABELS.get(label, label), alignment_mode="contract")
            if span is None or len(span) == 0 or any(i in taken for i in range(span.start, span.end)):
                continue
            new.append(span)
        if new:
            doc.ents = filter_spans(list(doc.ents) + new)
        return doc


@Language.factory("isnad_recall_ner", default_config={"model": ""})
def make_recall_net(nlp: Language, name: str, model: str):
    return RecallNet(model)
