"""A scaled benchmark corpus: articles recombined from the bundled corpus, names, places and numbers varied.

Each output article starts from one article of ``kg/data/corpus`` (in turn), drops some of its
paragraphs, borrows one or two from another article, swaps every person name for another
(a gazetteer person or a new name made of gazetteer name parts), every place for another
gazetteer place, and every digit for a random one. So the tokenizer's cache and the gazetteer
see new strings, and the store sees new minted actors, as with a real archive. Deterministic:
article ``i`` depends only on ``(seed, i)``, so a smaller corpus is a prefix of a bigger one.

    python bench/generate.py 10000 --out bench/data/corpus-10000.jsonl

One JSON object per line: {url, publisher, date, title, text}.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# outlets: three known to the gazetteer (as the bundled files are), two that are not (minted)
PUBLISHERS = ["الشرق الأوسط", "المدن", "العربي الجديد", "صوت الفرات اليوم", "Levant Daily Monitor"]
_DIGITS = re.compile(r"[0-9\u0660-\u0669]")
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


class Source:
    """The bundled corpus cut into articles and paragraphs, with the name lists used for swapping."""

    def __init__(self):
        from kg.knowledge import load_knowledge
        from kg.read import BUNDLED_CORPUS, expand_paths, read_path

        self.articles: list[tuple[str, list[str]]] = []  # (headline, paragraphs)
        for p in expand_paths([BUNDLED_CORPUS]):
            for d in read_path(p):
                for a in d.articles:
                    text = d.text[a.start:a.end]
                    paras = [x.strip() for x in re.split(r"\n\s*\n", text) if x.strip()]
                    head = a.headline or (paras[0][:80] if paras else "")
                    if a.headline and paras and paras[0].strip() == a.headline.strip():
                        paras = paras[1:]
                    if paras:
                        self.articles.append((head, paras))
        kn = load_knowledge()
        people, places = set(), set()
        for e in kn.entities.values():
            names = [n for n in [e.label_ar, *e.aliases] if n and re.search(r"[\u0600-\u06FF]", n)]
            if e.type == "Person":
                people.update(n for n in names if 2 <= len(n.split()) <= 4)
            elif e.type == "Location":
                places.update(n for n in names if len(n) >= 4)
        self.people = sorted(people)
        self.places = sorted(places)
        parts = sorted({w for n in self.people for w in n.split() if len(w) > 2})
        self.first = [w for w in parts if not w.startswith("ال")] or parts
        self.family = [w for w in parts if w.startswith("ال")] or parts
        names = sorted(self.people + self.places, key=len, reverse=True)
        # a name as a whole word, possibly after a one-letter clitic (و ف ب ل ك)
        self.pattern = re.compile(r"(?<![\u0621-\u064A])[وفبلك]?(" + "|".join(re.escape(n) for n in names)
                                  + r")(?![\u0621-\u064A])")
        self.is_person = set(self.people)
        self._spans: dict[str, list[tuple[int, int, str]]] = {}

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of the names in ``text`` (cached: source paragraphs repeat)."""
        got = self._spans.get(text)
        if got is None:
            got = self._spans[text] = [(m.start(1), m.end(1), m.group(1)) for m in self.pattern.finditer(text)]
        return got

    def new_person(self, rng: random.Random) -> str:
        if rng.random() < 0.5:
            return rng.choice(self.people)
        return f"{rng.choice(self.first)} {rng.choice(self.first)} {rng.choice(self.family)}"

    def article(self, i: int, seed: int = 0) -> dict:
        rng = random.Random(f"{seed}:{i}")
        head, paras = self.articles[i % len(self.articles)]
        body = [p for p in paras if rng.random() > 0.2] or paras[:1]
        for _ in range(rng.randint(1, 2)):
            _, other = rng.choice(self.articles)
            body.insert(rng.randint(0, len(body)), rng.choice(other))
        mapping: dict[str, str] = {}

        def swap(text: str) -> str:
            out, pos = [], 0
            for s, e, name in self.spans(text):
                if name not in mapping:
                    mapping[name] = self.new_person(rng) if name in self.is_person else rng.choice(self.places)
                out += [text[pos:s], mapping[name]]
                pos = e
            out.append(text[pos:])
            return "".join(out)

        def digit(m: re.Match) -> str:
            c = m.group(0)
            return _ARABIC_INDIC[rng.randrange(10)] if c in _ARABIC_INDIC else str(rng.randrange(10))

        def vary(s: str) -> str:
            return _DIGITS.sub(digit, swap(s))

        day = date(2012, 1, 1) + timedelta(days=rng.randrange(365 * 12))
        return {
            "url": f"https://news.example.org/{day.year}/{i:07d}",
            "publisher": rng.choice(PUBLISHERS),
            "date": day.isoformat(),
            "title": vary(head),
            "text": "\n\n".join(vary(p) for p in body),
        }


def generate(n: int, seed: int = 0, source: Source | None = None) -> Iterator[dict]:
    src = source or Source()
    for i in range(n):
        yield src.article(i, seed)


def write(n: int, out: Path, seed: int = 0) -> Path:
    """Write ``n`` articles to ``out`` (kept if it already holds exactly those)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = out.with_suffix(".done")
    if out.exists() and stamp.exists() and stamp.read_text() == f"{n} {seed}":
        return out
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for rec in generate(n, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(out)
    stamp.write_text(f"{n} {seed}")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    write(a.n, a.out, a.seed)
    print(a.out)


if __name__ == "__main__":
    main()
