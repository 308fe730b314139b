"""Stores under the contract: `store` is each of the embedded store and Neo4j.

Neo4j is reached at NEO4J_URI (default bolt://127.0.0.1:7687; start one with
`scripts/neo4j start`). When it does not answer, its tests are skipped, except
under CI=true, where they fail: CI must prove the contract on a real server.
Every test gets an empty Neo4j database: the tests delete every node of the
database they are given, so they only run against a server on this machine
(loopback) unless KG_TESTS_MAY_WIPE_NEO4J=1 says the remote database is a
scratch one.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from kg.settings import Settings
from kg.store.base import GraphStore
from kg.store.cypher import clear_graph_statements
from kg.store.neo4j import Neo4jStore, build_driver
from kg.store.networkx_store import NetworkxStore

STORE_KINDS = ("networkx", "neo4j")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="session")
def neo4j_driver() -> Iterator[Driver]:
    settings = Settings()
    host = urllib.parse.urlparse(settings.neo4j_uri).hostname or ""
    if host not in LOOPBACK and os.environ.get("KG_TESTS_MAY_WIPE_NEO4J") != "1":
        pytest.fail(
            f"the Neo4j tests empty the database at {settings.neo4j_uri}; "
            "set KG_TESTS_MAY_WIPE_NEO4J=1 if it is a scratch database",
            pytrace=False,
        )
    driver = build_driver(settings)
    try:
        driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError) as exc:
        driver.close()
        message = f"Neo4j does not answer at {settings.neo4j_uri}: {exc} (start it: scripts/neo4j start)"
        if _in_ci():
            pytest.fail(f"CI=true requires Neo4j: {message}", pytrace=False)
        pytest.skip(message)
    yield driver
    driver.close()


def _neo4j_store(driver: Driver) -> Neo4jStore:
    settings = Settings()
    store = Neo4jStore(driver, database=settings.neo4j_database, batch_size=2)
    store.ensure_schema()
    with driver.session(database=settings.neo4j_database) as session:
        for statement in clear_graph_statements():
            session.run(statement).consume()
    return store


@pytest.fixture
def neo4j_store(request: pytest.FixtureRequest) -> Neo4jStore:
    driver: Driver = request.getfixturevalue("neo4j_driver")
    return _neo4j_store(driver)


@pytest.fixture(params=STORE_KINDS, ids=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "networkx":
        yield NetworkxStore(tmp_path / "kg")
        return
    request.applymarker(pytest.mark.neo4j)
    yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def both_stores(neo4j_store: Neo4jStore, tmp_path: Path) -> tuple[GraphStore, GraphStore]:
    return NetworkxStore(tmp_path / "kg"), neo4j_store
