"""Statistical Arabic NER "recall net" trained on NewsFANE Gold 2014.

The model is a small spaCy ``ner`` pipeline (efficiency CPU config, no vectors)
that tags PER / ORG / LOC.  It is meant to propose *unseen* names behind the
gazetteer, not to replace it.

Training data: NewsFANE Gold 2014 (Alotaibi & Lee, 2014), CC BY-SA 3.0, bundled
at ``kg/data/ner/NewsFANE_Gold_2014_170K.txt``.  The shipped model in
``kg/models/ner/`` is a derived work and is shared under the same licence.

Data quirks handled by :func:`read_newsfane`:

* every token starts with U+200E (and the first line with a BOM): stripped;
  a standalone ``ء`` token is a mangled quote mark and becomes ``"``;
* the text is pre-segmented at clitics (``و الصادرات``, ``كتاب ه``); the clitics
  are rejoined so the model sees running text as a news site writes it
  (``والصادرات``, ``كتابه``).  Besides the conjunction و, the one-letter
  proclitics ف ب ل ك are rejoined too (``ب المملكة`` -> ``بالمملكة``,
  ``ل الشعب`` -> ``للشعب``), because running text never separates them either;
* ~45 fine ACE-like types are mapped to PER / ORG / LOC (:data:`FINE_TO_COARSE`).

At inference the input is normalised with :func:`normalize` (the same folding
the pipeline uses for matching) while keeping an index map back to the original
string, so :func:`predict_spans` returns offsets into the *original* text.

Usage::

    python -m kg.nlp.ner_train --out kg/models/ner --seed 0
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_PATH = PACKAGE_ROOT / "data" / "ner" / "NewsFANE_Gold_2014_170K.txt"
DEFAULT_MODEL_DIR = PACKAGE_ROOT / "models" / "ner"
DEFAULT_N_ITER = 2500  # optimizer steps (batches); ~4 min on 2 CPU cores

LABELS = ("PER", "ORG", "LOC")

# ---------------------------------------------------------------------------
# Tag mapping: NewsFANE fine type -> coarse label (None = dropped to O).
# Decided from the inventory printed by ``--inventory`` (counts = B- tags):
# ---------------------------------------------------------------------------
FINE_TO_COARSE: dict[str, str | None] = {
    # --- people (ACE Person subtypes refined by profession) ---
    "Politician": "PER",  # 1315  انان، بوش، بشار الاسد
    "Athlete": "PER",  # 865   شوماخر، رونالدو
    "Artist": "PER",  # 451   نجيب محفوظ، عادل امام
    "Other_PER": "PER",  # 444   الظواهري، ابو ايوب المصري
    "Religious_PER": "PER",  # 175   القرضاوي، علي بن ابي طالب
    "Scientist": "PER",  # 151   اينشتاين، فرويد
    "Police": "PER",  # 57    رامسفيلد، حالوتس (security/military *persons*)
    "Businessperson": "PER",  # 48    بيل غيتس، محمد الفايد
    "Lawyer": "PER",  # 11
    "Engineer": "PER",  # 6
    # --- places: GPEs, regions, natural locations, facilities ---
    "Nation": "LOC",  # 2232  لبنان، العراق، الولايات المتحدة
    "Population-Center": "LOC",  # 1427  بغداد، بيروت
    "State-or-Province": "LOC",  # 220   دارفور، كردستان
    "County-or-District": "LOC",  # 48    قطاع غزة، الجولان
    "GPE-Cluster": "LOC",  # 125   الشرق الاوسط، الشام، الاتحاد السوفياتي
    "Continent": "LOC",  # 109   افريقيا، اوروبا
    "Water-Body": "LOC",  # 102   النيل، البحر الاحمر
    "Land-Region-Natural": "LOC",  # 17    الصحراء الكبرى، جبل عرفات
    "Building-Grounds": "LOC",  # 238   البيت الابيض، الكرملين، غوانتانامو، المسجد الاقصى
    "Airport": "LOC",  # 16    مطار دمشق الدولي
    "Path": "LOC",  # 16    طريق الحرير، باب المندب، شارع السعدون
    # --- organisations ---
    "Non-Governmental": "ORG",  # 767   الامم المتحدة، حزب الله، حماس، القاعدة
    "Sports": "ORG",  # 661   برشلونة، الاهلي
    "Media": "ORG",  # 358   رويترز، الجزيرة، د ب ا
    "Government": "ORG",  # 284   الجيش الاسرائيلي، وزارة الخارجية
    "Commercial": "ORG",  # 169   نوكيا، مايكروسوفت
    "Educational": "ORG",  # 73    جامعة القاهرة
    "Medical-Science": "ORG",  # 23    مستشفى الشفاء، نوفارتيس
    "Entertainment": "ORG",  # 10    معهد الموسيقى العربية
    "Religious_ORG": "ORG",  # 9     دار الافتاء، منظمة المؤتمر الاسلامي
    # --- dropped to O ---
    "Group": None,  # 685  العرب، المسلمين، الشيعة: nationalities / communities (NORP), not names
    "Subarea-Facility": None,  # 13   المئذنة، المحراب: mostly common nouns
    "Book": None,  # 94   titles of works
    "Movie": None,  # 73
    "Land": None,  # 68   land vehicles (فيراري، نيسان)
    "Air": None,  # 23   aircraft
    "Water": None,  # 2    vessels
    "Software": None,
    "Hardware": None,
    "Celestial": None,  # المريخ
    "Food": None,
    "Projectile": None,
    "Shooting": None,
    "Drug": None,
    "Plant": None,
}

# ---------------------------------------------------------------------------
# Normalisation with an offset map
# ---------------------------------------------------------------------------
# Removed characters: the harakat/tanween U+064B-U+0652, dagger alef U+0670 and
# tatweel U+0640 (the brief's set), plus -- to stay identical to the pipeline's
# matching fold in kg/nlp/normalize.py -- the other Arabic combining marks
# (U+0610-U+061A, U+0653-U+065F, U+06D6-U+06ED) and invisible bidi/joiner marks.
_REMOVE = (
    {chr(c) for c in range(0x064B, 0x0660)}
    | {chr(c) for c in range(0x0610, 0x061B)}
    | {chr(c) for c in range(0x06D6, 0x06EE)}
    | {"\u0670", "\u0640"}
    | {chr(c) for c in range(0x200C, 0x2010)}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
    | {"\ufeff"}
)
_REPLACE = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` like :func:`normalize` and return ``(normalized, index_map)``.

    ``index_map[i]`` is the offset in ``text`` of the character that produced
    ``normalized[i]``; it has one extra final entry ``len(text)``.
    """
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if ch in _REMOVE:
            continue
        out.append(_REPLACE.get(ch, ch))
        idx.append(i)
    idx.append(len(text))
    return "".join(out), idx


