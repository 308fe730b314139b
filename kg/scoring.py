"""Score predicted concepts and relations against gold annotations (pure).

Same semantics as the project's reference scorer (`eval/score.py`): per
document and micro-averaged precision, recall and F1 over

* concepts: sets of names, a predicted name matching a gold name or alias;
* pairs: unordered concept pairs of relations, type ignored;
* typed: (head, type, tail), symmetric types matched in either direction;

plus recall per gold concept category (concepts without one count under "(none)").
Inputs are dicts in the gold file format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MEASURES = ("concepts", "pairs", "typed")
SYMMETRIC = frozenset({"UNIFIED_WITH"})
NO_CATEGORY = "(none)"  # the category recall of gold concepts without a category
_QUOTES = str.maketrans("", "", "“”‘’\"'《》〈〉「」『』")


def norm(name: str) -> str:
    """A name as the scorer compares it: no white space, no quotes."""
    return "".join(name.split()).translate(_QUOTES)


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.tp / self.predicted
        return 1.0 if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class DocumentScore:
    name: str
    measures: Mapping[str, Counts]
    #: category -> (gold concepts of that category found, gold concepts of that category)
    category_recall: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    missed: tuple[str, ...] = ()  # gold concepts not predicted
    spurious: tuple[str, ...] = ()  # predicted concepts not in the gold


def _canon_map(gold: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in gold.get("concepts", []):
        for n in [c["name"], *c.get("aliases", [])]:
            out[norm(n)] = norm(c["name"])
    return out


def _pairs(rels: Iterable[Mapping[str, Any]], f: Callable[[str], str]) -> set[frozenset[str]]:
    return {frozenset((f(r["head"]), f(r["tail"]))) for r in rels if f(r["head"]) != f(r["tail"])}


def _typed(rels: Iterable[Mapping[str, Any]], f: Callable[[str], str]) -> set[tuple[str, str, str]]:
    out: set[tuple[str, str, str]] = set()
    for r in rels:
        h, t = f(r["head"]), f(r["tail"])
        if r["type"] in SYMMETRIC:
            h, t = sorted((h, t))
        out.add((h, r["type"], t))
    return out


def score_document(name: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> DocumentScore:
    """Counts of one document's prediction against its gold annotation."""
    cmap = _canon_map(gold)

    def to_gold(n: str) -> str:
        return cmap.get(norm(n), norm(n))

    g_rel = gold.get("relations", [])
    p_rel = pred.get("relations", [])
    g_c = {norm(c["name"]) for c in gold.get("concepts", [])}
    p_c = {to_gold(c["name"]) for c in pred.get("concepts", [])}
    sets: dict[str, tuple[set[Any], set[Any]]] = {
        "concepts": (g_c, p_c),
        "pairs": (_pairs(g_rel, norm), _pairs(p_rel, to_gold)),
        "typed": (_typed(g_rel, norm), _typed(p_rel, to_gold)),
    }
    measures = {k: Counts(len(g & p), len(p), len(g)) for k, (g, p) in sets.items()}
    by_cat: dict[str, tuple[int, int]] = {}
    for c in gold.get("concepts", []):
        cat = c.get("category") or NO_CATEGORY  # scores need only names; a category is optional
        found, total = by_cat.get(cat, (0, 0))
        by_cat[cat] = (found + (norm(c["name"]) in p_c), total + 1)
    return DocumentScore(name, measures, by_cat, tuple(sorted(g_c - p_c)), tuple(sorted(p_c - g_c)))


@dataclass(frozen=True, slots=True)
class Summary:
    documents: tuple[DocumentScore, ...]
    micro: Mapping[str, Counts]
    category_recall: Mapping[str, tuple[int, int]]


def summarize(scores: Iterable[DocumentScore]) -> Summary:
    """Micro-averaged counts and per-category recall over documents."""
    docs = tuple(scores)
    micro = {k: sum((d.measures[k] for d in docs), Counts()) for k in MEASURES}
    cats: dict[str, tuple[int, int]] = {}
    for d in docs:
        for cat, (found, total) in d.category_recall.items():
            f0, t0 = cats.get(cat, (0, 0))
            cats[cat] = (f0 + found, t0 + total)
    return Summary(docs, micro, dict(sorted(cats.items())))


def summary_to_json(summary: Summary) -> dict[str, Any]:
    """A JSON-ready view of a summary."""

    def prf(c: Counts) -> dict[str, float | int]:
        return {
            "precision": c.precision,
            "recall": c.recall,
            "f1": c.f1,
            "tp": c.tp,
            "predicted": c.predicted,
            "gold": c.gold,
        }

    return {
        "documents": {d.name: {k: prf(v) for k, v in d.measures.items()} for d in summary.documents},
        "micro": {k: prf(v) for k, v in summary.micro.items()},
        "category_recall": {
            cat: (found / total if total else 1.0) for cat, (found, total) in summary.category_recall.items()
        },
    }
