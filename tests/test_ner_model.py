"""Tests for the NewsFANE-trained NER recall net (kg/nlp/ner_train.py, kg/models/ner/).

They use the real shipped model and the real bundled texts: no mocks.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.ner_train import (
    DEFAULT_DATA_PATH,
    DEFAULT_MODEL_DIR,
    LABELS,
    load_ner,
    normalize,
    normalize_with_map,
    predict_spans,
    read_newsfane,
)

CORPUS_DIR = Path(__file__).resolve().parents[1] / "kg" / "data" / "corpus"

# People checked by hand in kg/data/corpus (file, name as written there); all real persons.
# The shipped model (seed 0) tags each of them PER with exact boundaries.
VERIFIED_PERSONS = [
    ("003_7c98ec50c72dc73f.txt", "مصطفى بالي"),  # SDF media-centre director
    ("001_c3e4ee314bdbb47c.txt", "بنيامين نتنياهو"),  # Israeli prime minister
    ("001_c3e4ee314bdbb47c.txt", "رامي عبد الرحمن"),  # director of the Syrian Observatory for Human Rights
    ("001_c3e4ee314bdbb47c.txt", "هرتسي هاليفي"),  # Israeli chief of staff
    ("000_b4451108e95213fc.txt", "سعيد عكاشة"),  # researcher at the Al-Ahram Center
    ("004_bb53fb8a13ccd0c8.txt", "جون كيري"),  # US secretary of state
    ("004_bb53fb8a13ccd0c8.txt", "سيرغي لافروف"),  # Russian foreign minister
]
# Known miss: "ياسر النجار" (000_..., head of the Aleppo revolution council's political
# office) is found with the right boundaries but labelled LOC, not PER.


@pytest.fixture(scope="module")
def nlp():
    return load_ner()


@pytest.fixture(scope="module")
def corpus_predictions(nlp):
    out = {}
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name] = (text, predict_spans(nlp, text))
    return out


# ---------------------------------------------------------------- shipped model
def test_shipped_model_files():
    assert (DEFAULT_MODEL_DIR / "meta.json").exists()
    assert (DEFAULT_MODEL_DIR / "LICENSE-NewsFANE.txt").exists()
    readme = (DEFAULT_MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert "NewsFANE" in readme and "CC BY-SA 3.0" in readme
    size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.rglob("*") if p.is_file())
    assert size < 15 * 1024 * 1024


def test_model_loads_with_coarse_labels(nlp):
    assert "ner" in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == set(LABELS)


def test_corpus_offsets_are_valid(corpus_predictions):
    n = 0
    for name, (text, spans) in corpus_predictions.items():
        for start, end, label in spans:
            assert 0 <= start < end <= len(text), (name, start, end)
            surface = text[start:end]
            assert surface == surface.strip(), (name, surface)
            assert "\n" not in surface, (name, surface)
            assert any(ch.isalpha() for ch in surface), (name, surface)
            assert label in LABELS
            n += 1
    assert n > 50  # a recall net: it does find things


@pytest.mark.parametrize("fname,name", VERIFIED_PERSONS)
def test_finds_real_person_names(corpus_predictions, fname, name):
    text, spans = corpus_predictions[fname]
    assert name in text  # the person really is in that file
    per = {(s, e) for s, e, lab in spans if lab == "PER"}
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    assert any((i, i + len(name)) in per for i in starts), f"{name} not tagged PER with exact boundaries"


# ---------------------------------------------------------------- reading NewsFANE
@pytest.fixture(scope="module")
def newsfane():
    return read_newsfane(DEFAULT_DATA_PATH)


def test_read_newsfane_rejoins_waw(newsfane):
    assert len(newsfane) > 4000
    words = [w for ws, _ in newsfane for w in ws]
    assert "و" not in words
    assert not any("\u200e" in w or "\ufeff" in w for w in words)
    # the first sentence as a news site writes it
    first = " ".join(newsfane[0][0])
    assert first.startswith("فرانكفورت")
    assert "والصادرات" in first and "وهي" in first


def test_read_newsfane_rejoins_suffixes_and_maps_tags(newsfane):
    words = [w for ws, _ in newsfane for w in ws]
    for suffix in ("ها", "هما", "نا", "كم"):
        assert words.count(suffix) < 20, suffix  # pronoun suffixes went back onto their word
    tags = {t for _, ts in newsfane for t in ts}
    assert tags == {"O"} | {f"{p}-{lab}" for p in "BI" for lab in LABELS}
    for ws, ts in newsfane:
        assert len(ws) == len(ts)
        for i, t in enumerate(ts):  # valid IOB
            if t.startswith("I-"):
                assert i > 0 and ts[i - 1][2:] == t[2:]


def test_read_newsfane_entities_examples(newsfane):
    ents = set()
    for ws, ts in newsfane:
        i = 0
        while i < len(ts):
            if ts[i].startswith("B-"):
                j = i + 1
                while j < len(ts) and ts[j] == "I-" + ts[i][2:]:
                    j += 1
                ents.add((" ".join(ws[i:j]), ts[i][2:]))
                i = j
            else:
                i += 1
    assert ("كوفي انان", "PER") in ents
    assert ("بغداد", "LOC") in ents
    assert ("حزب الله", "ORG") in ents
    assert not any(e == "العرب" for e, _ in ents)  # Group (nationalities) dropped


# ---------------------------------------------------------------- normalisation
def test_normalize_folding():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("المدينة") == "المدينه"
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("جـــو") == "جو"


def test_normalize_with_map_points_back():
    text = "قالَ الرئيسُ الأمريكيُّ جـــو بايدنُ إنّ غزةً"
    norm, idx = normalize_with_map(text)
    assert norm == normalize(text)
    assert len(idx) == len(norm) + 1 and idx[-1] == len(text)
    for i, ch in enumerate(norm):
        assert normalize(text[idx[i]]) == ch


def _decorate(name: str) -> str:
    """Add tanween/shadda/harakat and tatweel inside a name, keeping its normalized form."""
    words = name.split()
    out = []
    for w in words:
        w = w[0] + "\u0640\u0640" + w[1:] if len(w) > 2 else w  # tatweel after first letter
        out.append(w + "\u064c")  # tanween damm at the end
    res = " ".join(out)
    return res.replace("ر", "رّ", 1)


@pytest.mark.parametrize("fname,name", [VERIFIED_PERSONS[0], VERIFIED_PERSONS[1]])
def test_offsets_into_original_with_diacritics_and_tatweel(nlp, fname, name):
    text = (CORPUS_DIR / fname).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if name in ln)
    fancy_name = _decorate(name)
    assert fancy_name != name and normalize(fancy_name) == normalize(name)
    fancy = "قالَ " + line.replace(name, fancy_name)
    plain = "قال " + line

    spans_fancy = predict_spans(nlp, fancy)
    spans_plain = predict_spans(nlp, plain)
    for s, e, _ in spans_fancy:
        assert 0 <= s < e <= len(fancy)
        assert fancy[s:e] == fancy[s:e].strip()
    # same predictions once both are folded: offsets moved with the removed marks
    assert [(normalize(fancy[s:e]), lab) for s, e, lab in spans_fancy] == [
        (normalize(plain[s:e]), lab) for s, e, lab in spans_plain
    ]
    # the decorated name comes back whole, tanween on its last letter included
    assert (fancy.index(fancy_name), fancy.index(fancy_name) + len(fancy_name), "PER") in spans_fancy


def test_own_sentence_with_tanween_and_tatweel(nlp):
    text = "وقالَ رئيسُ الوزراءِ الإسرائيليُّ بنيـــامين نتنياهو إنَّ الجيشَ سيدخلُ غزةَ قريباً، فيما التقى وزيرُ الخارجيّةِ جون كيري نظيرَه الروسيَّ سيرغي لافروف في موسكو."
    spans = predict_spans(nlp, text)
    assert spans
    for s, e, lab in spans:
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        assert lab in LABELS
    found = {(text[s:e], lab) for s, e, lab in spans}
    assert ("بنيـــامين نتنياهو", "PER") in found  # tatweel kept in the returned original slice
    assert any(lab == "LOC" for _, lab in found)


def test_glued_conjunction_is_cut_from_names(nlp):
    text = "التقى الوزير وفداً من سوريا ولبنان والعراق، وقال لإسرائيل إن الحرب ستطول."
    found = {(text[s:e], lab) for s, e, lab in predict_spans(nlp, text)}
    assert {("لبنان", "LOC"), ("العراق", "LOC"), ("إسرائيل", "LOC")} <= found
    raw = {text[s:e] for s, e, _ in predict_spans(nlp, text, strip_proclitics=False)}
    assert "ولبنان" in raw  # the model's own token includes the clitic


def test_empty_and_plain_inputs(nlp):
    assert predict_spans(nlp, "") == []
    assert predict_spans(nlp, "   ") == []
