"""Formulations over time: compare two documents or two years."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import LimitDep, StoreDep
from api.responses import INVALID, STORE_DOWN
from api.schemas import DiffPublic
from kg import diff as kg_diff

router = APIRouter(tags=["diff"])

SideQuery = Query(min_length=1, max_length=64, description="a document id, or a year (YYYY)")


@router.get("/diff", response_model=DiffPublic, responses=INVALID | STORE_DOWN)
def diff(
    store: StoreDep, a: Annotated[str, SideQuery], b: Annotated[str, SideQuery], limit: LimitDep
) -> DiffPublic:
    """Concepts new, dropped, rising and falling from side `a` to side `b` (shares of all mentions)."""
    return DiffPublic.from_model(kg_diff.diff(store, a, b, limit=limit))


@router.get("/years", response_model=list[str], responses=STORE_DOWN)
def years(store: StoreDep) -> list[str]:
    """The years that dated documents fall in."""
    return kg_diff.years(store)