def normalize(text: str) -> str:
    """Matching fold: drop diacritics (U+064B-U+0652, U+0670) and tatweel,
    أ إ آ ٱ -> ا, ى -> ي, ة -> ه."""
    return normalize_with_map(text)[0]


def _to_original_span(text: str, idx: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a normalized ``[start, end)`` span back to ``text``.

    The end is extended over removed marks (diacritics / tatweel) that directly
    follow the last character, so ``محمدٌ`` is returned whole.
    """
    o_start = idx[start]
    o_end = idx[end - 1] + 1
    while o_end < len(text) and text[o_end] in _REMOVE:
        o_end += 1
    return o_start, o_end


# ---------------------------------------------------------------------------
# Reading NewsFANE
# ---------------------------------------------------------------------------
_AR_WORD = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671-\u06D3]+$")
_PROCLITICS = {"و", "ف", "ب", "ل", "ك"}
_SUFFIXES = {"ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي"}


def _is_ar_word(tok: str) -> bool:
    return bool(_AR_WORD.match(tok))


def _type(tag: str) -> str:
    return tag[2:] if tag[:2] in ("B-", "I-") else ""


def _raw_sentences(path: str | Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n").replace("\ufeff", "")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                continue
            word = parts[0].replace("\u200e", "").replace("\ufeff", "").strip()
            tag = parts[1].strip() or "O"
            if word == "ء":  # a standalone hamza stands for a quote mark in this corpus
                word = '"'
            if word:
                cur.append((word, tag))
    if cur:
        sents.append(cur)
    return sents


def fine_inventory(path: str | Path = DEFAULT_DATA_PATH) -> Counter:
    """Count entity mentions (B- tags) per fine type."""
    inv: Counter = Counter()
    for sent in _raw_sentences(path):
        for _, tag in sent:
            if tag.startswith("B-"):
                inv[tag[2:]] += 1
    return inv


def _join_suffixes(toks: list[list[str]]) -> list[list[str]]:
    """Attach separate pronoun-suffix tokens to the previous word."""
    out: list[list[str]] = []
    for i, (w, t) in enumerate(toks):
        if w in _SUFFIXES and out:
            pw, pt = out[-1]
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            ok_prev = _is_ar_word(pw) and pw != "و"
            if w == "ك" and nxt == "ما":  # ك ما -> كما : proclitic, not a suffix
                ok_prev = False
            ok_tag = t == "O" or (t.startswith("I-") and pt != "O" and _type(pt) == _type(t))
            if ok_prev and ok_tag:
                out[-1] = [pw + w, pt]
                continue
        out.append([w, t])
    return out


def _merge_tag(clitic_tag: str, next_tag: str) -> str:
    if clitic_tag == "O":
        return next_tag
    if next_tag == "O" or (next_tag.startswith("I-") and _type(next_tag) == _type(clitic_tag)):
        return clitic_tag
    return next_tag


def _join_proclitics(toks: list[list[str]]) -> list[list[str]]:
    """Attach standalone و ف ب ل ك to the following word (right to left, so
    chains like ``و ب الدولة`` become ``وبالدولة``).  و always joins whatever
    follows (``و " الجزيرة`` -> ``و"``...); the others only join an Arabic
    word of >= 2 letters so abbreviations like ``د ب ا`` / ``ا ف ب`` survive."""
    out: list[list[str]] = []  # built reversed
    for w, t in reversed(toks):
        if w in _PROCLITICS and out:
            nw, nt = out[-1]
            if w == "و" or (_is_ar_word(nw) and len(nw) >= 2):
                if w.endswith("ل") and nw.startswith("ال") and len(nw) > 2:
                    joined = w + nw[1:]  # ل + الشعب -> للشعب
                else:
                    joined = w + nw
                out[-1] = [joined, _merge_tag(t, nt)]
                continue
        out.append([w, t])
    out.reverse()
    # a sentence-final و (2 truncated sentences) has nothing to join: drop it
    if len(out) >= 2 and out[-1][0] == "و" and out[-1][1] == "O":
        out.pop()
    return out


def _coarsen(tags: list[str]) -> list[str]:
    res: list[str] = []
    prev_fine = ""
    for t in tags:
        fine = _type(t)
        coarse = FINE_TO_COARSE.get(fine) if fine else None
        if coarse is None:
            res.append("O")
        elif t.startswith("B-") or prev_fine != fine or (res and res[-1] == "O"):
            res.append("B-" + coarse)
        else:
            res.append("I-" + coarse)
        prev_fine = fine
    return res


def _rejoin(sent: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    toks = [[w, t] for w, t in sent]
    toks = _join_suffixes(toks)
    toks = _join_proclitics(toks)
    return [w for w, _ in toks], [t for _, t in toks]


def read_newsfane(path: str | Path = DEFAULT_DATA_PATH, coarse: bool = True) -> list[tuple[list[str], list[str]]]:
    """Read NewsFANE into ``[(words, tags), ...]`` with clitics rejoined.

    Tags are IOB; with ``coarse=True`` (default) mapped to PER/ORG/LOC via
    :data:`FINE_TO_COARSE`, otherwise the fine types are kept.  Words are *not*
    normalised (the data has no hamza on alef anyway); :func:`train` applies
    :func:`normalize`.
    """
    out = []
    for sent in _raw_sentences(path):
        words, tags = _rejoin(sent)
        if coarse:
            tags = _coarsen(tags)
        out.append((words, tags))
    return out


def _heads_without_proclitics(path: str | Path) -> Counter:
    """Counts of normalized first words of PER/ORG/LOC mentions as tokenized in
    NewsFANE, i.e. mostly *without* a proclitic (used to trim ``و``/``ب``...
    off predicted spans)."""
    heads: Counter = Counter()
    for sent in _raw_sentences(path):
        toks = _join_suffixes([[w, t] for w, t in sent])
        tags = _coarsen([t for _, t in toks])
        for (w, _), t in zip(toks, tags):
            if t.startswith("B-") and _is_ar_word(w) and len(w) >= 2:
                heads[normalize(w)] += 1
    return heads


# ---------------------------------------------------------------------------
# spaCy side
# ---------------------------------------------------------------------------
def customize_tokenizer(nlp) -> None:
    """Small additions to spaCy's Arabic tokenizer, saved with the model:
    split clitics glued to an opening quote/bracket (``و«داعش»`` -> ``و « داعش »``,
    same rule as kg/nlp/tokenizer.py), و before digits, sentence punctuation
    after a closing quote or digit (``«داعش».``, ``2016.``) and an Arabic
    comma/semicolon glued between words (``سوريا،فيما``)."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    quotes = ["\u00ab", "\u00bb", '"', "\u201c", "\u201d", "'"]
    prefixes = [
        # و/ف/ب/ل/ك (1-2 letters) glued to an opening quote or bracket, as in
        # kg/nlp/tokenizer.py; و also before digits (و2006)
        "[\u0648\u0641\u0628\u0644\u0643]{1,2}(?=[\u00ab\"\u201c\u201d(\\[])",
        "\u0648(?=[0-9\u0660-\u0669])",
        *quotes,
        *nlp.Defaults.prefixes,
    ]
    suffixes = [
        *quotes,
        # sentence punctuation after a closing quote/bracket or a digit: «داعش». / 2016.
        "(?<=[\u00bb\"\u201d)\\]0-9\u0660-\u0669])[.\u060c,:;\u061b!?\u061f]",
        *nlp.Defaults.suffixes,
    ]
    infixes = [*nlp.Defaults.infixes, "(?<=[\u0621-\u064A])[\u060C\u061B](?=[\u0621-\u064A])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _detok(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text = ""
    offs = []
    for w in words:
        if text:
            text += " "
        offs.append((len(text), len(text) + len(w)))
        text += w
    return text, offs


def _make_doc(nlp, words: list[str], tags: list[str], stats: Counter):
    """Build a gold Doc by tokenizing running text with the model's tokenizer,
    so training and inference see the same tokenization."""
    words = [normalize(w) for w in words]
    text, offs = _detok(words)
    doc = nlp.make_doc(text)
    ents = []
    i = 0
    while i < len(tags):
        if tags[i].startswith("B-"):
            lab = tags[i][2:]
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + lab:
                j += 1
            span = doc.char_span(offs[i][0], offs[j - 1][1], label=lab, alignment_mode="contract")
            if span is None or len(span) == 0:
                stats["misaligned"] += 1
            else:
                ents.append(span)
                stats["ents"] += 1
            i = j
        else:
            i += 1
    doc.ents = ents
    return doc


def _write_config(path: Path, seed: int, n_iter: int) -> None:
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False)
    cfg["system"]["seed"] = seed
    cfg["training"]["seed"] = seed
    cfg["training"]["max_steps"] = n_iter
    cfg["training"]["max_epochs"] = 0
    cfg["training"]["patience"] = 0  # fixed step budget -> reproducible runtime
    cfg["training"]["eval_frequency"] = 500
    cfg["training"]["dropout"] = 0.2
    cfg["training"]["batcher"]["size"]["start"] = 100
    cfg["training"]["batcher"]["size"]["stop"] = 500
    cfg["training"]["batcher"]["size"]["compound"] = 1.001
    embed = cfg["components"]["tok2vec"]["model"]["embed"]
    embed["rows"] = [8000, 2000, 4000, 1000]  # NORM, PREFIX, SUFFIX, SHAPE
    cfg.to_disk(path)


def _per_label(scores: dict) -> dict:
    res = {
        "overall": {
            "p": round(scores.get("ents_p") or 0.0, 4),
            "r": round(scores.get("ents_r") or 0.0, 4),
            "f": round(scores.get("ents_f") or 0.0, 4),
        }
    }
    for lab, d in sorted((scores.get("ents_per_type") or {}).items()):
        res[lab] = {k: round(v, 4) for k, v in d.items()}
    return res


def train(
    data_path: str | Path = DEFAULT_DATA_PATH,
    out_dir: str | Path = DEFAULT_MODEL_DIR,
    seed: int = 0,
    n_iter: int = DEFAULT_N_ITER,
    dev_fraction: float = 0.1,
    verbose: bool = True,
) -> dict:
    """Train the NER model and save it to ``out_dir``; return dev scores
    (``{"overall": {p,r,f}, "PER": {p,r,f}, ...}`` plus bookkeeping).

    Deterministic for a given seed: fixed spaCy/numpy seed, sentence shuffle
    with ``random.Random(seed)``, fixed number of optimizer steps (``n_iter``).
    Uses spaCy's config training (efficiency CPU config written from code).
    """
    import spacy
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    t0 = time.time()
    spacy.util.fix_random_seed(seed)
    sents = read_newsfane(data_path)
    order = list(range(len(sents)))
    random.Random(seed).shuffle(order)
    n_dev = max(1, int(round(len(sents) * dev_fraction)))
    dev_idx, train_idx = order[:n_dev], order[n_dev:]

    nlp = spacy.blank("ar")
    customize_tokenizer(nlp)
    stats: Counter = Counter()
    train_docs = [_make_doc(nlp, *sents[i], stats) for i in train_idx]
    dev_docs = [_make_doc(nlp, *sents[i], stats) for i in dev_idx]

    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="ner_train_") as tmp:
        tmp = Path(tmp)
        DocBin(docs=train_docs).to_disk(tmp / "train.spacy")
        DocBin(docs=dev_docs).to_disk(tmp / "dev.spacy")
        _write_config(tmp / "config.cfg", seed, n_iter)
        if verbose:
            _run_spacy_train(spacy_train, tmp)
        else:
            _quiet(spacy_train, tmp)
        # model-last, not model-best: the dev set then stays an honest held-out estimate
        best = spacy.load(tmp / "output" / "model-last")

    # the shipped pipeline: same tokenizer as used to build the gold docs
    customize_tokenizer(best)
    from spacy.training import Example

    examples = [Example(best.make_doc(d.text), d) for d in dev_docs]
    scores = best.evaluate(examples)
    if out_dir.exists():
        shutil.rmtree(out_dir / "ner", ignore_errors=True)
        shutil.rmtree(out_dir / "tok2vec", ignore_errors=True)
        shutil.rmtree(out_dir / "vocab", ignore_errors=True)
    best.meta["name"] = "isnad_ner_newsfane"
    best.meta["description"] = (
        "Arabic PER/ORG/LOC NER recall net for isnad, trained on NewsFANE Gold 2014 "
        "(Alotaibi & Lee); inputs must be folded with kg.nlp.ner_train.normalize"
    )
    best.meta["license"] = "CC BY-SA 3.0"
    best.meta["sources"] = [
        {
            "name": "NewsFANE Gold 2014 (Newswire-based Fine-grained Arabic Named Entity corpus)",
            "author": "Fahd Alotaibi and Mark Lee",
            "license": "CC BY-SA 3.0",
            "url": "https://creativecommons.org/licenses/by-sa/3.0/",
        }
    ]
    best.to_disk(out_dir)
    heads = dict(sorted(_heads_without_proclitics(data_path).items()))
    (out_dir / "proclitic_heads.json").write_text(json.dumps(heads, ensure_ascii=False), encoding="utf-8")
    result = _per_label(scores)
    result["n_train_sents"] = len(train_idx)
    result["n_dev_sents"] = len(dev_idx)
    result["n_ents"] = stats["ents"]
    result["misaligned_ents"] = stats["misaligned"]
    result["seconds"] = round(time.time() - t0, 1)
    (out_dir / "dev_scores.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


def _run_spacy_train(spacy_train, tmp: Path) -> None:
    spacy_train(
        tmp / "config.cfg",
        tmp / "output",
        use_gpu=-1,
        overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")},
    )


def _quiet(spacy_train, tmp: Path) -> None:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf), redirect_stderr(buf):
        _run_spacy_train(spacy_train, tmp)


