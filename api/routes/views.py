"""Maps (pyvis pages, fully offline): neighbourhood, path, formula, community."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import HTMLResponse

from api.deps import (
    HARD_MAX_DEPTH,
    HARD_MAX_HOPS,
    HARD_MAX_NODES,
    MAX_NAME_CHARS,
    ConceptName,
    DepthDep,
    GraphCacheDep,
    MaxHopsDep,
    MaxNodesDep,
    SettingsDep,
    StoreDep,
)
from api.responses import HTML_ERRORS, HTML_INVALID_OR_DOWN
from kg import query
from kg.views import Control, render_concept_map, render_graph_map
from kg.views.graphs import communities_overview, community_graph, formula_graph, path_graph

router = APIRouter(prefix="/views", tags=["views"])

LINK_BASE = "/ui/concept/"


def _nav(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("← 首页 home", "/"), *extra]


@router.get("/concept/{name:concept}", response_class=HTMLResponse, responses=HTML_ERRORS)
def concept_map(
    store: StoreDep,
    settings: SettingsDep,
    name: ConceptName,
    depth: DepthDep,
    max_nodes: MaxNodesDep,
    cooccurrence: Annotated[bool, Query(description="also draw co-mention edges")] = True,
) -> HTMLResponse:
    """The neighbourhood of a concept, with depth and size controls."""
    g = query.subgraph(store, name, depth=depth, max_nodes=max_nodes, include_cooccurrence=cooccurrence)
    page = LINK_BASE + quote(g.center.name, safe="")
    here = f"/views/concept/{quote(g.center.name, safe='')}?depth={depth}&max_nodes={max_nodes}"
    toggle = (
        ("只看类型关系 typed relations only", here + "&cooccurrence=false")
        if cooccurrence
        else ("含共现 with co-mentions", here)
    )
    controls = [
        Control("depth", "depth", depth, 1, min(settings.max_depth, HARD_MAX_DEPTH)),
        Control("max_nodes", "max nodes", max_nodes, 1, min(settings.max_nodes, HARD_MAX_NODES)),
    ]
    html = render_concept_map(
        g,
        title=f"{g.center.name} — concept map",
        link_base=LINK_BASE,
        nav=_nav((f"{g.center.name} 概念页 concept page", page), toggle),
        controls=controls,
        hidden=None if cooccurrence else {"cooccurrence": "false"},
    )
    return HTMLResponse(html)


@router.get("/path", response_class=HTMLResponse, responses=HTML_ERRORS)
def path_map(
    store: StoreDep,
    settings: SettingsDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=MAX_NAME_CHARS)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=MAX_NAME_CHARS)],
    max_hops: MaxHopsDep,
    limit: Annotated[int, Query(ge=1, le=20, description="most paths drawn")] = 5,
) -> HTMLResponse:
    """Every shortest path between two concepts, endpoints highlighted, evidence on every edge."""
    found = query.paths(store, source, target, max_hops=max_hops, limit=limit)
    a, b = query.resolve(store, source), query.resolve(store, target)
    concepts, relations = path_graph(found)
    if not concepts:
        concepts = [a, b]
    subtitle = (
        f"{len(found)} shortest path(s) of {len(found[0].steps)} step(s)"
        if found
        else f"no path of at most {max_hops} steps"
    )
    html = render_graph_map(
        concepts,
        relations,
        title=f"{a.name} ⟷ {b.name}",
        subtitle=subtitle,
        highlight={a.id, b.id},
        link_base=LINK_BASE,
        nav=_nav(
            ("路径列表 path list", f"/ui/paths?from={quote(a.name, safe='')}&to={quote(b.name, safe='')}")
        ),
        controls=[
            Control("max_hops", "max hops", max_hops, 1, min(settings.max_path_hops, HARD_MAX_HOPS)),
            Control("limit", "paths", limit, 1, 20),
        ],
        hidden={"from": source, "to": target},
    )
    return HTMLResponse(html)


@router.get("/formula/{name:concept}", response_class=HTMLResponse, responses=HTML_ERRORS)
def formula_map(store: StoreDep, name: ConceptName) -> HTMLResponse:
    """A formula (四个意识 …) and its members, in order."""
    formula, concepts, relations = formula_graph(store, name)
    if not formula.members:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"{formula.name!r} has no listed members")
    html = render_graph_map(
        concepts,
        relations,
        title=f"{formula.name} — formula",
        subtitle="、".join(formula.members),
        highlight={formula.id},
        link_base=LINK_BASE,
        nav=_nav((f"{formula.name} 概念页 concept page", LINK_BASE + quote(formula.name, safe=""))),
    )
    return HTMLResponse(html)


@router.get("/community/{community_id}", response_class=HTMLResponse, responses=HTML_ERRORS)
def community_map(
    store: StoreDep, cache: GraphCacheDep, community_id: int, max_nodes: MaxNodesDep
) -> HTMLResponse:
    """One community's most central concepts and the edges among them."""
    found = cache.communities(store)
    if not 0 <= community_id < len(found):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no community {community_id}")
    com = found[community_id]
    concepts, relations = community_graph(store, com, max_nodes=max_nodes)
    html = render_graph_map(
        concepts,
        relations,
        title=f"community {com.id}: {com.name}",
        subtitle=f"{len(com.concepts)} concepts (showing {len(concepts)})",
        highlight={com.concepts[0].id},
        link_base=LINK_BASE,
        nav=_nav(("社区 communities", "/ui/communities")),
        controls=[Control("max_nodes", "max nodes", max_nodes, 1, HARD_MAX_NODES)],
    )
    return HTMLResponse(html)


@router.get("/communities", response_class=HTMLResponse, responses=HTML_INVALID_OR_DOWN)
def communities_map(
    store: StoreDep,
    cache: GraphCacheDep,
    max_nodes: Annotated[int, Query(ge=1, le=HARD_MAX_NODES)] = 120,
    per_community: Annotated[int, Query(ge=1, le=100)] = 12,
) -> HTMLResponse:
    """The most central concepts of every community, coloured by community."""
    found = cache.communities(store)
    concepts, relations, groups = communities_overview(
        store, found, max_nodes=max_nodes, per_community=per_community
    )
    html = render_graph_map(
        concepts,
        relations,
        title="社区 communities",
        subtitle=f"{len(found)} communities; the {per_community} most central concepts of each",
        groups=groups,
        link_base=LINK_BASE,
        nav=_nav(("社区列表 community list", "/ui/communities")),
        controls=[
            Control("max_nodes", "max nodes", max_nodes, 1, HARD_MAX_NODES),
            Control("per_community", "per community", per_community, 1, 100),
        ],
    )
    return HTMLResponse(html)
