"""Registered spaCy factories: normaliser, gazetteer ruler and anaphora filter.

Each factory takes the ontology folder as config (``""`` = the default one), so the whole
pipeline can be rebuilt from ``nlp.config`` and saved with ``nlp.to_disk``.
"""
from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from ..knowledge import load_knowledge
from .normalize import norm_key
from .tokens import _RAW, ents as cached_ents, norms, set_ents, texts


def _raw_norm(tok: Token) -> str:
    """The folded form without clitic stripping (``لـ`` → ``ل``), computed on demand and cached."""
    return _RAW[tok.text]


if not Token.has_extension("raw_norm"):
    Token.set_extension("raw_norm", getter=_raw_norm)


def _knowledge(ontology: str):
    return load_knowledge(ontology or None)


class Normalizer:
    """Sets ``token.norm_`` to the folded form, with leading clitics stripped where known (and
    Latin letters lower-cased).

    ``token._.raw_norm`` keeps the fold without clitic stripping (e.g. for ``لـ``).
    """

    def __init__(self, ontology: str = ""):
        self.known = frozenset(_knowledge(ontology).vocabulary())
        self._cache: dict[int, int] = {}  # ORTH hash → NORM hash

    def __call__(self, doc: Doc) -> Doc:
        # whole-array update: one NORM hash per ORTH hash, no Token objects created
        cache = self._cache
        orths = doc.to_array("ORTH").tolist()
        hashes = list(map(cache.get, orths))  # C-level look-ups; misses (None) computed below
        if None in hashes:
            strings = doc.vocab.strings
            for i, h in enumerate(hashes):
                if h is None:
                    text = strings[orths[i]]
                    h = hashes[i] = strings.add(norm_key(text, self.known))
                    if len(cache) < 200_000:
                        cache[orths[i]] = h
        norms = numpy.array(hashes, dtype="uint64")
        doc.from_array(["NORM"], norms.reshape(-1, 1))
        return doc


@Language.factory("isnad_normalizer", default_config={"ontology": ""})
def make_normalizer(nlp: Language, name: str, ontology: str):
    return Normalizer(ontology)


