"""Shortest paths between two concepts, every edge with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import MAX_NAME_CHARS, MaxHopsDep, StoreDep
from api.responses import INVALID, STORE_DOWN, UNKNOWN_CONCEPT
from api.schemas import PathPublic, PathsPublic
from kg import query

router = APIRouter(prefix="/paths", tags=["paths"])


@router.get("", response_model=PathsPublic, responses=UNKNOWN_CONCEPT | INVALID | STORE_DOWN)
def find_paths(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=MAX_NAME_CHARS)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=MAX_NAME_CHARS)],
    max_hops: MaxHopsDep,
    limit: Annotated[int, Query(ge=1, le=20, description="most paths returned")] = 5,
) -> PathsPublic:
    found = query.paths(store, source, target, max_hops=max_hops, limit=limit)
    return PathsPublic(
        source=source, target=target, data=[PathPublic.from_model(p) for p in found], count=len(found)
    )
