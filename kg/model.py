"""The graph model: documents, concepts, typed relations and their evidence.

Two layers live here:

* per-document facts, as an extractor produces them (`DocumentExtraction`:
  mentions, relations with evidence, sentence spans). Stores keep these per
  document, so re-ingesting a document is a no-op and deleting one removes
  exactly what it contributed.
* aggregated graph objects, as queries return them (`Concept`, `Relation`),
  summed over all documents that support them.

Everything here is plain data without I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    """Concept categories of the annotation guidelines."""

    SYSTEM = "system"
    IDEA = "idea"
    FORMULA = "formula"
    PRACTICE = "practice"
    ORGANIZATION = "organization"
    EVENT = "event"
    PERSON = "person"


class RelationType(StrEnum):
    """The nine typed relations of the guidelines, plus graph-only types."""

    CARRIER_OF = "CARRIER_OF"
    GUARANTEES = "GUARANTEES"
    GUIDES = "GUIDES"
    ESSENTIAL_FEATURE_OF = "ESSENTIAL_FEATURE_OF"
    PART_OF = "PART_OF"
    UNIFIED_WITH = "UNIFIED_WITH"
    PROMOTES = "PROMOTES"
    EMBODIES = "EMBODIES"
    TRANSFORMS_INTO = "TRANSFORMS_INTO"
    # graph-only: a numbered formula and its ordered members (四个意识 -> 政治意识, position 1)
    HAS_MEMBER = "HAS_MEMBER"
    # graph-only: two concepts mentioned in the same sentence (count, PMI)
    CO_OCCURS_WITH = "CO_OCCURS_WITH"


#: the relation types of the annotation guidelines (what `kg extract` writes)
GUIDELINE_TYPES: frozenset[RelationType] = frozenset(
    t for t in RelationType if t not in (RelationType.HAS_MEMBER, RelationType.CO_OCCURS_WITH)
)
#: types whose head and tail are interchangeable
SYMMETRIC_TYPES: frozenset[RelationType] = frozenset({RelationType.UNIFIED_WITH, RelationType.CO_OCCURS_WITH})


def _short_hash(text: str, size: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def document_id(text: str) -> str:
    """Stable id of a document: a hash of its (normalised) content."""
    return "d" + _short_hash(text)


def concept_id(canonical_name: str) -> str:
    """Stable id of a concept: a hash of its canonical name."""
    return "c" + _short_hash(canonical_name)


# --------------------------------------------------------------------------
# per-document facts (extractor output, store input)
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    text: str
    date: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when known
    source: str = ""  # where it came from: a path or URL


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that states a fact, located in its document."""

    document_id: str
    sentence: str
    start: int  # character offset of the sentence in the document text
    end: int


@dataclass(frozen=True, slots=True)
class ConceptRecord:
    """A concept as one document names it: canonical name, category, surface aliases."""

    name: str
    category: Category
    aliases: tuple[str, ...] = ()
    # ordered members when the concept is a numbered formula (四个意识 -> 政治意识, ...)
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a concept in a document."""

    name: str  # canonical concept name
    surface: str  # the text as written
    start: int
    end: int
    sentence: int  # index into DocumentExtraction.sentences


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """A typed relation stated in one sentence of a document."""

    head: str  # canonical concept names
    type: RelationType
    tail: str
    evidence: Evidence
    position: int | None = None  # member position, for HAS_MEMBER


@dataclass(frozen=True, slots=True)
class DocumentExtraction:
    """Everything an extractor found in one document."""

    document: Document
    concepts: tuple[ConceptRecord, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[RelationRecord, ...]
    sentences: tuple[tuple[int, int], ...]  # (start, end) offsets of each sentence
    extractor: str = ""  # name and version of the extractor that produced it


# --------------------------------------------------------------------------
# aggregated graph objects (query output)
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    name: str
    category: Category
    aliases: tuple[str, ...] = ()
    mention_count: int = 0
    document_count: int = 0
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """An aggregated edge: every document's evidence of (head, type, tail) summed.

    For CO_OCCURS_WITH, `count` is the number of sentences mentioning both ends
    and `pmi` their pointwise mutual information over sentences.
    """

    head: str  # concept ids
    type: RelationType
    tail: str
    count: int
    weight: float
    evidence: tuple[Evidence, ...] = ()
    pmi: float | None = None
    position: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text, for listings."""

    id: str
    title: str
    date: str | None
    source: str
    chars: int
    mention_count: int = 0
    concept_count: int = 0

    @classmethod
    def of(cls, document: Document, mentions: Sequence[Mention]) -> DocumentInfo:
        """The listing entry of a document with its mentions."""
        return cls(
            id=document.id,
            title=document.title,
            date=document.date,
            source=document.source,
            chars=len(document.text),
            mention_count=len(mentions),
            concept_count=len({m.name for m in mentions}),
        )


@dataclass(frozen=True, slots=True)
class ConceptDocument:
    """How often one concept is mentioned in one document (for timelines)."""

    document: DocumentInfo
    mentions: int


@dataclass(frozen=True, slots=True)
class GraphStats:
    documents: int
    concepts: int
    relations: int  # typed relations incl. HAS_MEMBER (aggregated edges)
    cooccurrences: int  # aggregated CO_OCCURS_WITH edges
    sentences: int
    by_type: dict[str, int] = field(default_factory=dict)
