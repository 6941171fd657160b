"""Score a claims export against the gold standard, exactly as shared/contracts/evaluation.md says.

One scorer for `kg evaluate`, the benchmarks and the tests, so that their numbers agree:
detection by anchor-span overlap, then attribution, stance and the per-claim entity and type lists
over the matched claims. Every miss and false alarm is kept in `Report.errors` with some document
context, because the numbers alone do not tell a developer what to fix.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

BUNDLED_GOLD = Path(__file__).parent / "data" / "gold"
BUNDLED_CORPUS = Path(__file__).parent / "data" / "corpus"
ENTITY_FIELDS = ("reported_to", "cited_by", "parties")
FIELDS = ("detection", "attribution", *ENTITY_FIELDS, "allegation_types")
NON_ASSERT = {"denies", "hedges", "declines"}

# Normalisation tables defined by the contract.
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
_TATWEEL = "ـ"
_CLITICS = ("ال", "لل", "و", "ب", "ل", "ف")


# ---------------------------------------------------------------- names

def _strip_clitics(word: str) -> str:
    """Strip leading clitics repeatedly, so wa+al+nizam, lil+jaysh and bi+al+jaysh reduce like al+nizam, al+jaysh.

    Repeating (rather than one fixed prefix order) makes every clitic chain reduce to the same
    stem on both sides; the 2-letter floor keeps short words such as "bin" intact.
    """
    changed = True
    while changed:
        changed = False
        for c in _CLITICS:
            if word.startswith(c) and len(word) - len(c) >= 2:
                word, changed = word[len(c):], True
                break
    return word


def normalize_name(s: str) -> str:
    """Normalise a name for matching: case, diacritics, tatweel, letter variants, punctuation, clitics."""
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn" and ch != _TATWEEL)
    s = s.translate(_LETTERS)
    # punctuation and quote marks are dropped, not turned into spaces, so li-<quote>al-Sharq reads li+al+Sharq
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PS")
    return " ".join(w for w in (_strip_clitics(w) for w in s.split()) if w)


def _contains(a: str, b: str) -> bool:
    """Whole-word containment either way, so "Qatar" does not match inside the adjective "Qatari"."""
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def names_match(a: str, b: str) -> bool:
    """Equal, one contains the other, or at least 60% of the shorter name's words are shared."""
    a, b = normalize_name(a), normalize_name(b)
    if not a or not b:
        return False
    if _contains(a, b):
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _en_match(a: str, b: str) -> bool:
    """English labels: equal or containment only; the 60% rule would make "Syrian Democratic Forces"
    match "Syrian government forces"."""
    a, b = normalize_name(a), normalize_name(b)
    return bool(a and b) and _contains(a, b)


def _en_aliases(en: str) -> list[str]:
    """The English name, its "/" parts outside parentheses, and the capitalised "/" parts inside them.

    "Islamic State (ISIS / Daesh)" -> Islamic State, ISIS, Daesh. Lower-case parentheticals are
    descriptions ("city", "state as actor") that would otherwise match any other city or state.
    """
    if not en:
        return []
    main = re.sub(r"\([^)]*\)", " ", en)
    inner = [p for g in re.findall(r"\(([^)]*)\)", en) for p in g.split("/")]
    return [en, *main.split("/"), *(p for p in inner if p.strip(" '\"-")[:1].isupper())]


def _entity_matches(pred: dict, ar: list[str], en: list[str]) -> bool:
    """A predicted entity object {label, label_en} against a gold entity's Arabic forms and English aliases."""
    label, label_en = pred.get("label") or "", pred.get("label_en") or ""
    return (any(names_match(label, x) for x in ar)
            or any(_en_match(p, e) for p in (label, label_en) for e in en))


# ---------------------------------------------------------------- gold

