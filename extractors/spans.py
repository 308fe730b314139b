"""Types shared between the concept and relation stages of the extractor."""

from __future__ import annotations

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
