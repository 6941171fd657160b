"""Arabic normalisation for matching keys (never for stored text).

The folding is the one the evaluation contract uses: diacritics and tatweel removed,
أ إ آ ٱ → ا, ى → ي, ة → ه. Clitic stripping is separate (:func:`strip_clitics`) because it
needs a vocabulary: a leading و/ف/ب/ل/ك/لل is removed only where the rest is a known word.
"""
from __future__ import annotations

import re

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_MARKS = re.compile("[\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PUNCT = re.compile(r"[«»\"'“”„‘’()\[\]{}<>]")

WAW, FA, BA, LAM, KAF = "\u0648", "\u0641", "\u0628", "\u0644", "\u0643"
AL = "\u0627\u0644"


def normalize(text: str) -> str:
    """Fold one string for matching: no diacritics, tatweel or bidi marks; alef/ya/ta folded."""
    return _MARKS.sub("", _DIACRITICS.sub("", text)).translate(_FOLD)


def strip_marks(text: str) -> str:
    """Diacritics, tatweel and bidi marks removed, letters untouched (ى stays ى)."""
    return _MARKS.sub("", _DIACRITICS.sub("", text))


def normalize_phrase(text: str) -> str:
    """Normalise a multi-word phrase: quote marks dropped, whitespace single."""
    return " ".join(normalize(_PUNCT.sub(" ", text)).split())


def clitic_candidates(word: str) -> list[str]:
    """Forms a (normalised) word may have once leading clitics are removed, longest first.

    و/ف (conjunctions), then ب/ل/ك (prepositions); لل is ل + ال, so للنظام → النظام.
    """
    out = []
    stems = [word]
    if len(word) > 2 and word[0] in (WAW, FA):
        stems.append(word[1:])
    for s in list(stems):
        if len(s) > 3 and s.startswith(LAM + LAM):
            out.append(AL + s[2:])
        if len(s) > 2 and s[0] in (BA, LAM, KAF):
            out.append(s[1:])
    return stems[1:] + out


def fold_lam_al(word: str, known) -> str:
    """لل + X is لـ + ال + X: the ال form when ``known`` holds it, even where the لل word is known
    too (a name like «المفوضية السامية للأمم المتحدة» puts «للامم» in the lexicon, and the word
    must still match «الأمم المتحدة»). Matching keys on both sides go through it."""
    if len(word) > 3 and word.startswith(LAM + LAM) and AL + word[2:] in known:
        return AL + word[2:]
    return word


def strip_clitics(word: str, known) -> str:
    """``word`` without leading clitics when the stripped form is in ``known``; else ``word``."""
    if word in known:
        return fold_lam_al(word, known)
    for cand in clitic_candidates(word):
        if cand in known:
            return fold_lam_al(cand, known)
    return word


def norm_key(text: str, known) -> str:
    """A word's NORM as the normaliser sets it: folded, leading clitics stripped where the rest is
    ``known``, Latin letters lower-cased (as spaCy's own NORM of a pattern: «CNN» → «cnn»). The
    gazetteer's patterns and names take the same key, so a name reads as the text does."""
    return (strip_clitics(normalize(text), known) or text).lower()


def strip_al(word: str) -> str:
    """Drop the definite article (for matching role heads written without it)."""
    return word[2:] if word.startswith(AL) and len(word) > 3 else word
