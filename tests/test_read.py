"""Reading: articles, repeated blocks and offsets on the real corpus files."""
import json

import pytest

from kg.extract import masked_article_text
from kg.read import BUNDLED_CORPUS, ReadError, decode, read_path, read_text_file

from .conftest import GOLD


def gold_articles():
    return [json.loads(l) for l in (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]


def test_segmentation_matches_the_gold_articles():
    for p in sorted(BUNDLED_CORPUS.glob("*.txt")):
        doc = read_text_file(p)
        want = [a for a in gold_articles() if a["doc"] == doc.id]
        assert [a.start for a in doc.articles] == [a["first_chars"] for a in want], doc.id
        for a, g in zip(doc.articles, want):
            if g["headline"] is not None:
                assert a.headline == g["headline"]


def test_repeated_blocks_are_marked_not_removed():
    doc = read_text_file(next(BUNDLED_CORPUS.glob("004_*.txt")))
    assert len(doc.skip) >= 9  # the body repeated after the second «اقــرأ أيضاً»
    for s, e in doc.skip:
        block = doc.text[s:e].strip()
        assert doc.text.find(block) < s  # an earlier copy exists and stays in place
    masked = masked_article_text(doc, 0, len(doc.text))
    assert len(masked) == len(doc.text)
    assert masked.count("\n") == doc.text.count("\n")
    first_s, first_e = doc.skip[1]
    assert masked[first_s:first_e].strip() == ""


def test_captions_printed_twice_are_skipped_once():
    doc = read_text_file(next(BUNDLED_CORPUS.glob("000_*.txt")))
    caption = "مقاتلون من «داعش» يقطعون طريق إمداد القوات النظامية الوحيد إلى حلب (مكتب أخبار سوريا)"
    first = doc.text.find(caption)
    assert not any(s <= first < e for s, e in doc.skip)
    second = doc.text.find(caption, first + 1)
    assert any(s <= second < e for s, e in doc.skip)


def test_a_scraped_link_to_another_article_is_skipped(tmp_path):
    # «اقرأ أيضاً: <headline>» links elsewhere: its headline («روسيا تعلن هدنة») is no claim here.
    # A bare «اقــرأ أيضاً» line (004) keeps the paragraph after it.
    p = tmp_path / "wire.txt"
    p.write_text("قال مسؤول تركي إن الانسحاب غير مطروح.\nاقرأ أيضاً: روسيا تعلن هدنة جديدة في إدلب\n"
                 "اقــرأ أيضاً\nوأكد المرصد السوري لحقوق الإنسان أن القصف مستمر.\n", encoding="utf-8")
    doc = read_text_file(p)
    link = doc.text.index("اقرأ أيضاً:")
    assert [(s, e) for s, e in doc.skip] == [(link, doc.text.index("\n", link))]
    from kg.extract import extract

    (ex,) = extract([doc])
    assert [c.cue for c in ex.claims] == ["قال", "وأكد"]


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"\xd8\xa7\xff\xfe\xfd bad", "not valid UTF-8"),
])
def test_unusable_input_gets_a_clear_error(tmp_path, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ReadError) as e:
        list(read_path(p))
    assert reason in str(e.value) and "bad.txt" in str(e.value)


def test_other_suffixes_are_refused(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(b"%PDF")
    with pytest.raises(ReadError, match="unsupported file type"):
        list(read_path(p))


def test_bom_and_crlf_decode_like_text_mode():
    raw = "\ufeffقال المصدر\r\nإن الهدنة".encode("utf-8")
    assert decode(raw, "x") == "قال المصدر\nإن الهدنة"
    assert decode("قال".encode("utf-16"), "x") == "قال"
