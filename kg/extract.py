"""Extraction: Documents → Extractions (mentions and claims with offsets into the original text).

Each article is run through the spaCy pipeline as its own text, with repeated blocks
blanked out by spaces of the same length: the pipeline never sees a caption twice, and
every token offset plus the article start is an offset into the original file.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language

from .model import Actor, Claim, Document, Extraction, Mention
from .nlp.pipeline import get_nlp


def masked_article_text(doc: Document, start: int, end: int) -> str:
    """``doc.text[start:end]`` with repeated blocks replaced by spaces (same length)."""
    chars = list(doc.text[start:end])
    for s, e in doc.skip:
        lo, hi = max(s, start), min(e, end)
        for i in range(lo, hi):
            if chars[i - start] != "\n":
                chars[i - start] = " "
    return "".join(chars)


def _shift(a: Actor, off: int) -> Actor:
    """A copy of ``a`` with its offsets moved from article to document coordinates."""
    if a.start is None:
        return replace(a)
    return replace(a, start=a.start + off, end=a.end + off)


def _collect(document: Document, art, sdoc, out: Extraction) -> None:
    off = art.start
    for ent in sdoc.ents:
        key = ent.ent_id_.split("|", 1)[-1] or None
        out.mentions.append(Mention(ent.start_char + off, ent.end_char + off, ent.text, key, ent.label_,
                                    "anaphor" if ent.ent_id_.startswith("anaphor|") else "gazetteer"))
    for rc in sdoc._.claims or []:
        cs = sdoc[rc.content_start].idx + off
        last = sdoc[rc.content_end - 1]
        ce = last.idx + len(last.text) + off
        cue0 = sdoc[rc.cue_start].idx + off
        cue_last = sdoc[rc.cue_end - 1]
        out.claims.append(Claim(
            doc=document.id, article=art.index, start=cs, end=ce, quote=document.text[cs:ce],
            cue=rc.cue, cue_start=cue0, cue_end=cue_last.idx + len(cue_last.text) + off,
            stance=rc.stance, claimant=_shift(rc.claimant, off),
            reported_to=[_shift(a, off) for a in rc.reported_to],
            cited_by=[_shift(a, off) for a in rc.cited_by],
            allegation_types=list(rc.allegation_types),
            parties=[_shift(a, off) for a in rc.parties],
            locations=[_shift(a, off) for a in rc.locations],
            confidence=rc.confidence,
        ))


def extract(documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Extraction]:
    """Run the pipeline over every article of every document, streaming one Extraction per document."""
    nlp = nlp or get_nlp()
    for document in documents:
        out = Extraction(document)
        texts = [(masked_article_text(document, a.start, a.end), a) for a in document.articles]
        for sdoc, art in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            _collect(document, art, sdoc, out)
        yield out
