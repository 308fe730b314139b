"""The web explorer: server-rendered, autoescaped pages over the same kg queries as the API."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import (
    HARD_MAX_HOPS,
    MAX_NAME_CHARS,
    ConceptName,
    DocumentId,
    GraphCacheDep,
    SettingsDep,
    StoreDep,
)
from api.pages import templates
from kg import diff as kg_diff
from kg import query
from kg.communities import rank
from kg.diff import InvalidSide
from kg.lesson_map import MAX_CONCEPTS
from kg.model import RelationType
from kg.normalize import normalize_term
from kg.views.highlight import segments
from kg.views.style import RELATION_COLOURS

router = APIRouter(tags=["explorer"], include_in_schema=False)

_RANGE = re.compile(r"^(\d{1,9})-(\d{1,9})$")
DOCUMENTS_PAGE = 100  # documents listed per page of /ui/documents


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _concept_url(name: str) -> str:
    return "/ui/concept/" + quote(name, safe="")


def _grouped(related: tuple[query.RelatedTerm, ...]) -> OrderedDict[str, list[query.RelatedTerm]]:
    """Related terms by relation type: the guideline types in their order, co-mentions last."""
    groups: OrderedDict[str, list[query.RelatedTerm]] = OrderedDict()
    for t in RelationType:
        members = [r for r in related if r.relation.type == t]
        if members:
            groups[str(t)] = members
    return groups


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, cache: GraphCacheDep) -> HTMLResponse:
    return _page(
        request,
        "home.html",
        {
            "stats": store.stats(),
            "central": rank(cache.graph(store), "strength", limit=20),
            "documents": store.list_documents(limit=12),
        },
    )


@router.get("/ui/search", response_class=HTMLResponse, response_model=None)
def search_page(
    request: Request, store: StoreDep, q: Annotated[str, Query(max_length=MAX_NAME_CHARS)] = ""
) -> Response:
    if not normalize_term(q):
        return _page(request, "search.html", {"q": q, "hits": [], "suggestions": []})
    exact = store.find_concept(q)
    if exact is not None:
        return RedirectResponse(_concept_url(exact.name), status_code=303)
    hits = query.search(store, q, limit=50)
    suggestions = [] if hits else query.suggest(store, q)
    return _page(request, "search.html", {"q": q, "hits": hits, "suggestions": suggestions})


@router.get("/ui/concept/{name:concept}", response_class=HTMLResponse)
def concept_page(request: Request, store: StoreDep, name: ConceptName) -> HTMLResponse:
    d = query.detail(store, name, limit=100)
    _, docs, per_year = query.timeline(store, d.concept.name)
    titles = {cd.document.id: cd.document.title for cd in docs}
    return _page(
        request,
        "concept.html",
        {
            "d": d,
            "c": d.concept,
            "groups": _grouped(d.related),
            "relation_colours": RELATION_COLOURS,
            "timeline_docs": docs,
            "per_year": per_year,
            "max_year": max(per_year.values(), default=1) or 1,
            "max_doc": max((cd.mentions for cd in docs), default=1) or 1,
            "titles": titles,
        },
    )


@router.get("/ui/documents", response_class=HTMLResponse)
def documents_page(
    request: Request, store: StoreDep, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> HTMLResponse:
    page = DOCUMENTS_PAGE
    docs = store.list_documents(offset=offset, limit=page)
    total = store.document_count()
    last = max(0, (total - 1) // page * page)  # where the last page starts
    return _page(
        request,
        "documents.html",
        {
            "docs": docs,
            "previous": max(0, min(offset - page, last)) if offset > 0 and total > 0 else None,
            "next": offset + page if offset + page < total else None,
        },
    )


@router.get("/ui/document/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    store: StoreDep,
    document_id: DocumentId,
    hl: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$", description="start-end to mark")] = None,
) -> HTMLResponse:
    doc = store.get_document(document_id)
    if doc is None:
        return _page(
            request,
            "error.html",
            {"status_code": 404, "detail": f"unknown document {document_id!r}", "suggestions": []},
            404,
        )
    mentions = store.document_mentions(document_id)
    mark = None
    if hl and (m := _RANGE.match(hl)):
        mark = (int(m.group(1)), int(m.group(2)))
    counts: dict[str, int] = {}
    for m_ in mentions:
        counts[m_.name] = counts.get(m_.name, 0) + 1
    concepts = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return _page(
        request,
        "document.html",
        {"doc": doc, "segments": segments(doc.text, mentions, mark), "concepts": concepts},
    )


@router.get("/ui/paths", response_class=HTMLResponse)
def paths_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    source: Annotated[str, Query(alias="from", max_length=MAX_NAME_CHARS)] = "",
    target: Annotated[str, Query(alias="to", max_length=MAX_NAME_CHARS)] = "",
    max_hops: Annotated[int, Query(ge=1, le=HARD_MAX_HOPS)] = 4,
) -> HTMLResponse:
    found: list[query.Path] = []
    asked = bool(normalize_term(source) and normalize_term(target))
    if asked:
        found = query.paths(store, source, target, max_hops=min(max_hops, settings.max_path_hops), limit=10)
    return _page(
        request,
        "paths.html",
        {"source": source, "target": target, "max_hops": max_hops, "paths": found, "asked": asked},
    )


@router.get("/ui/diff", response_class=HTMLResponse)
def diff_page(
    request: Request,
    store: StoreDep,
    a: Annotated[str, Query(max_length=64)] = "",
    b: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    result = None
    error = None
    if a and b:
        try:
            result = kg_diff.diff(store, a, b, limit=100)
        except InvalidSide as exc:
            error = str(exc)
    return _page(
        request,
        "diff.html",
        {
            "a": a,
            "b": b,
            "years": kg_diff.years(store),
            "documents": kg_diff.all_documents(store),
            "result": result,
            "error": error,
        },
        422 if error else 200,
    )


@router.get("/ui/communities", response_class=HTMLResponse)
def communities_page(
    request: Request,
    store: StoreDep,
    cache: GraphCacheDep,
    measure: Literal["strength", "degree", "betweenness"] = "strength",
) -> HTMLResponse:
    return _page(
        request,
        "communities.html",
        {
            "communities": cache.communities(store)[:100],
            "ranked": rank(cache.graph(store), measure, limit=50),
            "measure": measure,
        },
    )


@router.get("/ui/maps", response_class=HTMLResponse)
def maps_page(request: Request) -> HTMLResponse:
    return _page(request, "maps.html", {"max_concepts": MAX_CONCEPTS})


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """An offline API reference built from the OpenAPI schema (Swagger UI would need a CDN)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name", ""),
                    "in": p.get("in", ""),
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                    "bounds": ", ".join(
                        f"{k} {v}"
                        for k, v in p.get("schema", {}).items()
                        if k in ("minimum", "maximum", "default")
                    ),
                }
                for p in op.get("parameters", [])
            ]
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                }
            )
    return _page(request, "apidocs.html", {"ops": ops, "title": spec.get("info", {}).get("title", "")})
