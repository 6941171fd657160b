"""Tokenizer, normaliser and gazetteer on real corpus sentences."""
import pytest
from kg.nlp.normalize import normalize, strip_clitics

from .conftest import corpus_text


def line_with(text: str, needle: str) -> str:
    return next(l for l in text.splitlines() if needle in l)


def test_tokenizer_splits_quotes_and_tatweel_prepositions(nlp):
    line = line_with(corpus_text("000"), "ياسر النجار لـ«الشرق الأوسط»")
    toks = [t.text for t in nlp.make_doc(line)]
    i = toks.index("لـ")
    assert toks[i:i + 5] == ["لـ", "«", "الشرق", "الأوسط", "»"]
    toks = [t.text for t in nlp.make_doc(line_with(corpus_text("000"), "قوات الأسد و«داعش»"))]
    assert "و" in toks and toks[toks.index("و") + 1: toks.index("و") + 3] == ["«", "داعش"]


def test_tokens_keep_their_offsets(nlp):
    text = corpus_text("003")
    doc = nlp.make_doc(text)
    for t in doc:
        assert text[t.idx:t.idx + len(t.text)] == t.text


def _unguarded_tokenizer():
    """The same rules with spaCy's plain regex methods (no guard): the reference."""
    import spacy
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    from kg.nlp import tokenizer as T

    ref = spacy.blank("ar")
    ref.tokenizer.prefix_search = compile_prefix_regex(
        [T._TATWEEL_CLITIC, T._CLITIC_BEFORE_QUOTE, *T._QUOTES, *ref.Defaults.prefixes]).search
    ref.tokenizer.suffix_search = compile_suffix_regex(
        [*T._QUOTES, T._TRAILING_PUNCT, T._PUNCT_AFTER_DIGIT_OR_MARK, T._DIGITS_AFTER_WORD, *ref.Defaults.suffixes]).search
    ref.tokenizer.infix_finditer = compile_infix_regex(ref.Defaults.infixes).finditer
    return ref


def test_guarded_affix_search_gives_the_same_tokens(nlp):
    """The affix guards skip regexes that cannot match: same tokens on the corpus, NewsFANE and noise."""
    import random
    from pathlib import Path

    from kg.nlp.tokenizer import _Guarded

    tok = nlp.tokenizer
    assert all(isinstance(f, _Guarded) for f in (tok.prefix_search, tok.suffix_search, tok.infix_finditer))
    assert "م" not in tok.infix_finditer._chars  # an Arabic letter: most words skip the infix regex
    ref = _unguarded_tokenizer()
    ner = (Path(__file__).resolve().parent.parent / "kg/data/ner/NewsFANE_Gold_2014_170K.txt").read_text("utf-8")
    texts = [corpus_text(s) for s in ("000", "001", "002", "003", "004")] + [ner[i:i + 100_000] for i in range(0, 300_000, 100_000)]
    rnd = random.Random(7)
    alphabet = "ابتثجحخدذرسشصضطظعغفقكلمنهوي ءآأإؤئةى" + "0123456789٠١٢٣" + ".,،:;؛!?؟-–—/\\+*^%$€£()[]{}«»\"'“”‘’…ـ\u064b\u064e\u0651 \n" + "kmKMgT°x"
    texts += ["".join(rnd.choice(alphabet) for _ in range(400)) for _ in range(300)]
    for text in texts:
        assert [(t.idx, t.text) for t in nlp.make_doc(text)] == [(t.idx, t.text) for t in ref.make_doc(text)]


def test_consumable_chars_is_open_for_wildcards():
    import re

    from kg.nlp.tokenizer import consumable_chars

    assert consumable_chars(re.compile(r"(?<=[0-9])(?:km|m)$")) == frozenset("km")
    assert consumable_chars(re.compile(r"a|b.")) is None
    assert consumable_chars(re.compile(r"[^a]")) is None
    assert consumable_chars(re.compile(r"\w+")) is None
    assert consumable_chars(re.compile(r"x", re.IGNORECASE)) >= {"x", "X"}


def test_normalize_folds_only_the_contract_letters():
    assert normalize("إسرائيلُ") == "اسرائيل"
    assert normalize("مشيرًا") == "مشيرا"
    assert normalize("الـ48") == "ال48"
    assert normalize("مصطفى") == "مصطفي" and normalize("الديمقراطية") == "الديمقراطيه"


