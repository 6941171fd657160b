"""Attribution: who says what, to which outlet, relayed by whom, with which stance.

Rules follow Arabic reported-speech grammar rather than any one outlet:

* a speech verb (VSO: ``وقال مدير المرصد رامي عبد الرحمن لـ«…» إن …``; SVO: ``مصدر مطلع، قال …``)
  takes the noun phrase after it (else before it, else the last speaker) as claimant and the
  text after the complementizer, colon or opening quote as content;
* a circumstantial participle (``مشيراً إلى أن``) or a pronoun subject continues the speaker;
* ``وفق/بحسب X`` makes X the claimant of the clause it qualifies;
* ``نقلت X عن Y [قوله] إن`` makes Y the claimant and X a relay (``citedBy``);
* an outlet after ``لـ`` or an outlet marker (``في حديث مع``) is the outlet spoken to.

Cues inside a direct quote are nested sources and are not attributions of their own.
All words come from ``ontology/cues.ttl``; this module only knows the grammar.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..knowledge import Cue, Knowledge, load_knowledge
from ..model import Actor
from .tokens import doc_text as _doc_text, definite as _def, raw_norms as _raw, ents as _ents, is_alpha as _alpha, is_punct as _punct, is_space as _space, norms as _nm, span_text as _span_text, end_char as _end, starts as _ix, texts as _tx
from .normalize import normalize_phrase, strip_al, strip_marks

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)

OPEN_Q = {"\u00ab", "\u201c"}
CLOSE_Q = {"\u00bb", "\u201d"}
STRAIGHT_Q = {'"'}
SENT_END = {".", "!", "?", "\u061f", "\u2026", "..."}
COMMA = {"\u060c", ",", "\u061b", ";"}
DASHES = {"-", "\u2013", "\u2014"}
COLON = {":"}
ACTOR_TYPES = {"Person", "Faction", "Organization", "MediaOutlet"}


@dataclass
class RawClaim:
    """A claim in token coordinates of the spaCy Doc (converted to offsets later)."""

    cue: str
    cue_start: int
    cue_end: int
    kind: str
    stance: str
    claimant: Actor
    content_start: int
    content_end: int
    reported_to: list[Actor] = field(default_factory=list)
    cited_by: list[Actor] = field(default_factory=list)
    confidence: float = 0.6
    allegation_types: list[str] = field(default_factory=list)  # set by isnad_allegations
    parties: list[Actor] = field(default_factory=list)
    locations: list[Actor] = field(default_factory=list)
    implicit: bool = False  # claimant inferred (pronoun subject), not named at the cue
    provisional: bool = False  # no content of its own: a following «قائلاً: …» supplies it
    named_outlet: bool = False  # the outlet is named at this cue (not carried over)


@dataclass
class CueHit:
    start: int
    end: int
    cue: Cue
    kind: str


FIXED = "FixedExpression"  # the cue kind of set phrases whose words are no cue (see Lexicon.hits)
REQUIRES_WINDOW = 20  # tokens: «حمّل وزير الخارجية الأردني أيمن الصفدي الحكومة الإسرائيلية مسؤولية …»


class Lexicon:
    """Cue matchers and word classes built once from the knowledge."""

    def __init__(self, nlp: Language, kn: Knowledge):
        self.kn = kn
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.cues: dict[str, Cue] = {}
        # one-word heads and function words are tested by set membership on norm_; only the
        # forms the rules need as positioned hits go into the matcher
        positional = {"SpeechVerb", "ContinuationParticiple", "AccordingTo", "RelayVerb", "NominalCue",
                      "DeclinePhrase", "HedgeMarker", "DenialMarker", "Complementizer", "OutletMarker",
                      "DeclineVerb", "DeclineObject", "MediumAdjunct", "AnonymityFormula", "VerbalNoun", FIXED}
        for c in kn.cues:
            self.cues[c.key] = c
            docs = []
            for form in c.forms:
                if len(form) == 1 and not (positional & c.kinds) and c.function not in ("published-by", "so-called", "contact"):
                    continue
                d = Doc(nlp.vocab, words=list(form))
                for t, w in zip(d, form):
                    t.norm_ = w
                docs.append(d)
            if docs:
                self.matcher.add(c.key, docs)

        words = kn.single_forms

        def raw_words(function: str) -> set[str]:
            """A function's one-word forms as written, marks removed (compared before folding)."""
            return {strip_marks(f) for c in kn.cues_of("FunctionWord") if c.function == function for f in c.raw_forms}


        self.source_heads = {strip_al(w) for w in words("SourceHead")}
        self.vague_heads = {strip_al(f[0]) for c in kn.cues_of("SourceHead") if c.vague for f in c.forms}
        self.group_heads = {strip_al(w) for w in words("GroupHead")}
        self.role_heads = {strip_al(w) for w in words("RoleHead")}
        self.complementizers = words("Complementizer")
        self.relay_source = words("FunctionWord", "relay-source")
        self.what = words("FunctionWord", "what")
        self.resumptive = words("FunctionWord", "resumptive")
        self.pronouns = words("FunctionWord", "pronoun")
        self.name_links = words("FunctionWord", "name-link")
        self.name_seconds = words("FunctionWord", "name-second")
        self.amid = words("FunctionWord", "amid")
        self.event_pronouns = words("FunctionWord", "event-pronoun")
        self.before_verb_subject = words("FunctionWord", "subject-before")
        self.also = words("FunctionWord", "also")
        self.report_nouns = words("FunctionWord", "report-noun")
        self.document_nouns = {strip_al(w) for w in words("FunctionWord", "document-noun")}
        self.prepositions = words("FunctionWord", "preposition")
        self.prepositions_raw = raw_words("preposition")
        self.adverbial_preps = raw_words("adverbial-preposition")
        self.relatives = words("FunctionWord", "relative")
        self.demonstratives = words("FunctionWord", "demonstrative")
        self.auxiliaries = words("FunctionWord", "auxiliary")
        self.particles = words("FunctionWord", "verb-particle")
        self.quantifiers = words("FunctionWord", "quantifier")
        self.one_of = words("FunctionWord", "one-of")
        self.existential = words("FunctionWord", "existential")
        self.place_heads = words("FunctionWord", "place-head")
        self.descriptors = words("FunctionWord", "descriptor")
        self.takes_an = {strip_al(w) for w in words("FunctionWord", "takes-an")}
        self.affiliation_adjectives = words("FunctionWord", "affiliation-adjective")
        self.time_words = words("FunctionWord", "time-word")
        self.same = words("FunctionWord", "same")
        self.org_heads = {strip_al(f[0]): c.function for c in kn.cues_of("OrgHead") for f in c.forms if len(f) == 1}
        self.who = words("FunctionWord", "who")
        self.contrast = words("FunctionWord", "contrast")
        self.honorifics = words("FunctionWord", "honorific")
        self.governing = words("FunctionWord", "governing-preposition")
        # words of listed people's names («نبيه» in نبيه بري): never taken for «noun + pronoun»
        self.name_words = {w for e in kn.entities.values() if e.type == "Person"
                           for name in e.aliases for w in normalize_phrase(name).split()}
        # one-word speech and relay verbs, for «وفق ما أوردته …» (the verb with an object pronoun)
        self.verb_forms = {f[0]: ("RelayVerb" if "RelayVerb" in c.kinds else "SpeechVerb") for c in kn.cues
                           if {"SpeechVerb", "RelayVerb"} & c.kinds for f in c.forms if len(f) == 1}
        # words that never belong to a personal name: single-token cue forms and function words
        self.not_name = {f[0] for c in kn.cues for f in c.forms if len(f) == 1}
        self.not_name |= {strip_al(w) for w in self.not_name}
        self.not_name -= self.time_words  # (names: عبد الأحد, محمد الخميس; the subject ends before them instead)
        self.not_name -= self.honorifics | {strip_al(w) for w in self.honorifics}  # (names: «رضوان السيد»)
        # words that cannot be a class noun before a name: cue verbs and function words
        self.not_name_strict = {f[0] for c in kn.cues for f in c.forms if len(f) == 1
                                and ({"SpeechVerb", "ContinuationParticiple", "FunctionWord", "Complementizer"} & c.kinds)}

    def hits(self, doc: Doc) -> list[CueHit]:
        """Cue matches, longest first where they overlap."""
        raw = []
        for mid, s, e in self.matcher(doc):
            cue = self.cues[doc.vocab.strings[mid]]
            raw.append((s, e, cue))
        if raw and any(e - s > 1 and "Complementizer" in c.kinds for s, e, c in raw):
            # «محافظ حمص أحمد علي إن …»: «علي» written with yā' before «إنّ» is the name Ali, not
            # «على أنّ» (which takes «أنّ»; the normaliser folds ى/ي and إ/أ alike)
            tx = _tx(doc)
            raw = [(s, e, c) for s, e, c in raw if not (
                e - s > 1 and "Complementizer" in c.kinds and tx[s].endswith("\u0639\u0644\u064a")
                and tx[e - 1].startswith("\u0625"))]
        raw.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[CueHit] = []
        # longest match wins, separately for claim-opening cues and for the other words,
        # so «نفى صحة» (a denial marker) does not hide «نفى» (the verb)
        # a fixed expression («بشكل شبه كامل», «استطلاع رأي») competes in the claim-opening group:
        # where it is longer, the cue form inside it («شبه», «رأي») is not a cue; it is then dropped
        taken: dict[bool, set[int]] = {True: set(), False: set()}
        for s, e, cue in sorted(raw, key=lambda x: -(x[1] - x[0])):
            kind = FIXED if FIXED in cue.kinds else _main_kind(cue)
            group = taken[kind in CLAIM_KINDS or kind in ("NominalCue", FIXED)]
            if any(i in group for i in range(s, e)):
                continue
            group.update(range(s, e))
            if kind != FIXED:
                out.append(CueHit(s, e, cue, kind))
        out.sort(key=lambda h: h.start)
        if any(h.kind == "Complementizer" for h in out):
            raw = _raw(doc)  # «لأنهما غير مخولين»: «لأن» is «because», no «that»
            out = [h for h in out if not (h.kind == "Complementizer" and raw[h.start].startswith("\u0644\u0627\u0646"))]
        if any("ClauseInitial" in h.cue.kinds for h in out):
            out = [h for h in out if "ClauseInitial" not in h.cue.kinds or self._opens_clause(doc, h.start)]
        if any(h.cue.requires for h in out):
            opening = {h.start for h in out if h.kind in CLAIM_KINDS}
            out = [h for h in out if not h.cue.requires or self._completed(doc, h, opening)]
        return out

    @staticmethod
    def _opens_clause(doc: Doc, k: int) -> bool:
        """Word ``k`` opens its clause: first in the text, after punctuation or a line break, or
        with a glued و/ف (its folded form is longer than its norm)."""
        return k == 0 or _punct(doc)[k - 1] or _space(doc)[k - 1] or _raw(doc)[k] != _nm(doc)[k]

    @staticmethod
    def _completed(doc: Doc, h: CueHit, opening: set[int]) -> bool:
        """A cue with ``kg:requires`` («حمّل» … «مسؤولية», «ردّ» … «بالقول») counts only when one of
        its words follows in the same clause: before any punctuation or other claim-opening cue."""
        nm, punct, tx = _nm(doc), _punct(doc), _tx(doc)
        k, stop = h.end, min(len(nm), h.end + REQUIRES_WINDOW)
        while k < stop:
            if nm[k] in h.cue.requires or tx[k] in COLON:
                return True  # (or a colon: «وختم كلمته: «…»»)
            if tx[k] in OPEN_Q or tx[k] in STRAIGHT_Q:
                # «وحمّلت الحكومة، في بيان، «جماعة الحوثي» مسؤولية …»: a quoted name, then the word
                close = next((j for j in range(k + 1, min(len(tx), k + 12)) if tx[j] in CLOSE_Q or tx[j] in STRAIGHT_Q), None)
                if close is None:
                    return False
                # (or the word inside the quotation: «محمّلة «قيادة الميليشيا المسؤولية الكاملة»»)
                if any(nm[j] in h.cue.requires for j in range(k + 1, min(len(nm), close + 2))):
                    return True
                if close + 1 >= len(tx) or tx[close + 1] not in COMMA:
                    return False
                k = close + 1  # («وحمّل «جهاز الردع»، في بيان، «اللواء 444» مسؤولية …»: a quoted subject, an aside)
                continue
            if (punct[k] and tx[k] not in COMMA) or k in opening:
                return False  # (a comma does not end the clause: «ورد الوزير، فلان، بأن …»)
            k += 1
        return False


_KIND_ORDER = ("DeclinePhrase", "RelayVerb", "AccordingTo", "NominalCue", "VerbalNoun", "ContinuationParticiple",
               "SpeechVerb", "OutletMarker", "MediumAdjunct", "AnonymityFormula", "Complementizer", "HedgeMarker", "DenialMarker",
               "SourceHead", "GroupHead", "RoleHead", "FunctionWord")


def _main_kind(cue: Cue) -> str:
    for k in _KIND_ORDER:
        if k in cue.kinds:
            return k
    return next(iter(cue.kinds))


_NISBA = ("\u064a", "\u064a\u0647", "\u064a\u064a\u0646", "\u064a\u0648\u0646", "\u064a\u0627\u062a")  # ـي ـية ـيين ـيون ـيات (folded)
# a proclitic glued to the article («بالمسيرات», «للأمين», «والمغتربين»): never inside a personal name
_CLITIC_ARTICLE = ("\u0628\u0627\u0644", "\u0644\u0644", "\u0648\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644")
_POSSESSED = ("\u062a\u0647", "\u062a\u0647\u0627", "\u062a\u0647\u0645", "\u062a\u0647\u0645\u0627")  # ـته ـتها ـتهم ـتهما
_POSSESSIVE = ("\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627")  # ـه ـها ـهم ـهما
RELAY_WINDOW = 12  # tokens: «نقلت وكالة الأنباء الفرنسية (أ ف ب) … عن» still finds its «عن»
CLAIM_KINDS = {"DeclinePhrase", "RelayVerb", "AccordingTo", "ContinuationParticiple", "SpeechVerb", "VerbalNoun"}


def _newlines(doc: Doc) -> list[int]:
    """Indices of the tokens holding a newline (spaCy keeps whitespace in whitespace-only tokens,
    so only those are tested)."""
    v = doc.user_data.get("isnad_newlines")
    if v is None:
        tx = _tx(doc)
        v = doc.user_data["isnad_newlines"] = [i for i, sp in enumerate(_space(doc)) if sp and "\n" in tx[i]]
    return v


_QUOTE_MARKS = OPEN_Q | CLOSE_Q | STRAIGHT_Q


def quote_depth(doc: Doc) -> list[int]:
    """Per token, 1 when inside a direct quote («…» or "…"), else 0.

    Walks only the quote marks and newlines: between two of them the answer does not change.
    """
    tx = _tx(doc)
    n = len(tx)
    out = [0] * n
    events = sorted([i for i, x in enumerate(tx) if x in _QUOTE_MARKS] + _newlines(doc))
    depth, straight, run = 0, False, 0
    for i in events:
        if (depth or straight) and i > run:
            out[run:i] = [1] * (i - run)
        x = tx[i]
        if x in OPEN_Q:
            out[i] = 1 if (depth or straight) else 0
            depth += 1
        elif x in CLOSE_Q:
            depth = max(0, depth - 1)
            out[i] = 1 if (depth or straight) else 0
        elif x in STRAIGHT_Q:
            straight = not straight
        else:  # a newline ends any quote
            depth, straight = 0, False
        run = i + 1
    if (depth or straight) and run < n:
        out[run:n] = [1] * (n - run)
    return out


def sentences(doc: Doc, inq: list[int]) -> list[tuple[int, int]]:
    """Token ranges of sentences: split at final punctuation outside quotes and at newlines."""
    out, start = [], 0
    texts = _tx(doc)
    newline = set(_newlines(doc))
    for i in sorted([i for i, x in enumerate(texts) if x in SENT_END] + list(newline)):
        if i in newline:
            if i > start:
                out.append((start, i))
            start = i + 1
        elif not inq[i] and not (texts[i] == "." and i > 0 and len(texts[i - 1]) == 1 and texts[i - 1].isalpha()):
            out.append((start, i + 1))  # (not inside an abbreviation of single letters: «(أ.ف.ب)»)
            start = i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return [x for s, e in out if any(texts[j].strip() for j in range(s, e)) for x in _cap(doc, s, e)]


MAX_SENTENCE = 300  # tokens; news sentences here stay under ~150


