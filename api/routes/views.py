"""Concept maps (pyvis pages, fully offline)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import ApiKeyDep, ConceptName, DepthDep, MaxNodesDep, StoreDep
from kg import query
from kg.views import render_concept_map

router = APIRouter(prefix="/views", tags=["views"], dependencies=[ApiKeyDep])


@router.get("/concept/{name}", response_class=HTMLResponse)
def concept_map(store: StoreDep, name: ConceptName, depth: DepthDep, max_nodes: MaxNodesDep) -> HTMLResponse:
    g = query.subgraph(store, name, depth=depth, max_nodes=max_nodes)
    html = render_concept_map(g, title=f"{g.center.name} — concept map", link_base="/ui/concept/")
    return HTMLResponse(html)