@dataclass
class Gold:
    """The gold standard: claims in file order, entities by id, articles, and the text of each doc."""
    claims: list[dict]
    entities: dict[str, dict]
    articles: list[dict]
    texts: dict[str, str]

    def span(self, claim: dict) -> tuple[int, int]:
        """The anchor's span is its first occurrence in the document (the contract)."""
        start = self.texts[claim["doc"]].find(claim["anchor"])
        return start, start + len(claim["anchor"])

    def names(self, eid: str | None) -> tuple[list[str], list[str]]:
        """(Arabic forms, English aliases) of a gold entity id."""
        e = self.entities.get(eid) if eid else None
        return (list(e["ar"]), _en_aliases(e.get("en", ""))) if e else ([], [])


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_gold(gold_dir: Path | None = None) -> Gold:
    """Load gold JSONL from gold_dir (default: the bundled copy) and the texts of its documents.

    Texts come from gold_dir/../corpus when it has the file, as in shared/, else from the bundled corpus.
    """
    gold_dir = Path(gold_dir) if gold_dir else BUNDLED_GOLD
    claims = _read_jsonl(gold_dir / "claims.jsonl")
    entities = {e["id"]: e for e in _read_jsonl(gold_dir / "entities.jsonl")}
    articles = _read_jsonl(gold_dir / "articles.jsonl") if (gold_dir / "articles.jsonl").exists() else []
    texts = {}
    for doc in sorted({c["doc"] for c in claims} | {a["doc"] for a in articles}):
        local = gold_dir.parent / "corpus" / f"{doc}.txt"
        path = local if local.exists() else BUNDLED_CORPUS / f"{doc}.txt"
        if not path.exists():
            raise FileNotFoundError(f"no text for gold document {doc} (looked in {local.parent} and {BUNDLED_CORPUS})")
        texts[doc] = path.read_text(encoding="utf-8")
    gold = Gold(claims, entities, articles, texts)
    for c in claims:
        if gold.span(c)[0] < 0:
            raise ValueError(f"gold claim {c['id']}: anchor not found in {c['doc']}")
    return gold


# ---------------------------------------------------------------- report

def _prf(tp: int, fp: int, fn: int, vacuous: float = 1.0) -> dict:
    """P/R/F1 with counts. Nothing predicted and nothing to find scores `vacuous` (1.0: nothing was
    missed; the per-claim fields pass 0.0 when no claim matched, so an empty run does not look perfect)."""
    p = tp / (tp + fp) if tp + fp else (vacuous if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (vacuous if fp == 0 else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


@dataclass
class Report:
    """metrics: field -> {p, r, f1, tp, fp, fn} plus "stance"; errors: one dict per miss, false alarm or wrong value."""
    metrics: dict
    errors: list[dict] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"metrics": self.metrics, "errors": self.errors}, ensure_ascii=False, indent=2)

    def table(self) -> str:
        rows = [f"{'field':<20}{'P':>7}{'R':>7}{'F1':>7}   counts"]
        for name in FIELDS:
            m = self.metrics[name]
            rows.append(f"{name:<20}{m['p']:>7.3f}{m['r']:>7.3f}{m['f1']:>7.3f}   tp={m['tp']} fp={m['fp']} fn={m['fn']}")
        s = self.metrics["stance"]
        rows.append(f"{'stance (non-assert)':<20}{s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>7.3f}   tp={s['tp']} fp={s['fp']} fn={s['fn']}")
        rows.append(f"{'stance accuracy':<20}{s['accuracy']:>7.3f}{'':>14}   over {s['matched']} matched claims")
        return "\n".join(rows)


