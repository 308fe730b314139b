"""Formulations over time: which concepts are new, dropped, rising or falling between
two documents or two years.

`compare_counts` is pure (mention counts in, a `ConceptDiff` out); `diff` gathers
the counts of two sides from any GraphStore.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kg.model import DocumentInfo
from kg.store.base import GraphStore

YEAR = re.compile(r"^\d{4}$")
#: a concept counts as rising/falling when its share of mentions changes by this factor
MIN_RATIO = 1.5
#: ... and by at least this many mentions per thousand
MIN_RATE_CHANGE = 1.0
_PAGE = 500


class InvalidSide(ValueError):
    """A diff side is neither a stored document id nor a year with documents."""


@dataclass(frozen=True, slots=True)
class Side:
    label: str  # the document id or the year, as asked
    title: str  # a readable description
    documents: tuple[DocumentInfo, ...]
    counts: Mapping[str, int]  # canonical concept name -> mentions

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class ConceptChange:
    name: str
    count_a: int
    count_b: int
    rate_a: float  # mentions per thousand mentions on side a
    rate_b: float

    @property
    def change(self) -> float:
        return self.rate_b - self.rate_a


@dataclass(frozen=True, slots=True)
class ConceptDiff:
    a: Side
    b: Side
    new: tuple[ConceptChange, ...]  # only on side b
    dropped: tuple[ConceptChange, ...]  # only on side a
    rising: tuple[ConceptChange, ...]  # on both, relative frequency up
    falling: tuple[ConceptChange, ...]  # on both, relative frequency down


def _rate(count: int, total: int) -> float:
    return 1000.0 * count / total if total else 0.0


def compare_counts(
    a: Mapping[str, int],
    b: Mapping[str, int],
    *,
    min_ratio: float = MIN_RATIO,
    min_rate_change: float = MIN_RATE_CHANGE,
    limit: int = 50,
) -> tuple[list[ConceptChange], list[ConceptChange], list[ConceptChange], list[ConceptChange]]:
    """(new, dropped, rising, falling) between two count tables.

    Counts are compared as shares of all mentions on their side, so a long
    document does not make every concept "rise". New and dropped are ordered
    by count, rising and falling by the size of the change; ties by name.
    """
    ta, tb = sum(a.values()), sum(b.values())
    changes = {
        name: ConceptChange(
            name, a.get(name, 0), b.get(name, 0), _rate(a.get(name, 0), ta), _rate(b.get(name, 0), tb)
        )
        for name in set(a) | set(b)
        if a.get(name, 0) > 0 or b.get(name, 0) > 0
    }
    new = sorted((c for c in changes.values() if c.count_a == 0), key=lambda c: (-c.count_b, c.name))
    dropped = sorted((c for c in changes.values() if c.count_b == 0), key=lambda c: (-c.count_a, c.name))
    both = [c for c in changes.values() if c.count_a > 0 and c.count_b > 0]
    rising = sorted(
        (c for c in both if c.rate_b >= c.rate_a * min_ratio and c.change >= min_rate_change),
        key=lambda c: (-c.change, c.name),
    )
    falling = sorted(
        (c for c in both if c.rate_a >= c.rate_b * min_ratio and -c.change >= min_rate_change),
        key=lambda c: (c.change, c.name),
    )
    return new[:limit], dropped[:limit], rising[:limit], falling[:limit]


def all_documents(store: GraphStore) -> list[DocumentInfo]:
    out: list[DocumentInfo] = []
    while True:
        page = store.list_documents(offset=len(out), limit=_PAGE)
        out.extend(page)
        if len(page) < _PAGE:
            return out


def years(store: GraphStore) -> list[str]:
    """The years that dated documents fall in, ascending."""
    return sorted({d.date[:4] for d in all_documents(store) if d.date and YEAR.match(d.date[:4])})


def side(store: GraphStore, spec: str) -> Side:
    """A document (by id) or a year (YYYY: every document dated in it)."""
    spec = spec.strip()
    if YEAR.match(spec):
        docs = [d for d in all_documents(store) if (d.date or "")[:4] == spec]
        if not docs:
            raise InvalidSide(f"no documents dated {spec}")
        title = f"{spec} ({len(docs)} document{'s' if len(docs) != 1 else ''})"
    else:
        if not spec.isalnum() or not store.has_document(spec):
            raise InvalidSide(f"{spec!r} is neither a document id nor a year with documents")
        docs = [d for d in all_documents(store) if d.id == spec]
        title = docs[0].title if docs else spec
    counts: Counter[str] = Counter()
    for d in docs:
        counts.update(m.name for m in store.document_mentions(d.id))
    return Side(spec, title, tuple(docs), dict(counts))


def diff(store: GraphStore, a: str, b: str, *, limit: int = 50) -> ConceptDiff:
    """Compare two documents or two years (or a document with a year)."""
    sa, sb = side(store, a), side(store, b)
    new, dropped, rising, falling = compare_counts(sa.counts, sb.counts, limit=limit)
    return ConceptDiff(sa, sb, tuple(new), tuple(dropped), tuple(rising), tuple(falling))
