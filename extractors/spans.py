"""Types shared between the concept and relation stages of the extractor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Category, RelationType


@dataclass(frozen=True, slots=True)
class ConceptSpan:
    """A concept mention found in the document text."""

    start: int  # character offsets into the (normalised) document text
    end: int
    surface: str  # text[start:end]
    name: str  # canonical concept name
    category: Category


@dataclass(frozen=True, slots=True)
class FoundRelation:
    """A typed relation found in one sentence, between two concept spans of it."""

    head: str  # canonical names
    type: RelationType
    tail: str
    position: int | None = None  # for HAS_MEMBER


def inside_any(c: ConceptSpan, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether the span lies wholly inside one of the (start, end) `ranges`."""
    return any(a <= c.start and c.end <= b for a, b in ranges)
