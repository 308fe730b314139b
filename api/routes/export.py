"""Whole-graph downloads: GraphML, GEXF (Gephi), JSON, CSV (zip)."""

from __future__ import annotations

import os
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from api.deps import StoreDep
from api.export_cache import ExportCache
from api.responses import STORE_DOWN, binary
from kg.export import MEDIA_TYPES

router = APIRouter(prefix="/export", tags=["export"])


class ExportResponse(FileResponse):
    """An export file: its validator is the ETag given (a hash of the bytes), not one from the
    file's mtime, which changes whenever the file is written again. No Last-Modified (the file's
    time says nothing of the graph); If-Range resumes a range when it names this ETag."""

    def set_stat_headers(self, stat_result: os.stat_result) -> None:
        self.headers.setdefault("content-length", str(stat_result.st_size))

    def _should_use_range(self, http_if_range: str) -> bool:
        return http_if_range == self.headers.get("etag")


def _none_match(request: Request, etag: str) -> bool:
    """Whether If-None-Match names `etag` (weak comparison, as RFC 9110 asks) or is `*`."""
    given = request.headers.get("if-none-match")
    if given is None:
        return False
    tags = {t.strip().removeprefix("W/") for t in given.split(",")}
    return "*" in tags or etag in tags


@router.get(
    "/{fmt}",
    response_class=FileResponse,
    responses=binary(*MEDIA_TYPES.values(), description="the export file (csv: a zip)")
    | {304: {"description": "If-None-Match names the current ETag: the graph is unchanged"}}
    | STORE_DOWN,
)
def export(request: Request, store: StoreDep, fmt: Literal["graphml", "gexf", "json", "csv"]) -> Response:
    """The whole graph with stable ids and evidence (csv: a zip of four tables).

    The ETag is a hash of the bytes: If-None-Match answers 304 while the graph is unchanged,
    and a Range request with If-Range resumes a download. The file is written once per graph
    state (bounded by KG_EXPORT_TIMEOUT, not the read timeout) and served until the graph changes."""
    cache: ExportCache = request.app.state.export_cache
    path, etag = cache.get(store, fmt)
    if _none_match(request, etag):
        return Response(status_code=304, headers={"etag": etag})
    return ExportResponse(path, media_type=MEDIA_TYPES[fmt], filename=path.name, headers={"etag": etag})