def _context(text: str, start: int, end: int, width: int = 120) -> str:
    """About `width` characters of document text centred on a span, on one line."""
    pad = max(0, (width - (end - start)) // 2)
    return " ".join(text[max(0, start - pad):max(end + pad, start + width)][:width].split())


def _quote_span(pred: dict, text: str) -> tuple[int, int]:
    """The predicted quote's offsets; falls back to locating quote.text when offsets are absent."""
    q = pred.get("quote") or {}
    if q.get("start") is not None and q.get("end") is not None:
        return q["start"], q["end"]
    start = text.find(q.get("text") or "\0")
    return (start, start + len(q["text"])) if start >= 0 else (0, 0)


def _match_entities(preds: list[dict], gold_ids: list[str], gold: Gold) -> dict[int, int]:
    """Maximum one-to-one matching (gold index -> predicted index) by augmenting paths; lists are short."""
    ok = [[j for j, p in enumerate(preds) if _entity_matches(p, *gold.names(g))] for g in gold_ids]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in ok[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold_ids)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score(predicted: list[dict], gold: Gold) -> Report:
    """Score claims-export dicts against the gold; predicted claims of documents without gold are ignored."""
    preds = [p for p in predicted if p.get("doc") in gold.texts]
    spans = [_quote_span(p, gold.texts[p["doc"]]) for p in preds]
    errors: list[dict] = []

    def err(fld, kind, doc, g=None, p=None, gval=None, pval=None, span=(0, 0)):
        errors.append({"field": fld, "kind": kind, "doc": doc,
                       "gold_id": g["id"] if g else None, "predicted_id": p.get("id") if p else None,
                       "gold": gval, "predicted": pval, "context": _context(gold.texts[doc], *span)})

    # Detection: greedy in gold order, the unmatched prediction with the largest overlap, if >= half the anchor.
    pairs: list[tuple[dict, dict, tuple[int, int]]] = []
    used: set[int] = set()
    for g in gold.claims:
        gs, ge = gold.span(g)
        best, best_ov = None, 0
        for j, (p, (ps, pe)) in enumerate(zip(preds, spans)):
            ov = min(ge, pe) - max(gs, ps)
            if j not in used and p["doc"] == g["doc"] and ov > best_ov:
                best, best_ov = j, ov
        if best is not None and 2 * best_ov >= ge - gs:
            used.add(best)
            pairs.append((g, preds[best], (gs, ge)))
        else:
            err("detection", "miss", g["doc"], g=g, gval=g["anchor"], span=(gs, ge))
    for j, p in enumerate(preds):
        if j not in used:
            err("detection", "false_alarm", p["doc"], p=p, pval=(p.get("quote") or {}).get("text"), span=spans[j])
    n_pred, n_gold, n_match = len(preds), len(gold.claims), len(pairs)
    metrics = {"detection": _prf(n_match, n_pred - n_match, n_gold - n_match)}

    counts = {f: [0, 0, 0] for f in ("attribution", "stance", *ENTITY_FIELDS, "allegation_types")}
    correct_stance = 0
    for g, p, span in pairs:
        doc = g["doc"]
        # Attribution: the claimant against the gold claimant text and its entity's names.
        ar, en = gold.names(g["claimant"].get("entity"))
        pc = p.get("claimant") or {}
        if _entity_matches(pc, [g["claimant"]["text"], *ar], en):
            counts["attribution"][0] += 1
        else:
            err("attribution", "wrong", doc, g, p, g["claimant"]["text"], pc.get("label"), span)
        # Stance: accuracy, and P/R/F1 of the non-assert stances.
        gst, pst, c = g["stance"], p.get("stance"), counts["stance"]
        correct_stance += gst == pst
        if pst in NON_ASSERT:
            c[0 if pst == gst else 1] += 1
        if gst in NON_ASSERT and pst != gst:
            c[2] += 1
        if gst != pst:
            err("stance", "wrong", doc, g, p, gst, pst, span)
        # Entity lists: one-to-one within the claim.
        for fld in ENTITY_FIELDS:
            gids, plist = g.get(fld) or [], p.get(fld) or []
            m = _match_entities(plist, gids, gold)
            c = counts[fld]
            c[0] += len(m)
            c[1] += len(plist) - len(m)
            c[2] += len(gids) - len(m)
            for i, gid in enumerate(gids):
                if i not in m:
                    err(fld, "miss", doc, g, p, gid, None, span)
            for j in sorted(set(range(len(plist))) - set(m.values())):
                err(fld, "false_alarm", doc, g, p, None, plist[j].get("label") or plist[j].get("label_en"), span)
        # Allegation types: sets of lower-case names.
        gt = {t.lower() for t in g.get("allegation_types") or []}
        pt = {t.lower() for t in p.get("allegation_types") or []}
        c = counts["allegation_types"]
        c[0] += len(gt & pt)
        c[1] += len(pt - gt)
        c[2] += len(gt - pt)
        for t in sorted(gt - pt):
            err("allegation_types", "miss", doc, g, p, t, None, span)
        for t in sorted(pt - gt):
            err("allegation_types", "false_alarm", doc, g, p, None, t, span)

    tp = counts.pop("attribution")[0]
    metrics["attribution"] = _prf(tp, n_pred - tp, n_gold - tp)
    metrics["stance"] = {"accuracy": correct_stance / n_match if n_match else 0.0, "matched": n_match,
                         **_prf(*counts.pop("stance"), vacuous=float(n_match > 0))}
    for fld, c in counts.items():
        metrics[fld] = _prf(*c, vacuous=float(n_match > 0))
    return Report(metrics, errors)
