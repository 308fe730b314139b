"""Learn a stoplist from annotated documents (pure): names the extractor reports
in several documents and that are never a gold concept (or alias) in any of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def learn_stoplist(documents: Iterable[tuple[set[str], set[str]]], min_documents: int = 2) -> dict[str, int]:
    """Stopped names and the number of documents that reported them wrongly.

    `documents` gives, per document, the predicted concept names and the gold
    names and aliases (all in comparable form).
    """
    wrong: Counter[str] = Counter()
    right: set[str] = set()
    for predicted, gold in documents:
        right |= predicted & gold
        wrong.update(predicted - gold)
    return {name: n for name, n in wrong.most_common() if n >= min_documents and name not in right}
