"""Dependencies, declared once as `Annotated` aliases: settings, the store, request bounds."""

from __future__ import annotations

import secrets
import threading
from typing import Annotated, cast

import networkx as nx
from fastapi import Depends, HTTPException, Query, Request, Security, status
from fastapi import Path as FPath
from fastapi.security import APIKeyHeader
from starlette.convertors import Convertor, register_url_convertor

from kg.communities import Community, concept_graph
from kg.communities import communities as find_communities
from kg.settings import Settings
from kg.store import open_store
from kg.store.base import GraphStore, StoreUnavailable

# hard ceilings (the settings may lower them, never raise them)
HARD_MAX_DEPTH = 3
HARD_MAX_NODES = 500
HARD_MAX_LIMIT = 200
HARD_MAX_HOPS = 6
MAX_NAME_CHARS = 200


class StoreHolder:
    """Opens the store on first use, so the app starts (and answers 503) while a database is down."""

    def __init__(self, settings: Settings, store: GraphStore | None = None) -> None:
        self.settings = settings
        self.owned = store is None
        self._store: GraphStore | None = store
        self._lock = threading.Lock()

    def get(self) -> GraphStore:
        with self._lock:
            if self._store is None:
                try:
                    opened = open_store(self.settings)
                except StoreUnavailable:
                    raise
                except OSError as exc:
                    raise StoreUnavailable(f"cannot open the {self.settings.store} store: {exc}") from exc
                # both stores are safe for concurrent calls (the embedded one locks itself)
                self._store = opened
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None and self.owned:
                self._store.close()
            self._store = None if self.owned else self._store


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_store(request: Request) -> GraphStore:
    holder = cast(StoreHolder, request.app.state.store_holder)
    return holder.get()


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


def _within(name: str, value: int, ceiling: int) -> int:
    if value > ceiling:
        raise HTTPException(422, detail=f"{name} must be at most {ceiling}, got {value}")
    return value


def _depth(
    settings: SettingsDep,
    depth: Annotated[int, Query(ge=1, le=HARD_MAX_DEPTH, description="breadth-first depth")] = 1,
) -> int:
    return _within("depth", depth, settings.max_depth)


def _max_nodes(
    settings: SettingsDep,
    max_nodes: Annotated[int, Query(ge=1, le=HARD_MAX_NODES, description="most nodes returned")] = 50,
) -> int:
    return _within("max_nodes", max_nodes, settings.max_nodes)


def _limit(
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=HARD_MAX_LIMIT, description="most items returned")] = 20,
) -> int:
    return _within("limit", limit, settings.max_limit)


def _max_hops(
    settings: SettingsDep,
    max_hops: Annotated[int, Query(ge=1, le=HARD_MAX_HOPS, description="longest path, in edges")] = 4,
) -> int:
    return _within("max_hops", max_hops, settings.max_path_hops)


DepthDep = Annotated[int, Depends(_depth)]
MaxNodesDep = Annotated[int, Depends(_max_nodes)]
LimitDep = Annotated[int, Depends(_limit)]
MaxHopsDep = Annotated[int, Depends(_max_hops)]


# declares the X-API-Key scheme in OpenAPI (so /docs can send it); the check is ours, below
api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="needed by the write endpoints and POST /cypher only when the server sets KG_API_KEY",
)


def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(api_key_header)] = None
) -> None:
    """When KG_API_KEY is set, write endpoints (ingest, delete, maps) and POST /cypher need it
    in the X-API-Key header. Other reads are open."""
    if not settings.api_key:
        return
    given = key or ""
    if not secrets.compare_digest(given.encode(), settings.api_key.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="missing or wrong API key (X-API-Key)")


ApiKeyDep = Depends(require_api_key)

__all__: list[str] = [
    "ApiKeyDep",
    "DepthDep",
    "GraphCache",
    "GraphCacheDep",
    "LimitDep",
    "MaxHopsDep",
    "MaxNodesDep",
    "SettingsDep",
    "StoreDep",
    "StoreHolder",
]


class ConceptNameConvertor(Convertor[str]):
    """`{name:concept}` in a route: one or more characters, '/' included, so that a concept
    named 党建/业务 (percent-encoded as 党建%2F业务, which the server decodes before routing)
    is reachable. Routes with a suffix (`/concepts/{name:concept}/related`) must be declared
    before the bare one, which would otherwise take the suffix as part of the name. Line breaks
    are characters of the name too (white space, folded when names are matched), which `.` alone
    would not match."""

    regex = r"[\s\S]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("concept", ConceptNameConvertor())

ConceptName = Annotated[
    str,
    FPath(min_length=1, max_length=MAX_NAME_CHARS, description="canonical name or alias (percent-encoded)"),
]
DocumentId = Annotated[str, FPath(pattern=r"^[A-Za-z0-9]{1,64}$", description="document id")]


GraphState = tuple[tuple[int, ...], frozenset[str]]


def graph_state(store: GraphStore) -> GraphState:
    """What names the stored graph for caches of whole-graph results: its counts and its document
    ids. Neither alone is enough: a document deleted and another of the same size added keeps the
    counts; a document extracted again (kg ingest --reextract) keeps its id. A re-extraction that
    changes no count is not seen until the next change."""
    s = store.stats()
    counts = (s.documents, s.concepts, s.relations, s.cooccurrences, s.sentences)
    return counts, frozenset(d.id for d in store.list_documents(limit=max(s.documents, 1)))


class GraphCache:
    """Whole-graph analyses (concept graph, communities), recomputed when the graph_state changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: GraphState | None = None
        self._graph: nx.Graph | None = None
        self._communities: list[Community] | None = None

    def _fresh(self, store: GraphStore) -> nx.Graph:
        key = graph_state(store)
        if key != self._key or self._graph is None:
            self._graph = concept_graph(store)
            self._communities = None
            self._key = key
        return self._graph

    def graph(self, store: GraphStore) -> nx.Graph:
        with self._lock:
            return self._fresh(store)

    def communities(self, store: GraphStore) -> list[Community]:
        with self._lock:
            g = self._fresh(store)
            if self._communities is None:
                self._communities = find_communities(g)
            return self._communities


def get_graph_cache(request: Request) -> GraphCache:
    return cast(GraphCache, request.app.state.graph_cache)


GraphCacheDep = Annotated[GraphCache, Depends(get_graph_cache)]
