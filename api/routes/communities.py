"""Communities of the concept graph (Louvain, fixed seed) and centrality rankings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import GraphCacheDep, LimitDep, StoreDep
from api.responses import INVALID, STORE_DOWN
from api.schemas import CentralityPublic, CommunitiesPublic, CommunityPublic, ConceptPublic, RankedPublic
from kg.communities import rank

router = APIRouter(tags=["communities"])


@router.get("/communities", response_model=CommunitiesPublic, responses=INVALID | STORE_DOWN)
def communities(
    store: StoreDep,
    cache: GraphCacheDep,
    limit: LimitDep,
    members: Annotated[int, Query(ge=1, le=200, description="concepts listed per community")] = 20,
) -> CommunitiesPublic:
    found = cache.communities(store)[:limit]
    return CommunitiesPublic(data=[CommunityPublic.from_model(c, members) for c in found], count=len(found))


@router.get("/centrality", response_model=CentralityPublic, responses=INVALID | STORE_DOWN)
def centrality(
    store: StoreDep,
    cache: GraphCacheDep,
    limit: LimitDep,
    measure: Literal["strength", "degree", "betweenness"] = "strength",
) -> CentralityPublic:
    ranked = rank(cache.graph(store), measure, limit=limit)
    return CentralityPublic(
        measure=measure,
        data=[RankedPublic(concept=ConceptPublic.from_model(r.concept), score=r.score) for r in ranked],
    )
