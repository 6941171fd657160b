"""Property-based tests: any text reads and extracts without an exception, and every claim's
quote is exactly the input text at its offsets."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.read import make_document, segment

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PIECES = st.sampled_from([
    "وقال", "مصدر", "مطلع", "إن", "أن", "«", "»", '"', "،", ".", ":", "لـ", "«الشرق الأوسط»", "داعش",
    "النظام", "وأضاف", "مشيراً", "إلى", "بحسب", "المرصد", "ونقلت", "رويترز", "عن", "قوله", "نفى",
    "فضّلت عدم التعليق", "هدنة", "\n", "\n\n\n", " ", "ـ", "\u200f", "\t", "ً", "abc", "123",
])
TEXT = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=ARABIC, max_size=400),
    st.lists(PIECES, max_size=120).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=80).map("".join),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_segments_into_spans_of_itself(text):
    arts = segment(text)
    assert arts and arts[0].start == 0
    for a in arts:
        assert 0 <= a.start <= a.end <= len(text)
        if a.headline is not None:
            assert text[a.headline_start:a.headline_start + len(a.headline)] == a.headline


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_extracts_and_quotes_match_offsets(nlp, text):
    doc = make_document("prop", text)
    (ex,) = list(extract([doc], nlp))
    for c in ex.claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.quote
        assert text[c.cue_start:c.cue_end] == c.cue or c.cue in text
        assert c.stance in {"asserts", "denies", "hedges", "declines"}
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=60_000))
def test_very_long_lines_without_punctuation(nlp, n):
    text = ("وقال مصدر إن الهدنة " * (n // 20 + 1))[:n]
    (ex,) = list(extract([make_document("long", text)], nlp))
    for c in ex.claims:
        assert text[c.start:c.end] == c.quote
