"""Sentence-level co-mention: pure functions over one document's mentions."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from kg.model import Mention, RelationType

#: sentences with more distinct concepts than this contribute pairs only among
#: their first ones (keeps lists and tables from exploding quadratically)
MAX_CONCEPTS_PER_SENTENCE = 16


def sentence_concepts(mentions: Iterable[Mention]) -> dict[int, list[str]]:
    """Distinct canonical names per sentence index, in order of first mention."""
    out: dict[int, list[str]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.sentence, m.start)):
        names = out[m.sentence]
        if m.name not in names:
            names.append(m.name)
    return dict(out)


def cooccurrence_pairs(mentions: Iterable[Mention]) -> dict[tuple[str, str], list[int]]:
    """Unordered concept-name pairs (a < b) -> sentence indexes where both occur."""
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for sentence, names in sentence_concepts(mentions).items():
        kept = names[:MAX_CONCEPTS_PER_SENTENCE]
        for i, a in enumerate(kept):
            for b in kept[i + 1 :]:
                pairs[(a, b) if a < b else (b, a)].append(sentence)
    return dict(pairs)


def pmi(n_ab: int, n_a: int, n_b: int, n_total: int) -> float:
    """Pointwise mutual information (log2) of two concepts over sentences."""
    if n_ab <= 0 or n_a <= 0 or n_b <= 0 or n_total <= 0:
        return 0.0
    return math.log2(n_ab * n_total / (n_a * n_b))


def discounted_pmi(n_ab: int, n_a: int, n_b: int, n_total: int) -> float:
    """PMI scaled down for rare events (Pantel & Lin 2002), so that a pair seen once
    does not outrank pairs seen often: pmi * n_ab/(n_ab+1) * m/(m+1), m = min(n_a, n_b).
    This is the weight by which stores rank co-mentions."""
    m = min(n_a, n_b)
    return pmi(n_ab, n_a, n_b, n_total) * (n_ab / (n_ab + 1)) * (m / (m + 1))


def co_mention_scores(n_ab: int, n_a: int, n_b: int, n_total: int) -> tuple[float, float]:
    """(pmi, discounted_pmi) of a co-mention edge: the score it reports and the weight it ranks by."""
    counts = (n_ab, n_a, n_b, n_total)
    return pmi(*counts), discounted_pmi(*counts)


def edge_scores(
    rtype: RelationType, count: int, n_head: int, n_tail: int, n_total: int
) -> tuple[float | None, float]:
    """(pmi, weight) of an aggregated edge: a co-mention reports its PMI and ranks by the
    discounted PMI (`co_mention_scores`); a typed relation has no PMI and ranks by its count."""
    if rtype is RelationType.CO_OCCURS_WITH:
        return co_mention_scores(count, n_head, n_tail, n_total)
    return None, float(count)