def _cap(doc: Doc, s: int, e: int, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """Split a run-on «sentence» (scraped text without punctuation) into bounded pieces, at a
    comma where there is one, so rule matching stays linear in the length of the text."""
    out = []
    while e - s > limit:
        texts = _tx(doc)
        cut = next((k + 1 for k in range(s + limit - 1, s + limit // 2, -1) if texts[k] in COMMA), s + limit)
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


class Attributor:
    _people: dict | None = None
    _sides: dict = {}

    def __init__(self, nlp: Language, ontology: str = ""):
        self.kn = load_knowledge(ontology or None)
        self.lex = Lexicon(nlp, self.kn)

    # ------------------------------------------------------------------ helpers
    def _ent_at(self, doc: Doc) -> dict[int, object]:
        """Token → entity span; demonyms («إسرائيلي») go to ``self._sides`` instead: they give an
        anonymous source its side but never name a claimant, an outlet or a relay."""
        m, sides = {}, {}
        for ent in _ents(doc):
            target = sides if ent.id_.startswith("demonym|") else m
            for i in range(ent.start, ent.end):
                target[i] = ent
        self._sides = sides
        return m

    def _actor_from_ent(self, ent) -> Actor:
        key = ent.id_.split("|", 1)[-1]
        e = self.kn.entities.get(key)
        if e is None:
            return Actor(ent.text, ent.label_, None, start=ent.start_char, end=ent.end_char)
        a = Actor(e.label_ar, e.type, e.key, e.label_en, e.role, e.affiliation,
                  start=ent.start_char, end=ent.end_char)
        if e.type == "Person" and len(ent) >= 2 and self._people is not None:
            self._people.setdefault(strip_al(ent[-1].norm_), a)
        return a

    def _seat(self, ent) -> Actor | None:
        """The state or government a capital stands for (kg:seatOf), as the actor it names."""
        st = self.kn.seat(ent.id_.split("|", 1)[-1], ent.doc.user_data.get("isnad_in_power"))
        if st is None:
            return None
        return Actor(st.label_ar, st.type, st.key, st.label_en, st.role, st.affiliation,
                     start=ent.start_char, end=ent.end_char)

    def _is_name_token(self, t) -> bool:
        n = t.norm_
        if not t.is_alpha or n in self.lex.complementizers or n.endswith(_POSSESSED):
            return False  # («كلمته», «زيارتها»: a feminine noun with a possessive pronoun)
        if n in self.lex.prepositions and strip_marks(t.text) in self.lex.prepositions_raw:
            return False  # «على» is a preposition, «علي» a name: compare before folding ى→ي
        if n in self.lex.name_links or n in self.lex.name_seconds:
            return True
        if n in self.lex.not_name and n in self.lex.prepositions and strip_marks(t.text) not in self.lex.prepositions_raw:
            return True
        core = strip_al(n)
        # «العلي»: a preposition never takes the article, so «ال» + «علي» (folded «على») is a name
        return n not in self.lex.not_name and (core == n or core not in self.lex.not_name or core in self.lex.prepositions)

    def _trailing_name(self, doc: Doc, s: int, e: int, ents) -> tuple[int, int] | None:
        """The personal name closing the phrase doc[s:e] (role + name), if any."""
        j = e
        nm_, al_ = _nm(doc), _alpha(doc)
        raw_, df_ = _raw(doc), _def(doc)

        def between_names(j: int) -> bool:
            # («محمد الحاج علي», «أحمد الشيخ علي»: word j-1, definite, between a name word and the last)
            return j == e - 1 and j - 2 >= s and df_[j - 1] and al_[j - 1] and not df_[j - 2] \
                and self._is_name_token(doc[j - 2]) and strip_al(nm_[j - 2]) not in self.lex.role_heads

        while j > s and j - 1 not in ents and not (
                (raw_[j - 1] != nm_[j - 1] and raw_[j - 1][:1] in ("\u0648", "\u0644", "\u0628"))
                or raw_[j - 1].startswith(_CLITIC_ARTICLE)) and (
                self._is_name_token(doc[j - 1]) or (
                j - 2 >= s and nm_[j - 2] in self.lex.name_links and al_[j - 1]) or between_names(j)):  # («عبد الملك»)
            if j - 1 < e - 1 and df_[j - 1] and not (
                    j - 2 >= s and (nm_[j - 2] in self.lex.name_links or (
                        nm_[j - 1] in self.lex.name_seconds and not df_[j - 2] and al_[j - 2]) or between_names(j))):
                break  # «الجيش الليبي أحمد المسماري»: a definite word inside is not part of the name
            j -= 1
        # a name does not start inside a title of several words («المتحدث باسم الجبهة»: «باسم» is
        # no name Basim there)
        for k in range(s, j):
            for x in self._hits_at.get(k, ()):
                if x.kind == "RoleHead" and x.end > j:
                    j = x.end
        # a name does not start with the article; allow ال only on the last word
        while j < e and _def(doc)[j] and j < e - 1:
            j += 1
        if j >= e:
            return None
        if _def(doc)[j] or _nm(doc)[j] in self.lex.name_links and j == e - 1:
            return None
        if j > s and self._separate_preposition(doc, j - 1):
            return None  # governed by a preposition, no name of the speaker: «عضو في وفد المعارضة»
        if j > s and self._org_head_word(nm_[j - 1]) and not _def(doc)[j - 1]:
            return None  # annexed to an institution, its name: «عضو مجلس حكماء وأعيان الزاوية»
        ph = next((k for k in range(j, s - 1, -1) if nm_[k] in self.lex.place_heads), None)
        if ph is not None and not any(k in ents for k in range(ph, j)):
            return None  # a place nobody listed, not a person: «قائممقام قضاء بنجوين», «مختار قرية الشيخ مسعود»
        if e - j > 7:
            j = e - 7
        return (j, e)

    def _leading_name(self, doc: Doc, s: int, e: int, ents) -> tuple[int, int] | None:
        """A name opening the phrase doc[s:e] (name + role after a comma)."""
        j = s
        nm_ = _nm(doc)
        while j < e and j not in ents and (self._is_name_token(doc[j]) or (
                j > s and nm_[j - 1] in self.lex.name_links and _def(doc)[j] and _alpha(doc)[j])):
            if _def(doc)[j] and j > s and nm_[j - 1] not in self.lex.name_links and not (
                    nm_[j] in self.lex.name_seconds and not _def(doc)[j - 1]):
                j += 1
                break  # (after «عبد»/«أبو» the article is inside the name: «عبد الأحد اسطيفو»)
            j += 1
        if s < j and j + 2 == e and j + 2 - s <= 4 and _def(doc)[j] and _alpha(doc)[j] and j not in ents \
                and j + 1 not in ents and not _def(doc)[j + 1] and self._is_name_token(doc[j + 1]):
            j = e  # «أحمد الشيخ علي», «محمد الحاج حسن»: a definite word inside, one name word closing the phrase
        if j == s or _def(doc)[s]:
            return None
        return (s, min(j, s + 6))

    def actor_from_phrase(self, doc: Doc, s: int, e: int, ents, people: dict[str, Actor],
                          allow_bare: bool = True) -> Actor | None:
        """Type a claimant noun phrase: named entity, role + name, anonymous source or group."""
        tx_, nm_, sp_, pu_ = _tx(doc), _nm(doc), _space(doc), _punct(doc)  # (bound once: read in loops)
        df_, ix_, al_ = _def(doc), _ix(doc), _alpha(doc)
        while s < e and (pu_[s] or sp_[s] or tx_[s] in OPEN_Q
                         or nm_[s] in self.lex.auxiliaries or (nm_[s] in self.lex.honorifics and s + 1 < e)):
            s += 1  # («أكد السيد محافظ حمص …»: an honorific before the title)
        while e > s and (pu_[e - 1] or sp_[e - 1] or (nm_[e - 1] in self.lex.prepositions and not (
                e < len(nm_) and (nm_[e] in self.lex.complementizers or pu_[e] or _raw(doc)[e].startswith("\u0644"))
                and strip_marks(tx_[e - 1]) not in self.lex.prepositions_raw))):
            e -= 1  # (a phrase never ends with a preposition: «وزير الخارجية القطري عن أمله»; but
            # «أحمد علي إن …»: «علي» written with yā' right before «إنّ» ends a name)
        if s >= e or e - s > 25:
            return None
        if any(x.kind == "AnonymityFormula" for k in range(s, min(e, s + 2)) for x in self._hits_at.get(k, ())) \
                and not self._head_hit(s, "SourceHead") and strip_al(nm_[s]) not in self.lex.source_heads | self.lex.role_heads:
            return None  # «طلب عدم نشر اسمه», «شريطة عدم الكشف عن هويته»: how the source asked to stay unnamed
        if e - s >= 2 and (nm_[s] in self.lex.quantifiers or tx_[s].isdigit()):
            # «ثلاثة مصادر مطلعة», «عدة مسؤولين», «عدد من أعضاء المجلس»: the noun after the number
            # (and «من») heads the phrase
            k = s + 2 if e - s >= 3 and nm_[s + 1] == "\u0645\u0646" else s + 1
            inner = self.actor_from_phrase(doc, k, e, ents, people, allow_bare)
            if inner is not None and inner.type in ("AnonymousSource", "Group") and inner.end is not None:
                return replace(inner, label=_doc_text(doc)[ix_[s]:inner.end], start=ix_[s])
        text = _span_text(doc, s, e)
        head = strip_al(nm_[s])
        # a multi-word head («وسائل إعلام», «نص الاتفاق») classifies the phrase like a one-word head
        is_source = head in self.lex.source_heads or self._head_hit(s, "SourceHead")
        is_group = head in self.lex.group_heads or self._head_hit(s, "GroupHead")
        is_role = head in self.lex.role_heads or self._head_hit(s, "RoleHead")  # «الأمين العام»
        if not (is_source or is_group or is_role) and head.endswith("\u0627") and len(head) > 3:
            bare = head[:-1]  # «إلا أن مسؤولاً في المكتب رفض …»: the accusative after «أن»
            is_source, is_group, is_role = (bare in self.lex.source_heads, bare in self.lex.group_heads,
                                            bare in self.lex.role_heads)
        inner = [ents[i] for i in range(s, e) if i in ents]
        seen, ent_list = set(), []
        for x in inner:
            if id(x) not in seen:
                seen.add(id(x))
                ent_list.append(x)
        if df_[s] and s not in ents and (e == s + 1 or not df_[s + 1]) and (
                strip_al(nm_[s]) in people or self._named_before(doc, s, ents, people)):
            # «ورجّح الحمدو أن …», «اتهم الشريف جماعة الحوثي بـ…», «أكد العوبلي خلال لقائه …»: the
            # surname of someone named before
            return self._person(doc, (s, s + 1), people)
        if ent_list and ent_list[0].start == s and ent_list[0].end >= e and ent_list[0].label_ == "Location":
            seat = self._seat(ent_list[0])  # «وأعلنت أنقرة أن …»: a capital speaks for its state
            if seat is not None:
                return seat
        persons = [x for x in ent_list if x.label_ == "Person"]
        actors = [x for x in ent_list if x.label_ in ACTOR_TYPES]
        side = next((self._actor_from_ent(x) for x in actors), None)
        if side is None:
            dem = next((self._sides[i] for i in range(s, e) if i in self._sides), None)
            side = self._actor_from_ent(dem) if dem is not None else None
        org = self.lex.org_heads.get(head)
        if persons and org and not is_role and persons[-1].start > s + 2:
            persons = []  # «نفت الرئاسة السودانية صحة الأنباء عن لقاء البرهان وحميدتي»: the object's names
        persons = [x for x in persons if not (x.start > s and (self._separate_preposition(doc, x.start - 1) or (
            self._org_head_word(nm_[x.start - 1]) and not df_[x.start - 1])))]
        if persons and (is_source or is_group) and not is_role and any(
                self._separate_preposition(doc, k) for k in range(s + 1, persons[-1].start)):
            persons = []  # «مقربين من رئيس الحكومة، بنيامين نتنياهو»: the name is whom they are close to
        # (a name governed by a preposition or annexed to an institution is no speaker: «عضو في وفد
        # المعارضة», «المتحدث باسم القيادة العامة لقوات حفتر، العميد …»)
        if persons:
            a = self._actor_from_ent(persons[-1])
            if persons[-1].start > s and not a.role:
                a.role = doc[s:persons[-1].start].text.strip(" ،,")
            return a
        heads = self.lex.source_heads | self.lex.group_heads
        if is_role:
            nm = self._trailing_name(doc, s, e, ents)
            if nm and nm[0] > s and (nm[1] - nm[0] >= 2 or not (is_source or is_group)):
                return self._person(doc, nm, people, role=doc[s:nm[0]].text.strip(" ،,") or None,
                                    affiliation=side.entity if side else None)
        if is_source:
            # «وحسب بيان صادر عن وزارة الدفاع الروسية»: the statement's issuer speaks
            pub = next((x for i in range(s + 1, min(e, s + 3)) for x in self._hits_at.get(i, ())
                        if x.kind == "FunctionWord" and x.cue.function == "published-by"
                        and _nm(doc)[x.start].endswith(("\u0635\u0627\u062f\u0631", "\u0635\u0627\u062f\u0631\u0647"))), None)
            issuer = ents.get(pub.end) if pub is not None else None
            if issuer is not None and issuer.start == pub.end and issuer.label_ in ACTOR_TYPES and not (
                    issuer.end < e and issuer.end in ents and _raw(doc)[issuer.end].startswith("\u0648")):
                return self._actor_from_ent(issuer)  # (not a joint statement: «صادر عن قطر ومصر …»)
        if is_source or is_group:
            # «إعلام أميركي أنباء …»: a second head noun starts the object
            k = max([s + 1] + [x.end for x in self._hits_at.get(s, ()) if x.kind in ("SourceHead", "GroupHead")])
            spoke_for = next((x for x in self._hits_at.get(s, ()) if x.kind == "RoleHead" and x.end - x.start > 1), None)
            if spoke_for is not None and spoke_for.end < e:
                # «المتحدث باسم الجيش السوداني»: whom the spokesperson speaks for belongs to the phrase
                k = spoke_for.end
                x = ents.get(k)
                k = x.end if x is not None and x.start == k else k + 1
            definite = df_[s]
            stop_heads = self.lex.vague_heads | self.lex.group_heads
            # (a group noun ends the source's phrase, unless a preposition governs it: «عضو في وفد …»)
            while k < e and (strip_al(nm_[k]) not in stop_heads or nm_[k - 1] in self.lex.prepositions) \
                    and nm_[k] not in self.lex.demonstratives:
                if k > s + 1 and nm_[k] in self.lex.report_nouns:
                    break  # «كذبت مصادر أمنية الأنباء …»: the object
                if k > s + 1 and not df_[k] and _raw(doc)[k] != nm_[k] and _raw(doc)[k][:1] == "\u0628" \
                        and not self._named_np(doc, k, e, ents):
                    break  # «وأفادت أنباء متداولة بهبوط طائرات …»: «بـ» opens the verb's object
                if definite and not (df_[k] or nm_[k] in self.lex.same):
                    break  # «المصدر تضارب التصريحات»: an adjective of a definite head is definite too
                if not definite and (self._object_after_indefinite(doc, s, k)
                                     or self._object_after_prepositional_phrase(doc, s, k)):
                    break  # «معارضون النظام …», «مسؤول قطري التوصل …», «مسؤول في الوزارة وجود …»: the object
                if nm_[k] == "\u0639\u0646" and strip_al(nm_[k - 1]) not in self.lex.takes_an \
                        and not self._in_anonymity_formula(k):
                    break  # «كشفت مصادر مطلعة عن اتصالات …»: «عن» opens the verb's object
                if k > s + 1 and k + 1 < len(doc) and tx_[k + 1] in OPEN_Q and self._lam(doc, k):
                    break  # «شهود عيان لمراسل «الجزيرة»»: whom they spoke to, not who they are
                if tx_[k] in OPEN_Q and (x := ents.get(k + 1)) is not None and x.label_ == "MediaOutlet":
                    break  # «أفاد مصدر «الشرق الأوسط» بأن …»: the outlet spoken to, not the source's side
                x = ents.get(k)
                if x is not None and x.start == k and nm_[k - 1] not in self.lex.prepositions \
                        and doc[k]._.raw_norm == nm_[k] and not pu_[k - 1]:
                    break  # «ناشطون سوريون النظام …»: the entity is the object
                k += 1
            e = k
            text = _span_text(doc, s, e)
            side = next((self._actor_from_ent(x) for x in actors if x.start < e), None)
            if side is None:
                dem = next((self._sides[i] for i in range(s, e) if i in self._sides), None)
                side = self._actor_from_ent(dem) if dem is not None else None
            typ = "AnonymousSource" if is_source else "Group"
            return Actor(text, typ, affiliation=side.entity if side else None, start=ix_[s],
                         end=_end(doc, e - 1))
        if actors and not is_role and ((actors[0].start == s + 1 and not df_[s]) or (
                actors[0].start == s + 2 and tx_[s + 1] in OPEN_Q | STRAIGHT_Q)) and \
                strip_al(nm_[s]) not in heads and nm_[s] not in self.lex.not_name_strict:
            # «وكالة «سانا»», «موقع «الدرر الشامية»», «حركة «فتح» الفلسطينية»: the named actor (a
            # definite head annexes no name: «اتهمت الوزارة إسرائيل بـ…» names the accused after it)
            return self._actor_from_ent(actors[0])
        if org == "MediaOutlet" and not (actors and actors[0].start == s):
            # «قناة «الميادين»»: the quoted name is the outlet; a bare «الصحيفة» names none
            close = self._quoted_name_end(doc, s + 1, min(len(doc), e + 2))  # (e stops before the closing quote)
            if close is not None:
                return Actor(_span_text(doc, s + 2, close), "MediaOutlet", start=ix_[s + 2],
                             end=_end(doc, close - 1))
        if org and not (actors and actors[0].start == s):
            # «الحكومة العراقية», «وزارة الدفاع التركية», «التلفزيون الرسمي السوري»: an institution
            # or outlet nobody listed (a bare definite head, «الصحيفة», names none)
            k = s + 1
            definite = annexed = df_[s]
            while k < e and al_[k] and nm_[k] not in self.lex.demonstratives:
                if k > s + 1 and nm_[k] in self.lex.report_nouns:
                    break  # «نفت وزارة الخارجية الأنباء …»: the object (but «وكالة الأنباء»)
                if annexed and not df_[k] and ents.get(k) is None and not _raw(doc)[k].startswith("\u0648\u0627\u0644") and not (
                        nm_[k] == "\u0641\u064a" and (y := ents.get(k + 1)) is not None and y.label_ == "Location"):
                    break  # «أعلنت وزارة الصحة الفلسطينية استشهاد شاب»: a definite word ends the annexation
                annexed = annexed or df_[k]
                x = ents.get(k)
                if x is not None:
                    if nm_[k - 1] in self.lex.affiliation_adjectives and x.start == k:
                        k = x.end  # «مكتب تابع للأمم المتحدة»: whom it belongs to is part of the name
                        continue
                    if x.label_ == "Location" and x.start == k and nm_[k - 1] == "\u0641\u064a":
                        k = x.end  # «مديرية الأمن في الحسكة»: where it sits is part of the name
                    break
                if definite and not df_[k]:
                    break
                k += 1
            if k < len(doc) and tx_[k] in OPEN_Q and (x := ents.get(k + 1)) is not None \
                    and x.start == k + 1 and x.label_ in ACTOR_TYPES:
                return self._actor_from_ent(x)  # «وكالة الأنباء الرسمية السورية «سانا»»: the name it describes
            if k > s + 1 or not definite:
                return Actor(_span_text(doc, s, k), org, start=ix_[s], end=_end(doc, k - 1))
            if e == s + 1 or pu_[s + 1] or (definite and (x := ents.get(s + 1)) is not None and x.start == s + 1
                                             and not x.id_.startswith("demonym|")):
                # («اتهمت الوزارة إسرائيل بـ…»: a name after a definite head is the object, not its name)
                # «وأضافت الوكالة», «وتابعت الوزارة»: the outlet or institution just cited; with none,
                # a bare «الجيش», «الوزارة» still speaks (a bare «الصحيفة» is the article's own voice)
                prev = self._recent_institution(org, head) or self._named_institution(doc, s, head, ents)
                if prev is not None or org == "MediaOutlet":
                    return prev
                return Actor(_span_text(doc, s, s + 1), org, start=ix_[s], end=_end(doc, s))
        if is_role:
            # «اتهم الوزير الإمارات بـ…», «اتهم وزير الإعلام الإمارات بـ…»: after a definite word the
            # title annexes no name; a name right after it is the object
            x = next((a for a in actors if a.start > s and df_[a.start - 1] and al_[a.start - 1]
                      and a.label_ not in ("Person", "MediaOutlet") and not a.id_.startswith("demonym|")
                      and _raw(doc)[a.start] == nm_[a.start]), None)
            if x is not None and not any(a.label_ == "Person" and a.start > x.start for a in actors):
                e = x.start
                actors = [a for a in actors if a.start < e]
        if is_role or (actors and actors[0].start > s):
            nm = self._trailing_name(doc, s, e, ents)
            if nm:
                return self._person(doc, nm, people, role=doc[s:nm[0]].text.strip(" ،,") or None,
                                    affiliation=side.entity if side else None)
            if actors and actors[0].start == s:
                return self._actor_from_ent(actors[0])
            if is_role:
                r = self._role_end(doc, s, e, ents)
                nm = self._leading_name(doc, r, e, ents) if r == s + 1 and df_[s] else None
                if nm and nm[1] - nm[0] >= 2:  # «الكولونيل كارتر مون، المتحدث …»: a title, then the name
                    return self._person(doc, nm, people, role=_span_text(doc, s, r),
                                        affiliation=side.entity if side else None)
                e = r
            if is_role and e - s <= 8:
                # «المتحدث باسم الخارجية»: a role with no name is an unnamed source of that side
                side = next((self._actor_from_ent(x) for x in actors if x.start < e), None) or side
                return Actor(_span_text(doc, s, e), "AnonymousSource", role=_span_text(doc, s, e),
                             affiliation=side.entity if side else None, start=ix_[s],
                             end=_end(doc, e - 1))
            return None
        if actors and actors[0].start == s:
            return self._actor_from_ent(actors[0])
        if df_[s] and e - s >= 3 and e - s <= 8:
            nm = self._trailing_name(doc, s, e, ents)
            if nm and nm[0] == s + 1 and nm[1] - nm[0] >= 2 and all(
                    _raw(doc)[i] == nm_[i] for i in range(nm[0], nm[1])):
                # «قال الطبيب أحمد سالم»: a title nobody listed, then a name
                return self._person(doc, nm, people, role=doc[s:nm[0]].text.strip(" ،,") or None,
                                    affiliation=side.entity if side else None)
        nm = self._leading_name(doc, s, e, ents) if allow_bare else None
        if nm and nm[1] - nm[0] == 1 and strip_al(doc[nm[0]].norm_) not in people:
            nm = None  # one unknown word is not enough to call it a person (حركة, مواقفة …)
        if nm and nm[1] - nm[0] <= 4 and (nm[1] == e or e - s <= 4 or df_[nm[1]] or tx_[nm[1]].isdigit()):
            # (an apposition after the name: «أبو خليل الشوا البالغ 47 عاماً»)
            return self._person(doc, nm, people, role=None, affiliation=side.entity if side else None)
        return None

    def _role_end(self, doc, s: int, e: int, ents) -> int:
        """Where a role phrase with no name ends: «وحذّر وزير الدفاع من تصعيد …», «وجدد وزير
        الخارجية الأردني موقف بلاده …». Past the head's annexed noun and adjectives, an indefinite
        word starts the verb's object, and so does a preposition (apart or glued) whose noun is
        neither definite, a name, nor annexed to one; those stay («مسؤول في وزارة الدفاع»,
        «أستاذ العلوم السياسية بجامعة القدس», «الأمين العام للأمم المتحدة»)."""
        nm_, df_, al_, pu_, raw_ = _nm(doc), _def(doc), _alpha(doc), _punct(doc), _raw(doc)
        k = max([s + 1] + [x.end for x in self._hits_at.get(s, ()) if x.kind == "RoleHead"])
        definite = any(df_[i] for i in range(s, k))
        while k < e:
            x = ents.get(k)
            if x is not None and x.start == k:
                k, definite = x.end, True
                continue
            w = nm_[k]
            if pu_[k] or w in self.lex.demonstratives or w in self.lex.relatives or w in self.lex.report_nouns:
                break
            if w in self.lex.prepositions:
                if k + 1 >= e or not self._named_np(doc, k + 1, e, ents):
                    break
                x = ents.get(k + 1)
                k, definite = (x.end if x is not None else k + 2), True
                continue
            if raw_[k] != w and raw_[k].lstrip("\u0648\u0641")[:1] in ("\u0628", "\u0644", "\u0643") and not df_[k]:
                if not self._named_np(doc, k, e, ents):  # «بجامعة القدس»: a glued preposition
                    break
                x = ents.get(k)
                k, definite = (x.end if x is not None else k + 1), True
                continue
            if definite and al_[k] and not df_[k] and w not in self.lex.descriptors \
                    and strip_al(w) not in self.lex.org_heads:
                break
            definite = definite or df_[k]
            k += 1
        return min(k, e)

    def _named_np(self, doc, n: int, e: int, ents) -> bool:
        """Word ``n`` is definite, a name, an institution, or annexed to one («وزارة الدفاع»): a
        phrase after a preposition that still describes the speaker («مسؤول في وزارة الدفاع»),
        unlike «من تصعيد عسكري» or «بهبوط طائرات» (the verb's object)."""
        df_, nm_, tx_ = _def(doc), _nm(doc), _tx(doc)
        return df_[n] or n in ents or strip_al(nm_[n]) in self.lex.org_heads or (
            n + 1 < e and not tx_[n].endswith(("\u0647", "\u0647\u0627", "\u0647\u0645"))  # (not «قلقه»)
            and (df_[n + 1] or (n + 1) in ents))

    def _object_after_prepositional_phrase(self, doc, s: int, k: int) -> bool:
        """«مسؤول في وزارة الدفاع التركية وجود اتصالات»: after a prepositional phrase ending in a
        definite word, an indefinite word other than a source adjective (مطلع, رفيع) is no longer
        part of the phrase: it starts the verb's object."""
        if _def(doc)[k] or not _alpha(doc)[k] or not _def(doc)[k - 1] or _punct(doc)[k - 1] \
                or _raw(doc)[k].startswith(("\u0648\u0627\u0644", "\u0641\u0627\u0644")):
            return False  # (و/ف + ال: «السياسية والاستراتيجية» coordinates, the phrase goes on)
        w = _nm(doc)[k]
        if w in self.lex.prepositions or w in self.lex.descriptors or w in self.lex.relatives \
                or strip_al(_nm(doc)[k - 1]) in self.lex.role_heads:
            return False  # (after a title or role, «الدكتور عصام …», a name follows)
        return any(_nm(doc)[i] in self.lex.prepositions for i in range(s + 1, k - 1))

    def _object_after_indefinite(self, doc, s: int, k: int) -> bool:
        """A definite word ``k`` cannot continue an indefinite source phrase starting at ``s`` when
        the word before it ends the phrase: a sound plural in ‑ون/‑ين (never annexed: that form
        drops its ن) or an indefinite nisba adjective (مسؤول قطري). Annexation («مصادر المعارضة»,
        «مسؤول الملف») and prepositional phrases («مطلع على المفاوضات») keep it."""
        if not _def(doc)[k] or _raw(doc)[k].startswith(("\u0644\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644")):
            return False  # (لل/بال/كال: a glued preposition, «موالية للنظام», is no object)
        prev = k - 1
        w = _nm(doc)[prev]
        if _punct(doc)[prev] or _def(doc)[prev] or any(_nm(doc)[i] in self.lex.prepositions for i in range(s, k)):
            return False  # inside a prepositional phrase a noun may be annexed: «في جمهورية العراق»
        if prev == s:
            return w.endswith(("\u0648\u0646", "\u064a\u0646"))  # ون ين
        return w.endswith(("\u064a", "\u064a\u0647", "\u0648\u0646", "\u064a\u0646"))  # ي يه (ية) ون ين

    def _person(self, doc, span, people, role=None, affiliation=None) -> Actor:
        s, e = span
        name = _span_text(doc, s, e)
        key = strip_al(_nm(doc)[e - 1])
        prev = people.get(key)
        if prev is not None and (e - s == 1 or prev.label == name or prev.label.endswith(" " + name)):
            # («عبد الرحمن» after «آدم يحيى عبد الرحمن»: the end of the name written in full before)
            return Actor(prev.label, "Person", prev.entity, prev.label_en, prev.role, prev.affiliation,
                         start=_ix(doc)[s], end=_end(doc, e - 1))
        a = Actor(name, "Person", None, None, role, affiliation, start=_ix(doc)[s],
                  end=_end(doc, e - 1))
        if e - s >= 2:
            people[key] = a
        return a

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex
        inq = quote_depth(doc)
        self._inq = inq
        ents = self._ent_at(doc)
        self._ents = ents
        hits = [h for h in lex.hits(doc) if not self._affiliation_adjective(doc, h)]
        self._hits = hits
        self._hits_at: dict[int, list[CueHit]] = {}
        for h in hits:
            self._hits_at.setdefault(h.start, []).append(h)
        self._comp_at = {h.start for h in hits if h.kind == "Complementizer"}
        self._marker_end = {h.end for h in hits if h.kind == "OutletMarker"}
        claims: list[RawClaim] = []
        self._claims = claims
        people: dict[str, Actor] = {}
        self._people = people
        self._by_speaker: dict[str, RawClaim] = {}
        self._recent: list[Actor] = []
        last: RawClaim | None = None
        last_sent = -10
        import bisect

        hit_starts = [h.start for h in hits]
        for si, (s0, s1) in enumerate(sentences(doc, inq)):
            sh = hits[bisect.bisect_left(hit_starts, s0):bisect.bisect_left(hit_starts, s1)]
            starts = [h for h in sh if h.kind in CLAIM_KINDS and not inq[h.start]
                      and not self._passive(doc[h.start]) and not self._predicate(doc, h)]
            starts = [h for k, h in enumerate(starts) if not (k and self._after_according(doc, starts[k - 1], h))]
            starts = [h for k, h in enumerate(starts) if not (k and self._speaker_aside(doc, starts[k - 1], h, sh))]
            # «قال إن واشنطن لن تعترف …»: a verb inside a complement clause after its own preposed
            # subject belongs to what was said, not to a new attribution
            starts = [h for k, h in enumerate(starts) if not (
                k and h.kind == "SpeechVerb" and self._inside_complement(doc, starts[k - 1], h, sh))]
            starts = [h for h in starts if not (h.kind == "ContinuationParticiple" and self._adjectival(doc, h, sh))]
            starts = [h for h in starts if h.kind != "VerbalNoun" or self._verbal_noun_opens(doc, h, sh, s1)]
            # «نفت حماس ما وصفته بـ«تسريبات»»: a verb after «ما» is a relative clause, no new speaker
            # «ورجّح المسؤول، الذي تحدث شريطة عدم نشر اسمه، أن …»: a relative clause on the subject
            starts = [h for k, h in enumerate(starts) if not (
                k and h.kind == "SpeechVerb" and starts[k - 1].kind == "SpeechVerb" and h.start >= 2
                and _nm(doc)[h.start - 1] in lex.relatives and _tx(doc)[h.start - 2] in COMMA
                and not any(x.kind == "Complementizer" and starts[k - 1].end <= x.start < h.start for x in sh))]
            # «أشار المصدر إلى لجنة … التي أعلنت «حماس» موافقتها عليها»: a restrictive relative clause
            # inside what was just said describes a noun of it; it opens no claim of its own
            starts = [h for k, h in enumerate(starts) if not (
                k and h.kind == "SpeechVerb" and h.start >= 2 and _nm(doc)[h.start - 1] in lex.relatives
                and _tx(doc)[h.start - 2] not in COMMA and starts[k - 1].kind in ("SpeechVerb", "ContinuationParticiple")
                and not any(x.kind == "Complementizer" and h.end <= x.start < h.end + 8 for x in sh)
                and self._denied_report(doc, starts[k - 1], h.start - 1) is None)]
            # (but «وهو ما أكده X»: X confirms what was just said)
            starts = [h for h in starts if not (h.kind == "SpeechVerb" and h.start > s0 + 1
                                                and _nm(doc)[h.start - 1] in lex.what
                                                and _nm(doc)[h.start - 2] not in lex.pronouns)]
            # «أعرب عن أمله»: after a preposition the word is a noun, not a participle (آملاً)
            starts = [h for h in starts if not (h.kind == "ContinuationParticiple" and h.start > s0
                                                and _nm(doc)[h.start - 1] in lex.prepositions)]
            # «سارعت موسكو إلى نفي …»: after a preposition a verb's form is its verbal noun («نفي», folded
            # like «نفى»), no verb
            starts = [h for h in starts if not (h.kind == "SpeechVerb" and h.start > s0 and h.end - h.start == 1
                                                and _nm(doc)[h.start - 1] in lex.governing
                                                and self._separate_preposition(doc, h.start - 1))]
            # «مصدر، فضّل عدم ذكر اسمه، إن …»: no claim opens inside the wish not to be named
            anon = [(x.start, x.end) for x in sh if x.kind == "AnonymityFormula"]
            if anon:
                starts = [h for h in starts if not any(a <= h.start < b for a, b in anon)]
            # «نقلت X عن Y»: a relay verb with no «عن» after it is another sense («نقلت أسلحة»,
            # transported) and must not cut the claim it sits in
            # («نقلت الوكالة أن …», «أوردت الصحيفة أن …»: with «أن» and no source it reports, as a speech verb)
            starts = [x for x in (self._as_relay(doc, h, sh, s1) for h in starts) if x is not None]
            # «ذكرت صحيفة X نقلاً عن Y أن …»: one claim, Y's, relayed by X; the verb opens none of its own
            starts = [h for k, h in enumerate(starts) if not (
                h.kind == "SpeechVerb" and k + 1 < len(starts) and self._adverbial_relay(doc, starts[k + 1])
                and not any(x.kind == "Complementizer" and h.end <= x.start < starts[k + 1].start for x in sh))]
            dv = self._decline_verbs(sh, inq, s1)
            taken = {x.start for x in dv}
            starts = sorted([x for x in starts if x.start not in taken] + dv, key=lambda x: x.start)
            om = {i for x in sh if x.kind == "OutletMarker" for i in range(x.start, x.end)}
            starts = [h for h in starts if not (h.kind == "SpeechVerb" and h.start in om)]
            cur: RawClaim | None = None
            merged: set[int] = set()
            headed = self._colon_headline(doc, s0, s1, starts, sh, ents, inq)
            if headed is not None:  # «10:18 الجيش الإسرائيلي: رصدنا …», «عاجل | قناة المنار: …»
                self._keep(headed)
                cur = last = headed
                last_sent = si
            for k, h in enumerate(starts):
                if k in merged:
                    continue
                nxt = starts[k + 1].start if k + 1 < len(starts) else s1
                prior = last if si - last_sent <= 3 else None
                c = self._claim(doc, h, s0, s1, nxt, sh, ents, inq, people, cur, prior)
                if c is None and k + 1 < len(starts) and starts[k + 1].kind == "SpeechVerb" \
                        and self._content_start(doc, h.end, nxt, sh) is not None:
                    # «قالت الوكالة إن المملكة رحبت بالاتفاق»: a verb right inside the content left
                    # it too short to stand; the verb is part of what was said
                    nxt = starts[k + 2].start if k + 2 < len(starts) else s1
                    c = self._claim(doc, h, s0, s1, nxt, sh, ents, inq, people, cur, prior)
                    if c is not None:
                        merged.add(k + 1)
                if c is None and h.kind == "SpeechVerb" and k + 1 < len(starts) \
                        and starts[k + 1].kind == "ContinuationParticiple" and starts[k + 1].start - h.end <= 8:
                    # «وقال مصدر عسكري، مؤكداً أن …»: the participle right after the subject opens
                    # the verb's own content (its stance, «مرجحاً», carries over)
                    nxt = starts[k + 2].start if k + 2 < len(starts) else s1
                    c = self._claim(doc, h, s0, s1, nxt, sh, ents, inq, people, cur, prior)
                    if c is not None:
                        merged.add(k + 1)
                if c is None:
                    continue
                self._keep(c)
                cur = last = c
                last_sent = si
            for a, n in self._amid_words(doc, s0, s1, sh):
                if not inq[n] and not any(c.content_start <= n < c.content_end or c.cue_start == n for c in claims):
                    c = self._amid_claim(doc, a, n, s1, sh, ents, people)
                    if c is not None:
                        self._keep(c)
                        cur = last = c
                        last_sent = si
            for d in [c for c in claims if c.stance in ("denies", "declines") and s0 <= c.cue_start < s1]:
                c = self._what_they_reported(doc, d, sh, ents, people)
                if c is not None and all(c.content_start != x.content_start for x in claims):
                    self._keep(c)
        # «وأبدى عكاشة تفاؤلاً … . وقال لـ«الشرق الأوسط» إن …»: an outlet named at a speaker's later
        # cue is where the speaker spoke; earlier claims of that speaker with no channel get it too
        waiting: dict[str, list[RawClaim]] = {}
        for c in claims:
            if c.named_outlet:
                for p in waiting.pop(c.claimant.key, []):
                    if not p.reported_to and not p.cited_by:
                        p.reported_to = list(c.reported_to)
            elif not c.reported_to and not c.cited_by:
                waiting.setdefault(c.claimant.key, []).append(c)
        doc._.claims = claims
        return doc

    def _keep(self, c: RawClaim) -> None:
        """Add a claim to the document's, as the last word of its speaker."""
        self._claims.append(c)
        self._by_speaker[c.claimant.key] = c
        self._recent.append(c.claimant)

    _COLON_CUE = Cue(key="colon-headline", kinds=frozenset({"SpeechVerb"}), stance="asserts", forms=[], label=":")
    _TICKER = frozenset({"\u0639\u0627\u062c\u0644", "|", "\u2014", "-", ":"})  # عاجل | — - :

    def _colon_headline(self, doc, s0, s1, starts, sh, ents, inq) -> RawClaim | None:
        """A live-blog or ticker line: an actor's name, a colon, what it says («الجيش الإسرائيلي:
        رصدنا إطلاق …», «عاجل | قناة المنار: قصف …»), after an optional time stamp."""
        tx = _tx(doc)
        k = s0
        while k < s1 and (_space(doc)[k] or tx[k] in self._TICKER or tx[k].replace(":", "").isdigit()):
            k += 1
        x = ents.get(k)
        if x is None or x.start != k or x.end + 2 >= s1 or tx[x.end] not in COLON or inq[k]:
            return None
        actor = self._actor_from_ent(x) if x.label_ in ACTOR_TYPES else (self._seat(x) if x.label_ == "Location" else None)
        if actor is None:
            return None
        end = next((h.start for h in starts if h.start > x.end), s1)
        h = CueHit(x.end, x.end + 1, self._COLON_CUE, "SpeechVerb")
        return self._finish(doc, h, ":", "SpeechVerb", "asserts", actor, x.end + 1, end, [], [], sh, inq)

    def _affiliation_adjective(self, doc, h: CueHit) -> bool:
        """«فصيل تابع للنظام», «مسؤول في مجلس محلي تابع للمعارضة»: after a noun, written without a
        conjunction and before a word with a glued «لـ», «تابع» is "affiliated to", not "continued"
        (the verb opens its clause: «وتابع المتحدث», «وتابع لـ«…»»)."""
        k = h.start
        if h.end - k != 1 or k == 0 or k + 1 >= len(doc):
            return False
        nm, raw = _nm(doc), _raw(doc)
        if nm[k] not in self.lex.affiliation_adjectives or raw[k] != nm[k] or not _alpha(doc)[k - 1]:
            return False
        return len(raw[k + 1]) > 2 and self._glued_lam(doc, k + 1)

    def _decline_verbs(self, sh, inq, s1) -> list[CueHit]:
        """«فضّل مسؤول … عدم التعليق»: a refusal verb with its object a few words later."""
        out = []
        for h in sh:
            if h.kind != "DeclineVerb" or inq[h.start]:
                continue
            obj = next((x for x in sh if x.kind == "DeclineObject" and h.end <= x.start <= h.end + 16
                        and not any(a.kind == "AnonymityFormula" and a.start <= x.start < a.end for a in sh)), None)
            if obj is not None and not any(x.kind == "DeclinePhrase" and x.start <= h.start < x.end for x in sh):
                # «رفضت الحركة الاتهامات»: an accusation as the object makes the refusal a denial
                cue = obj.cue if obj.cue.stance == "denies" else h.cue
                out.append(CueHit(h.start, h.end, cue, "DeclinePhrase"))
        return out

    def _after_according(self, doc, prev: CueHit, h: CueHit) -> bool:
        """The verb of «وفق ما أفاد» / «حسبما نقلت» belongs to the according-to cue before it."""
        if prev.kind != "AccordingTo" or h.kind not in ("SpeechVerb", "RelayVerb"):
            return False
        gap = range(prev.end, h.start)
        return all(_nm(doc)[k] in self.lex.what for k in gap) and len(gap) <= 1

    def _possessed_object(self, doc, i: int, j: int, end: int, sh) -> bool:
        """Word ``j`` is a noun with a possessive pronoun («استعداده», «رفضها», «قلقهم») after a
        definite subject («الرئيس التركي»), in a clause with no «أن», colon or quote to come: the
        verb's object, not a name (listed names like «نبيه» excepted)."""
        nm, df = _nm(doc), _def(doc)
        w = nm[j]
        if df[j] or not _alpha(doc)[j] or len(w) < 4 or not strip_marks(_tx(doc)[j]).endswith(_POSSESSIVE) \
                or w in self.lex.name_words or _raw(doc)[j] != w:
            return False  # (written ـه, not the ـة the norm folds into it: «لجماعة الحوثي»)
        if j - i < 2 or not (all(df[k] for k in range(i + 1, j)) or self._closing_pp(doc, j - 1)):
            return False  # (the head may be annexed: «وزير الخارجية الإيراني موقف بلاده»)
        if strip_al(w) in self.lex.same:
            return False  # «مصادر مقربة من الرئيس نفسه»: the same one, still the subject
        return self._content_start(doc, j, end, sh) is None

    def _closing_pp(self, doc, k: int) -> bool:
        """Word ``k`` is a definite noun after a preposition, separate or glued («تابعة للميليشيا»,
        «مقربة من الجماعة»): a prepositional phrase, which no noun after it can annex."""
        nm, df = _nm(doc), _def(doc)
        for k in range(k, max(k - 3, 0), -1):  # (past its adjectives: «للميليشيا المتمردة»)
            if not df[k]:
                return False
            if _raw(doc)[k].startswith(("\u0644\u0644", "\u0628\u0627\u0644")) or (
                    nm[k - 1] in self.lex.prepositions and self._separate_preposition(doc, k - 1)):
                return True
        return False

    def _adjectival(self, doc, h: CueHit, sh) -> bool:
        """«معلومات مؤكدة حول …», «أنباء مؤكدة عن …»: a participle right after an indefinite noun,
        with no «أن», colon or quote after it, describes that noun; it continues no speaker
        («وأضاف مؤكداً», «قال مصدر عسكري مؤكداً أن …» still do)."""
        k = h.start
        if k == 0 or h.end >= len(doc) or not _alpha(doc)[k - 1] or _def(doc)[k - 1] or _raw(doc)[k] != _nm(doc)[k]:
            return False
        if any(x.end == k or x.start == h.end and x.kind == "Complementizer" for x in sh):
            return False
        nxt = _tx(doc)[h.end]
        return not (nxt in COLON or nxt in OPEN_Q or nxt in STRAIGHT_Q or _nm(doc)[h.end] in self.lex.complementizers)

    def _speaker_aside(self, doc, verb: CueHit, h: CueHit, sh) -> bool:
        """«وأكدت الأمم المتحدة، على لسان المتحدث باسمها، أن …»: an according-to phrase set off by a
        comma between a verb's subject and its «أن» names who voiced it; it opens no claim."""
        if verb.kind != "SpeechVerb" or h.kind != "AccordingTo" or (_tx(doc)[h.start - 1] not in COMMA and not any(
                x.kind == "MediumAdjunct" and x.end == h.start for x in sh)):  # («، في بيان وفق ما نقلت X، إن»)
            return False
        if any(x.kind == "Complementizer" and verb.end <= x.start < h.start for x in sh):
            return False
        if " ".join(_nm(doc)[h.start:h.end]) == "\u0639\u0644\u064a \u0644\u0633\u0627\u0646":
            return True  # «كذبت الحكومة، على لسان الناطق باسمها، «التقارير …»»: على لسان only names the voice
        own = next((x for x in sh if x.kind in ("SpeechVerb", "RelayVerb") and h.end <= x.start <= h.end + 1), None)
        if self._complement_follows(own or h, sh):
            return True  # («، حسبما نقلت عنه وكالة …، بأن»: past its own verb)
        # «أكد مسؤول، بحسب ما نقلت وكالة رويترز، إصابة …»: set off by commas, before the verb's object
        tx = _tx(doc)
        close = next((k for k in range((own or h).end, min(len(tx), (own or h).end + 8)) if tx[k] in COMMA or tx[k] in SENT_END), None)
        return close is not None and tx[close] in COMMA and not any(
            x.kind in CLAIM_KINDS for x in sh if h.end <= x.start <= close + 1 and x is not own)

    def _inside_complement(self, doc, before: CueHit, h: CueHit, sh) -> bool:
        """``h`` sits in the complement clause of ``before``, after its own preposed subject:
        «قال إن واشنطن لن تعترف …» (complementizer, a few words, an optional particle, the verb)."""
        if _raw(doc)[h.start] != _nm(doc)[h.start]:
            return False  # «وأكد»: a glued conjunction opens a new clause
        ends = {x.end for x in sh if x.kind == "Complementizer" and before.end <= x.start < h.start}
        words = 0
        for k in range(h.start - 1, max(before.end, h.start - 6) - 1, -1):
            if k + 1 in ends:
                # (but «…، إلا أن مسؤولاً رفض التعليق»: after «إلا»/«غير» the clause is a main one)
                return words > 0 and not (k > 0 and _nm(doc)[k - 1] in self.lex.contrast)
            if _punct(doc)[k]:
                return False
            if _nm(doc)[k] not in self.lex.particles:
                words += 1
        return False

    def _predicate(self, doc, h: CueHit) -> bool:
        """«كان لافتاً»: a participle after a copula is a predicate, not a speaker's continuation."""
        if h.kind != "ContinuationParticiple" or h.start == 0:
            return False
        prev = _nm(doc)[h.start - 1]
        return prev in self.lex.auxiliaries or prev in self.lex.complementizers

    def _passive(self, tok) -> bool:
        """``يُذكر``, ``ويُعتقد``: a damma on the first letter (after a glued و/ف) marks an agentless
        passive: not an attribution."""
        t = tok.text
        if len(t) > 2 and t[0] in ("\u0648", "\u0641") and t[2] == "\u064f":
            return True
        return len(t) > 1 and t[1] == "\u064f"

    def _suffixed_verb(self, norm: str) -> str | None:
        """The cue kind of a speech or relay verb carrying an object pronoun (أوردته, نقلتها, قالوه)."""
        for suffix in ("هما", "هم", "هن", "ها", "ه"):
            if norm.endswith(suffix) and len(norm) > len(suffix) + 2:
                stem = norm[: -len(suffix)]
                kind = self.lex.verb_forms.get(stem)
                if kind is not None:
                    return kind
        return None

    def _relay_source(self, doc, h: CueHit, end: int, window: int = RELAY_WINDOW) -> int | None:
        """Index of the preposition before a relay verb's source: «عن» (نقل عن), or the verb's own
        kg:objectPreposition («نسبت الوكالة إلى مصدر قوله»)."""
        words = h.cue.object_preps or self.lex.relay_source
        nm = _nm(doc)
        return next((k for k in range(h.end, min(end, h.end + window)) if nm[k] in words), None)

    def _as_relay(self, doc, h: CueHit, sh, s1) -> CueHit | None:
        """A relay verb as it opens: with its source (or «نقلاً عن»), as is; with «أن» and no
        source, as a speech verb; neither, no claim («نقلت أسلحة»). Other hits pass unchanged."""
        if h.kind != "RelayVerb" or self._adverbial_relay(doc, h) or self._relay_source(doc, h, s1) is not None:
            return h
        return replace(h, kind="SpeechVerb") if self._complement_follows(h, sh) else None

    @staticmethod
    def _complement_follows(h: CueHit, sh, window: int = 12) -> bool:
        """The next cue after ``h`` in its sentence is an «أن» within ``window`` words."""
        x = next((x for x in sh if x.start >= h.end and (x.kind == "Complementizer" or x.kind in CLAIM_KINDS)), None)
        return x is not None and x.kind == "Complementizer" and x.start - h.end <= window

    def _adverbial_relay(self, doc, h: CueHit) -> bool:
        """«نقلاً عن»: a relay cue that ends with its own «عن» (no verb of its own: it follows one)."""
        return h.kind == "RelayVerb" and h.end - h.start > 1 and _nm(doc)[h.end - 1] in self.lex.relay_source

    def _outlets(self, doc, s, e, ents, slot_only: bool = False) -> list[Actor]:
        """Outlets named in doc[s:e]; with ``slot_only``, only those after لـ (spoken to)."""
        out, seen = [], set()
        for i in range(s, e):
            x = ents.get(i)
            if x is not None and slot_only and not self._after_lam(doc, x) and x.start not in self._marker_end:
                continue  # (spoken to: after «لـ», or after a marker: «في رد مكتوب على أسئلة عنب بلدي»)
            if x is not None and x.label_ == "MediaOutlet" and x.start not in seen:
                seen.add(x.start)
                out.append(self._actor_from_ent(x))
        return out

    def _content_start(self, doc, i, end, sh) -> int | None:
        """Index of the first content token after position i (complementizer, colon or quote)."""
        comp = {h.start: h.end for h in sh if h.kind == "Complementizer"}
        tx = _tx(doc)
        for j in range(i, end):
            if j in comp:
                return comp[j]
            x = tx[j]
            if x in COLON:
                return comp.get(j + 1, j + 1)  # «قال: إن …»
            if x in OPEN_Q or x in STRAIGHT_Q:
                inside = self._ents.get(j)
                if inside is not None and inside.start < j:
                    continue  # «وكالة «أعماق»»: the quote belongs to a name
                return j
        return None

    def _subject_end(self, doc, i, end, sh, ents, preps: frozenset = frozenset()) -> int:
        """End of the noun phrase starting at i: before a comma, complementizer, colon, quote or
        outlet, or the preposition ``preps`` the verb takes its object with (شكك خبراء في …)."""
        stops = {h.start for h in sh if h.kind in ("Complementizer", "OutletMarker", "DeclineObject", "MediumAdjunct")
                 or h.kind in CLAIM_KINDS}
        tx, nm, raw = _tx(doc), _nm(doc), _raw(doc)
        relatives, demonstratives = self.lex.relatives, self.lex.demonstratives
        j = i
        while j < end:
            text = tx[j]
            inside = ents.get(j)
            if inside is not None and inside.start < j < inside.end:
                j = inside.end  # quotes inside a name: «تنظيم "الدولة الإسلامية"»
                continue
            quote = text in OPEN_Q or text in STRAIGHT_Q
            close = self._quoted_entity_end(doc, j, ents) if quote else None
            if j > i and "\u064b" in text and text[0].isalpha():
                break  # «أبدى الباحث … تفاؤلاً حذراً»: an accusative with tanwin is the object
            if quote and j == i and close is not None:
                j = close + 1  # «وقالت «حماس» في بيان إن …»: a quoted name right after the verb
                continue
            if quote and j > i:
                if close is not None and close + 1 < end and self._continues_np(doc[close + 1], sh, close + 1):
                    j = close + 1  # «حماس» inside «القيادي في «حماس» باسم نعيم»
                    continue
                if close is not None and not (self._preposition_token(doc, j - 1) or self._lam(doc, j - 1)):
                    j = close + 1  # «وكالة «سانا» إن …»: the quoted name closes the subject
                    if j < end and strip_al(nm[j]) in self.lex.role_heads:
                        continue  # (but «رئيس كتلة "التنمية والتحرير" النائب فلان»: a title and a name follow)
                    break
                if close is None and self._org_head_word(nm[j - 1]):
                    q = self._quoted_name_end(doc, j, end, longest=4)
                    if q is not None and q + 1 < end and strip_al(nm[q + 1]) in self.lex.role_heads:
                        j = q + 1  # «رئيس كتلة "التنمية والتحرير" النائب فلان»: the bloc's name, then a title
                        continue
                if close is None and j - 1 > i and self._separate_preposition(doc, j - 1) \
                        and _nm(doc)[j - 1] not in ("\u0644", "\u0628"):  # (not «لـ«X»»: the addressee)
                    q = self._quoted_name_end(doc, j, end, longest=4)
                    if q is not None:
                        j = q + 1  # «عضو في "اللجنة المركزية" بريف حمص»: a quoted name inside the phrase
                        continue
                if close is None and self.lex.org_heads.get(strip_al(_nm(doc)[j - 1])) == "MediaOutlet":
                    close = self._quoted_name_end(doc, j, end)
                    if close is not None:
                        j = close + 1  # «قناة «الميادين» إن …»: an outlet nobody listed
                        break
            if j in stops or text in COMMA or text in COLON or text in OPEN_Q or text in STRAIGHT_Q:
                break
            if nm[j] in relatives or (nm[j] in demonstratives and j > i):
                break
            if j > i and nm[j] in self.lex.what and not self._hits_at.get(j) and not any(
                    x.end > j for x in self._hits_at.get(j - 1, ())):
                break  # «نفى المكتب ما أوردته الصحيفة»: «ما» opens the object
            if j > i and raw[j] != nm[j] and nm[j] in self.lex.pronouns:
                break  # «قال أبو محمد وهو يقف أمام منزله»: a circumstantial clause
            if j > i and nm[j].endswith(_POSSESSIVE) and self._possessed_object(doc, i, j, end, sh):
                break  # «أبدى الرئيس التركي استعداده للقاء …»: the stance noun is the object
            if j > i and nm[j] in self.lex.time_words and nm[j - 1] != "\u0639\u0628\u062f":
                break  # «قال مسؤول تركي رفيع الأحد إن»: the day is no part of the speaker (but عبد الأحد)
            if nm[j] in preps and j > i and j + 1 < end and ents.get(j + 1) is None \
                    and strip_al(nm[j + 1]) not in self.lex.org_heads:
                break  # (but «شككت مصادر في المعارضة السورية بـ…»: an affiliation, a name after it)
            if j > i and raw[j][:1] in preps and raw[j][:1] == "\u0628" and ents.get(j) is None and (
                    raw[j] != nm[j] or text[:2] in self._GLUED_BI or (
                        len(nm[j]) >= 5 and not nm[j].endswith(_NISBA) and not _def(doc)[j] and nm[j] not in self.lex.not_name)) \
                    and strip_al(nm[j]) not in self.lex.org_heads:
                break  # «هدد زعيم الحزب بالانسحاب …», «أفادت أنباء متداولة بهبوط …»: the verb's «بـ» glued to its object
            if raw[j] == "\u0644" or (text.endswith("\u0640") and j > i):
                # لـ «outlet»: the addressee, not the subject
                nxt = ents.get(j + 1) or ents.get(j + 2)
                if nxt is not None and nxt.label_ == "MediaOutlet":
                    break
            x = ents.get(j)
            if x is not None and x.label_ == "MediaOutlet" and text != nm[j] and raw[j].startswith("\u0644"):
                break  # («قال لرووداو إن …»: the outlet spoken to, right after the verb too)
            if j > i and self._lam(doc, j) and self.lex.org_heads.get(strip_al(nm[j])) == "MediaOutlet" and (
                    x is None or x.label_ == "MediaOutlet"):
                break  # «مسؤولون أمريكيون لشبكة «سي إن إن»»: the outlet spoken to (not «لوكالة الأمم المتحدة …»)
            j += 1
        return j

    def _object_relative_subject(self, doc, h, s0, ents, people) -> Actor | None:
        """«بثت وكالة أعماق تسجيلاً مصوراً قالت إنه …», «أصدر الجيش بياناً قال فيه إن …»: a verb
        with no subject of its own describing an indefinite object (written with tanwin, ـًا)
        reports what the subject of the sentence's first verb said."""
        k = next((i for i in range(h.start - 1, max(s0, h.start - 4) - 1, -1) if "\u064b" in _tx(doc)[i]), None)
        if k is None:
            return None
        while k - 1 > s0 + 1 and "\u064b" in _tx(doc)[k - 1]:
            k -= 1  # «تسجيلاً مصوراً»: the object's adjectives too
        if k - s0 < 2 or any(_punct(doc)[i] for i in range(s0 + 1, k)):
            return None
        return self.actor_from_phrase(doc, s0 + 1, k, ents, people, allow_bare=False)

    def _preverb_subject(self, doc, h, s0, sh, ents, people, inq):
        """The subject written before the verb (SVO), possibly with appositions between commas.

        «مصدر مطلع، قال …», «الولايات المتحدة فضّلت …», «المبعوث …، بريت ماكغورك، قد قال …».
        Returns (actor, start of the subject) or (None, None).
        """
        tx_, nm_ = _tx(doc), _nm(doc)  # (bound once: read in loops)
        segs = []
        b = h.start
        # (a verb inside «فضّل عدم ذكر اسمه» opens nothing: the subject goes on before it)
        anon = [(x.start, x.end) for x in sh if x.kind == "AnonymityFormula"]
        while True:
            while b > s0 and tx_[b - 1] in COMMA:
                b -= 1
            a = b
            while a > s0 and tx_[a - 1] not in COMMA and tx_[a - 1] not in SENT_END and not (
                    any(x.end == a and x.kind in CLAIM_KINDS and not any(p <= x.start < q for p, q in anon)
                        for x in sh)) and (a - 1) not in self._comp_at:
                a -= 1  # (an «أن» before: what was said, no subject; but «غير أن تقارير …»: _opening_that)
            if b > a:
                segs.append((a, b))
            if a <= s0 or tx_[a - 1] not in COMMA or len(segs) >= 4:
                break
            b = a
        segs = [(a, b) for a, b in segs if not all(nm_[k] in self.lex.auxiliaries for k in range(a, b))]
        while len(segs) > 1 and self._adverbial_opening(doc, *segs[-1]):
            segs.pop()  # «وفي المقابل، تقارير إعلامية تحدثت …»: the sentence opens after the adverbial
            s0 = segs[-1][0]
        if not segs:
            # «قيادات المعارضة، التي وجدت فيها …»: the antecedent of the relative clause speaks
            if h.start - 1 > s0 and nm_[h.start - 1] in self.lex.relatives and tx_[h.start - 2] in COMMA:
                ant = self._antecedent(doc, s0, h.start - 2, ents, people)
                return (ant, h.start - 2) if ant else (None, None)
            return None, None
        a, b = segs[0]
        denial = next((x for x in reversed(sh) if x.end < b and (x.kind in CLAIM_KINDS or x.kind == "DeclineObject")), None)
        e = b - 1 if nm_[b - 1] in self.lex.relatives else b  # (the report noun phrase, before «التي»)
        r = self._denied_report(doc, denial, e) if b == h.start else None
        if r is not None:
            # «ونفى الكرملين تقارير إعلامية غربية تحدثت عن …»: the reports denied say it
            cand = self.actor_from_phrase(doc, r, e, ents, people, allow_bare=True)
            if cand is not None:
                return cand, r
        # the subject may open the sentence, or follow «غير أن», «إلا أن»
        opens = segs[-1][0] == s0 or (len(segs) > 1 and self._opening_that(doc, segs[-1][0] - 1, s0))
        if b - a <= 14 and not inq[a]:
            cand = self.actor_from_phrase(doc, a, b, ents, people, allow_bare=b < h.start)
            if cand is not None and (a == s0 or tx_[a - 1] in COMMA or self._opening_that(doc, a - 1, s0)):
                if cand.type == "Person" or len(segs) == 1 or not opens:
                    return cand, a
        # appositions: every segment back to the sentence start belongs to the subject
        if not opens or sum(b - a for a, b in segs) > 40:
            return None, None
        found = [(self.actor_from_phrase(doc, a, b, ents, people, allow_bare=True), a, b) for a, b in segs]
        person = next(((x, a, b) for x, a, b in found if x is not None and x.type == "Person"), None)
        if person is not None:
            x, a, b = person
            if not x.role:
                far = segs[-1]
                if far[0] != a:
                    x.role = doc[far[0]:far[1]].text
            return x, segs[-1][0]
        x, a, b = found[-1]
        return (x, a) if x is not None else (None, None)

    def _denied_report(self, doc, cue: CueHit | None, b: int) -> int | None:
        """Where a report noun phrase that ends at ``b`` starts, when it is what ``cue`` denies or
        declines to comment on («نفى الكرملين تقارير إعلامية غربية …», «رفضت التعليق على الأنباء
        التي …»): up to three words after the noun, none a preposition or a name."""
        if cue is None or not (cue.kind in ("DeclinePhrase", "DeclineObject") or cue.cue.stance in ("denies", "declines")):
            return None
        nm = _nm(doc)
        for r in range(b - 1, max(cue.end, b - 4) - 1, -1):
            if strip_al(nm[r]) in self.lex.report_nouns:
                return r if r > cue.end or b - r > 1 else None
            if _punct(doc)[r] or nm[r] in self.lex.prepositions or r in self._ents:
                return None
        return None

    @staticmethod
    def _resumptive_verb(doc, k: int) -> bool:
        """Word ``k`` is written as a verb with its object pronoun («أعدتها», «تداولته», «أوردته»),
        the one a relative «ما» or a document noun points back to."""
        w = strip_marks(_tx(doc)[k])
        return w.isalpha() and len(w) >= 4 and w.endswith(_POSSESSIVE)

    def _document_maker(self, doc, j: int, nxt: int, ents) -> tuple[Actor, int] | None:
        """«وفقاً لحصيلة أعدتها فرانس برس», «بحسب إحصاء لرويترز»: after «بحسب/وفق» a toll, count or
        report (kg:function "document-noun") and then, glued to «لـ» or after a verb with its
        pronoun, the named actor who made it: that actor, and where its name ends."""
        if j + 1 >= nxt or strip_al(_nm(doc)[j]) not in self.lex.document_nouns:
            return None
        k = j + 1
        if not self._glued_lam(doc, k):
            if not self._resumptive_verb(doc, k) or k + 1 >= nxt:
                return None
            k += 1  # («أعدتها», «أجراها»: the verb, then its subject)
        x = ents.get(k)
        if x is None or x.start != k or x.label_ not in ACTOR_TYPES:
            return None
        return self._actor_from_ent(x), x.end

    def _adverbial_opening(self, doc, a: int, b: int) -> bool:
        """doc[a:b], set off by a comma, is an adverbial, not an apposition of the subject: a
        prepositional phrase («وفي المقابل»، «من جهة أخرى») or one adverb with tanwin («ميدانياً»)."""
        w = strip_marks(_tx(doc)[a])
        if w[:1] in ("\u0648", "\u0641") and w[1:] in self.lex.adverbial_preps:
            w = w[1:]  # («وفي», «ففي»: a glued conjunction)
        return w in self.lex.adverbial_preps or (b - a == 1 and "\u064b" in _tx(doc)[a])

    def _contacted(self, doc, h, s0, ents, people) -> tuple[Actor, Actor] | None:
        """«وحين تواصلت «الشرق الأوسط» مع المتحدث باسم الحكومة، رفض التعليق»: the one an outlet
        contacted (kg:function "contact") speaks, to that outlet. Returns (speaker, outlet)."""
        tx, nm = _tx(doc), _nm(doc)
        if h.start - 1 <= s0 or tx[h.start - 1] not in COMMA:
            return None
        c = next((x for i in range(s0, h.start) for x in self._hits_at.get(i, ()) if x.cue.function == "contact"), None)
        if c is None:
            return None
        k = c.end + (1 if tx[c.end] in OPEN_Q | STRAIGHT_Q else 0)
        x = ents.get(k)
        if x is None or x.start != k or x.label_ != "MediaOutlet":
            return None
        k = x.end + (1 if x.end < h.start and tx[x.end] in CLOSE_Q | STRAIGHT_Q else 0)
        if k >= h.start - 1 or nm[k] != "\u0645\u0639":  # مع
            return None
        speaker = self.actor_from_phrase(doc, k + 1, h.start - 1, ents, people)
        return (speaker, self._actor_from_ent(x)) if speaker is not None else None

    def _opening_that(self, doc, k: int, s0: int) -> bool:
        """«غير أن تقارير صحفية تحدثت عن …», «إلا أن مصادر أكدت …»: an «أن» opening the sentence
        after a connective starts a clause whose subject comes before its verb."""
        if k not in self._comp_at:
            return False
        if k > s0 and _nm(doc)[k - 1] in self.lex.contrast:
            return True  # «…، إلا أن مسؤولاً في المكتب رفض التعليق»
        return s0 <= k <= s0 + 2 and not any(x.kind in CLAIM_KINDS for i in range(s0, k) for x in self._hits_at.get(i, ()))

    def _who_antecedent(self, doc, h, s0, ents, people):
        """The group or source named earlier in the sentence that «من» (those who) refers to."""
        heads = (self.lex.source_heads - self.lex.vague_heads) | self.lex.group_heads
        inq = self._inq
        for k in range(h.start - 2, s0 - 1, -1):
            if strip_al(_nm(doc)[k]) in heads and not inq[k]:
                e = k + 1
                while e < h.start and _alpha(doc)[e] and not any(x.kind in CLAIM_KINDS or x.kind == "OutletMarker"
                                                                  for x in self._hits_at.get(e, ())):
                    e += 1
                a = self.actor_from_phrase(doc, k, e, ents, people, allow_bare=False)
                if a is not None:
                    return a, k
        return None, None

    @staticmethod
    def _after_lam(doc, x) -> bool:
        k = x.start - 1
        if k >= 0 and _tx(doc)[k] in OPEN_Q | STRAIGHT_Q:
            k -= 1
        return Attributor._lam(doc, x.start) or (k >= 0 and (Attributor._preposition_token(doc, k)
                                                             or Attributor._lam(doc, k)))

    def _named_before(self, doc, s: int, ents, people) -> bool:
        """Word ``s`` (a definite word no lexicon knows) closes a personal name written earlier in
        the text, even in narration («وتفقد قائد المنطقة اللواء ناصر العوبلي المواقع»): that
        person is registered in ``people`` and True returned."""
        nm, df, lex = _nm(doc), _def(doc), self.lex
        w = nm[s]
        core = strip_al(w)
        if core in lex.org_heads or core in lex.role_heads or core in lex.source_heads or core in lex.group_heads \
                or w in lex.not_name or not self._is_name_token(doc[s]):
            return False
        for k in range(s - 1, 0, -1):
            if nm[k] != w or k in ents:
                continue
            j = k
            while j - 1 >= 0 and k - j < 3 and (j - 1) not in ents and not df[j - 1] and self._is_name_token(doc[j - 1]) \
                    and strip_al(nm[j - 1]) not in lex.org_heads and strip_al(nm[j - 1]) not in lex.role_heads:
                j -= 1
            if j < k:
                self._person(doc, (j, k + 1), people)
                return True
        return False

    def _org_head_word(self, w: str) -> bool:
        """An institution's head noun, with a glued «لـ»/«بـ» the normaliser left on («لقوات»)."""
        heads = self.lex.org_heads
        return strip_al(w) in heads or (w[:1] in ("\u0644", "\u0628") and strip_al(w[1:]) in heads)

    def _separate_preposition(self, doc, k: int) -> bool:
        """Word ``k`` is a preposition as written («على», not the name «علي» it folds into)."""
        return _nm(doc)[k] in self.lex.prepositions and strip_marks(_tx(doc)[k]) in self.lex.prepositions_raw

    @staticmethod
    def _preposition_token(doc, k: int) -> bool:
        """A preposition standing alone before a name: «ل», «لـ», «بـ» (a letter stretched with tatweel)."""
        return _raw(doc)[k] == "\u0644" or _tx(doc)[k].endswith("\u0640")

    @staticmethod
    def _lam(doc, k: int) -> bool:
        """Word ``k`` has the preposition ل glued on: «لوكالة», «للمرصد» (the clitic was stripped)."""
        raw = _raw(doc)[k]
        return raw != _nm(doc)[k] and raw.startswith("\u0644")

    @staticmethod
    def _glued_lam(doc, k: int) -> bool:
        """Word ``k`` carries a glued «لـ», or starts with «لل» (لـ + ال, even where the normaliser
        did not know the noun to strip it): «للنظام», «لإسرائيل»."""
        return _raw(doc)[k].startswith("\u0644\u0644") or Attributor._lam(doc, k)

    def _named_subject_before(self, doc, h, s0, ents) -> Actor | None:
        """An actor named right before the verb, with only auxiliaries before it in its clause."""
        x = ents.get(h.start - 1)
        if x is None or x.end != h.start or x.label_ not in ACTOR_TYPES:
            return self._role_and_name_before(doc, h, s0, ents)
        k = x.start
        while k > s0 and _nm(doc)[k - 1] in self.lex.auxiliaries:
            k -= 1
        if k == s0 or _tx(doc)[k - 1] in COMMA or _punct(doc)[k - 1]:
            return self._actor_from_ent(x)
        return None

    def _role_and_name_before(self, doc, h, s0, ents) -> Actor | None:
        """«لكن المتحدث باسم الجيش العميد فلان نفى …»: a role and a name opening the clause, right
        before the verb, are its subject even when the name is in no list."""
        k = s0
        while k < h.start and (_nm(doc)[k] in self.lex.auxiliaries or _punct(doc)[k]):
            k += 1
        if not (2 <= h.start - k <= 12) or strip_al(_nm(doc)[k]) not in self.lex.role_heads \
                or any(_punct(doc)[i] for i in range(k, h.start)):
            return None
        a = self.actor_from_phrase(doc, k, h.start, ents, self._people)
        return a if a is not None and a.type == "Person" else None

    def _paragraph_claims(self, doc, h) -> list[RawClaim]:
        """Claims made earlier in the paragraph (line) holding token h."""
        start = h.start
        while start > 0 and "\n" not in _tx(doc)[start - 1]:
            start -= 1
        out = []
        for c in reversed(self._claims):
            if c.cue_start < start:
                break
            if c.cue_start < h.start:
                out.append(c)
        return out[::-1]

    def _confirms_before(self, doc, h, s0) -> bool:
        """«وهو ما أكده …» / «وهذا ما قاله …»: the verb follows «ما» after a pronoun or demonstrative."""
        k = h.start - 1
        if k <= s0 or _nm(doc)[k] not in self.lex.what:
            return False
        prev = doc[k - 1]
        return prev.norm_ in self.lex.pronouns or prev.norm_ in self.lex.demonstratives or prev.norm_ in ("\u0647\u0648",)

    def _clause_initial(self, doc, h, s0) -> bool:
        """A verb with a pronoun subject opens its clause: «وقال:», «لكنه أكد», «، وأضاف»."""
        t = doc[h.start]
        if h.start == s0 or t._.raw_norm != t.norm_:  # sentence start, or a glued و/ف
            return True
        prev = doc[h.start - 1]
        return prev.is_punct or prev.norm_ in self.lex.pronouns

    def _head_hit(self, s: int, kind: str) -> bool:
        return any(h.kind == kind for h in self._hits_at.get(s, ()))

    def _corefer(self, a: Actor | None) -> Actor | None:
        """«المصدر», «المصادر», «المصدر الفلسطيني», «المصدر ذاته» → the source cited before.

        A definite source description names no new source: it points back to the last
        anonymous source with the same head (and words), or, with ذاته/نفسه, to the last source.
        """
        if a is None or a.type != "AnonymousSource":
            return a
        words = [strip_al(w) for w in normalize_phrase(a.label).split()]
        if not a.label.startswith("\u0627\u0644") or not words:
            return a
        if any(w in self.lex.same or "\u0627\u0644" + w in self.lex.same for w in words[1:]):
            prev = self._recent[-1] if self._recent else None
            return replace(prev) if prev is not None else a
        for prev in reversed(self._recent[-50:]):  # a definite description points back a few claims, not pages
            if prev.type != "AnonymousSource":
                continue
            pw = [strip_al(w) for w in normalize_phrase(prev.label).split()]
            same_head = pw and (pw[0] == words[0] or pw[0][:3] == words[0][:3])
            if same_head and set(words[1:]) <= set(pw[1:]):
                return replace(prev)
        return a

    def _in_anonymity_formula(self, k: int) -> bool:
        """Token k lies in «لم يكشف عن اسمه», «طلب عدم الكشف عن هويته» (it belongs to the source)."""
        return any(x.kind == "AnonymityFormula" and x.start <= k < x.end for x in self._hits)

    def _recent_institution(self, typ: str, head: str, window: int = 10) -> Actor | None:
        """What a bare definite head refers back to among the last few claims' claimants and
        relays: any outlet for «الوكالة», «الصحيفة»; for «الوزارة», «الجيش», one whose name
        starts with that head («وزارة الصحة اللبنانية»)."""
        for c in reversed(self._claims[-window:]):
            for a in (c.claimant, *c.cited_by):
                if a.type == typ and (typ == "MediaOutlet" or strip_al((normalize_phrase(a.label).split() or [""])[0]) == head):
                    return replace(a)
        return None

    def _named_institution(self, doc, s: int, head: str, ents, window: int = 400) -> Actor | None:
        """«ذكرت القوات في بيان …» after «قوات الدعم السريع» was named in the narration: the last
        entity before ``s`` whose name opens with that head (outlets aside: a bare «الصحيفة» is
        the article's own voice)."""
        nm_ = _nm(doc)
        k = s - 1
        while k >= max(0, s - window):
            x = ents.get(k)
            if x is None:
                k -= 1
                continue
            if x.label_ in ACTOR_TYPES and x.label_ != "MediaOutlet" and strip_al(nm_[x.start]) == head:
                return self._actor_from_ent(x)
            k = x.start - 1
        return None

    def _antecedent(self, doc, s0, end, ents, people) -> Actor | None:
        """The head noun phrase just before ``end`` (a comma before a relative pronoun)."""
        heads = self.lex.source_heads | self.lex.group_heads
        for k in range(end - 1, max(s0, end - 8) - 1, -1):
            if strip_al(_nm(doc)[k]) in heads:
                return self.actor_from_phrase(doc, k, end, ents, people, allow_bare=False)
            x = ents.get(k)
            if x is not None and x.label_ in ACTOR_TYPES and x.end == end:
                return self._actor_from_ent(x)
        return None

    @staticmethod
    def _quoted_name_end(doc, j, end, longest: int = 6) -> int | None:
        """Index of the closing quote when doc[j] opens a short quoted name (1-6 words) before ``end``."""
        tx = _tx(doc)
        if j >= end or not (tx[j] in OPEN_Q or tx[j] in STRAIGHT_Q):
            return None
        for k in range(j + 2, min(end, j + 2 + longest)):
            if tx[k] in CLOSE_Q or tx[k] in STRAIGHT_Q:
                return k
            if not _alpha(doc)[k]:
                return None
        return None

    def _quoted_subject(self, doc, k: int, end: int, sh) -> tuple[Actor, int] | None:
        """«وذكر "تجمع أحرار حوران"، وهو …، أن», «نفى "اللواء الثامن" المدعوم من روسيا …»: a short
        quoted name nobody listed right after the verb is its subject (a group, typed by its head
        word when the grammar knows it). Returns the actor and where the subject ends."""
        close = self._quoted_name_end(doc, k, end, longest=5)
        if close is None or close - k < 2 or close + 1 >= end or _tx(doc)[close + 1] in SENT_END or any(
                x.kind in CLAIM_KINDS or x.kind == "Complementizer" for i in range(k + 1, close) for x in self._hits_at.get(i, ())):
            return None
        nm, lex = _nm(doc), self.lex
        if any(nm[i] in lex.particles or nm[i] in lex.pronouns or self._separate_preposition(doc, i)
               or nm[i] in lex.demonstratives or nm[i] in lex.relatives for i in range(k + 1, close)):
            return None  # words of a sentence, not of a name: «لكنه أكد «لا نملك أدلة»»
        typ = self.lex.org_heads.get(strip_al(_nm(doc)[k + 1]), "Organization")
        return Actor(_span_text(doc, k + 1, close), typ, start=_ix(doc)[k + 1], end=_end(doc, close - 1)), close + 1

    def _quoted_entity_end(self, doc, j, ents) -> int | None:
        """Index of the closing quote when doc[j] opens a quote holding exactly one entity name."""
        x = ents.get(j + 1)
        if x is None or x.start != j + 1 or x.end >= len(doc):
            return None
        close = doc[x.end]
        if close.text in CLOSE_Q or close.text in STRAIGHT_Q:
            return x.end
        return None

    def _continues_np(self, tok, sh, k) -> bool:
        """Does the token after a quoted name still belong to the noun phrase (a name, a role)?"""
        if tok.is_punct or tok.is_space or tok.norm_ in self.lex.complementizers:
            return False
        if any(h.start == k and (h.kind in CLAIM_KINDS or h.kind in ("Complementizer", "OutletMarker")) for h in sh):
            return False
        return tok.is_alpha and not tok._.raw_norm.startswith("\u0644")

    def _content_start_skip_outlet(self, doc, i, end, sh, ents, unlisted: list[Actor] | None = None) -> int | None:
        """Like _content_start, but an opening quote around an outlet name is not content.

        A short quoted name right after «لـ» is an outlet nobody listed («لـ«سوريا على طول» إن»):
        it is skipped too, and appended to ``unlisted`` when the caller passes a list."""
        j = i
        while True:
            cs = self._content_start(doc, j, end, sh)
            if cs is None or cs >= end:
                return cs
            t = doc[cs]
            if t.text in OPEN_Q or t.text in STRAIGHT_Q:
                x = ents.get(cs + 1)
                if x is not None and x.start == cs + 1 and (
                        x.label_ == "MediaOutlet" or self._quoted_entity_end(doc, cs, ents) is not None):
                    j = x.end + 1  # «الشرق الأوسط», «الشاباك»: a quoted name, not a quotation
                    continue
                close = qclose = self._quoted_name_end(doc, cs, end, longest=4)
                if close is not None and cs > 0 and close + 1 < end and _raw(doc)[cs - 1] != "\u0644" \
                        and close + 1 in self._comp_at:
                    # «هيئة البث الإسرائيلية «كان» إن …»: a name set after its speaker; after «لقناة»,
                    # «لصحيفة», the outlet spoken to
                    if unlisted is not None and (cs in self._marker_end or (
                            self.lex.org_heads.get(strip_al(_nm(doc)[cs - 1])) == "MediaOutlet" and (
                            self._lam(doc, cs - 1) or cs - 1 in self._marker_end))):
                        # («في تصريح إلى "بوابة الوسط" إن …»: right after the marker too)
                        unlisted.append(Actor(_span_text(doc, cs + 1, close), "MediaOutlet",
                                              start=_ix(doc)[cs + 1], end=_end(doc, close - 1)))
                    j = close + 1
                    continue
                if cs == 0 or not (_raw(doc)[cs - 1] == "\u0644" or cs in self._marker_end or (
                        self.lex.org_heads.get(strip_al(_nm(doc)[cs - 1])) == "MediaOutlet" and self._lam(doc, cs - 1))):
                    close = None  # (after «لـ», «لوكالة» or «في تصريح إلى»: the outlet spoken to)
                if close is not None and (close + 1 >= end or _tx(doc)[close + 1] in COLON | COMMA | SENT_END
                                          or close + 1 in self._comp_at):
                    if unlisted is not None:
                        unlisted.append(Actor(_span_text(doc, cs + 1, close), "MediaOutlet",
                                              start=_ix(doc)[cs + 1], end=_end(doc, close - 1)))
                    j = close + 1
                    continue
                close = qclose
                if close is not None and close + 1 < end and _tx(doc)[close + 1] in COMMA and (any(
                        x.kind == "MediumAdjunct" and i <= x.start < cs for x in sh) or any(
                        x.end == cs and x.cue.function == "so-called" for x in sh)):
                    # «، في منشور على منصة «إكس»، أن …», «المتحدث باسم ما يسمى "غرفة …"، أن …»: a name,
                    # not a quotation
                    j = close + 1
                    continue
            return cs

    def _claim(self, doc, h: CueHit, s0, s1, nxt, sh, ents, inq, people, cur, last) -> RawClaim | None:
        lex = self.lex
        cue_text = _span_text(doc, h.start, h.end)
        stance = h.cue.stance
        kind = h.kind
        claimant: Actor | None = None
        reported: list[Actor] = []
        cited: list[Actor] = []
        cstart: int | None = None

        if kind == "AccordingTo":
            j = h.end
            if j < s1 and _nm(doc)[j] in lex.what:
                j += 1
            # optional verb after ما (وفق ما أفاد / حسبما نقلت)
            relay = False
            v = next((x for x in sh if x.start == j and x.kind in ("SpeechVerb", "RelayVerb")), None)
            if v is not None:
                relay = v.kind == "RelayVerb"
                j = v.end
            elif j < nxt and (_nm(doc)[j - 1] in lex.what or _nm(doc)[j - 1].endswith("\u0645\u0627")):  # ما, لما
                verb = self._suffixed_verb(_nm(doc)[j])  # «وفقاً لما أوردته وكالة …»
                if verb is not None:
                    relay = verb == "RelayVerb"
                    j += 1
            if j < nxt and v is not None and _nm(doc)[j] in lex.resumptive:
                j += 1  # «بحسب ما أفاد به ناشطون»: the pronoun points back to ما
            if j < nxt and _tx(doc)[j] in OPEN_Q | STRAIGHT_Q and self._quoted_entity_end(doc, j, ents) is not None:
                j += 1  # «وفق «رويترز»»
            e = self._subject_end(doc, j, nxt, sh, ents)
            maker = self._document_maker(doc, j, nxt, ents)
            if maker is not None:
                claimant, e = maker
            elif relay:
                src = next((k for k in range(j, nxt) if _nm(doc)[k] in lex.relay_source), None)
                if src is not None:
                    mid = self.actor_from_phrase(doc, j, src, ents, people)
                    if mid is not None:
                        cited.append(mid)
                    e = self._subject_end(doc, src + 1, nxt, sh, ents)
                    claimant = self.actor_from_phrase(doc, src + 1, e, ents, people)
                else:
                    claimant = self.actor_from_phrase(doc, j, e, ents, people)
            else:
                claimant = self.actor_from_phrase(doc, j, e, ents, people)
            if claimant is None:
                return None
            prev = self._by_speaker.get(claimant.key)
            if prev is not None:
                reported, cited = list(prev.reported_to), cited or list(prev.cited_by)
            if h.start > s0 + 1 and cur is not None:
                # «يتهم ناشطون …، بحسب قول الناشطين»: it qualifies the claim just made; when that
                # claim had no named subject («ويتوقع أن …، حسبما نقلت X عن Y») the source is named here
                if cur.implicit:
                    cur.claimant, cur.cited_by, cur.implicit = claimant, cited, False
                    cur.reported_to = reported
                    self._by_speaker[claimant.key] = cur
                    self._recent.append(claimant)
                elif claimant.type == "MediaOutlet" and not cited:
                    # «…، وفق «رويترز»»: the outlet relays what was just reported in this paragraph
                    for c in self._paragraph_claims(doc, h):
                        if all(claimant.key != x.key for x in c.cited_by) and c.claimant.key != claimant.key:
                            c.cited_by.append(claimant)
                return None
            if h.start <= s0 + 1:
                cstart = e
                cend = nxt
                k = self._past_punct(doc, cstart, cend)
                m = next((x for x in sh if x.kind == "OutletMarker" and x.start == k), None)
                j = next((i for i in range(m.end, min(cend, m.end + 8)) if _tx(doc)[i] in COMMA), None) if m else None
                if j is not None:
                    # «وبحسب عضو في اللجنة، تحدث إلى «عنب بلدي»، فإن …»: whom the source spoke to
                    reported = self._outlets(doc, m.end, j, ents) or reported
                    k = cstart = self._past_punct(doc, j + 1, cend)
                comp = next((x for x in sh if x.start == k and x.kind == "Complementizer"), None)
                if comp is not None:
                    cstart = comp.end  # «وبحسب المرصد، فإن …»: what was said starts after «فإن»
            else:
                cstart, cend = s0, nxt
                # the clause before the cue is the content; text after the source continues it
                if nxt == s1:
                    cend = s1
                if self._past_punct(doc, e, cend) >= cend:
                    cend = h.start  # nothing follows the source: the content ends before the cue
            return self._finish(doc, h, cue_text, kind, stance, claimant, cstart, cend, reported, cited, sh, inq)

        if kind == "RelayVerb":
            if self._adverbial_relay(doc, h):
                # «ذكرت صحيفة X نقلاً عن Y أن …»: the relay is the subject of the verb before
                src = h.end - 1
                verb = next((x for x in reversed(sh) if s0 <= x.start < h.start and x.kind in ("SpeechVerb", "RelayVerb")), None)
                lo, hi = (verb.end, h.start) if verb is not None else (h.start, h.start)
            else:
                src = self._relay_source(doc, h, nxt, window=nxt - h.end)
                if src is None:
                    return None
                lo, hi = h.end, src
            relay_actor = self.actor_from_phrase(doc, lo, hi, ents, people) if hi > lo else None
            if relay_actor is None:  # «صحيفة «وول ستريت جورنال» الأميركية»: the named outlet
                x = next((ents[k] for k in range(lo, hi) if k in ents and ents[k].label_ in ACTOR_TYPES), None)
                relay_actor = self._actor_from_ent(x) if x is not None else None
            hops = []  # «نقلت وكالة الأناضول عن صحيفة «حرييت» عن مصادر أمنية …»: outlets relaying in turn
            while True:
                k2 = next((k for k in range(src + 2, min(nxt, src + RELAY_WINDOW)) if _nm(doc)[k] in lex.relay_source), None)
                mid = self.actor_from_phrase(doc, src + 1, k2, ents, people) if k2 is not None else None
                if mid is None or mid.type != "MediaOutlet" or any(
                        x.kind == "Complementizer" and src < x.start < k2 for x in sh):
                    break
                hops.append(mid)
                src = k2
            nom = next((x for x in sh if src < x.start < nxt and x.kind == "NominalCue"), None)
            e = nom.start if nom else self._subject_end(doc, src + 1, nxt, sh, ents)
            claimant = self.actor_from_phrase(doc, src + 1, e, ents, people)
            if claimant is None:
                return None
            if h.cue.function == "addressee":  # «وعلمت «العربي الجديد» من مصادر»: the outlet spoken to
                if relay_actor is None or relay_actor.type != "MediaOutlet":
                    return None
                reported.append(relay_actor)
            elif relay_actor is not None:
                cited.append(relay_actor)
            cited += hops
            after = nom.end if nom else e
            if nom is not None:
                cue_text = _span_text(doc, nom.start, nom.end)
                if nom.cue.stance != "asserts":
                    stance = nom.cue.stance
            cstart = self._content_start(doc, after, nxt, sh)
            if cstart is None:
                cstart = after
            return self._finish(doc, h, cue_text, kind, stance, claimant, cstart, nxt, reported, cited, sh, inq)

        if kind == "VerbalNoun":
            return self._verbal_noun_claim(doc, h, s0, nxt, sh, ents, inq, people, cue_text, stance)

        if kind == "ContinuationParticiple":
            subject = self._clause_subject(doc, s0, h, sh, ents) if cur is None else None
            if subject is not None:
                # «ودانت وزارة الخارجية الهجوم، معتبرة أنه …»: the subject of the sentence's own verb
                base = RawClaim("", h.start, h.start, "SpeechVerb", "asserts", subject, h.start, h.start)
            else:
                base = cur or last
            if base is None:
                return None
            claimant, reported, cited = base.claimant, list(base.reported_to), list(base.cited_by)
            unlisted_p: list[Actor] = []
            cstart = self._content_start_skip_outlet(doc, h.end, min(nxt, h.end + 12), sh, ents, unlisted_p)
            if cstart is None:
                cstart = h.end
            elif cstart - h.end >= 3 and _tx(doc)[cstart] in OPEN_Q | STRAIGHT_Q and _tx(doc)[cstart - 1] not in COLON \
                    and _alpha(doc)[h.end] and not self._separate_preposition(doc, h.end) and not any(
                        x.kind in ("MediumAdjunct", "OutletMarker", "Complementizer") for x in self._hits_at.get(h.end, ())):
                cstart = h.end  # «ومتهماً الجزائر بإيواء قادة … و"توفير ملاذ"»: the object comes first
            for o in unlisted_p:  # «مؤكداً في تصريح لـ«صوت العاصمة» أن …»: an outlet nobody listed
                if all(o.key != r.key for r in reported):
                    reported.append(o)
            if "SayingParticiple" in h.cue.kinds and cur is not None and cur.provisional:
                # «شككت مصادر … بأهمية التقدم، قائلة لـ«…» إن …»: one claim, its content after قائلة
                tmp = self._finish(doc, h, cue_text, kind, stance, claimant, cstart, nxt, reported, cited, sh, inq)
                if tmp is not None:
                    cur.content_start, cur.content_end, cur.provisional = tmp.content_start, tmp.content_end, False
                    for o in self._outlets(doc, h.end, cstart, ents):
                        if all(o.key != r.key for r in cur.reported_to):
                            cur.reported_to.append(o)
                    if cur.stance == "asserts":
                        cur.stance = tmp.stance
                return None
            # «قائلاً لـ«الشرق الأوسط» إن …»: the outlet also holds for the claim it continues
            for o in self._outlets(doc, h.end, cstart, ents):
                for target in (reported, base.reported_to if base is cur else []):
                    if all(o.key != r.key for r in target):
                        target.append(o)
            return self._finish(doc, h, cue_text, kind, stance, claimant, cstart, nxt, reported, cited, sh, inq)

        # SpeechVerb / DeclinePhrase: subject after the verb, else before it, else the last speaker
        implicit = False
        accused_at: int | None = None
        # «زعم ما يسمى "الائتلاف" …», «نفى المدعو فلان …»: the subject starts after «so-called»
        hs = next((x.end for x in self._hits_at.get(h.end, ()) if x.kind == "FunctionWord" and x.cue.function == "so-called"), h.end)
        event = hs < nxt and _nm(doc)[hs] in lex.event_pronouns  # «قال فيها», «أكد خلاله»
        if event:
            hs += 1
        e = self._subject_end(doc, hs, nxt, sh, ents, h.cue.object_preps)
        if e > hs and self._separate_preposition(doc, hs) and _nm(doc)[hs] not in ("\u0644", "\u0628"):
            e = hs  # «وشكك في جدية …»: a preposition right after the verb, no subject after it
        svo = self._named_subject_before(doc, h, s0, ents)
        if e > hs and h.start - 1 > s0 and _raw(doc)[h.start - 1] in lex.before_verb_subject:
            e = hs  # «وكان رئيس المجلس، فلان، قد جدد رفضه …»: the subject came before «قد»; what follows is the object
        describe_object: int | None = None
        base = cur or last
        if svo is None and hs < nxt and _nm(doc)[hs] in lex.one_of and base is not None:
            # «وقال مسؤولان … إن …. وأضاف أحدهما أن …»: one of the sources just cited
            b = base.claimant
            claimant = Actor(_span_text(doc, hs, hs + 1), "AnonymousSource", role=b.role or b.label,
                             affiliation=b.affiliation or b.entity, start=_ix(doc)[hs], end=_end(doc, hs))
            reported, cited, e = list(base.reported_to), list(base.cited_by), hs + 1
        elif svo is not None:
            claimant = svo  # «وكان ترمب طالب حركة «حماس» …»: the name before the verb is the subject
            e = h.end
        elif e == hs and (quoted := self._quoted_subject(doc, hs, nxt, sh)) is not None:
            claimant, e = quoted
        elif h.cue.function == "accuse" and h.start > s0 and (
                (cur is not None and _raw(doc)[h.start].startswith("\u0648"))
                or (base is not None and _nm(doc)[h.start - 1] in lex.also)) \
                and (x := ents.get(hs)) is not None and x.start == hs and x.end < nxt and _tx(doc)[x.end].startswith("\u0628"):
            # «ودانت الوزارة الهجوم، …، واتهمت إسرائيل بـ«…»», «كما اتهم كينيا بـ…»: one name, then the
            # charge: that name is the accused, and the subject the speaker of the clause before
            claimant, reported, cited, implicit = base.claimant, list(base.reported_to), list(base.cited_by), True
            e = accused_at = hs
        elif e > hs and _nm(doc)[hs] not in lex.pronouns:
            e0 = e
            claimant = self.actor_from_phrase(doc, hs, e, ents, people)
            if claimant is not None and claimant.end is not None and h.cue.function == "describe":
                stop = self._token_at(doc, hs, e, claimant.end)
                if hs < stop < e and stop not in ents and any(x.start == e and x.kind == "Complementizer" for x in sh):
                    # «ووصف الوزير الاتفاق بأنه تاريخي»: what is described opens the content
                    describe_object = stop
            if claimant is not None and claimant.end is not None:
                # the subject ended before the phrase did: «اتهمت الحكومة العراقية تنظيم «داعش» بـ…»,
                # «اتهم أردوغان الوحدات الكردية بـ…» (a person's phrase only when no «أن»/colon/quote
                # follows: «قال أحمد، المتحدث باسم …، إن» keeps its apposition)
                stop = self._token_at(doc, hs, e, claimant.end)
                if hs < stop < e - 1 and _tx(doc)[hs] in OPEN_Q | STRAIGHT_Q and _tx(doc)[stop] in CLOSE_Q | STRAIGHT_Q:
                    stop += 1  # «أفاد «المرصد السوري» بمقتل …»: the quoted name closes the subject
                if stop < e and (not _punct(doc)[stop] or _tx(doc)[stop] in OPEN_Q or _tx(doc)[stop - 1] in CLOSE_Q | STRAIGHT_Q) and (
                        claimant.type != "Person" or self._content_start(doc, stop, nxt, sh) is None):
                    e = stop
            # role phrase, comma, name: «الناشط الإعلامي في مدينة دير الزور، عامر هويدي،»
            role_only = claimant is not None and ((claimant.type == "AnonymousSource" and (
                claimant.role == claimant.label or claimant.role is None)) or (  # «الناطق باسم X، فلان،»
                claimant.type in ("Faction", "Organization") and claimant.start is not None
                and claimant.start > _ix(doc)[hs]))  # «آمر اللواء 444، فلان،»: the unit is whose commander
            if (claimant is None or role_only) and e0 < nxt and _tx(doc)[e0] in COMMA \
                    and strip_al(_nm(doc)[hs]) in self.lex.role_heads:
                e = e0  # (the whole role phrase, though its head alone made an actor: «القيادي في حركة حماس، فلان،»)
                for _ in range(3):  # («رئيس الوفد، المتحدث باسم الحركة، فلان،»: a second title before the name)
                    e2 = self._subject_end(doc, e + 1, nxt, sh, ents)
                    role = _span_text(doc, hs, e)
                    named = self.actor_from_phrase(doc, e + 1, e2, ents, people) if e2 - e <= 8 else None
                    if named is not None and named.type == "Person":
                        if not named.role:
                            named.role = role
                        claimant, e = named, e2
                        break
                    if named is None or e2 >= nxt or _tx(doc)[e2] not in COMMA \
                            or strip_al(_nm(doc)[e + 1]) not in self.lex.role_heads:
                        e = e0
                        break
                    e = e2
            if claimant is None and self._unlisted_speaker(doc, hs, e0, sh, ents):
                # «وقال المسعف إن …», «وقالت الممرضة المناوبة: …»: a speaker no lexicon lists, named
                # by what they are, right before what they said
                text = _span_text(doc, hs, e0)
                claimant, e = Actor(text, "AnonymousSource", role=text, start=_ix(doc)[hs], end=_end(doc, e0 - 1)), e0
        described = describe_object is None and h.cue.function == "describe" and base is not None \
            and self._described_object(doc, hs, e, sh, ents)
        if described:
            # «ونفى المكتب الأنباء، ووصف التقرير بأنه مفبرك»: what is described is the object; the
            # speaker is the one just cited
            claimant, reported, cited, implicit = base.claimant, list(base.reported_to), list(base.cited_by), True
        pre_s = None
        if claimant is None and event:
            # «وألقى الوزير كلمة أكد فيها أن …», «… اتصالاً هاتفياً، أكد خلاله …»: the speaker of the
            # event named before, the subject of the sentence's own verb (or the last speaker)
            claimant = self._clause_subject(doc, s0, h, sh, ents, comma=False)
            if claimant is not None:
                implicit = True
            elif any(x.label_ in ACTOR_TYPES for x in map(ents.get, range(s0, h.start)) if x is not None):
                return None  # (someone is named before, but not as the clause's subject: no guess)
        elif claimant is None and h.start > s0 and _nm(doc)[h.start - 1] in lex.who:
            claimant, pre_s = self._who_antecedent(doc, h, s0, ents, people)
            if claimant is not None:
                outlets_before = self._outlets(doc, pre_s, h.start, ents)
                reported = outlets_before or reported
        if claimant is None and not event:
            claimant, pre_s = self._preverb_subject(doc, h, s0, sh, ents, people, inq)
            if claimant is not None:
                e = h.end  # the subject came first: what follows the verb is its object
        if claimant is None:
            claimant = self._object_relative_subject(doc, h, s0, ents, people)
        if claimant is None and (contacted := self._contacted(doc, h, s0, ents, people)) is not None:
            claimant, reported = contacted[0], [contacted[1]]
        if claimant is None:
            if base is None or "ExplicitSubject" in h.cue.kinds or not (self._clause_initial(doc, h, s0) or event):
                return None
            k = h.start - 1
            while k > s0 and _nm(doc)[k] in lex.particles:
                k -= 1
            if k >= s0 and _nm(doc)[k] in lex.pronouns and _nm(doc)[k] not in lex.auxiliaries:
                e = h.end  # «لكنه لم يستبعد العودة إلى …»: the pronoun is the subject, the rest the object
            elif e > h.end and not event and _nm(doc)[h.end] not in lex.pronouns and doc[h.end]._.raw_norm not in ("\u0644",):
                # an unknown subject after the verb: not a continuation
                if not (_tx(doc)[h.end] in COMMA or _punct(doc)[h.end]):
                    return None
            claimant, reported, cited = base.claimant, list(base.reported_to), list(base.cited_by)
            implicit = True
        elif claimant.key in self._by_speaker and claimant.type != "AnonymousSource" and not described:
            prev = self._by_speaker[claimant.key]
            reported, cited = list(prev.reported_to), list(prev.cited_by)

        unlisted: list[Actor] = []
        region_end = self._content_start_skip_outlet(doc, e, nxt, sh, ents, unlisted)
        hi = region_end if region_end is not None else min(nxt, e + 8)
        hi = next((k for k in range(e, hi) if _nm(doc)[k] in lex.what and not any(
            x.kind == "FunctionWord" for x in self._hits_at.get(k, ())) and not any(
            x.kind == "AccordingTo" and x.end > k for x in self._hits_at.get(k - 1, ()))), hi)
        # («نفى ما نشرته صحيفة X»: the object; but «في بيان وفق ما نقلت X»: a relaying aside)
        # (but «المتحدث باسم ما يسمى "…"، في تصريح لقناة …»: «so-called»)
        # («امتنع البيت الأبيض عن التعليق على تقرير أكسيوس»: the outlet in a refusal's object was not spoken to)
        outlets = self._outlets(doc, e, hi, ents, slot_only=kind == "DeclinePhrase")
        relayed = next((x for x in sh if x.kind == "AccordingTo" and e <= x.start < hi and any(
            y.kind == "RelayVerb" and x.end <= y.start <= x.end + 1 for y in sh)), None)
        if relayed is not None:
            # «وأفاد المرصد، حسبما نقلت عنه وكالة الصحافة الفرنسية، بأن …»: the agency relays it
            for o in outlets:
                if all(o.key != c.key for c in cited):
                    cited = cited + [o]
            outlets = []
        outlets += unlisted
        if pre_s is not None:
            outlets += self._outlets(doc, pre_s, h.start, ents)
        outlets += self._fronted_outlets(doc, h, s0, sh, ents) if claimant.type != "MediaOutlet" else []
        outlets += [o for o in self._outlets(doc, h.end, e, ents, slot_only=True)] if claimant.type != "MediaOutlet" else []
        if (kind == "DeclinePhrase" or stance in ("denies", "declines")) and all(o.key == claimant.key for o in outlets):
            # «ونفى مصدر، طلب عدم ذكر اسمه، في حديث لـ«X»، أي علاقة …», «امتنع … عن التعليق، في
            # اتصال مع «X»»: an outlet after a marker anywhere in the clause was spoken to
            # (a phrase of two words or more: «في حديث لـ», «في اتصال مع»; a bare «لـ» may be
            # anything's: «الاتهامات الموجهة لقناة …»)
            slots = {x.end for x in sh if x.kind == "OutletMarker" and x.end - x.start >= 2}
            outlets = [self._actor_from_ent(x) for x in map(ents.get, range(e, nxt)) if x is not None
                       and x.label_ == "MediaOutlet" and (x.start in slots
                                                          or (x.start - 1) in slots and _tx(doc)[x.start - 1] in _QUOTE_MARKS)]
        outlets = [o for i, o in enumerate(outlets) if o.key != claimant.key and all(o.key != p.key for p in outlets[:i])]
        provisional = False
        cend = nxt
        if kind == "DeclinePhrase" or stance in ("denies", "declines"):
            cstart = h.start
            if nxt < s1 and _nm(doc)[nxt - 1] in lex.relatives:
                cend = s1  # «نفت صحة التقارير التي تحدثت عن …»: what is denied goes on past the verb
        elif self._confirms_before(doc, h, s0) and region_end is None:
            # «…، وهو ما أكده X»: X confirms the clause before «وهو ما» (but «وهو ما رأى فيه محللون
            # «…»», «وهو ما وصفته الوزارة بأنه …»: what X says of it follows)
            cstart = cur.content_start if cur is not None else s0
            cend = h.start - 1
            while cend > cstart and (_nm(doc)[cend - 1] in lex.pronouns or _tx(doc)[cend - 1] in COMMA
                                     or _nm(doc)[cend - 1] in lex.demonstratives or _nm(doc)[cend - 1] in lex.what):
                cend -= 1
            provisional = True
        elif described or describe_object is not None:
            cstart = hs if described else describe_object
        else:
            cstart = region_end
            comp = next((x for x in sh if x.kind == "Complementizer" and x.end == cstart), None) \
                if h.cue.function == "describe" and cstart is not None else None
            if comp is not None:
                # «ووصف المتحدث …، فلان، في تصريح لـ…، تصريحات زاخاروفا بأنها …»: what is described,
                # past the asides, opens the content
                k = e
                while True:
                    k2 = self._past_media(doc, self._after_outlet_slot(doc, self._after_aside(doc, k, nxt), nxt, ents), nxt)
                    k2 = self._past_punct(doc, k2, comp.start) if k2 < comp.start and _tx(doc)[k2] in COMMA else k2
                    if k2 == k:
                        break
                    k = k2
                if k < comp.start and _alpha(doc)[k] and not self._separate_preposition(doc, k):
                    cstart = k
            if cstart is not None and cstart < nxt and _tx(doc)[cstart] in OPEN_Q | STRAIGHT_Q and _tx(doc)[cstart - 1] not in COLON:
                k = self._after_outlet_slot(doc, self._after_aside(doc, e, nxt), nxt, ents) if e > h.end else h.end
                open_aside = k < nxt and _tx(doc)[k] in COMMA and any(
                    x.kind == "MediumAdjunct" for x in self._hits_at.get(k + 1, ()))
                glued_medium = not open_aside and k < nxt and any(
                    x.kind in ("MediumAdjunct", "OutletMarker") for x in self._hits_at.get(k, ())) and not any(
                    x.kind == "Complementizer" and k <= x.start < cstart for x in sh)
                if glued_medium:
                    # «قد أبدى في تصريحات لشبكة "فوكس نيوز" تفاؤلاً حذراً …»: the medium, then the object
                    k = self._past_quoted_outlet(doc, self._after_outlet_slot(doc, self._past_media(doc, k, nxt), nxt, ents), nxt)
                    open_aside = True
                elif open_aside:
                    # «وأبدى فلان، في تصريحات لشبكة "فوكس نيوز" تفاؤلاً حذراً …»: an aside with no closing comma
                    k = self._past_quoted_outlet(doc, self._after_outlet_slot(doc, self._past_media(doc, k + 1, nxt), nxt, ents), nxt)
                an = _nm(doc)[k] == "\u0639\u0646"  # عن
                if cstart - k >= 3 and (an or (_alpha(doc)[k] and not self._separate_preposition(doc, k) and not any(
                        x.kind in ("MediumAdjunct", "OutletMarker") for x in self._hits_at.get(k, ())))) \
                        and (an or _tx(doc)[cstart - 1] in COMMA or e == h.end or open_aside or (
                            "\u0628" in h.cue.object_preps and _raw(doc)[k].startswith("\u0628") and _raw(doc)[k] != _nm(doc)[k])):
                    # («هدد الوزير، فلان، مساء الثلاثاء، بالانسحاب … "جزئية" …»: the threat starts at «بـ»)
                    # «أعلن المجلس، في بيان …، تشكيل لجنة …، "على خلفية …"», «أعربت الوزارة، في بيان، عن
                    # استعداد بلادها … «في أقرب وقت»»: the object comes first
                    cstart = k + 1 if an else k
            quoted_before = self._postposed_quote(doc, h, s0) if cstart is None else None
            if quoted_before is not None:
                cstart, cend = quoted_before
            elif cstart is None:
                k = self._after_outlet_slot(doc, self._after_aside(doc, e, nxt), nxt, ents) if e > h.end else e
                k = self._past_media(doc, k, nxt)  # «وأعلن المتحدث … في بيان متلفز استهداف …»
                if k + 2 < nxt and _nm(doc)[k] == "\u0639\u0646":
                    cstart = k + 1  # «كشفت مصادر عن اتصالات …»: the object after «عن» is what was said
                elif nxt - k > 2:
                    # «اتهم الائتلاف النظام بالتنسيق …»: the object after the subject is what was
                    # said (provisional: a later «قائلاً …» can still supply the content)
                    cstart, provisional = (k if e > h.end else h.start), True
                else:
                    return None
        if accused_at is not None:
            cstart = accused_at  # (the accused opens what was said)
        c = self._finish(doc, h, cue_text, kind, stance, claimant, cstart, cend, reported, cited, sh, inq,
                         explicit_outlets=outlets)
        if c is not None:
            c.implicit, c.provisional, c.named_outlet = implicit, provisional, bool(outlets)
        return c

    def _may(self, doc, cs: int, ce: int) -> bool:
        """«قد» before an imperfect main verb (الخلافات قد تعرقل, قد يُعقد) opening the content: a possibility."""
        nm_, tx_ = _nm(doc), _tx(doc)
        if cs < ce and (tx_[cs] in OPEN_Q or tx_[cs] in STRAIGHT_Q):
            cs += 1  # («"الخلافات السياسية قد تعرقل …"»)
        if cs < ce and nm_[cs] in self.lex.existential:
            return False  # «هناك عقبات قد تعيد …»: what exists, asserted
        for k in range(cs, min(ce, cs + 6) - 1):
            if _punct(doc)[k]:
                break  # (within the first clause: a subject of up to five words)
            w = nm_[k + 1]
            if nm_[k] == "\u0642\u062f" and len(w) >= 4 and w[0] in "\u064a\u062a\u0646" and w not in self.lex.not_name_strict \
                    and (k == cs or nm_[k - 1] not in self.lex.relatives):
                return True  # «الخلافات قد تعرقل …»: the main verb (ي ت ن: he/she/we, imperfect)
        return False

    def _described_object(self, doc, s: int, e: int, sh, ents) -> bool:
        """doc[s:e], before «بأنه/بأن», is what a verb of describing describes, not who describes it:
        a short phrase with no name in it whose head is no speaker noun («ووصف التقرير بأنه …»)."""
        if not 1 <= e - s <= 4 or e >= len(doc) or not any(x.start == e and x.kind == "Complementizer" for x in sh):
            return False
        if any(k in ents for k in range(s, e)) or not _alpha(doc)[s]:
            return False
        head = strip_al(_nm(doc)[s])
        lex = self.lex
        return not (head in lex.role_heads or head in lex.org_heads or self._head_hit(s, "RoleHead")
                    or _nm(doc)[s] in lex.pronouns)  # (a report noun alone is described: «ووصف التقرير بأنه …»)

    def _unlisted_speaker(self, doc, s: int, e: int, sh, ents) -> bool:
        """doc[s:e] is one to three definite words, or an indefinite noun (with a «في/من» phrase), no
        name among them, right before «إن/أن», a colon or an anonymity formula: a common noun
        subject of the speech verb (الطبيب، المسعف، الصياد، طبيب في القسم)."""
        if not 1 <= e - s <= 4 or e >= len(doc):
            return False
        nm_, df_, al_ = _nm(doc), _def(doc), _alpha(doc)
        lex = self.lex
        if any(not al_[k] or k in ents or k in self._sides for k in range(s, e)):
            return False
        if df_[s]:
            if e - s > 3 or not all(df_[k] for k in range(s, e)):
                return False
        elif nm_[s].endswith("\u0627") or not (e == s + 1 or (e - s >= 3 and nm_[s + 1] in ("\u0641\u064a", "\u0645\u0646")
                                                               and all(df_[k] for k in range(s + 2, e)))):
            return False  # (indefinite: «طبيب», «طبيب في القسم», «مسعف من الهلال الأحمر»; not «سابقاً»)
        w = nm_[s]
        if len(strip_al(w)) < 3 or len(w) < 4 or w in lex.time_words or strip_al(w) in lex.time_words \
                or w in lex.not_name_strict or w in lex.demonstratives or w in lex.report_nouns \
                or strip_al(w) in lex.org_heads or w in lex.prepositions or w in lex.quantifiers:
            return False
        if _tx(doc)[e] in COLON or any(x.start == e and x.kind == "Complementizer" for x in sh):
            return True
        # «وقال طبيب في القسم، طلب عدم نشر اسمه، إن …»: an anonymity formula set off by commas
        return _tx(doc)[e] in COMMA and any(x.kind == "AnonymityFormula" for k in range(e + 1, min(len(doc), e + 4))
                                            for x in self._hits_at.get(k, ()))

    def _fronted_outlets(self, doc, h, s0, sh, ents) -> list[Actor]:
        """«وفي حديث لـ«العربي الجديد»، قال …», «وفي تصريحات لقناة الجزيرة، أكد …»: an interview
        phrase opening the sentence names the outlet the speaker spoke to."""
        m = next((x for x in sh if x.kind in ("OutletMarker", "MediumAdjunct") and s0 <= x.start <= s0 + 1
                  and x.end < h.start), None)
        if m is None or any(x.kind in CLAIM_KINDS and m.end <= x.start < h.start for x in sh):
            return []
        found = self._outlets(doc, m.end, h.start, ents, slot_only=m.kind == "MediumAdjunct")
        if not found and m.kind == "OutletMarker":
            close = self._quoted_name_end(doc, m.end, h.start, longest=4)  # «وفي حديث إلى «الأخبار»، قال …»
            if close is not None and close + 1 < h.start and _tx(doc)[close + 1] in COMMA:
                found = [Actor(_span_text(doc, m.end + 1, close), "MediaOutlet", start=_ix(doc)[m.end + 1],
                               end=_end(doc, close - 1))]
        return found

    def _after_outlet_slot(self, doc, k: int, end: int, ents) -> int:
        """Past «لـ«عنب بلدي»» / «لوكالة الأناضول» right after the subject (the outlet spoken to)."""
        tx, j = _tx(doc), k
        if j < end and self._preposition_token(doc, j):
            j += 1
        if j < end and (tx[j] in OPEN_Q or tx[j] in STRAIGHT_Q):
            j += 1
        x = ents.get(j)
        if x is None or x.start != j or x.label_ != "MediaOutlet" or not (j > k or self._lam(doc, j)):
            return k
        j = x.end
        if j < end and (tx[j] in CLOSE_Q or tx[j] in STRAIGHT_Q):
            j += 1
        return j

    @staticmethod
    def _past_punct(doc, k: int, end: int) -> int:
        """The first word at or after ``k`` (``end`` if none): past punctuation and spaces."""
        pu, sp = _punct(doc), _space(doc)
        while k < end and (pu[k] or sp[k]):
            k += 1
        return k

    @staticmethod
    def _token_at(doc, lo: int, hi: int, offset: int) -> int:
        """The first token of doc[lo:hi] starting at or after character ``offset`` (``hi`` if none):
        where a phrase ends once its actor does."""
        ix = _ix(doc)
        return next((k for k in range(lo, hi) if ix[k] >= offset), hi)

    def _after_aside(self, doc, k: int, end: int, longest: int = 3) -> int:
        """Past a short aside between commas right after the subject: «كشفت وسائل إعلام، الثلاثاء،
        عن …», «اتهم الائتلاف، في بيان، النظام بـ…» (up to ``longest`` words; up to 12 when it names
        the medium: «، في تصريحات نقلتها قناة «المسيرة» التابعة للجماعة،»)."""
        tx = _tx(doc)
        if k >= end or tx[k] not in COMMA:
            return k
        if any(x.kind == "MediumAdjunct" for x in self._hits_at.get(k + 1, ())):
            longest = 12
        for j in range(k + 2, min(end, k + 2 + longest)):
            if tx[j] in COMMA:
                return j + 1
            if _punct(doc)[j] and not (tx[j] in OPEN_Q or tx[j] in CLOSE_Q or tx[j] in STRAIGHT_Q):
                return k
        return k

    def _medium_named(self, doc, k: int) -> Actor | None:
        """The medium at ``k`` that nobody listed: «بثه التلفزيون الرسمي» (a description), or «نشرته
        الصحيفة» (bare: the outlet named last before it)."""
        nm_, df_ = _nm(doc), _def(doc)
        if k >= len(doc) or self.lex.org_heads.get(strip_al(nm_[k])) != "MediaOutlet" or not df_[k]:
            return None
        j = k + 1
        while j < min(len(doc), k + 4) and df_[j] and _alpha(doc)[j] and j not in self._ents \
                and nm_[j] not in self.lex.time_words:
            j += 1
        if j > k + 1:
            return Actor(_span_text(doc, k, j), "MediaOutlet", start=_ix(doc)[k], end=_end(doc, j - 1))
        for i in range(k - 1, -1, -1):
            x = self._ents.get(i)
            if x is not None and x.label_ == "MediaOutlet":
                return self._actor_from_ent(x)
        return None

    def _past_quoted_outlet(self, doc, k: int, end: int) -> int:
        """Past «لشبكة "فوكس نيوز"» / «لـ"X"» (a quoted outlet spoken to, listed or not) at ``k``."""
        tx = _tx(doc)
        if k < end and self.lex.org_heads.get(strip_al(_nm(doc)[k])) == "MediaOutlet" and self._lam(doc, k):
            k += 1
        if k < end and (tx[k] in OPEN_Q or tx[k] in STRAIGHT_Q):
            close = self._quoted_name_end(doc, k, end, longest=4)
            if close is not None:
                return close + 1
        return k

    def _past_media(self, doc, k: int, end: int) -> int:
        """Past medium phrases at ``k`` («في بيان متلفز», «في كلمة، الاثنين،»), to the object after them."""
        while k < end and (m := next((x for x in self._hits_at.get(k, ()) if x.kind == "MediumAdjunct"), None)):
            k = self._after_aside(doc, m.end, end) if m.end < end and _tx(doc)[m.end] in COMMA else m.end
        return k

    _LOCATIVE = frozenset({"\u0641\u064a", "\u062e\u0644\u0627\u0644", "\u0639\u0628\u0631", "\u0645\u0639", "\u0645\u0646",
                           "\u0627\u0644\u064a", "\u0639\u0644\u064a", "\u0639\u0646"})  # في خلال عبر مع من الي علي عن

    def _verbal_noun_opens(self, doc, h, sh, s1) -> bool:
        """A verbal noun opens a claim only annexed to a speaker («حديث نتنياهو»: no preposition
        before it, as in «في تصريح له», no pronoun or punctuation after it) with «عن», «أن» or a
        colon within a few words; otherwise it must not cut the claim it sits in («في حديث مع …»)."""
        k = h.start
        nm, raw = _nm(doc), _raw(doc)
        if any(x.kind in ("MediumAdjunct", "OutletMarker") and x.start < k < x.end for x in sh):
            return False
        if (k > 0 and nm[k - 1] in self._LOCATIVE) or (raw[k] != nm[k] and not raw[k].startswith(("\u0648", "\u0641"))):
            return False
        if h.end >= s1 or _punct(doc)[h.end] or nm[h.end] in self.lex.pronouns or nm[h.end] in self.lex.prepositions:
            return False
        verb = next((x for x in reversed(sh) if x.start < k and x.kind == "SpeechVerb"), None)
        if verb is not None and verb.cue.function == "describe" and not any(
                x.kind == "Complementizer" and verb.end <= x.start < k for x in sh):
            return False  # «ووصف المتحدث … تصريحات زاخاروفا بأنها …»: the noun is what is described
        for j in range(h.end + 1, min(s1, h.end + 14)):
            if nm[j] == "\u0639\u0646" or _tx(doc)[j] in COLON or any(
                    x.start == j and x.kind == "Complementizer" for x in sh) or self._object_lam(doc, h, j):
                return True
            if any(x.start == j and x.kind in CLAIM_KINDS for x in sh):
                break
        return self._direct_object(doc, h, s1, sh) is not None

    def _direct_object(self, doc, h, s1, sh) -> int | None:
        """Where the direct object of a verbal noun that takes one (kg:directObject) starts: right
        after the speaker the grammar can name, a word with no article, preposition, pronoun, cue,
        name or punctuation («إعلان الجيش الإسرائيلي مقتل …», «إعلان حماس موافقتها …»; not
        «إعلان الحكومة الأسبوع الماضي», «إعلان الجيش عن …»)."""
        if not h.cue.direct_object or h.end >= s1:
            return None
        ents = self._ents
        e = self._subject_end(doc, h.end, s1, sh, ents)
        a = self.actor_from_phrase(doc, h.end, e, ents, self._people, allow_bare=False)
        if a is None or a.type == "Location" or a.end is None:
            return None
        k = self._token_at(doc, h.end, s1, a.end)
        return k if self._object_word(doc, k, s1, sh) else None

    def _object_word(self, doc, k: int, s1: int, sh) -> bool:
        """Word ``k`` can open a direct object: no article, preposition, pronoun, cue, name or
        punctuation, and the sentence goes on after it (the object is a noun phrase)."""
        if k + 1 >= s1:
            return False
        nm, raw, lex = _nm(doc), _raw(doc), self.lex
        w = nm[k]
        return not (_punct(doc)[k] or _def(doc)[k] or k in self._ents or not _alpha(doc)[k] or "\u064b" in _tx(doc)[k]
                    or w in lex.prepositions or w in lex.pronouns or w in lex.complementizers or w in lex.relatives
                    or w in lex.auxiliaries or raw[k] != w or any(x.start <= k < x.end for x in sh))

    def _object_lam(self, doc, h, j: int) -> bool:
        """Word ``j`` carries the «لـ» the verbal noun takes its object with («للنظام», «لإسرائيل»)."""
        return "\u0644" in h.cue.object_preps and self._glued_lam(doc, j)

    def _verbal_noun_claim(self, doc, h, s0, nxt, sh, ents, inq, people, cue_text, stance) -> RawClaim | None:
        """«حديث رئيس الوزراء بنيامين نتنياهو في كلمة، الاثنين، عن وجود «تقدم»»: the speaker annexed
        to the verbal noun, then «عن», «أن» or a quote. Not inside an interview phrase («في حديث لـ»),
        and only with a speaker the grammar can name («إعلان الطوارئ» names nobody)."""
        if h.end >= nxt:  # (where it may open at all: _verbal_noun_opens)
            return None
        e = self._subject_end(doc, h.end, nxt, sh, ents)
        claimant = self.actor_from_phrase(doc, h.end, e, ents, people, allow_bare=False)
        if claimant is None or claimant.type == "Location":
            return None
        if claimant.end is not None:  # the speaker's phrase may end before the subject scan did
            e = self._token_at(doc, h.end, e, claimant.end)
        k = self._past_media(doc, self._after_aside(doc, e, nxt), nxt)
        if k + 1 >= nxt:
            return None
        if _nm(doc)[k] == "\u0639\u0646":  # عن
            cs = k + 1
        elif self._object_lam(doc, h, k):
            cs = k  # «اتهامات المعارضة للنظام بالتنسيق …»: the accused, then what they are accused of
        else:
            cs = self._content_start(doc, k, min(nxt, k + 2), sh)
            if cs is None:
                # «إعلان الجيش الإسرائيلي مقتل …»: the object right after the speaker (kg:directObject)
                if not (h.cue.direct_object and claimant.end is not None and self._object_word(doc, k, nxt, sh)):
                    return None
                cs = k
        outlets = self._outlets(doc, h.end, k, ents, slot_only=True)
        return self._finish(doc, h, cue_text, "VerbalNoun", stance, claimant, cs, nxt, [], [], sh, inq,
                            explicit_outlets=outlets)

    # a glued «بـ» before a verbal noun: «بارتكاب», «بإطلاق», «بتهريب», «بمقتل» (and «بالـ»)
    _GLUED_BI = frozenset({"\u0628\u0627", "\u0628\u0625", "\u0628\u0623", "\u0628\u062a", "\u0628\u0645"})

    def _clause_subject(self, doc, s0: int, h: CueHit, sh, ents, comma: bool = True) -> Actor | None:
        """The actor named right after the verb opening the sentence («ودانت وزارة الخارجية …»,
        «ورحبت حركة «حماس» بـ…», «وألقى الرئيس المصري كلمة …»), past a fronted adverbial («وفي السياق
        ذاته، …»), when no cue came before: the verb is no cue, but its subject is who a participle
        after a comma (``comma``) or a speech-event pronoun («أكد فيها») quotes."""
        tx, nm, raw = _tx(doc), _nm(doc), _raw(doc)
        lead = next((k for k in range(s0 + 1, min(h.start - 3, s0 + 5)) if tx[k] in COMMA), None)
        if lead is not None and raw[s0].startswith(("\u0648", "\u0641")) and not any(k in self._ents for k in range(s0, lead)) \
                and not any(x.kind in CLAIM_KINDS for x in sh if s0 <= x.start < lead):
            s0 = lead + 1  # «وفي السياق ذاته، وجهت الوزارة …»: a fronted adverbial, then the clause
            first_ok = True
        else:
            first_ok = raw[s0].startswith(("\u0648", "\u0641"))
        head = strip_al(nm[s0])
        if h.start < s0 + 3 or (comma and tx[h.start - 1] not in COMMA) or not first_ok \
                or len(raw[s0]) < 4 or _def(doc)[s0] or not _alpha(doc)[s0] or nm[s0] in self.lex.not_name \
                or head in self.lex.org_heads or head in self.lex.role_heads or head in self.lex.source_heads \
                or head in self.lex.group_heads or nm[s0] in self.lex.place_heads \
                or any(x.kind in CLAIM_KINDS and x.start < h.start for x in sh if x.start >= s0):
            return None  # (the first word must be a verb with its «و»/«ف»: no head noun, «وزارة …»)
        k = s0 + 1 + (1 if tx[s0 + 1] in OPEN_Q | STRAIGHT_Q else 0)
        x = ents.get(k)
        if x is None or x.start != k or x.label_ not in ACTOR_TYPES or x.label_ == "Location" or x.id_.startswith("demonym|"):
            x = None
            if k + 1 < h.start and self.lex.org_heads.get(strip_al(nm[s0 + 1])) in ("Faction", "Organization"):
                y = ents.get(s0 + 2)  # «ورحبت حركة «حماس»»: a class noun, then the name
                if y is None and tx[s0 + 2] in OPEN_Q | STRAIGHT_Q:
                    y = ents.get(s0 + 3)
                if y is not None and y.label_ in ACTOR_TYPES and y.label_ != "Location" and y.start <= s0 + 3:
                    x = y
                elif y is None and _def(doc)[s0 + 2] and not _def(doc)[s0 + 1]:
                    # «ودانت وزارة الخارجية الأردنية الهجوم»: an institution nobody listed, its
                    # annexed noun and nisba adjectives (the next definite word is the object)
                    e = s0 + 3
                    while e < h.start - 1 and ((_def(doc)[e] and nm[e].endswith(_NISBA)) or raw[e].startswith("\u0648\u0627\u0644")):
                        e += 1  # (and «والمغتربين»: a second annexed noun)
                    return self.actor_from_phrase(doc, s0 + 1, e, ents, {}, allow_bare=False)
            elif _def(doc)[s0 + 1] and strip_al(nm[s0 + 1]) in self.lex.role_heads:
                # «وألقى الرئيس المصري كلمة …»: a title and its nisba adjectives
                e = s0 + 2
                while e < h.start - 1 and _def(doc)[e] and nm[e].endswith(_NISBA):
                    e += 1
                return self.actor_from_phrase(doc, s0 + 1, e, ents, {}, allow_bare=False)
        return self._actor_from_ent(x) if x is not None else None

    def _amid_words(self, doc, s0: int, s1: int, sh) -> list[tuple[int, int]]:
        """«وسط», «في ظل» … (kg:function amid) as (start, end), where a report noun may follow; not
        at the sentence's start (fronted, «وسط حديث عن «تنازلات»، يبدو أن …», it sets the scene)."""
        nm = _nm(doc)
        out = [(k, k + 1) for k in range(s0 + 2, s1 - 1) if nm[k] in self.lex.amid]
        out += [(x.start, x.end) for x in sh if x.kind == "FunctionWord" and x.cue.function == "amid" and x.start > s0 + 1]
        return out

    _AMID_CUE = Cue(key="amid-report", kinds=frozenset({"VerbalNoun"}), stance="asserts", forms=[], label="وسط")

    def _amid_claim(self, doc, a: int, n: int, s1, sh, ents, people) -> RawClaim | None:
        """«… وسط اتهامات متبادلة بارتكاب …», «… وسط اتهامات من منظمات حقوقية للقوات بـ…», «… وسط
        أنباء غير مؤكدة عن …»: reports and accusations mentioned in passing, after the sentence's own
        clause. The source is whoever «من» names, or the noun phrase itself (anonymous); what is said
        starts at «عن», «أن» or a glued «بـ» («بارتكاب»), past the accused («لـ…»)."""
        tx, nm, raw, pu = _tx(doc), _nm(doc), _raw(doc), _punct(doc)
        h = next((x for x in sh if x.start == n and x.kind == "VerbalNoun"), None)
        if h is None:
            if nm[n] not in self.lex.report_nouns:
                return None
            h = CueHit(n, n + 1, self._AMID_CUE, "VerbalNoun")
        nxt = min([x.start for x in sh if x.start > h.start and x.kind in CLAIM_KINDS and not self._inq[x.start]] + [s1])
        k, agent, accused = h.end, None, False
        while k < min(nxt, h.end + 12) and (not pu[k] or tx[k] in _QUOTE_MARKS):
            if nm[k] == "\u0639\u0646" or k in self._comp_at or (tx[k].startswith("\u0628") and (
                    raw[k] != nm[k] or tx[k][:2] in self._GLUED_BI or (accused and len(tx[k]) > 3))):
                break  # «عن», «أن», «بارتكاب», «بمقتل», after the accused any «بـ»: what is said
            accused = accused or (k > h.end and self._glued_lam(doc, k))
            if nm[k] == "\u0645\u0646" and agent is None:
                agent = k + 1  # «اتهامات من منظمات حقوقية»
            k += 1
        else:
            return None
        if k >= nxt or pu[k]:
            return None
        cs = k + 1 if nm[k] == "\u0639\u0646" else k
        if agent is not None:
            e = agent
            while e < k and not self._glued_lam(doc, e) and tx[e] not in _QUOTE_MARKS:
                e += 1  # (up to the accused: «لـ«قسد»», «لها»)
            claimant = self.actor_from_phrase(doc, agent, e, ents, people, allow_bare=False)
        else:
            e = h.end
            while e < k and not self._glued_lam(doc, e) and _alpha(doc)[e] and not _def(doc)[e]:
                e += 1  # («اتهامات متبادلة»: its adjectives)
            claimant = Actor(_span_text(doc, h.start, e), "AnonymousSource", start=_ix(doc)[h.start], end=_end(doc, e - 1))
        if claimant is None or claimant.type == "Location":
            return None
        return self._finish(doc, h, _span_text(doc, a, h.end), "VerbalNoun", h.cue.stance, claimant,
                            cs, nxt, [], [], sh, self._inq)

    _REPORTED_CUE = Cue(key="what-they-reported", kinds=frozenset({"SpeechVerb"}), stance="asserts", forms=[], label="ما")

    def _what_they_reported(self, doc, d: RawClaim, sh, ents, people) -> RawClaim | None:
        """«نفى القيادي ما تداولته وسائل إعلام عبرية عن موافقة الحركة …», «نفى المكتب ما أوردته
        الصحيفة عن …»: what a denial (or a refusal to comment) is about, when the text says who
        reported it — «ما», a verb with its resumptive pronoun, the reporter, then «عن» — is the
        reporter's claim."""
        nm, tx, pu = _nm(doc), _tx(doc), _punct(doc)
        for k in range(d.content_start, min(d.content_end, d.content_start + 20) - 2):
            if nm[k] not in self.lex.what or self._inq[k]:
                continue
            v = k + 1
            if not self._resumptive_verb(doc, v):
                return None
            j = next((j for j in range(v + 2, min(d.content_end, v + 8)) if nm[j] == "\u0639\u0646" or pu[j]), None)
            if j is None or nm[j] != "\u0639\u0646":
                return None
            claimant = self.actor_from_phrase(doc, v + 1, j, ents, people, allow_bare=True)
            if claimant is None or claimant.type == "Location":
                return None
            hit = next((x for x in sh if x.start == v and x.kind in CLAIM_KINDS), None) or CueHit(v, v + 1, self._REPORTED_CUE, "SpeechVerb")
            return self._finish(doc, hit, tx[v], "SpeechVerb", "asserts", claimant, j + 1, d.content_end, [], [], sh, self._inq)
        return None

    def _postposed_quote(self, doc, h, s0) -> tuple[int, int] | None:
        """«لا اتفاق حتى الآن»، قال مسؤول …: a quotation opening the sentence, then a comma and the
        verb, is what the verb's subject said (wire style). The quotation marks are kept, as for
        «قال: «…»»."""
        k = h.start - 1
        if k <= s0 or _tx(doc)[k] not in COMMA:
            return None
        close = k - 1
        if _tx(doc)[close] not in CLOSE_Q | STRAIGHT_Q:
            return None
        tx = _tx(doc)
        j = close - 1
        lo = max(0, s0 - 120)  # a quotation of several sentences: «"الوضع كارثي. نفدت …"، قال الطبيب»
        while j >= lo and tx[j] not in OPEN_Q | STRAIGHT_Q and tx[j] not in CLOSE_Q:
            j -= 1
        if j < lo or tx[j] in CLOSE_Q and tx[j] not in STRAIGHT_Q or close - j < 3:
            return None
        opens = j == 0 or tx[j - 1] in SENT_END or _space(doc)[j - 1] or tx[j - 1] in DASHES
        if not opens and (j < s0 or any(not (_punct(doc)[i] or _space(doc)[i]) for i in range(s0, j))):
            return None  # (it must open its sentence, or follow a dateline's dash: «غزة (أ ف ب) - "…"، قال»)
        return j, close + 1

    def _finish(self, doc, h, cue_text, kind, stance, claimant, cs, ce, reported, cited, sh, inq,
                explicit_outlets: list[Actor] | None = None) -> RawClaim | None:
        tx_, nm_, sp_, pu_ = _tx(doc), _nm(doc), _space(doc), _punct(doc)  # (bound once: read in loops)
        resolved = self._corefer(claimant)
        if resolved is not claimant:
            claimant = resolved
            prev = self._by_speaker.get(claimant.key)
            if prev is not None:
                reported = reported or list(prev.reported_to)
                cited = cited or list(prev.cited_by)
        if explicit_outlets:
            reported = list(explicit_outlets)  # a new outlet named here replaces the carried one
        while cs < ce and (sp_[cs] or (pu_[cs] and tx_[cs] not in OPEN_Q | STRAIGHT_Q)):
            cs += 1
        while ce > cs and (sp_[ce - 1] or tx_[ce - 1] in COMMA or tx_[ce - 1] in SENT_END
                           or tx_[ce - 1] in COLON
                           or (nm_[ce - 1] in self.lex.auxiliaries and ce - 2 >= cs and tx_[ce - 2] in COMMA)):
            ce -= 1  # (and «، فيما» / «، بينما»: the next clause's connector)
        if ce - cs < 2:
            return None
        # «في بيان نشره موقع "قسد"»: the medium that published the statement relays it
        for m in sh:
            if m.kind == "FunctionWord" and m.cue.function == "published-by" and m.start > h.start \
                    and nm_[m.start - 1] not in self.lex.what and nm_[m.start - 1] not in self.lex.relatives:
                # («نفى ما نشرته صحيفة X»: the object; «الصور التي بثتها قناة X»: a relative clause)
                x = next((y for y in map(self._ents.get, range(m.end, min(m.end + 3, len(doc))))
                          if y is not None), None)  # («نقلته وكالة «سبوتنيك»»: after the head and the quote)
                a = self._actor_from_ent(x) if x is not None and x.label_ in ACTOR_TYPES else self._medium_named(doc, m.end)
                if a is not None and a.key != claimant.key and all(a.key != c.key for c in cited):
                    cited = [*cited, a]
        if stance == "asserts":
            for m in sh:
                if h.end <= m.start < cs and m.kind in ("ContinuationParticiple", "NominalCue") \
                        and m.cue.stance in ("hedges", "denies"):
                    stance = m.cue.stance  # «أعرب X عن أمله في أن …»: the noun between verb and content
                elif cs <= m.start < ce or h.start - 3 <= m.start < h.start:
                    if m.kind == "HedgeMarker":
                        stance = m.cue.stance if m.cue.stance != "asserts" else "hedges"  # (or declines)
                    elif m.kind in ("DenialMarker", "DeclinePhrase") and cs <= m.start < ce and not any(
                            tx_[i] in COMMA or tx_[i] in SENT_END for i in range(cs, m.start)):
                        # (in the first clause: «…، ولا علاقة لنا بوجهتها» adds a detail)
                        stance = "denies" if m.kind == "DenialMarker" else "declines"  # «لا تؤكد ولا تنفي»
            if stance == "asserts" and h.cue.function != "warn" and self._may(doc, cs, ce):
                stance = "hedges"  # «الخلافات قد تعرقل تنفيذه»: what may happen (a warning of it asserts)
        reported = [r for r in reported if all(r.key != c.key for c in cited)]
        conf = 0.8 if claimant.entity else 0.6
        return RawClaim(cue_text, h.start, h.end, kind, stance, claimant, cs, ce, reported, cited, conf)


@Language.factory("isnad_attribution", default_config={"ontology": ""})
def make_attribution(nlp: Language, name: str, ontology: str):
    return Attributor(nlp, ontology)
