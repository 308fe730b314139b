"""Terms mined from the policy corpus: load, scan a text, merge with the extractor's spans.

`data/corpus_terms.tsv` (term, category, score) is built offline by
`scripts/mine_terms.py` from corpus-wide statistics and a classifier trained on
the dev gold; only terms above the chosen threshold are shipped. At run time
nothing but this file is needed.

* `find_corpus_terms(text, start, end)`: a left-to-right, longest-match,
  non-overlapping scan (a dict keyed by the first two characters gives the
  candidate lengths, longest first).
* `merge_corpus_terms(extractor_spans, corpus_spans)`: longest match wins: a
  corpus span fills a gap or replaces the extractor spans it strictly
  contains; one that cuts, equals or lies inside an extractor span is dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.spans import ConceptSpan
from kg.model import Category
from kg.normalize import normalize_term

DATA = Path(__file__).resolve().parent / "data" / "corpus_terms.tsv"
#: terms scored just below the concept threshold: relation ends only (extractors/core.py)
WEAK_DATA = DATA.with_name("corpus_terms_weak.tsv")


@dataclass(slots=True)
class CorpusTerms:
    """Mined terms with their category and classifier score, indexed for scanning."""

    terms: dict[str, tuple[Category, float]] = field(default_factory=dict)
    #: surface -> canonical name (normalize_term, computed once)
    names: dict[str, str] = field(default_factory=dict)
    #: first two characters -> candidate lengths, longest first
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def from_terms(cls, terms: Mapping[str, tuple[str | Category, float]]) -> CorpusTerms:
        out: dict[str, tuple[Category, float]] = {}
        by_key: dict[str, set[int]] = {}
        for term, (cat, score) in terms.items():
            if len(term) < 2:
                continue
            out[term] = (Category(cat), float(score))
            by_key.setdefault(term[:2], set()).add(len(term))
        names = {t: normalize_term(t) for t in out}
        lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_key.items()}
        return cls(terms=out, names=names, lengths=lengths)

    @classmethod
    def read(cls, path: Path = DATA) -> CorpusTerms:
        terms: dict[str, tuple[str, float]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#"):
                    continue
                term, cat, score = line.split("\t")[:3]
                terms[term] = (cat, float(score))
        return cls.from_terms(terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term: object) -> bool:
        return term in self.terms

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ConceptSpan]:
        """Longest-match, non-overlapping occurrences in text[start:end], left to right."""
        end = len(text) if end is None else min(end, len(text))
        terms, lengths, names = self.terms, self.lengths, self.names
        out: list[ConceptSpan] = []
        i = start
        last = end - 1
        while i < last:
            lens = lengths.get(text[i : i + 2])
            if lens is None:
                i += 1
                continue
            for n in lens:
                if i + n <= end:
                    surface = text[i : i + n]
                    hit = terms.get(surface)
                    if hit is not None:
                        out.append(ConceptSpan(i, i + n, surface, names[surface], hit[0]))
                        i += n
                        break
            else:
                i += 1
        return out

    def find_on_tokens(
        self,
        text: str,
        tokens: Sequence[tuple[int, int]],
        keep: Callable[[ConceptSpan], ConceptSpan | None] | None = None,
    ) -> list[ConceptSpan]:
        """Longest-match, non-overlapping occurrences that start and end at token boundaries
        (`tokens`: sorted (start, end) offsets of the segmentation), left to right.

        `keep` may reshape an occurrence or refuse it (None); then the next shorter term at the
        same start may match (农民增收上来 refused, 农民增收 kept), and what the refused one spans
        stays covered."""
        terms, lengths, names = self.terms, self.lengths, self.names
        ends = {e for _, e in tokens}
        out: list[ConceptSpan] = []
        covered = -1
        for i, _ in tokens:
            if i < covered:
                continue
            lens = lengths.get(text[i : i + 2])
            if lens is None:
                continue
            for n in lens:
                if i + n in ends:
                    surface = text[i : i + n]
                    hit = terms.get(surface)
                    if hit is None:
                        continue
                    covered = max(covered, i + n)
                    c = ConceptSpan(i, i + n, surface, names[surface], hit[0])
                    kept = c if keep is None else keep(c)
                    if kept is not None:
                        out.append(kept)
                        break
        return out


_LOADED: list[CorpusTerms] = []


def load_corpus_terms() -> CorpusTerms:
    """The shipped terms (read once per process)."""
    if not _LOADED:
        _LOADED.append(CorpusTerms.read())
    return _LOADED[0]


_WEAK: list[CorpusTerms] = []


def load_weak_terms() -> CorpusTerms:
    """The shipped weak terms (read once per process)."""
    if not _WEAK:
        _WEAK.append(CorpusTerms.read(WEAK_DATA))
    return _WEAK[0]


def find_corpus_terms(text: str, start: int = 0, end: int | None = None) -> list[ConceptSpan]:
    """Shipped corpus terms found in text[start:end] (longest match, non-overlapping)."""
    return load_corpus_terms().find(text, start, end)


def merge_corpus_terms(
    spans_from_extractor: Sequence[ConceptSpan],
    corpus_spans: Iterable[ConceptSpan],
    keep_nested: Callable[[ConceptSpan], bool] | None = None,
) -> list[ConceptSpan]:
    """The extractor's spans merged with the corpus spans, longest match winning; sorted by offset.

    * a corpus span overlapping no extractor span is added;
    * a corpus span that strictly contains extractor spans (and cuts none of
      them) replaces them: it is the longer natural name (measured on the dev
      set, leave-one-document-out: fragments of an unknown term are what the
      extractor gets wrong most);
    * a corpus span that cuts an extractor span, lies inside one or equals
      one is dropped (the extractor's canonical name stays).

    `keep_nested(span)`: extractor spans for which it is true stay even inside a
    longer corpus span (e.g. known lexicon terms: both names are reported).
    """
    ext = sorted(spans_from_extractor, key=lambda s: (s.start, s.end))
    starts = [s.start for s in ext]
    longest = max((s.end - s.start for s in ext), default=0)
    dropped: set[int] = set()
    added: list[ConceptSpan] = []
    for c in corpus_spans:
        lo = bisect.bisect_left(starts, c.start - longest)
        hi = bisect.bisect_left(starts, c.end)
        inside: list[int] = []
        keep = True
        for k in range(lo, hi):
            s = ext[k]
            if s.end <= c.start:
                continue  # ends before c
            if c.start <= s.start and s.end <= c.end and (s.end - s.start) < (c.end - c.start):
                inside.append(k)
            else:
                keep = False  # cuts c, contains c or equals it
                break
        if keep:
            dropped.update(inside)
            added.append(c)
    kept = [s for k, s in enumerate(ext) if k not in dropped or (keep_nested is not None and keep_nested(s))]
    return sorted([*kept, *added], key=lambda s: (s.start, s.end))
