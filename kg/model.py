"""Plain dataclasses passed from extraction to RDF: the pipeline's only shared types.

Offsets are Python ``str`` indices into the ORIGINAL document text, never into a
normalised or de-duplicated copy, so every quote can be checked against its source.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One article inside a document: ``text[start:end]``; ``headline`` is exact text or None."""

    index: int  # 1-based within the document
    start: int
    end: int
    headline: str | None = None
    headline_start: int | None = None


@dataclass
class Document:
    """An input file (or one JSON Lines record): its id, original text and articles.

    ``skip`` holds spans of repeated blocks (captions printed twice, repeated bodies):
    extraction ignores them, offsets are untouched.
    """

    id: str
    text: str
    source: str = ""
    articles: list[Article] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    content_hash: str = ""


@dataclass
class Actor:
    """Who or what a mention denotes.

    ``entity`` is the gazetteer key (e.g. ``isis``) when known; otherwise the actor is
    minted from its surface form (``label``), typed by the grammar that found it.
    """

    label: str
    type: str  # Person Faction Organization MediaOutlet Group AnonymousSource Location
    entity: str | None = None
    label_en: str | None = None
    role: str | None = None
    affiliation: str | None = None  # gazetteer key of the side it belongs to
    start: int | None = None
    end: int | None = None

    @property
    def key(self) -> str:
        return self.entity or f"{self.type}:{self.label}"


@dataclass
class Mention:
    """A span of text that names an entity (gazetteer, anaphor or statistical NER)."""

    start: int
    end: int
    text: str
    entity: str | None
    type: str
    source: str = "gazetteer"  # gazetteer | anaphor | ner | grammar


@dataclass
class Claim:
    """One attributed statement: who said what (quote span), how, to whom, via whom."""

    doc: str
    article: int
    start: int
    end: int
    quote: str
    cue: str
    cue_start: int
    cue_end: int
    stance: str  # asserts | denies | hedges | declines
    claimant: Actor
    reported_to: list[Actor] = field(default_factory=list)
    cited_by: list[Actor] = field(default_factory=list)
    allegation_types: list[str] = field(default_factory=list)
    parties: list[Actor] = field(default_factory=list)
    locations: list[Actor] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class Extraction:
    """Everything extraction produced for one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
