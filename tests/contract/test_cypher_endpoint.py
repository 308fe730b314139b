"""POST /cypher: read-only Cypher on the Neo4j store, refused on the embedded one."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.settings import Settings
from kg.store.neo4j import Neo4jStore
from kg.store.networkx_store import NetworkxStore
from tests.factories import FOUNDING, REPORT


def test_embedded_store_has_no_cypher_route(tmp_path: Path) -> None:
    settings = Settings(KG_DATA_DIR=tmp_path)
    with TestClient(create_app(settings, NetworkxStore(tmp_path))) as c:
        assert c.post("/cypher", json={"query": "RETURN 1 AS one"}).status_code == 404
        assert "/cypher" not in c.get("/openapi.json").json()["paths"]


@pytest.mark.neo4j
def test_read_query_rows_limit_and_refused_write(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    neo4j_store.add_many([FOUNDING, REPORT])
    settings = Settings(KG_STORE="neo4j", KG_DATA_DIR=tmp_path)
    with TestClient(create_app(settings, neo4j_store)) as c:
        r = c.post(
            "/cypher",
            json={
                "query": "MATCH (c:Concept) WHERE c.name = $n RETURN c.name AS name",
                "params": {"n": "党的领导"},
            },
        )
        assert r.status_code == 200, r.text
        assert r.json()["rows"] == [{"name": "党的领导"}]

        r = c.post("/cypher", json={"query": "MATCH (c:Concept) RETURN c.name AS name", "limit": 2})
        body = r.json()
        assert body["count"] == 2 and body["truncated"] is True

        before = neo4j_store.stats()
        r = c.post("/cypher", json={"query": "CREATE (:Concept {id: 'x', name: 'x'})"})
        assert r.status_code == 400
        assert neo4j_store.stats() == before

        assert c.post("/cypher", json={"query": "MATCH (n RETURN n"}).status_code == 400
        assert c.post("/cypher", json={"query": "RETURN 1", "limit": 5000}).status_code == 422
