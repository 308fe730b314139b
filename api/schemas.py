"""Response models: the public shape of kg objects, built from them with `from_model`."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from pydantic import BaseModel, Field, field_validator

from kg.communities import Community
from kg.diff import ConceptChange, ConceptDiff, Side
from kg.lesson_map import MAX_CONCEPTS
from kg.model import (
    Concept,
    ConceptDocument,
    Document,
    DocumentInfo,
    Evidence,
    GraphStats,
    Mention,
    Relation,
)
from kg.query import Path, PathStep, RelatedTerm, Subgraph
from kg.sources import ISO_DATE_PATTERN, ISO_DATE_SHAPES, iso_date


class ErrorPublic(BaseModel):
    detail: str
    suggestions: list[str] = Field(default_factory=list)


class ValidationIssuePublic(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorsPublic(BaseModel):
    """A request that does not fit the declared parameters or body (FastAPI's own 422)."""

    detail: list[ValidationIssuePublic]


class ConceptPublic(BaseModel):
    id: str
    name: str
    category: str
    aliases: list[str]
    mention_count: int
    document_count: int
    members: list[str]

    @classmethod
    def from_model(cls, c: Concept) -> ConceptPublic:
        return cls(
            id=c.id,
            name=c.name,
            category=str(c.category),
            aliases=list(c.aliases),
            mention_count=c.mention_count,
            document_count=c.document_count,
            members=list(c.members),
        )


class ConceptsPublic(BaseModel):
    data: list[ConceptPublic]
    count: int


class EvidencePublic(BaseModel):
    document_id: str
    sentence: str
    start: int
    end: int

    @classmethod
    def from_model(cls, e: Evidence) -> EvidencePublic:
        return cls(document_id=e.document_id, sentence=e.sentence, start=e.start, end=e.end)


class RelationPublic(BaseModel):
    head: str = Field(description="concept id of the head")
    head_name: str | None = None
    type: str
    tail: str = Field(description="concept id of the tail")
    tail_name: str | None = None
    count: int
    weight: float
    pmi: float | None = None
    position: int | None = None
    evidence: list[EvidencePublic]

    @classmethod
    def from_model(cls, r: Relation, names: Mapping[str, str] | None = None) -> RelationPublic:
        names = names or {}
        return cls(
            head=r.head,
            head_name=names.get(r.head),
            type=str(r.type),
            tail=r.tail,
            tail_name=names.get(r.tail),
            count=r.count,
            weight=r.weight,
            pmi=r.pmi,
            position=r.position,
            evidence=[EvidencePublic.from_model(e) for e in r.evidence],
        )


class RelatedTermPublic(BaseModel):
    concept: ConceptPublic
    relation: RelationPublic
    direction: str = Field(
        description='"out": the query concept is the head; "in": the tail; "both": symmetric'
    )

    @classmethod
    def from_model(cls, t: RelatedTerm, center: Concept) -> RelatedTermPublic:
        names = {center.id: center.name, t.concept.id: t.concept.name}
        return cls(
            concept=ConceptPublic.from_model(t.concept),
            relation=RelationPublic.from_model(t.relation, names),
            direction=t.direction,
        )


class RelatedTermsPublic(BaseModel):
    concept: ConceptPublic
    data: list[RelatedTermPublic]
    count: int


class DocumentInfoPublic(BaseModel):
    id: str
    title: str
    date: str | None
    source: str
    chars: int
    mention_count: int
    concept_count: int

    @classmethod
    def from_model(cls, d: DocumentInfo) -> DocumentInfoPublic:
        return cls(
            id=d.id,
            title=d.title,
            date=d.date,
            source=d.source,
            chars=d.chars,
            mention_count=d.mention_count,
            concept_count=d.concept_count,
        )


class ConceptDocumentPublic(BaseModel):
    document: DocumentInfoPublic
    mentions: int

    @classmethod
    def from_model(cls, cd: ConceptDocument) -> ConceptDocumentPublic:
        return cls(document=DocumentInfoPublic.from_model(cd.document), mentions=cd.mentions)


class MemberPublic(BaseModel):
    position: int
    name: str
    concept: ConceptPublic | None = Field(None, description="the member as a concept, when it is one")


class ConceptDetailPublic(BaseModel):
    concept: ConceptPublic
    related: list[RelatedTermPublic]
    documents: list[ConceptDocumentPublic]
    members: list[MemberPublic]


class PathStepPublic(BaseModel):
    source: ConceptPublic
    target: ConceptPublic
    relations: list[RelationPublic] = Field(description="every edge joining source and target, with evidence")

    @classmethod
    def from_model(cls, s: PathStep) -> PathStepPublic:
        names = {s.source.id: s.source.name, s.target.id: s.target.name}
        return cls(
            source=ConceptPublic.from_model(s.source),
            target=ConceptPublic.from_model(s.target),
            relations=[RelationPublic.from_model(r, names) for r in s.relations],
        )


class PathPublic(BaseModel):
    hops: int
    concepts: list[ConceptPublic]
    steps: list[PathStepPublic]

    @classmethod
    def from_model(cls, p: Path) -> PathPublic:
        return cls(
            hops=len(p.steps),
            concepts=[ConceptPublic.from_model(c) for c in p.concepts],
            steps=[PathStepPublic.from_model(s) for s in p.steps],
        )


class PathsPublic(BaseModel):
    source: str
    target: str
    data: list[PathPublic]
    count: int


class SubgraphPublic(BaseModel):
    center: ConceptPublic
    nodes: list[ConceptPublic]
    edges: list[RelationPublic]

    @classmethod
    def from_model(cls, g: Subgraph) -> SubgraphPublic:
        names = {c.id: c.name for c in g.nodes}
        return cls(
            center=ConceptPublic.from_model(g.center),
            nodes=[ConceptPublic.from_model(c) for c in g.nodes],
            edges=[RelationPublic.from_model(r, names) for r in g.edges],
        )


class DocumentsPublic(BaseModel):
    data: list[DocumentInfoPublic]
    #: documents on this page
    count: int
    offset: int
    limit: int
    #: documents stored: the pages end where offset + count reaches it
    total: int


class MentionPublic(BaseModel):
    name: str
    surface: str
    start: int
    end: int
    sentence: int

    @classmethod
    def from_model(cls, m: Mention) -> MentionPublic:
        return cls(name=m.name, surface=m.surface, start=m.start, end=m.end, sentence=m.sentence)


class DocumentPublic(BaseModel):
    id: str
    title: str
    date: str | None
    source: str
    text: str
    mentions: list[MentionPublic]

    @classmethod
    def from_model(cls, d: Document, mentions: list[Mention]) -> DocumentPublic:
        return cls(
            id=d.id,
            title=d.title,
            date=d.date,
            source=d.source,
            text=d.text,
            mentions=[MentionPublic.from_model(m) for m in mentions],
        )


class StatsPublic(BaseModel):
    documents: int
    concepts: int
    relations: int
    cooccurrences: int
    sentences: int
    by_type: dict[str, int]

    @classmethod
    def from_model(cls, s: GraphStats) -> StatsPublic:
        return cls(
            documents=s.documents,
            concepts=s.concepts,
            relations=s.relations,
            cooccurrences=s.cooccurrences,
            sentences=s.sentences,
            by_type=dict(s.by_type),
        )


class HealthPublic(BaseModel):
    status: str
    store: str
    stats: StatsPublic | None = None
    detail: str | None = None


class TimelinePublic(BaseModel):
    concept: ConceptPublic
    per_year: dict[str, int] = Field(description='mentions per year ("unknown" for undated documents)')
    documents: list[ConceptDocumentPublic] = Field(description="mentions per document, by date")


class ConceptChangePublic(BaseModel):
    name: str
    count_a: int
    count_b: int
    rate_a: float = Field(description="mentions per thousand mentions on side a")
    rate_b: float

    @classmethod
    def from_model(cls, c: ConceptChange) -> ConceptChangePublic:
        return cls(
            name=c.name,
            count_a=c.count_a,
            count_b=c.count_b,
            rate_a=round(c.rate_a, 3),
            rate_b=round(c.rate_b, 3),
        )


class DiffSidePublic(BaseModel):
    label: str
    title: str
    documents: list[DocumentInfoPublic]
    mentions: int

    @classmethod
    def from_model(cls, s: Side) -> DiffSidePublic:
        return cls(
            label=s.label,
            title=s.title,
            documents=[DocumentInfoPublic.from_model(d) for d in s.documents],
            mentions=s.total,
        )


class DiffPublic(BaseModel):
    a: DiffSidePublic
    b: DiffSidePublic
    new: list[ConceptChangePublic]
    dropped: list[ConceptChangePublic]
    rising: list[ConceptChangePublic]
    falling: list[ConceptChangePublic]

    @classmethod
    def from_model(cls, d: ConceptDiff) -> DiffPublic:
        def conv(cs: tuple[ConceptChange, ...]) -> list[ConceptChangePublic]:
            return [ConceptChangePublic.from_model(c) for c in cs]

        return cls(
            a=DiffSidePublic.from_model(d.a),
            b=DiffSidePublic.from_model(d.b),
            new=conv(d.new),
            dropped=conv(d.dropped),
            rising=conv(d.rising),
            falling=conv(d.falling),
        )


class CommunityPublic(BaseModel):
    id: int
    name: str
    size: int
    internal_edges: int
    concepts: list[ConceptPublic] = Field(description="most central first (at most `members` of them)")

    @classmethod
    def from_model(cls, c: Community, members: int) -> CommunityPublic:
        return cls(
            id=c.id,
            name=c.name,
            size=len(c.concepts),
            internal_edges=c.internal_edges,
            concepts=[ConceptPublic.from_model(x) for x in c.concepts[:members]],
        )


class CommunitiesPublic(BaseModel):
    data: list[CommunityPublic]
    count: int


class RankedPublic(BaseModel):
    concept: ConceptPublic
    score: float


class CentralityPublic(BaseModel):
    measure: str
    data: list[RankedPublic]


class LessonMapIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    concepts: list[str] = Field(
        min_length=1,
        max_length=MAX_CONCEPTS,
        description=f"1 to {MAX_CONCEPTS} distinct names or aliases; repeats are dropped before counting",
    )
    cooccurrence: bool = False

    @field_validator("concepts", mode="before")
    @classmethod
    def _distinct(cls, concepts: object) -> object:
        """Drop repeated names (keeping the first of each, in order) before the count is checked:
        61 copies of one concept are one concept, not too many."""
        if isinstance(concepts, list) and all(isinstance(c, str) for c in concepts):
            return list(dict.fromkeys(concepts))
        return concepts  # anything else: the list[str] validation refuses it

    @field_validator("name")
    @classmethod
    def _printable(cls, name: str) -> str:
        """Control characters (NUL, ...) cannot be written into the map's SVG (XML)."""
        if any(unicodedata.category(ch) == "Cc" for ch in name):
            raise ValueError("a map name must not contain control characters (NUL, line breaks, tabs)")
        return name


class LessonMapPublic(BaseModel):
    name: str
    file: str
    html_url: str
    svg_url: str
    concepts: int | None = Field(
        None, description="null when unknown (an older map whose SVG cannot be read)"
    )
    relations: int | None = Field(None, description="null when unknown")


class LessonMapsPublic(BaseModel):
    data: list[LessonMapPublic]
    count: int


class DocumentIn(BaseModel):
    """A text to ingest."""

    text: str = Field(min_length=1, description="the document text (plain UTF-8)")
    title: str = Field("", max_length=300)
    date: str | None = Field(
        None, pattern=ISO_DATE_PATTERN, description=f"a real date: {ISO_DATE_SHAPES}, year 0001 to 9999"
    )
    source: str = Field("", max_length=1000)

    @field_validator("date")
    @classmethod
    def _real_date(cls, date: str | None) -> str | None:
        return None if date is None else iso_date(date)


class DocumentIngestedPublic(BaseModel):
    added: bool = Field(description="false when the same text was already stored (nothing changed)")
    document: DocumentInfoPublic
