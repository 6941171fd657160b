"""Allegation typing: which kinds of allegation a claim makes, and about whom.

Types come from trigger words (``skos:hiddenLabel@ar`` in ``ontology/allegations.ttl``) found in
the claim's content. Parties are the actors named in the content; when a bilateral
allegation (coordination, truce, agreement, negotiation) names fewer than two, the actors
of the same sentence and then the article's most-named actors fill in: news prose
leaves the counterparty implicit ("the withdrawals seemed programmed").
"""
from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..knowledge import load_knowledge
from ..model import Actor

BILATERAL = {"coordination", "truce", "agreement", "negotiation"}
PARTY_TYPES = {"Person", "Faction", "Organization"}


class AllegationTyper:
    def __init__(self, nlp: Language, ontology: str = ""):
        self.kn = load_knowledge(ontology or None)
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        for t, forms in self.kn.allegations.items():
            docs = []
            for form in forms:
                d = Doc(nlp.vocab, words=list(form))
                for tok, w in zip(d, form):
                    tok.norm_ = w
                docs.append(d)
            if docs:
                self.matcher.add(t, docs)

    def _actor(self, ent) -> Actor:
        key = ent.ent_id_.split("|", 1)[-1]
        e = self.kn.entities[key]
        return Actor(e.label_ar, e.type, e.key, e.label_en, e.role, e.affiliation,
                     start=ent.start_char, end=ent.end_char)

    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.claims or []
        if not claims:
            return doc
        hits = [(doc.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)]
        ents = [e for e in doc.ents if e.ent_id_.split("|", 1)[-1] in self.kn.entities]
        salience = Counter(e.ent_id_.split("|", 1)[-1] for e in ents if e.label_ in PARTY_TYPES)
        prev = None
        for c in claims:
            types = []
            for t, s, e in hits:
                if c.content_start <= s and e <= c.content_end and t not in types:
                    types.append(t)
            if not types and c.stance in ("denies", "declines") and prev is not None \
                    and prev.claimant.key != c.claimant.key:
                # «نفى صحة هذه الأنباء»: a bare denial or refusal is about the claim just reported
                c.allegation_types = list(prev.allegation_types)
                c.parties = list(prev.parties)
                c.locations = []
                continue
            prev = c
            if not types:
                types = ["other"]
            parties: list[Actor] = []
            locations: list[Actor] = []

            def add(ent, into):
                a = self._actor(ent)
                if all(a.key != x.key for x in into):
                    into.append(a)

            cs, ce = c.claimant.start, c.claimant.end
            for ent in ents:
                if cs is not None and ent.start_char < ce and ent.end_char > cs:
                    continue  # the claimant's own name inside a content that starts at the cue
                if c.content_start <= ent.start and ent.end <= c.content_end:
                    if ent.label_ == "Location":
                        add(ent, locations)
                    elif ent.label_ in PARTY_TYPES:
                        add(ent, parties)
            if BILATERAL & set(types) and len(parties) < 2:
                sent = doc[c.content_start].sent if doc.has_annotation("SENT_START") else None
                for ent in ents:
                    if ent.label_ not in PARTY_TYPES or len(parties) >= 2:
                        continue
                    if sent is not None and sent.start <= ent.start < sent.end:
                        add(ent, parties)
                for key, _n in salience.most_common():
                    if len(parties) >= 2:
                        break
                    e = self.kn.entities[key]
                    if e.type == "Faction" and all(key != p.key for p in parties):
                        parties.append(Actor(e.label_ar, e.type, e.key, e.label_en))
            c.allegation_types = types
            c.parties = parties
            c.locations = locations
        return doc


@Language.factory("isnad_allegations", default_config={"ontology": ""})
def make_allegations(nlp: Language, name: str, ontology: str):
    return AllegationTyper(nlp, ontology)
