"""The FastAPI application factory (entry point `policy_kg.apps: default`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import RequestResponseEndpoint

from api.deps import GraphCache, StoreHolder
from api.errors import install_error_handlers
from api.export_cache import ExportCache
from api.methods import MethodsMiddleware
from api.pages import TEMPLATE_DIR
from api.routes import (
    communities,
    concepts,
    cypher,
    diff,
    documents,
    export,
    health,
    maps,
    pages,
    paths,
    views,
)
from kg.settings import Settings
from kg.settings import get_settings as load_settings
from kg.store.base import GraphStore

STATIC_DIR = TEMPLATE_DIR.parent / "static"
# reads, bounded by `request_timeout_s`; writes run to completion (see bound_request_time)
TIMED_METHODS = frozenset({"GET", "HEAD"})


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app. Without `store`, the store named by `settings` is opened on first use
    (and closed on shutdown); a given store is used as is and left open."""
    settings = settings if settings is not None else load_settings()
    holder = StoreHolder(settings, store)

    export_cache = ExportCache()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()
        export_cache.close()

    app = FastAPI(
        title="policy-kg",
        summary="A knowledge graph of Chinese policy concepts: search, relations with evidence, paths, maps.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # /docs is an offline page (api.routes.pages); Swagger UI loads from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store_holder = holder
    app.state.graph_cache = GraphCache()
    app.state.export_cache = export_cache
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["*"],
        )
    install_error_handlers(app)

    @app.middleware("http")
    async def bound_request_time(request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Answer 504 when a read takes longer than `request_timeout_s` (an export: than
        `export_timeout_s`; it reads the whole graph, once per graph state).

        Writes (POST, DELETE) are not cut off: the endpoint goes on in its worker thread after
        the answer, so a 504 would report a stored document as failed. They are bounded by their
        input instead (KG_MAX_FILE_BYTES per text, 60 concepts per map; Cypher by NEO4J_TIMEOUT)."""
        if request.method not in TIMED_METHODS:
            return await call_next(request)
        export = request.url.path.startswith("/export/")
        limit = settings.export_timeout_s if export else settings.request_timeout_s
        try:
            return await asyncio.wait_for(call_next(request), timeout=limit)
        except TimeoutError:
            how = "run kg export on the server" if export else "narrow it (depth, limit)"
            detail = f"the request took longer than {limit:g} s; {how}"
            return JSONResponse({"detail": detail}, status_code=504)

    # outermost: HEAD runs as GET (bodiless) wherever a GET route is; 405s list every method
    app.add_middleware(MethodsMiddleware, routes=app.router.routes)

    for module in (health, concepts, paths, documents, diff, communities, maps, export, views, pages):
        app.include_router(module.router)
    # read-only Cypher runs only over Neo4j (the given store, else the configured one); over the
    # embedded store the route answers 404 saying so
    over_neo4j = isinstance(store, cypher.ReadCypherStore) if store is not None else settings.store == "neo4j"
    app.include_router(cypher.router if over_neo4j else cypher.unavailable_router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    return app
