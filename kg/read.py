"""Reading: files → :class:`~kg.model.Document` with articles and repeated blocks marked.

Nothing here changes the text: articles and repeated blocks are spans over the original
string, so offsets computed downstream always point into what the user gave us.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .model import Article, Document

BUNDLED_CORPUS = Path(__file__).parent / "data" / "corpus"
DEFAULT_MAX_BYTES = 20_000_000
SUPPORTED = (".txt", ".jsonl", ".html", ".htm")

_SENTENCE_END = re.compile(r"[.!:…]\s*$")


class ReadError(Exception):
    """A file that cannot be read as input; the message names the file and the reason."""


@dataclass
class Line:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        # whitespace runs folded to one space, ends stripped (str.split() and re «\s» agree on every code point)
        return " ".join(self.text.split())


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; newlines as Python text mode."""
    if not data.strip():
        raise ReadError(f"{name}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(f"{name}: UTF-16 byte-order mark but broken UTF-16 data") from None
    else:
        if b"\x00" in data:
            raise ReadError(f"{name}: binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ReadError(f"{name}: not valid UTF-8 (byte {e.start}); re-save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(text) if end is None else end
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def _is_headline(line: Line) -> bool:
    """A short line without final punctuation and not a bracketed credit."""
    words = line.key.split()
    k = line.key
    return 3 <= len(words) <= 25 and not _SENTENCE_END.search(k) and not (k.startswith("(") and k.endswith(")"))


def segment(text: str) -> list[Article]:
    """Split a file into articles.

    A new article starts after two or more blank lines when the next line looks like a
    headline (short, unpunctuated) and is followed by a blank line: the layout scraped
    news pages have when two stories are saved back to back.
    """
    lines = lines_of(text)
    starts = [0]
    blank_run = 0
    for i, ln in enumerate(lines):
        if not ln.key:
            blank_run += 1
            continue
        if blank_run >= 2 and i > 0 and _is_headline(ln):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or not nxt.key:
                starts.append(ln.start)
        blank_run = 0
    arts = []
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(text)
        # trim trailing whitespace from the article span
        while e > s and text[e - 1].isspace():
            e -= 1
        first = next((ln for ln in lines_of(text, s, e) if ln.key), None)
        head = first if first is not None and _is_headline(first) else None
        arts.append(Article(n + 1, s, e, head.text if head else None, head.start if head else None))
    return arts


# «اقرأ أيضاً: روسيا تعلن هدنة …»: a scraped link to another article, its headline on the same line
# (a bare «اقــرأ أيضاً» line, whose link text the scraper dropped, says nothing and stays)
_RELATED_LINK = re.compile(r"\s*[«\"]?(?:ا|إ)\u0640*ق\u0640*ر\u0640*[أا]\u0640*\s+(?:أ|ا)\u0640*ي\u0640*ض\u0640*\u064b?ا\u064b?\s*[:：\-–—]\s*\S")


def repeated_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of lines that repeat an earlier line of the same document (whitespace folded), and of
    lines that only link to another article («اقرأ أيضاً: …»)."""
    seen: set[str] = set()
    skip = []
    for ln in lines_of(text):
        k = ln.key
        if not k:
            continue
        if k in seen or _RELATED_LINK.match(ln.text):
            skip.append((ln.start, ln.end))
        else:
            seen.add(k)
    return skip


def make_document(doc_id: str, text: str, source: str = "", articles: list[Article] | None = None,
                  **meta) -> Document:
    """A Document with its articles (segmented from the text unless given), repeated blocks and hash."""
    doc = Document(id=doc_id, text=text, source=source, **meta)
    doc.articles = segment(text) if articles is None else articles
    doc.skip = repeated_blocks(text)
    doc.content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return doc


def folder_metadata(folder: Path) -> dict[str, dict]:
    """``metadata.jsonl`` beside .txt files: {"doc", "publisher", "date", "url"} per document stem."""
    p = folder / "metadata.jsonl"
    out: dict[str, dict] = {}
    if p.is_file():
        for line in p.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line) if line.strip() else None
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict) and rec.get("doc"):
                out[str(rec["doc"])] = rec
    return out


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(f"{path}: {size} bytes is over the limit of {max_bytes} (raise it with --max-bytes)")
    text = decode(path.read_bytes(), str(path))
    meta = folder_metadata(path.parent).get(path.stem, {})
    return make_document(path.stem, text, source=str(path), publisher=meta.get("publisher"),
                         date=meta.get("date"), url=meta.get("url"))


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
               skip: Callable[[str], None] | None = None) -> Iterator[Document]:
    """One article per line: {url, publisher, date, title, text}; the id is stem-lineno.

    A bad line (not JSON, no string 'text', over ``max_bytes``, not UTF-8) raises ReadError naming
    ``file:line``; with ``skip``, that message goes to ``skip`` instead and the following lines are
    still read, so one bad record costs only itself.
    """
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                doc = jsonl_record(path, n, raw, max_bytes)
            except ReadError as e:
                if skip is None:
                    raise
                skip(str(e))
                continue
            if doc is not None:
                yield doc


def jsonl_record(path: Path, n: int, raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | None:
    """The document of line ``n`` (1-based) of a JSON Lines file; None for a blank line."""
    if not raw.strip():
        return None
    if len(raw) > max_bytes:
        raise ReadError(f"{path}:{n}: record over the limit of {max_bytes} bytes")
    try:
        rec = json.loads(decode(raw, f"{path}:{n}"))
    except json.JSONDecodeError as e:
        raise ReadError(f"{path}:{n}: not JSON ({e.msg})") from None
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise ReadError(f"{path}:{n}: a record needs a string field 'text'")
    title = rec.get("title") or ""
    text = f"{title}\n\n{rec['text']}" if title else rec["text"]
    doc_id = str(rec.get("id") or f"{path.stem}-{n}")
    # a record is one article: the title is its headline by construction
    return make_document(
        doc_id, text, source=f"{path}:{n}", articles=[Article(1, 0, len(text), title or None, 0 if title else None)],
        publisher=_meta(rec.get("publisher")), date=_meta(rec.get("date")), url=_meta(rec.get("url")),
    )


def _meta(v) -> str | None:
    """A metadata field as a non-empty string, or None (numbers and such are turned into text)."""
    if v is None or isinstance(v, (dict, list)):
        return None
    v = str(v).strip()
    return v or None


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files given, and the supported files inside given folders, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUPPORTED
                              and q.name != "metadata.jsonl"))
        else:
            out.append(p)
    return out


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A saved web page: its main text (trafilatura), title first; offsets index that text.

    The extracted text is the document text stored in the graph, so evidence stays checkable;
    markup, scripts and navigation never reach extraction.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(f"{path}: {size} bytes is over the limit of {max_bytes} (raise it with --max-bytes)")
    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{path}: binary file (NUL bytes), not HTML")
    import trafilatura

    html = decode(data, str(path)) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data
    body = trafilatura.extract(html, favor_recall=True, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "").strip() if meta else ""
    if not body.strip():
        raise ReadError(f"{path}: no article text found in the HTML")
    text = body if not title or body.startswith(title) or title in body.split("\n", 3)[:3] else f"{title}\n\n{body}"
    doc = make_document(path.stem, text, source=str(path), publisher=(meta.sitename if meta else None) or None,
                        date=(meta.date if meta else None) or None, url=(meta.url if meta else None) or None)
    return doc


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
              skip: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents in one file; raises ReadError with a one-line reason for unusable input.

    ``skip``: where the reasons for bad records inside a JSON Lines file go (see :func:`read_jsonl`);
    without it the first bad record raises.
    """
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, max_bytes, skip)
    elif suffix == ".txt":
        yield read_text_file(path, max_bytes)
    elif suffix in (".html", ".htm"):
        yield read_html(path, max_bytes)
    else:
        raise ReadError(f"{path}: unsupported file type '{suffix or '(none)'}' (expected {', '.join(SUPPORTED)})")
