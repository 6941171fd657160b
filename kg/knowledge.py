"""The pipeline's knowledge, read from ``ontology/*.ttl``: gazetteer, cues, allegation lexicon.

Users extend isnad by editing Turtle; this module is the only reader of those files and
hands the extractor plain Python objects (normalised forms), loaded once per process.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from .nlp.normalize import normalize_phrase

KG = Namespace("https://w3id.org/isnad/kg#")
ID = Namespace("https://w3id.org/isnad/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

ENTITY_TYPES = ("Person", "Faction", "Organization", "MediaOutlet", "Location", "Group", "AnonymousSource")
STANCES = {KG.Asserts: "asserts", KG.Denies: "denies", KG.Hedges: "hedges", KG.Declines: "declines"}
ALLEGATION_TYPES = ("Coordination", "Truce", "Agreement", "Negotiation", "Withdrawal",
                    "Attack", "Control", "Casualties", "Displacement", "Other")


def ontology_dir() -> Path:
    """``$ISNAD_ONTOLOGY``, else the repository's ``ontology/`` beside the package."""
    env = os.environ.get("ISNAD_ONTOLOGY")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "ontology", here / "ontology"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("ontology/ not found: set ISNAD_ONTOLOGY to the folder holding the .ttl files")


@dataclass
class Entity:
    key: str
    iri: str
    type: str
    label_ar: str
    label_en: str | None = None
    aliases: list[str] = field(default_factory=list)  # unambiguous names (labels + altLabels)
    anaphors: list[str] = field(default_factory=list)  # context-dependent short forms
    demonyms: list[str] = field(default_factory=list)  # nationality adjectives: parties and sides only
    wikidata: str | None = None
    role: str | None = None
    affiliation: str | None = None
    seat_of: str | None = None  # kg:seatOf: a capital speaking for its state or government
    affiliations: list[str] = field(default_factory=list)  # every kg:affiliation (``affiliation`` is one)
    successor: str | None = None  # kg:succeededBy: who replaced it in power
    inherits: list[str] = field(default_factory=list)  # kg:inherits: the predecessor's names it takes over
    lat: float | None = None
    long: float | None = None


@dataclass
class Cue:
    key: str
    kinds: frozenset[str]  # local names of the kg: classes it belongs to
    stance: str
    forms: list[tuple[str, ...]]  # normalised token sequences
    label: str = ""
    vague: bool = False
    function: str = ""  # for kg:FunctionWord: relay-source, what, pronoun, name-link, ...
    raw_forms: tuple[str, ...] = ()  # the forms as written (one-word ones), for checks before folding
    requires: frozenset[str] = frozenset()  # kg:requires: a form counts only with one of these words after it
    object_preps: frozenset[str] = frozenset()  # kg:objectPreposition: it ends the subject (شكك X في …)
    direct_object: bool = False  # kg:directObject: a verbal noun's object right after its speaker


@dataclass
class Knowledge:
    entities: dict[str, Entity]
    cues: list[Cue]
    allegations: dict[str, list[tuple[str, ...]]]  # lower-case type → normalised trigger token sequences
    files: list[Path] = field(default_factory=list)

    def seat(self, key: str, in_power: dict[str, str] | None = None) -> Entity | None:
        """The state or government a capital stands for (kg:seatOf), if the gazetteer says so; or
        the one that replaced it (``in_power``: predecessor → successor the article names)."""
        e = self.entities.get(key)
        st = self.entities.get(e.seat_of) if e is not None and e.seat_of else None
        if st is not None and in_power and st.key in in_power:
            st = self.entities[in_power[st.key]]  # («دمشق» once the new authorities are named)
        return st

    def cues_of(self, kind: str) -> list[Cue]:
        return [c for c in self.cues if kind in c.kinds]

    def single_forms(self, kind: str, function: str | None = None) -> set[str]:
        """The one-word forms of the cues of a kind (and function): «لنا», «الطرفين», «الذي» …"""
        return {f[0] for c in self.cues_of(kind) if function is None or c.function == function
                for f in c.forms if len(f) == 1}

    def vocabulary(self) -> set[str]:
        """Every single normalised word the knowledge mentions: the clitic stripper's lexicon."""
        from .nlp.normalize import clitic_candidates

        words: set[str] = set()
        inner: set[str] = set()  # words inside a name after its first: «الجناح العسكري لحزب العمال»
        for e in self.entities.values():
            for name in [*e.aliases, *e.anaphors, *e.demonyms]:
                ws = normalize_phrase(name).split()
                words.update(ws[:1])
                inner.update(ws[1:])
        for c in self.cues:
            for f in c.forms:
                words.update(f)
            words.update(c.requires)
        for forms in self.allegations.values():
            for f in forms:
                words.update(f)
        known = words | inner
        # an inner word that is a clitic on a known word («لحزب», «بالسودان») stays out: were it known,
        # the normaliser would keep «لحزب» whole in every text, and «لحزب الله» would not be «حزب الله»
        words |= {w for w in inner if w in words or not any(c in known for c in clitic_candidates(w))}
        return words

    def by_name(self) -> dict[str, list[str]]:
        """Normalised alias (either script, lower-cased) → entity keys."""
        out: dict[str, list[str]] = {}
        for e in self.entities.values():
            for name in {*e.aliases, e.label_ar, *(x for x in [e.label_en] if x), e.key}:
                out.setdefault(normalize_phrase(name).lower(), []).append(e.key)
        return out


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(normalize_phrase(text).split())


