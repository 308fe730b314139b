"""Graph stores behind one protocol, chosen by the `KG_STORE` setting.

Implementations are imported lazily, so the embedded default needs no Neo4j
driver at import time and the Neo4j store needs no networkx data folder.
"""

from __future__ import annotations

from kg.settings import Settings
from kg.store.base import (
    GraphStore,
    StoreCorrupt,
    StoreError,
    StoreMisconfigured,
    StoreNotFound,
    StoreUnavailable,
)

STORE_KINDS = ("networkx", "neo4j")


def open_store(settings: Settings, *, create: bool = True) -> GraphStore:
    """Open the store that `settings.store` names. With `create=False` the embedded store must
    already exist in `settings.data_dir` (StoreNotFound otherwise, and no folder is made); a Neo4j
    database is opened either way."""
    if settings.store == "networkx":
        from kg.store.networkx_store import NetworkxStore

        return NetworkxStore(settings.data_dir, create=create)
    if settings.store == "neo4j":
        from kg.store.neo4j import open_neo4j_store

        return open_neo4j_store(settings)
    raise ValueError(f"unknown store {settings.store!r}; choose one of {', '.join(STORE_KINDS)}")


__all__ = [
    "STORE_KINDS",
    "GraphStore",
    "StoreCorrupt",
    "StoreError",
    "StoreMisconfigured",
    "StoreNotFound",
    "StoreUnavailable",
    "open_store",
]