def test_clitics_are_stripped_only_into_known_words():
    known = {"داعش", "النظام", "بحسب", "قال"}
    assert strip_clitics("وداعش", known) == "داعش"
    assert strip_clitics("للنظام", known) == "النظام"
    assert strip_clitics("وبحسب", known) == "بحسب"
    assert strip_clitics("وقال", known) == "قال"
    assert strip_clitics("والده", known) == "والده"  # «والده» is not «و + الده»
    assert strip_clitics("بلدة", known) == "بلدة"


def test_normaliser_sets_norm_on_corpus_tokens(nlp):
    doc = nlp(line_with(corpus_text("004"), "ويرى ناشطون ومراقبون"))
    norms = {t.text: t.norm_ for t in doc}
    assert norms["ويرى"] == "يري"
    assert norms["وداعش"] == "داعش"
    assert norms["ناشطون"] == "ناشطون"


def test_gazetteer_matches_names_with_clitics_and_quotes(nlp):
    doc = nlp(line_with(corpus_text("000"), "ويقول رئيس المكتب السياسي"))
    ents = {(e.text, e.id_) for e in doc.ents}
    assert ("ياسر النجار", "yasser_al_najjar") in ents
    assert ("الشرق الأوسط", "asharq_al_awsat") in ents  # the outlet after لـ, not the region
    doc = nlp(line_with(corpus_text("002"), "قوات «سورية الديموقراطية»") if "قوات «سورية الديموقراطية»" in corpus_text("002")
              else "قالت قوات «سوريا الديمقراطية» إن")
    assert any(e.id_ == "sdf" for e in doc.ents)


@pytest.mark.parametrize("quote", [("\u00ab", "\u00bb"), ('"', '"')])
def test_a_head_word_before_a_quoted_name_joins_it_only_when_the_quote_is_no_name_alone(nlp, quote):
    # «فتح» alone is a verb ("opened") and «أعماق» a noun ("depths"): only «حركة «فتح»» and
    # «وكالة «أعماق»» name them, with either kind of quotation marks. «حماس» is a name alone, so
    # its mention stays the name, without «حركة» and its clitics.
    o, c = quote
    doc = nlp(f"وقالت حركة {o}فتح{c} إن اللقاء مع وكالة {o}أعماق{c} لم يتم، وردت حركة {o}حماس{c} على ذلك.")
    ents = {(e.text, e.id_) for e in doc.ents}
    assert {(f"حركة {o}فتح{c}", "fatah"), (f"وكالة {o}أعماق{c}", "amaq"), ("حماس", "hamas")} <= ents
    assert not any(e.id_ == "fatah" for e in nlp("وفتح الجيش الطريق أمام المدنيين.").ents)


def test_anaphor_needs_an_earlier_name(nlp):
    alone = nlp("وقال التنظيم إن الهجوم انتهى.")
    assert not any(e.id_.endswith("isis") for e in alone.ents)
    after = nlp("انسحب تنظيم داعش من القرى. وقال التنظيم إن الهجوم انتهى.")
    assert [e.id_ for e in after.ents].count("anaphor|isis") == 1


def test_final_punctuation_leaves_digits_and_tanween(nlp):
    assert [t.text for t in nlp.make_doc("ارتفعت الحصيلة إلى 45.")][-2:] == ["45", "."]
    assert [t.text for t in nlp.make_doc("بات الاتفاق وشيكاً، وقال")][2:4] == ["وشيكاً", "،"]
    assert "3.5" in [t.text for t in nlp.make_doc("نحو 3.5 مليون نازح")]  # a decimal point stays


def test_naming_a_member_licenses_the_definite_anaphors_of_its_side(nlp):
    # «بشار الأسد» (affiliation: the regime) lets a later «النظام» name the regime; the verb «فتح»
    # is no Fatah after «محمود عباس»: a side licenses only definite anaphors
    doc = nlp("قال بشار الأسد إن الحرب انتهت. واتهم ناشطون النظام بالتنسيق مع داعش.")
    assert ("النظام", "anaphor|syrian_regime") in {(e.text, e.id_) for e in doc.ents}
    assert not any(e.id_.endswith("syrian_regime") for e in nlp("واتهم ناشطون النظام بالتنسيق مع داعش.").ents)
    doc = nlp("قال محمود عباس إن الحوار مستمر. وفتح الجيش الطريق أمام المدنيين.")
    assert not any(e.id_.endswith("fatah") for e in doc.ents)
