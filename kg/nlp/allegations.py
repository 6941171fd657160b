"""Allegation typing: which kinds of allegation a claim makes, and about whom.

Types come from trigger words (``skos:hiddenLabel@ar`` in ``ontology/allegations.ttl``) found in
the claim's content, and from their inflected forms; a trigger inside a name (هيئة تحرير الشام)
is none. Parties are the actors named in the content (a capital acting stands for its state,
``kg:seatOf``; the speaker's own forces, country or «we», «طائراته», «بلاده», «لنا», make its side
one); when a bilateral allegation (coordination, truce, agreement, negotiation) or «الطرفين» names
fewer than two, the speaker's own side fills in after «مع» («نفى وجود تنسيق مع X»), then the
sides of the article (its factions named at least twice): news prose leaves the counterparty
implicit ("the withdrawals seemed programmed").
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..knowledge import load_knowledge
from ..model import Actor
from .normalize import strip_al
from .tokens import definite, norms
from .tokens import ents as doc_ents

BILATERAL = {"coordination", "truce", "agreement", "negotiation"}
PARTY_TYPES = {"Person", "Faction", "Organization"}
MIN_SIDE_MENTIONS = 2
PLACE_PREPS = {"\u0641\u064a", "\u0645\u0646", "\u0627\u0644\u064a"}  # في من الى: a capital after them is a place


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
        # «الوزارة», «الفصيل», «الحزب» alone: the institution named last with that head noun
        # («اللواء» is a rank as often as a brigade: heads that are also titles are left out)
        words = self.kn.single_forms
        self.heads = {strip_al(w) for w in words("OrgHead", "Faction") | words("OrgHead", "Organization")} \
            - {strip_al(w) for w in words("RoleHead")}
        self.own_forces = self.kn.single_forms("FunctionWord", "own-forces")
        self.both_sides = self.kn.single_forms("FunctionWord", "both-sides")
        # (a bounded cache: an archive's vocabulary keeps growing)
        self._inflected = lru_cache(maxsize=1 << 17)(self._inflected_form)
        # one-word triggers, for the inflected forms the lexicon does not list (dual, tanwin,
        # verb endings): «شهيدين», «قتيلاً», «قتلوا», «قصفت»
        self.one_word = {}
        for t, forms in self.kn.allegations.items():
            if not t.startswith("not:"):
                for form in forms:
                    if len(form) == 1:
                        self.one_word.setdefault(form[0], t)

    _SUFFIXES = ("\u064a\u0646", "\u0627\u0646", "\u0648\u0627", "\u0648\u0646", "\u0627", "\u062a")  # ين ان وا ون ا ت

    def _inflected_form(self, w: str) -> str | None:
        """The allegation type of an inflected form of a one-word trigger, if any."""
        for suf in self._SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                stem = w[: -len(suf)]
                t = self.one_word.get(stem)
                if t is None and suf in ("\u064a\u0646", "\u0627\u0646") and stem.endswith("\u062a"):
                    t = self.one_word.get(stem[:-1] + "\u0647")  # a dual of ة: «قذيفتين», «غارتان»
                if t is not None:
                    return t
        return None

    def _actor(self, ent) -> Actor:
        key = ent.id_.split("|", 1)[-1]
        e = self.kn.entities[key]
        return Actor(e.label_ar, e.type, e.key, e.label_en, e.role, e.affiliation,
                     start=ent.start_char, end=ent.end_char)

    @staticmethod
    def _with_claimant(doc: Doc, c, window) -> bool:
        """«نفت الوزارة وجود أي تنسيق مع «قسد»»: a bilateral trigger followed by «مع» and one named
        party leaves the speaker's own side as the other one."""
        nm = norms(doc)
        return any(t in BILATERAL and e < len(nm) and nm[e] == "\u0645\u0639" for s, e, t in window)  # مع

    def _seat(self, key: str, in_power: dict[str, str]) -> Actor | None:
        st = self.kn.seat(key, in_power)  # «تل أبيب لن توافق»: the state a capital stands for (kg:seatOf)
        return Actor(st.label_ar, st.type, st.key, st.label_en) if st is not None else None

    def _side(self, a: Actor) -> Actor | None:
        """The faction a claimant speaks for: itself, or its affiliation when that is a faction."""
        key = a.entity if a.type == "Faction" else a.affiliation
        e = self.kn.entities.get(key) if key else None
        if e is None or e.type != "Faction":
            return None
        return Actor(e.label_ar, e.type, e.key, e.label_en)

    def _head_anaphors(self, doc: Doc, regions, spans, taken) -> list[tuple[int, str]]:
        """Bare definite head nouns in the contents («الوزارة», «الفصيل» before a verb or a comma)
        and the entity each stands for: the last one named before it whose name opens with that
        head («وزارة الصحة في غزة» … «أرقام الوزارة»)."""
        nm, df = norms(doc), definite(doc)
        heads = self.heads
        firsts = [(start, strip_al(nm[start]), key) for start, end, _, _, label, key in spans
                  if end - start > 1 and label in ("Faction", "Organization")]
        out = []
        for a, b in regions:
            for i in range(a, b):
                if df[i] and i not in taken and strip_al(nm[i]) in heads and not (i + 1 < len(nm) and df[i + 1]):
                    h = strip_al(nm[i])
                    key = next((k for st, hd, k in reversed(firsts) if st < i and hd == h), None)
                    if key is not None and (not out or out[-1][0] != i):
                        out.append((i, key))
        return out

    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.claims or []
        if not claims:
            return doc
        import bisect

        known = self.kn.entities
        ents = [e for e in doc_ents(doc) if e.id_.split("|", 1)[-1] in known]
        named = {i for e in ents if len(e) > 1 for i in range(e.start, e.end)}
        # (a trigger inside a name is no allegation: «هيئة تحرير الشام», «لجنة وقف إطلاق النار»)
        hits = sorted((s, e, doc.vocab.strings[m]) for m, s, e in self.matcher(doc) if s not in named)
        hit_starts = [h[0] for h in hits]
        ent_starts = [e.start for e in ents]
        # per entity, read once: (start, end, start_char, end_char, label, key)
        spans = [(e.start, e.end, e.start_char, e.end_char, e.label_, e.id_.split("|", 1)[-1]) for e in ents]
        salience = Counter(e.id_.split("|", 1)[-1] for e in ents
                           if e.label_ in PARTY_TYPES and not e.id_.startswith("demonym|"))
        prev = None
        nm = norms(doc)
        in_power = doc.user_data.get("isnad_in_power", {})
        # inflected one-word triggers and the speaker's own forces, found once per document
        regions: list[list[int]] = []  # the claims' contents, merged: only they are read
        for c in sorted(claims, key=lambda c: c.content_start):
            if regions and c.content_start <= regions[-1][1]:
                regions[-1][1] = max(regions[-1][1], c.content_end)
            else:
                regions.append([c.content_start, c.content_end])
        infl, own_at, own, both_at, both = [], [], self.own_forces, [], self.both_sides
        for a, b in regions:
            for i in range(a, b):
                w = nm[i]
                t = self._inflected(w)
                if t is not None and i not in named:
                    infl.append((i, t))
                if w in own:
                    own_at.append(i)
                elif w in both:
                    both_at.append(i)
        infl_at = [i for i, _ in infl]
        heads_at = self._head_anaphors(doc, regions, spans, {i for e in ents for i in range(e.start, e.end)})
        head_starts = [i for i, _ in heads_at]
        for c in claims:
            types = []
            lo, hi = bisect.bisect_left(hit_starts, c.content_start), bisect.bisect_left(hit_starts, c.content_end)
            window = hits[lo:hi]
            blocked = {(t[4:], i) for s, e, t in window if t.startswith("not:") for i in range(s, e)}
            for s, e, t in window:
                if e <= c.content_end and t not in types and not t.startswith("not:") and (t, s) not in blocked:
                    types.append(t)
            ilo, ihi = bisect.bisect_left(infl_at, c.content_start), bisect.bisect_left(infl_at, c.content_end)
            if ilo < ihi:
                covered = {i for s, e, t in window if not t.startswith("not:") for i in range(s, e)}
                for i, t in infl[ilo:ihi]:
                    if i not in covered and t not in types and (t, i) not in blocked:
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
            seen: set[tuple[bool, str]] = set()
            cs, ce = c.claimant.start, c.claimant.end
            lo, hi = bisect.bisect_left(ent_starts, c.content_start), bisect.bisect_left(ent_starts, c.content_end)
            for i in range(lo, hi):
                start, end, start_char, end_char, label, key = spans[i]
                if cs is not None and start_char < ce and end_char > cs:
                    continue  # the claimant's own name inside a content that starts at the cue
                if end <= c.content_end:
                    is_loc = label == "Location"
                    seat = self._seat(key, in_power) if is_loc and not (start and nm[start - 1] in PLACE_PREPS) else None
                    if seat is not None:
                        # «رسالة روسية إلى أنقرة», «تل أبيب لن توافق»: a capital acting is its state
                        if (False, seat.key) not in seen:
                            seen.add((False, seat.key))
                            parties.append(seat)
                    elif (is_loc or label in PARTY_TYPES) and (is_loc, key) not in seen:
                        seen.add((is_loc, key))
                        (locations if is_loc else parties).append(self._actor(ents[i]))
            for k in range(bisect.bisect_left(head_starts, c.content_start), bisect.bisect_left(head_starts, c.content_end)):
                x = heads_at[k][1]
                if (False, x) not in seen and not (cs is not None and c.claimant.entity == x):
                    seen.add((False, x))
                    ent = self.kn.entities[x]
                    parties.append(Actor(ent.label_ar, ent.type, ent.key, ent.label_en))
            if c.stance == "denies" or bisect.bisect_left(own_at, c.content_start) < bisect.bisect_left(own_at, c.content_end) \
                    or (BILATERAL & set(types) and len(parties) < 2 and self._with_claimant(doc, c, window)):
                # «قال الجيش إن طائراته قصفت …»: the speaker's own forces act in what it says; a side
                # that denies is a party of its denial («نفت حماس أن تكون وافقت …»); «نفى وجود تنسيق مع X»
                side = self._side(c.claimant)
                if side is not None and all(side.key != p.key for p in parties):
                    parties.insert(0, side)
            both_sides = bisect.bisect_left(both_at, c.content_start) < bisect.bisect_left(both_at, c.content_end)
            if len(parties) < 2 and (both_sides or BILATERAL & set(types)):
                # «حصيلة القتلى من الطرفين», «الانسحابات بدت مبرمجة»: the sides left implicit are the
                # article's most-named factions (named twice at least: a passing mention is no side)
                for key, n in salience.most_common():
                    if len(parties) >= 2 or n < MIN_SIDE_MENTIONS:
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