# ---------------------------------------------------------------------------
# Inference
# ---------------------------------------------------------------------------
_HEADS_CACHE: dict[int, dict[str, int]] = {}


def load_ner(model_dir: str | Path = DEFAULT_MODEL_DIR):
    """Load the shipped NER pipeline (``spacy.load``)."""
    import spacy

    model_dir = Path(model_dir)
    nlp = spacy.load(model_dir)
    heads_file = model_dir / "proclitic_heads.json"
    heads = json.loads(heads_file.read_text(encoding="utf-8")) if heads_file.exists() else {}
    if isinstance(heads, list):
        heads = {h: 1 for h in heads}
    _HEADS_CACHE[id(nlp)] = heads
    nlp.meta.setdefault("isnad", {})["model_dir"] = str(model_dir)
    return nlp


_EDGE_JUNK = {"و", "ف", "ب", "ل", "ك", "/", "\\", "-", "|"}


def _proclitic_len(word: str, heads: dict[str, int]) -> int:
    """Length of a conjunction/preposition glued to the first word of a span
    that should not be part of the name (``ولبنان`` -> 1, ``لاسرائيل`` -> 1).

    Cut only when the rest is a name head seen in training more often than the
    whole word itself (so ``بكين`` is not cut to ``كين``)."""
    own = heads.get(word, 0)
    for p in ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ك", "ل"):
        rest = word[len(p):]
        # (لل = ل + ال: للامم -> لامم is no head, so it is never cut wrongly)
        if word.startswith(p) and len(rest) >= 2 and heads.get(rest, 0) > own:
            return len(p)
    if own:
        return 0
    if word.startswith("وال") and len(word) >= 6:  # و + definite article
        return 1
    return 0


