"""Concepts: search, detail, related terms, neighbourhood subgraphs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import MAX_NAME_CHARS, ConceptName, DepthDep, LimitDep, MaxNodesDep, StoreDep
from api.responses import INVALID, STORE_DOWN, UNKNOWN_CONCEPT, Responses
from api.schemas import (
    ConceptDetailPublic,
    ConceptDocumentPublic,
    ConceptPublic,
    ConceptsPublic,
    MemberPublic,
    RelatedTermPublic,
    RelatedTermsPublic,
    SubgraphPublic,
    TimelinePublic,
)
from kg import query
from kg.model import Concept, RelationType

router = APIRouter(prefix="/concepts", tags=["concepts"])

NOT_FOUND: Responses = UNKNOWN_CONCEPT | INVALID | STORE_DOWN


@router.get("", response_model=ConceptsPublic, responses=INVALID | STORE_DOWN)
def search_concepts(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_NAME_CHARS, description="text in a name or alias")],
    limit: LimitDep,
) -> ConceptsPublic:
    hits = query.search(store, q, limit=limit)
    return ConceptsPublic(data=[ConceptPublic.from_model(c) for c in hits], count=len(hits))


@router.get("/{name:concept}/related", response_model=RelatedTermsPublic, responses=NOT_FOUND)
def related_terms(
    store: StoreDep,
    name: ConceptName,
    limit: LimitDep,
    type: Annotated[list[RelationType] | None, Query(description="only these relation types")] = None,
) -> RelatedTermsPublic:
    center = query.resolve(store, name)
    terms = query.related_of(store, center, limit=limit, types=type)
    return RelatedTermsPublic(
        concept=ConceptPublic.from_model(center),
        data=[RelatedTermPublic.from_model(t, center) for t in terms],
        count=len(terms),
    )


@router.get("/{name:concept}/subgraph", response_model=SubgraphPublic, responses=NOT_FOUND)
def concept_subgraph(
    store: StoreDep,
    name: ConceptName,
    depth: DepthDep,
    max_nodes: MaxNodesDep,
    cooccurrence: Annotated[bool, Query(description="include CO_OCCURS_WITH edges")] = True,
) -> SubgraphPublic:
    g = query.subgraph(store, name, depth=depth, max_nodes=max_nodes, include_cooccurrence=cooccurrence)
    return SubgraphPublic.from_model(g)


@router.get("/{name:concept}/timeline", response_model=TimelinePublic, responses=NOT_FOUND)
def concept_timeline(store: StoreDep, name: ConceptName) -> TimelinePublic:
    concept, docs, per_year = query.timeline(store, name)
    return TimelinePublic(
        concept=ConceptPublic.from_model(concept),
        per_year=per_year,
        documents=[ConceptDocumentPublic.from_model(cd) for cd in docs],
    )


# after the routes with a suffix: `{name:concept}` also matches 'x/related'
@router.get("/{name:concept}", response_model=ConceptDetailPublic, responses=NOT_FOUND)
def concept_detail(store: StoreDep, name: ConceptName, limit: LimitDep) -> ConceptDetailPublic:
    d = query.detail(store, name, limit=limit)
    members = [
        MemberPublic(
            position=i,
            name=m.name if isinstance(m, Concept) else m,
            concept=ConceptPublic.from_model(m) if isinstance(m, Concept) else None,
        )
        for i, m in enumerate(d.members, start=1)
    ]
    return ConceptDetailPublic(
        concept=ConceptPublic.from_model(d.concept),
        related=[RelatedTermPublic.from_model(t, d.concept) for t in d.related],
        documents=[ConceptDocumentPublic.from_model(cd) for cd in d.documents],
        members=members,
    )