def _lit(g: Graph, s, p, lang: str | None = None) -> list[str]:
    return [str(o) for o in g.objects(s, p) if isinstance(o, Literal) and (lang is None or o.language == lang)]


def load_graph(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def read_entities(g: Graph) -> dict[str, Entity]:
    out = {}
    for t in ("Person", "Faction", "Organization", "MediaOutlet", "Location"):
        for s in g.subjects(RDF.type, KG[t]):
            if not isinstance(s, URIRef):
                continue
            ar = _lit(g, s, RDFS.label, "ar")
            en = _lit(g, s, RDFS.label, "en")
            alts = _lit(g, s, SKOS.altLabel)
            key = _local(s)
            aff = g.value(s, KG.affiliation)
            seat = g.value(s, KG.seatOf)
            lat, lon = g.value(s, GEO.lat), g.value(s, GEO.long)
            wd = g.value(s, KG.wikidata)
            role = _lit(g, s, KG.role, "ar")
            out[key] = Entity(
                key=key, iri=str(s), type=t, label_ar=ar[0] if ar else (alts[0] if alts else key),
                label_en=en[0] if en else None,
                aliases=[*ar, *en, *alts], anaphors=_lit(g, s, KG.anaphor), demonyms=_lit(g, s, KG.demonym),
                wikidata=str(wd) if wd else None, role=role[0] if role else None,
                affiliation=_local(aff) if aff else None, seat_of=_local(seat) if seat else None,
                affiliations=sorted(_local(a) for a in g.objects(s, KG.affiliation)),
                successor=_local(g.value(s, KG.succeededBy)) if g.value(s, KG.succeededBy) else None,
                inherits=_lit(g, s, KG.inherits),
                lat=float(lat) if lat is not None else None, long=float(lon) if lon is not None else None,
            )
    return out


CUE_KINDS = ("SpeechVerb", "ContinuationParticiple", "AccordingTo", "RelayVerb", "NominalCue",
             "DeclinePhrase", "HedgeMarker", "DenialMarker", "Complementizer", "OutletMarker",
             "SourceHead", "GroupHead", "RoleHead", "Continuation", "FunctionWord", "ExplicitSubject", "SayingParticiple", "OrgHead", "DeclineVerb",
             "DeclineObject", "MediumAdjunct", "AnonymityFormula", "FixedExpression", "ClauseInitial", "VerbalNoun")


def read_cues(g: Graph) -> list[Cue]:
    subjects = {s for k in CUE_KINDS for s in g.subjects(RDF.type, KG[k])}
    out = []
    for s in sorted(subjects, key=str):
        kinds = frozenset(_local(o) for o in g.objects(s, RDF.type) if _local(o) in CUE_KINDS)
        st = g.value(s, KG.stance)
        forms = sorted({_tokens(f) for f in _lit(g, s, KG.form)} - {()})
        label = (_lit(g, s, RDFS.label, "ar") or [""])[0]
        vague = bool(g.value(s, KG.vague))
        fn = str(g.value(s, KG.function) or "")
        at = g.value(s, KG.actorType)
        if at is not None:
            fn = _local(at)  # OrgHead: the actor type it gives
        raw = tuple(sorted(str(f) for f in _lit(g, s, KG.form) if " " not in str(f)))
        req = frozenset(w for f in _lit(g, s, KG.requires) for w in _tokens(f))
        preps = frozenset(w for f in _lit(g, s, KG.objectPreposition) for w in _tokens(f))
        out.append(Cue(_local(s), kinds, STANCES.get(st, "asserts"), forms, label, vague, fn, raw, req, preps,
                       bool(g.value(s, KG.directObject))))
    return _inner_conjunctions_split(out)


def _inner_conjunctions_split(cues: list[Cue]) -> list[Cue]:
    """«لم يؤكد ولم ينف»: an inner word that is و/ف + a word opening some cue (لم) is matched as
    that word, as the text's «ولم» is once the normaliser strips its و. Were «ولم» kept whole
    here, it would be a known word, never stripped, and «ولم ينف» would not match «لم ينف»."""
    firsts = {f[0] for c in cues for f in c.forms}

    def split(form: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w[1:] if i and len(w) > 2 and w[0] in "\u0648\u0641" and w[1:] in firsts else w
                     for i, w in enumerate(form))

    return [replace(c, forms=sorted({split(f) for f in c.forms})) for c in cues]


_IMPERFECT = "\u064a"  # ي: he / they (yaf'alu)
_OTHER_PERSONS = ("\u062a", "\u0646")  # ت she/you, ن we (not أ, I: «أ» + stem is often another word once folded: اتفق)


def imperfect_persons(form: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A trigger that is a he-form imperfect verb (ينسق, يهاجم) also in the other persons (تنسق,
    ننسق, أنسق): the lexicon lists one person, the news quotes speakers saying «we»."""
    if len(form) != 1 or not form[0].startswith(_IMPERFECT) or len(form[0]) < 4 or form[0].endswith(("\u0648\u0646", "\u0627\u0646")):
        return []
    stem = form[0][1:]
    return [(p + stem,) for p in _OTHER_PERSONS]


def read_allegations(g: Graph, names: frozenset[str] = frozenset()) -> dict[str, list[tuple[str, ...]]]:
    """Type → trigger token sequences; ``not:<type>`` → phrases in which its triggers do not count.

    ``names``: one-word entity names, never made into triggers by :func:`imperfect_persons`
    («يدمر» → «تدمر» would be Palmyra)."""
    out = {}
    for t in ALLEGATION_TYPES:
        forms = {_tokens(f) for f in _lit(g, KG[t], SKOS.hiddenLabel, "ar")} - {()}
        forms |= {v for f in forms for v in imperfect_persons(f) if v[0] not in names}
        out[t.lower()] = sorted(forms)
        blocked = {_tokens(f) for f in _lit(g, KG[t], KG.notTrigger, "ar")} - {()}
        if blocked:
            out[f"not:{t.lower()}"] = sorted(blocked)
    return out


@lru_cache(maxsize=4)
def load_knowledge(folder: str | None = None) -> Knowledge:
    """Read gazetteer, cues and allegation lexicon from ``folder`` (default: :func:`ontology_dir`)."""
    base = Path(folder) if folder else ontology_dir()
    files = [base / "gazetteer.ttl", base / "cues.ttl", base / "grammar.ttl", base / "allegations.ttl"]
    for f in files:
        if not f.exists():
            raise FileNotFoundError(f"{f}: missing ontology file")
    gaz, cues, grammar, alg = (load_graph(f) for f in files)
    entities = read_entities(gaz)
    words = (_tokens(a) for e in entities.values() for a in (*e.aliases, *e.anaphors, *e.demonyms))
    names = frozenset(w[0] for w in words if len(w) == 1)
    kn = Knowledge(entities, read_cues(cues + grammar), read_allegations(alg, names), files)
    return _folded(kn)


def _folded(kn: Knowledge) -> Knowledge:
    """Cue and allegation forms with their لل words as the normaliser gives them in text
    (:func:`~kg.nlp.normalize.fold_lam_al`: «عمالة للنظام» is matched as «عماله النظام»)."""
    from .nlp.normalize import fold_lam_al

    known = kn.vocabulary()

    def fold(form: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(fold_lam_al(w, known) for w in form)

    kn.cues = [replace(c, forms=tuple(fold(f) for f in c.forms),
                       requires=frozenset(fold_lam_al(w, known) for w in c.requires)) for c in kn.cues]
    kn.allegations = {t: sorted({fold(f) for f in forms}) for t, forms in kn.allegations.items()}
    return kn
