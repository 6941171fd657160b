"""Extraction: Documents → Extractions (mentions and claims with offsets into the original text).

Each article is run through the spaCy pipeline as its own text, with repeated blocks
blanked out by spaces of the same length: the pipeline never sees a caption twice, and
every token offset plus the article start is an offset into the original file.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from .model import Actor, Claim, Document, Extraction, Mention
from .nlp.pipeline import get_nlp
from .nlp.tokens import end_char, ents, starts


def masked_article_text(doc: Document, start: int, end: int) -> str:
    """``doc.text[start:end]`` with repeated blocks replaced by spaces (same length, newlines kept)."""
    text = doc.text[start:end]
    cuts = [(max(s, start), min(e, end)) for s, e in doc.skip if s < end and e > start]
    if not cuts:
        return text
    parts, pos = [], start
    for lo, hi in sorted(cuts):
        lo = max(lo, pos)
        if hi <= lo:
            continue
        parts.append(doc.text[pos:lo])
        parts.append("\n".join([" " * len(line) for line in doc.text[lo:hi].split("\n")]))
        pos = hi
    parts.append(doc.text[pos:end])
    return "".join(parts)


def _shift(a: Actor, off: int) -> Actor:
    """A copy of ``a`` with its offsets moved from article to document coordinates."""
    b = object.__new__(Actor)  # a shallow copy without copy()'s protocol look-ups (hot: ~25 per article)
    b.__dict__.update(a.__dict__)
    if a.start is not None:
        b.start, b.end = a.start + off, a.end + off
    return b


def _collect(document: Document, art, sdoc, out: Extraction) -> None:
    off = art.start
    text = document.text
    for ent in ents(sdoc):
        key = ent.id_.split("|", 1)[-1] or None
        s, e = ent.start_char + off, ent.end_char + off  # the text sliced, not Span.text (a Token per word)
        out.mentions.append(Mention(s, e, text[s:e], key, ent.label_,
                                    "anaphor" if ent.id_.startswith("anaphor|") else "gazetteer"))
    claims = sdoc._.claims
    if not claims:
        return
    idx = starts(sdoc)
    for rc in claims:
        cs = idx[rc.content_start] + off
        ce = end_char(sdoc, rc.content_end - 1) + off
        out.claims.append(Claim(
            doc=document.id, article=art.index, start=cs, end=ce, quote=document.text[cs:ce],
            cue=rc.cue, cue_start=idx[rc.cue_start] + off, cue_end=end_char(sdoc, rc.cue_end - 1) + off,
            stance=rc.stance, claimant=_shift(rc.claimant, off),
            reported_to=[_shift(a, off) for a in rc.reported_to],
            cited_by=[_shift(a, off) for a in rc.cited_by],
            allegation_types=list(rc.allegation_types),
            parties=[_shift(a, off) for a in rc.parties],
            locations=[_shift(a, off) for a in rc.locations],
            confidence=rc.confidence,
        ))


def extract(documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Extraction]:
    """Run the pipeline over every article of every document, streaming one Extraction per document.

    All articles go through one ``nlp.pipe`` stream (batches span documents); documents come out
    in input order, each once all its articles are done.
    """
    nlp = nlp or get_nlp()

    def items():
        for document in documents:
            arts = document.articles
            if not arts:
                yield "", (document, None, True)
            for k, a in enumerate(arts):
                yield masked_article_text(document, a.start, a.end), (document, a, k == len(arts) - 1)

    out: Extraction | None = None
    for sdoc, (document, art, last) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size):
        if out is None:
            out = Extraction(document)
        if art is not None:
            _collect(document, art, sdoc, out)
        # the Doc's caches hold Spans and claims that point back at it: a reference cycle that only
        # the cyclic collector would free (~300 objects per article, and its full passes grow with
        # the heap); emptied here, the Doc is freed as soon as the loop lets go of it
        sdoc.user_data.clear()
        if last:
            yield out
            out = None
