"""POST /cypher: read-only Cypher on the Neo4j store, refused on the embedded one."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import neo4j
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
        r = c.post("/cypher", json={"query": "RETURN 1 AS one"})
        assert r.status_code == 404
        assert r.json()["detail"].startswith("POST /cypher needs the Neo4j store (KG_STORE=neo4j)")
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


@pytest.fixture
def url_listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback: its base URL and the paths it was asked for."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


@pytest.mark.neo4j
def test_only_reading_the_graph_is_allowed(
    neo4j_store: Neo4jStore, tmp_path: Path, url_listener: tuple[str, list[str]]
) -> None:
    """Neo4j calls SHOW, TERMINATE, LOAD CSV and some procedures read queries: all refused."""
    base, asked = url_listener
    neo4j_store.add(FOUNDING)
    settings = Settings(KG_STORE="neo4j", KG_DATA_DIR=tmp_path)
    refused = [
        f"LOAD CSV FROM '{base}/x.csv?secret=1' AS l RETURN l",
        f"LOAD /* a comment */ CSV WITH HEADERS FROM '{base}/y.csv' AS l RETURN l",
        "LOAD CSV FROM $url AS l RETURN l",
        "SHOW TRANSACTIONS YIELD transactionId AS txId, currentQuery RETURN txId, currentQuery",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW SETTINGS",
        "SHOW USERS",
        "SHOW DATABASES",
        "CALL dbms.listConfig() YIELD name, value RETURN name, value",
        "CALL dbms.listConnections()",
        "CALL db.clearQueryCaches()",
        "MATCH (c:Concept) CALL db.stats.clear('QUERIES') YIELD section RETURN section",
        "CALL db.createLabel('Evil')",
        "CREATE INDEX evil FOR (n:Concept) ON (n.name)",
    ]
    with TestClient(create_app(settings, neo4j_store)) as c:
        for query in refused:
            r = c.post("/cypher", json={"query": query, "params": {"url": f"{base}/z.csv"}})
            assert r.status_code == 400, (query, r.text)
            assert r.json()["detail"].startswith("Cypher refused: "), r.text
        assert asked == []  # no URL was fetched
        for query, key in [
            ("CALL db.labels()", "label"),
            ("CALL db.relationshipTypes()", "relationshipType"),
        ]:
            r = c.post("/cypher", json={"query": query})
            assert r.status_code == 200, r.text
            assert r.json()["rows"] and all(key in row for row in r.json()["rows"]), r.text
        # a clause's name in a string is not the clause
        r = c.post(
            "/cypher", json={"query": "MATCH (c:Concept) WHERE c.name = 'LOAD CSV' RETURN count(c) AS n"}
        )
        assert r.status_code == 200 and r.json()["rows"] == [{"n": 0}], r.text
        # a syntax error is reported at its place in the query sent (not in the EXPLAIN of it)
        r = c.post("/cypher", json={"query": "MATCH (n RETURN n"})
        assert r.status_code == 400 and "EXPLAIN" not in r.text and "column 10" in r.text, r.text


@pytest.mark.neo4j
def test_cannot_terminate_other_clients_transactions(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    settings = Settings(KG_STORE="neo4j", KG_DATA_DIR=tmp_path)
    terminate = (
        "SHOW TRANSACTIONS YIELD transactionId AS txId, metaData WHERE metaData.client = 'kg-victim' "
        "TERMINATE TRANSACTIONS txId YIELD transactionId, message RETURN transactionId, message"
    )
    with (
        TestClient(create_app(settings, neo4j_store)) as c,
        neo4j_store.driver.session(database=neo4j_store.database) as session,
        session.begin_transaction(metadata={"client": "kg-victim"}) as victim,
    ):
        victim.run("MERGE (:KgVictim {key: 1})").consume()  # as `kg ingest` would, mid-transaction
        r = c.post("/cypher", json={"query": terminate})
        assert r.status_code == 400, r.text
        assert "TRANSACTIONS" in r.json()["detail"]
        assert victim.run("RETURN 1 AS one").single(strict=True)["one"] == 1  # still alive
        victim.run("MATCH (v:KgVictim) DELETE v").consume()
        victim.commit()


@pytest.mark.neo4j
def test_cypher_needs_the_api_key_when_one_is_set(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    settings = Settings(KG_STORE="neo4j", KG_DATA_DIR=tmp_path, KG_API_KEY="s3cret")
    with TestClient(create_app(settings, neo4j_store)) as c:
        query = {"query": "RETURN 1 AS one"}
        assert c.post("/cypher", json=query).status_code == 401
        assert c.post("/cypher", json=query, headers={"X-API-Key": "wrong"}).status_code == 401
        r = c.post("/cypher", json=query, headers={"X-API-Key": "s3cret"})
        assert r.status_code == 200 and r.json()["rows"] == [{"one": 1}], r.text


@pytest.mark.neo4j
def test_cypher_runs_in_a_read_transaction(neo4j_store: Neo4jStore) -> None:
    """Neo4j itself refuses writes: the session and transaction are READ."""
    seen: list[str] = []
    real = neo4j_store.driver.session

    def session(**config: object) -> neo4j.Session:
        seen.append(str(config.get("default_access_mode")))
        return real(**config)  # type: ignore[arg-type]

    neo4j_store.driver.session = session  # type: ignore[method-assign]
    try:
        assert neo4j_store.run_read_cypher("RETURN 1 AS one", {}, row_limit=1, timeout_s=5) == [{"one": 1}]
    finally:
        del neo4j_store.driver.session
    assert seen == [neo4j.READ_ACCESS]
