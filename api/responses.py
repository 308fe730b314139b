"""Error answers documented in OpenAPI, shared by the routes (`responses=` of each route).

They only describe what the error handlers (api.errors) and dependencies already answer."""

from __future__ import annotations

from typing import Any

from api.schemas import ErrorPublic, ValidationErrorsPublic

Responses = dict[int | str, dict[str, Any]]

HTML: dict[str, Any] = {"text/html": {"schema": {"type": "string"}}}

STORE_DOWN: Responses = {
    503: {
        "model": ErrorPublic,
        "description": "the graph store is unavailable (Neo4j down, the data folder gone)",
    }
}
# 422 comes from FastAPI's validation (a list of problems) or from a bound or a query that
# cannot run (one message: `limit must be at most 100, got 150`, `no documents dated 2020`)
INVALID: Responses = {
    422: {
        "model": ErrorPublic | ValidationErrorsPublic,
        "description": "invalid request: a list of validation problems, or one message",
    }
}
UNKNOWN_CONCEPT: Responses = {
    404: {"model": ErrorPublic, "description": "unknown concept; close matches in `suggestions`"}
}
KEY_NEEDED: Responses = {
    401: {"model": ErrorPublic, "description": "missing or wrong X-API-Key (only when KG_API_KEY is set)"}
}
# the maps (/views/*) answer every error as an HTML page
HTML_ERRORS: Responses = {
    404: {"description": "unknown concept (close matches listed), formula or community", "content": HTML},
    422: {"description": "invalid request", "content": HTML},
    503: {"description": "the graph store is unavailable", "content": HTML},
}
HTML_INVALID_OR_DOWN: Responses = {k: v for k, v in HTML_ERRORS.items() if k != 404}


def binary(*media_types: str, description: str) -> Responses:
    """A 200 whose body is a file of one of `media_types`."""
    schema = {"type": "string", "format": "binary"}
    return {200: {"description": description, "content": {m: {"schema": schema} for m in media_types}}}
