"""Leave-one-document-out (LODO) set-up of the extractor, shared by the estimates that need it.

``bench/eval_extraction.py`` (LODO scores without the concept filter) and
``scripts/train_concept_filter.py`` (nested LODO of the filter) both extract each
annotated document as if it were unseen:

* the lexicon without the entries learnt from the document (source ``dev:<stem>``)
  and with the stoplist learnt from the other dev documents;
* corpus terms scored by a classifier trained without the document
  (``scripts/mine_terms.py train --dump-lodo PATH``): ``score >= threshold`` are
  corpus terms, ``weak_floor <= score < threshold`` weak terms.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from extractors.corpus_terms import CorpusTerms
from extractors.lexicon import Lexicon
from extractors.stoplist import learn_stoplist

#: the shipped corpus-term threshold and weak floor (scripts/mine_terms.py)
CT_THRESHOLD = 0.50
WEAK_FLOOR = 0.30

#: per document stem: (predicted names, gold names and aliases) without a stoplist
#: (extractors.build_stoplist.predictions)
RawPredictions = Mapping[str, tuple[set[str], set[str]]]


def lodo_lexicon(full: Lexicon, raw: RawPredictions, stem: str) -> Lexicon:
    """`full` without the entries learnt from `stem` and with the stoplist learnt without it."""
    stop = learn_stoplist(v for k, v in raw.items() if k != stem)
    return full.without_sources([f"dev:{stem}"]).with_stop(stop)


def terms_between(scores: Mapping[str, float], low: float, high: float = float("inf")) -> CorpusTerms:
    """Corpus terms whose score is in [low, high)."""
    return CorpusTerms.from_terms({t: ("idea", s) for t, s in scores.items() if low <= s < high})


class LodoTerms:
    """Corpus-term scores of each document from a classifier trained without it."""

    def __init__(self, scores: Mapping[str, Mapping[str, float]], threshold: float = CT_THRESHOLD) -> None:
        self.scores = scores
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path, threshold: float = CT_THRESHOLD) -> LodoTerms:
        return cls(json.loads(path.read_text(encoding="utf-8")), threshold)

    def corpus_terms(self, stem: str) -> CorpusTerms:
        return terms_between(self.scores[stem], self.threshold)

    def weak_terms(self, stem: str, floor: float = WEAK_FLOOR) -> CorpusTerms:
        return terms_between(self.scores[stem], floor, self.threshold)
