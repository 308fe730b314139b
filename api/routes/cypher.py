"""POST /cypher: read-only Cypher for power users. The app mounts it only over Neo4j.

Only queries that read the graph run (see `kg.store.user_cypher.refuse_unless_read_only`),
in a READ transaction, bounded in rows and time; when KG_API_KEY is set, the key is needed
(as for the write endpoints: it is the one endpoint that takes arbitrary queries)."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

from api.deps import ApiKeyDep, SettingsDep, StoreDep
from api.schemas import ErrorPublic
from kg.store.base import StoreError, StoreUnavailable

router = APIRouter(tags=["cypher"])
#: mounted instead of `router` over the embedded store: the route answers why it cannot run
unavailable_router = APIRouter()

MAX_ROWS = 1000


@runtime_checkable
class ReadCypherStore(Protocol):
    def run_read_cypher(
        self, query: str, params: dict[str, Any], *, row_limit: int, timeout_s: float
    ) -> list[dict[str, Any]]: ...


class CypherIn(BaseModel):
    query: str = Field(min_length=1, max_length=10_000, description="a read-only Cypher query")
    params: dict[str, Any] = Field(default_factory=dict, description="query parameters ($name)")
    limit: int = Field(100, ge=1, le=MAX_ROWS, description="most rows returned")


class CypherPublic(BaseModel):
    rows: list[dict[str, Any]]
    count: int
    truncated: bool = Field(description="true when the query had more rows than `limit`")


@router.post(
    "/cypher",
    response_model=CypherPublic,
    responses={400: {"model": ErrorPublic}, 401: {"model": ErrorPublic}, 503: {"model": ErrorPublic}},
    dependencies=[ApiKeyDep],
)
def run_cypher(store: StoreDep, settings: SettingsDep, body: CypherIn) -> CypherPublic:
    """Run a query that only reads the graph, in a READ transaction, bounded in rows and time.

    Refused (400): writes, schema and administration commands, SHOW and TERMINATE, LOAD CSV,
    and procedures other than db.labels, db.relationshipTypes, db.propertyKeys,
    db.schema.* and db.index.fulltext.queryNodes. Needs the X-API-Key header when KG_API_KEY is set."""
    if not isinstance(store, ReadCypherStore):  # mounted for Neo4j only; kept as a guard
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Cypher needs the Neo4j store (KG_STORE=neo4j)")
    try:
        rows = store.run_read_cypher(
            body.query, body.params, row_limit=body.limit + 1, timeout_s=settings.neo4j_timeout_s
        )
    except StoreUnavailable:
        raise
    except StoreError as e:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=f"Cypher refused: {e}") from None
    return CypherPublic(
        rows=rows[: body.limit], count=min(len(rows), body.limit), truncated=len(rows) > body.limit
    )


@unavailable_router.post("/cypher", include_in_schema=False)
def cypher_unavailable() -> None:
    """POST /cypher over the embedded store: 404 that says what it needs, not a bare Not Found."""
    raise HTTPException(
        status.HTTP_404_NOT_FOUND,
        detail="POST /cypher needs the Neo4j store (KG_STORE=neo4j); "
        "this server runs the embedded networkx store",
    )
