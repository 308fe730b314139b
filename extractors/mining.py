"""Corpus statistics for new-term discovery (pure).

Candidates are runs of 2-4 segmented tokens (3-12 characters) of nominal parts
of speech. Each is scored by

* frequency and document frequency,
* boundary entropy: the entropy of the tokens seen to its left and right (a
  term occurs in varied contexts; a fragment like 会议和 does not),
* C-value (Frantzi et al.): log2(length) × frequency, discounted by the
  frequency of longer candidates that contain it,

and kept when all pass their thresholds.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from extractors.assemble import BREAKERS, LEADING_ACTIONS, NO_START

#: tags of tokens a term may consist of
TERM_TAGS = frozenset({"n", "nz", "vn", "j", "nt", "ns", "an", "b", "LEX", "v", "a"})
#: tags a term may end with
END_TAGS = frozenset({"n", "nz", "vn", "j", "nt", "an", "LEX"})
_BOUNDARY = "<s>"


@dataclass(frozen=True, slots=True)
class TermStats:
    term: str
    freq: int
    doc_freq: int
    left_entropy: float
    right_entropy: float
    c_value: float


def entropy(counts: Counter[str]) -> float:
    total = sum(counts.values())
    if not total:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def candidate_ngrams(
    words: Sequence[str], tag: Callable[[str], str], max_tokens: int = 4
) -> Iterable[tuple[int, int]]:
    """(i, j) token ranges of term candidates in one sentence's words."""
    n = len(words)
    for i in range(n):
        first = words[i]
        if first in BREAKERS or first in LEADING_ACTIONS or first in NO_START or tag(first) not in TERM_TAGS:
            continue
        if tag(first) in ("v", "a"):
            continue
        chars = len(first)
        for j in range(i + 1, min(n, i + max_tokens)):
            w = words[j]
            if tag(w) not in TERM_TAGS or w in BREAKERS:
                break
            chars += len(w)
            if chars > 12:
                break
            if chars >= 3 and tag(w) in END_TAGS:
                yield i, j + 1


def mine_terms(
    documents: Iterable[Sequence[Sequence[str]]],
    tag: Callable[[str], str],
    min_freq: int = 5,
    min_doc_freq: int = 3,
    min_entropy: float = 1.0,
    min_c_value: float = 8.0,
) -> list[TermStats]:
    """Terms of a corpus given as documents of sentences of words, best first."""
    freq: Counter[str] = Counter()
    docs: dict[str, set[int]] = defaultdict(set)
    left: dict[str, Counter[str]] = defaultdict(Counter)
    right: dict[str, Counter[str]] = defaultdict(Counter)
    for d, sentences in enumerate(documents):
        for words in sentences:
            for i, j in candidate_ngrams(words, tag):
                term = "".join(words[i:j])
                freq[term] += 1
                docs[term].add(d)
                left[term][words[i - 1] if i > 0 else _BOUNDARY] += 1
                right[term][words[j] if j < len(words) else _BOUNDARY] += 1
    kept = [t for t, f in freq.items() if f >= min_freq and len(docs[t]) >= min_doc_freq]
    # C-value: discount by longer kept candidates containing the term
    longer: dict[str, list[int]] = defaultdict(list)
    by_len = sorted(kept, key=len)
    kept_set = set(kept)
    for t in by_len:
        for a in range(len(t)):
            for b in range(a + 3, len(t) + 1):
                sub = t[a:b]
                if sub != t and sub in kept_set:
                    longer[sub].append(freq[t])
    out: list[TermStats] = []
    for t in kept:
        nested = longer.get(t, [])
        f = freq[t] - (sum(nested) / len(nested) if nested else 0.0)
        cv = math.log2(len(t)) * f
        le, re_ = entropy(left[t]), entropy(right[t])
        if cv >= min_c_value and le >= min_entropy and re_ >= min_entropy:
            out.append(TermStats(t, freq[t], len(docs[t]), le, re_, cv))
    out.sort(key=lambda s: -s.c_value)
    return out