def entity_patterns(nlp: Language, ontology: str = "") -> list[dict]:
    """EntityRuler phrase patterns (NORM) from the gazetteer: names, plus quoted variants.

    Anaphors get the id ``anaphor|<key>``; :class:`AnaphoraFilter` keeps them only where the
    entity was named before in the same text.
    """
    kn = _knowledge(ontology)
    known = kn.vocabulary()
    seen = set()
    out = []

    def words(name):
        # (the normaliser's own key for each word, so a name reads as the text does: «لحزب» → «حزب»)
        toks = [norm_key(t.text, known) for t in nlp.make_doc(name) if not t.is_space]
        return [t for t in toks if t not in ("\u00ab", "\u00bb", '"')]

    for e in kn.entities.values():
        for kind, names in (("", e.aliases), ("anaphor|", e.anaphors), ("demonym|", e.demonyms)):
            tokenised = [words(n) for n in names]  # (each name tokenised once)
            own = {tuple(t) for t in tokenised}
            for toks in tokenised:
                if not toks:
                    continue
                variants = [toks]
                # وكالة «أعماق»; not حركة «حماس», whose quoted part is a name of its own (the
                # mention is then that name, without the head word and its clitics)
                if len(toks) > 1 and tuple(toks[1:]) not in own:
                    variants += [[toks[0], q, *toks[1:], c] for q, c in (("\u00ab", "\u00bb"), ('"', '"'))]
                for v in variants:
                    k = (kind + e.key, tuple(v))
                    if k in seen:
                        continue
                    seen.add(k)
                    out.append({"label": e.type, "pattern": " ".join(v), "id": kind + e.key})
    return out


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler with a cheaper ``set_annotations`` for ``overwrite_ents=True``.

    Same matches, same order (longest first, then leftmost), same spans: it only skips the
    per-token "already an entity?" test that overwriting ignores anyway, marks taken tokens
    in a bytearray instead of a set, and does not count every pattern at each Doc.
    """

    def match(self, doc):
        """EntityRuler.match without its per-Doc pattern count (``len(self)`` walks every pattern)."""
        matches = self.phrase_matcher(doc)
        if self.token_patterns:
            matches = list(self.matcher(doc)) + list(matches)
        return sorted({(m, s, e) for m, s, e in matches if s != e}, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc, matches):
        if not self.overwrite:
            return super().set_annotations(doc, matches)
        taken = bytearray(len(doc))
        new = []
        for match_id, start, end in matches:
            if taken[start] or taken[end - 1]:
                continue
            if match_id in self._ent_ids:
                label, ent_id = self._ent_ids[match_id]
                new.append(Span(doc, start, end, label=label, span_id=ent_id))
            else:
                new.append(Span(doc, start, end, label=match_id))
            taken[start:end] = b"\x01" * (end - start)
        old = [e for e in doc.ents if not any(taken[e.start:e.end])] if doc.to_array("ENT_IOB").any() else []
        set_ents(doc, old + new)


@Language.factory("isnad_gazetteer", default_config={"ontology": ""})
def make_gazetteer(nlp: Language, name: str, ontology: str):
    """An EntityRuler on NORM whose phrase patterns are pre-normalised gazetteer names."""
    ruler = GazetteerRuler(nlp, name=name, phrase_matcher_attr="NORM", overwrite_ents=True)
    pats = entity_patterns(nlp, ontology)
    # pattern docs carry their own norms: the words are already normalised. spaCy's default norm
    # of «/» is '"', while the normaliser keeps them: without this, «قوات «سوريا الديمقراطية»»
    # variants never matched (the lexeme norm is read only by such pattern docs)
    for q in ("\u00ab", "\u00bb"):
        nlp.vocab[q].norm_ = q
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(pats)
    return ruler


class AnaphoraFilter:
    """Resolve gazetteer anaphors (التنظيم, المرصد, هويدي) and shared names, or drop them.

    An anaphor denotes its entity only when that entity was named earlier in the text (or an
    anaphor of it was already accepted). A name shared by an outlet and something else
    (الشرق الأوسط: the newspaper, the region) is the outlet when quoted or after لـ.
    """

    def __init__(self, ontology: str = ""):
        kn = _knowledge(ontology)
        known = kn.vocabulary()

        def shared(names_of) -> dict[tuple[str, ...], list]:
            """Normalised names that more than one entity bears."""
            by: dict[tuple[str, ...], list] = {}
            for e in kn.entities.values():
                for name in names_of(e):
                    k = tuple(norm_key(w, known) for w in name.replace("\u00ab", " ").replace("\u00bb", " ").split())
                    if e not in by.setdefault(k, []):
                        by[k].append(e)
            return {k: v for k, v in by.items() if len(v) > 1}

        self.shared = shared(lambda e: e.aliases)
        # an anaphor several entities share («الجيش»: the Syrian, Sudanese or Israeli army): the
        # ruler keeps one of them; the one named last before it is meant
        self.shared_anaphors = shared(lambda e: e.anaphors)
        self.shared_anaphor_keys = {e.key for v in self.shared_anaphors.values() for e in v}
        # naming a member names its side for the side's anaphors: «قوات الأسد» … «النظام»
        self.sides = {e.key: e.affiliations for e in kn.entities.values() if e.affiliations}
        self.shared_keys = {e.key for v in self.shared.values() for e in v}  # only these can be shared
        # succession («النظام السوري» → the transitional government): an article naming the successor
        # or one of its people means the successor by the names it inherits (and by the capital)
        self.successor: dict[str, str] = {}  # predecessor → successor
        self.inherited: dict[str, set] = {}  # predecessor → the successor's inherited names (NORM keys)
        for e in kn.entities.values():
            succ = kn.entities.get(e.successor) if e.successor else None
            if succ is not None:
                self.successor[e.key] = succ.key
                self.inherited[e.key] = {tuple(norm_key(w, known) for w in f.split()) for f in succ.inherits}
        self.backers: dict[str, set] = {}  # successor → the entities that name it: itself and its people
        successors = set(self.successor.values())
        for e in kn.entities.values():
            for a in {e.key, *e.affiliations} & successors:
                self.backers.setdefault(a, set()).add(e.key)
        self.types = {e.key: e.type for e in kn.entities.values()}

    @staticmethod
    def _outlet_slot(doc: Doc, ent) -> bool:
        """After «لـ» (apart, glued, or before a quote), or «في حديث مع»: where a speaker's outlet is
        named (قال لـ"المدن")."""
        first = ent[0]
        if first._.raw_norm != first.norm_ and first._.raw_norm.startswith("\u0644"):
            return True  # «قال للصومال الجديد إن …»: the «لـ» glued
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if prev is None:
            return False
        k = ent.start - 1
        if prev.text in ("\u00ab", '"', "\u201c") and ent.start > 1:
            prev, k = doc[ent.start - 2], ent.start - 2
        if prev.norm_ in ("\u0645\u0639", "\u0627\u0644\u064a") and k >= 2 and doc[k - 2].norm_ == "\u0641\u064a":
            return True  # «في حديث مع الصومال الجديد»: «في» + an interview noun + «مع»/«إلى»
        return prev._.raw_norm == "\u0644"

    def _shared(self, doc: Doc, ent) -> list | None:
        """The entities sharing this name (الشرق الأوسط; ريفي حلب الشمالي والشرقي), if it is shared."""
        tx, nm = texts(doc), norms(doc)
        return self.shared.get(tuple(nm[i] for i in range(ent.start, ent.end) if tx[i] not in ("\u00ab", "\u00bb", '"')))

    def _disambiguate(self, doc: Doc, ent, cands: list | None):
        if not cands:
            return ent
        prev = doc[ent.start - 1] if ent.start > 0 else None
        quoted = prev is not None and prev.text in ("\u00ab", '"', "\u201c")
        after_lam = prev is not None and (prev._.raw_norm == "\u0644" or (
            quoted and ent.start > 1 and doc[ent.start - 2]._.raw_norm == "\u0644"))
        lam_glued = ent[0]._.raw_norm != ent[0].norm_ and ent[0]._.raw_norm.startswith("\u0644")
        want_outlet = quoted or after_lam or lam_glued
        pick = next((e for e in cands if (e.type == "MediaOutlet") == want_outlet), cands[0])
        return Span(doc, ent.start, ent.end, label=pick.type, span_id=pick.key)

    def _succeed(self, doc: Doc, ent, in_power: dict[str, str], nm) -> Span:
        """A name the successor inherits («الجيش السوري») means the successor in power."""
        kind, _, key = ent.id_.rpartition("|")
        succ = in_power.get(key)
        if succ is None or tuple(nm[ent.start:ent.end]) not in self.inherited[key]:
            return ent
        return Span(doc, ent.start, ent.end, label=self.types[succ], span_id=f"{kind}|{succ}" if kind else succ)

    def _in_power(self, ents) -> dict[str, str]:
        """Predecessor → successor, for the successors the article names (or names one of whose people)."""
        if not self.successor:
            return {}
        keys = {e.id_.rpartition("|")[2] for e in ents}
        return {p: s for p, s in self.successor.items() if keys & self.backers.get(s, set())}

    def __call__(self, doc: Doc) -> Doc:
        named: set[str] = set()
        sides_named: set[str] = set()
        order: dict[str, int] = {}  # entity → where it was last named (for a shared anaphor)
        nm = norms(doc)
        keep = []
        ents = cached_ents(doc)
        shared_keys = self.shared_keys
        in_power = self._in_power(ents)
        doc.user_data["isnad_in_power"] = in_power
        for ent in ents:
            cands = self._shared(doc, ent) if ent.id_.rpartition("|")[2] in shared_keys else None
            ent = self._disambiguate(doc, ent, cands)
            if in_power:
                ent = self._succeed(doc, ent, in_power, nm)
            eid = ent.id_
            if eid.startswith("demonym|"):
                keep.append(ent)  # «وفد إسرائيلي»: no earlier name needed, and it names nobody new
                continue
            if eid.startswith("anaphor|"):
                key = eid.split("|", 1)[1]
                alts = self.shared_anaphors.get(tuple(nm[ent.start:ent.end])) \
                    if key in self.shared_anaphor_keys else None
                if alts:
                    known = [e for e in alts if e.key in named or e.key in sides_named]
                    pick = max(known, key=lambda e: order.get(e.key, -1)) if known else None
                    if pick is not None and pick.key != key:
                        key = pick.key
                        ent = Span(doc, ent.start, ent.end, label=pick.type, span_id="anaphor|" + key)
                if key not in named and not (ent.label_ == "MediaOutlet" and self._outlet_slot(doc, ent)) and not (
                        key in sides_named and nm[ent.start].startswith("\u0627\u0644")):
                    continue  # (a member's side licenses only definite anaphors: «النظام», not «فتح»)
            else:
                key = eid
                if cands:  # a shared name names every entity it may be: an anaphor of any may follow
                    named.update(c.key for c in cands)
                for side in self.sides.get(key, ()):
                    sides_named.add(side)
                    order[side] = ent.start
            named.add(key)
            order[key] = ent.start
            keep.append(ent)
        if len(keep) != len(ents) or any(a is not b for a, b in zip(keep, ents)):
            set_ents(doc, keep)  # (re-setting unchanged entities costs as much as setting new ones)
        return doc


@Language.factory("isnad_anaphora", default_config={"ontology": ""})
def make_anaphora(nlp: Language, name: str, ontology: str):
    return AnaphoraFilter(ontology)
