"""kg exceptions to HTTP answers: JSON for the API, an HTML page for the explorer and maps."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from api.pages import templates
from kg.diff import InvalidSide
from kg.query import ConceptNotFound, InvalidQuery
from kg.store.base import StoreError, StoreMisconfigured, StoreUnavailable

HTML_PREFIXES = ("/ui", "/views", "/docs")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value: Any) -> Any:
    """`value` with every lone surrogate (half a character, which UTF-8 cannot encode) as U+FFFD:
    a JSON body may spell one as an escape ("\\ud800"), and a 422 echoes the input it rejects."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    if isinstance(value, dict):
        return {k: _encodable(v) for k, v in value.items()}
    return value


def wants_html(request: Request) -> bool:
    path = request.url.path
    return path == "/" or any(path == p or path.startswith(p + "/") for p in HTML_PREFIXES)


def _answer(
    request: Request, status_code: int, detail: str, suggestions: list[str] | None = None
) -> Response:
    if wants_html(request):
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status_code": status_code, "detail": detail, "suggestions": suggestions or []},
            status_code=status_code,
        )
    body: dict[str, object] = {"detail": detail}
    if suggestions is not None:
        body["suggestions"] = suggestions
    return JSONResponse(body, status_code=status_code)


def install_error_handlers(app: FastAPI) -> None:
    async def not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ConceptNotFound)
        return _answer(request, 404, str(exc), exc.suggestions)

    async def invalid(request: Request, exc: Exception) -> Response:
        return _answer(request, 422, str(exc))

    async def unavailable(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StoreMisconfigured):  # waiting will not help: the settings must change
            return _answer(request, 503, f"the graph store is unavailable: {exc}")
        return _answer(request, 503, f"the graph store is unavailable, try again later: {exc}")

    async def store_error(request: Request, exc: Exception) -> Response:
        return _answer(request, 500, f"the graph store failed: {exc}")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if wants_html(request) and exc.status_code >= 400:
            return _answer(request, exc.status_code, str(exc.detail))
        return await http_exception_handler(request, exc)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if wants_html(request):
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', '')}" for e in exc.errors()
            )
            return _answer(request, 422, f"invalid request: {problems}")
        # FastAPI's own answer, made encodable
        return JSONResponse({"detail": _encodable(jsonable_encoder(exc.errors()))}, status_code=422)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(ConceptNotFound, not_found)
    app.add_exception_handler(InvalidQuery, invalid)
    app.add_exception_handler(InvalidSide, invalid)
    app.add_exception_handler(StoreUnavailable, unavailable)
    app.add_exception_handler(StoreError, store_error)