def predict_spans(nlp_ner, text: str, strip_proclitics: bool = True) -> list[tuple[int, int, str]]:
    """Predicted ``(start, end, label)`` entity spans with offsets into the
    ORIGINAL ``text`` (before normalisation).

    With ``strip_proclitics`` a leading و / ب / ف / ك glued to the first word
    is cut off when the remainder is a name head seen in training (or و+ال...).
    """
    if not text:
        return []
    norm, idx = normalize_with_map(text)
    doc = nlp_ner(norm)
    heads = _HEADS_CACHE.get(id(nlp_ner), set())
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        toks = list(ent)
        # trim edge tokens that cannot belong to a name: punctuation, quotes and
        # standalone clitic letters (``رامي عبد الرحمن لـ«...`` -> ``رامي عبد الرحمن``)
        while toks and (toks[0].is_punct or toks[0].text in _EDGE_JUNK):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].text in _EDGE_JUNK):
            toks.pop()
        if not toks or not any(ch.isalpha() for t in toks for ch in t.text):
            continue
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if strip_proclitics:
            cut = _proclitic_len(toks[0].text, heads)
            if cut and s + cut < e:
                s += cut
        os_, oe = _to_original_span(text, idx, s, e)
        spans.append((os_, oe, ent.label_))
    return spans


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------
def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the NewsFANE NER recall-net model.")
    ap.add_argument("--data", default=str(DEFAULT_DATA_PATH))
    ap.add_argument("--out", default=str(DEFAULT_MODEL_DIR))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n-iter", type=int, default=DEFAULT_N_ITER, help="optimizer steps")
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    ap.add_argument("--inventory", action="store_true", help="print fine-type inventory + mapping and exit")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.inventory:
        for fine, n in fine_inventory(args.data).most_common():
            print(f"{fine:22s} {n:6d} -> {FINE_TO_COARSE.get(fine, 'UNMAPPED')}")
        return 0
    scores = train(args.data, args.out, seed=args.seed, n_iter=args.n_iter, dev_fraction=args.dev_fraction)
    print(json.dumps(scores, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
