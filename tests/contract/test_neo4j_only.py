"""What only the Neo4j store has: the read-only Cypher entry point, batching knobs,
connection errors, and the rule that CI fails (never skips) without Neo4j."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j.exceptions import Neo4jError
from typer.testing import CliRunner

from api.app import create_app
from kg.cli import app as kg_app
from kg.cooccurrence import discounted_pmi
from kg.model import concept_id
from kg.settings import Settings
from kg.store import cypher
from kg.store.base import StoreMisconfigured, StoreUnavailable
from kg.store.neo4j import Neo4jStore, open_neo4j_store
from kg.store.networkx_store import NetworkxStore
from kg.store.user_cypher import CypherError
from tests.factories import FOUNDING, REPORT

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.neo4j
def test_read_cypher_returns_plain_rows(neo4j_store: Neo4jStore) -> None:
    neo4j_store.add_many([FOUNDING, REPORT])
    rows = neo4j_store.run_read_cypher(
        "MATCH (c:Concept) WHERE c.name STARTS WITH $p RETURN c.name AS name, c ORDER BY name",
        {"p": "人民"},
        row_limit=10,
        timeout_s=5,
    )
    assert [r["name"] for r in rows] == ["人民代表大会制度", "人民当家作主"]
    assert rows[0]["c"]["labels"] == ["Concept"]
    assert rows[0]["c"]["properties"]["name"] == "人民代表大会制度"
    with pytest.raises(CypherError):
        neo4j_store.run_read_cypher("MATCH (c RETURN c", {}, row_limit=1, timeout_s=5)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("n_ab", "n_a", "n_b", "total"),
    [(1, 1, 1, 1), (3, 10, 7, 1000), (50, 400, 9000, 454942), (0, 1, 2, 9), (7, 7, 7, 7)],
)
def test_cypher_ranks_co_mentions_by_the_discounted_pmi_of_python(
    neo4j_store: Neo4jStore, n_ab: int, n_a: int, n_b: int, total: int
) -> None:
    expr = cypher.discounted_pmi_expr("$n_ab", "$n_a", "$n_b", "$total")
    params = {"n_ab": n_ab, "n_a": n_a, "n_b": n_b, "total": total}
    (row,) = neo4j_store.run_read_cypher(f"RETURN {expr} AS w", params, row_limit=1, timeout_s=5)
    # equal up to the last bits of the logarithm: cypher.RANK_SLACK covers the difference
    assert row["w"] == pytest.approx(discounted_pmi(n_ab, n_a, n_b, total), rel=1e-12, abs=1e-12)


@pytest.mark.neo4j
def test_the_sentence_total_follows_writes_and_is_summed_when_its_node_is_missing(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    embedded = NetworkxStore(tmp_path / "kg")
    for store in (neo4j_store, embedded):
        store.add_many([FOUNDING, REPORT])

    def kept() -> object:
        rows = neo4j_store.run_read_cypher(
            f"MATCH (g:{cypher.TOTALS_LABEL}) RETURN g.sentences AS n", {}, row_limit=5, timeout_s=5
        )
        return [r["n"] for r in rows]

    assert kept() == [embedded.stats().sentences]
    for store in (neo4j_store, embedded):
        store.delete_document(REPORT.document.id)
    assert kept() == [embedded.stats().sentences] == [neo4j_store.stats().sentences]
    center = concept_id(FOUNDING.concepts[0].name)
    assert neo4j_store.relations(center) == embedded.relations(center)
    with neo4j_store.driver.session() as session:
        session.run(f"MATCH (g:{cypher.TOTALS_LABEL}) DELETE g").consume()
    assert kept() == []
    assert neo4j_store.relations(center) == embedded.relations(center)  # summed over the documents
    neo4j_store.add(REPORT)
    embedded.add(REPORT)
    assert kept() == [embedded.stats().sentences]
    assert neo4j_store.relations(center) == embedded.relations(center)


def _edges(store: Neo4jStore) -> tuple[list[object], list[object]]:
    """The derived EDGE relationships, and what the facts say they must hold."""
    kept = store.run_read_cypher(
        f"MATCH (a)-[g:{cypher.EDGE_TYPE}]->(b) RETURN [a.id, g.type, b.id, g.count, g.first_doc, "
        "g.sentence, g.start, g.end, g.position_doc, g.position] AS e",
        {},
        row_limit=100_000,
        timeout_s=10,
    )
    summed = store.run_read_cypher(
        f"MATCH (a:Concept)-[r:{cypher.ALL_FACTS}]->(b:Concept) "
        "WITH a.id AS head, type(r) AS type, b.id AS tail, r ORDER BY r.doc_id "
        "WITH head, type, tail, sum(r.count) AS count, collect(r) AS xs "
        "WITH head, type, tail, count, xs, [y IN xs WHERE y.position IS NOT NULL][0] AS p "
        "RETURN [head, type, tail, count, xs[0].doc_id, xs[0].ev_sentences[0], xs[0].ev_starts[0], "
        "xs[0].ev_ends[0], p.doc_id, p.position] AS e",
        {},
        row_limit=100_000,
        timeout_s=10,
    )
    return sorted(r["e"] for r in kept), sorted(r["e"] for r in summed)


@pytest.mark.neo4j
def test_aggregated_edges_follow_adds_and_deletes_and_are_rebuilt_for_an_old_store(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    embedded = NetworkxStore(tmp_path / "kg")
    for store in (neo4j_store, embedded):
        store.add_many([FOUNDING, REPORT])
    kept, summed = _edges(neo4j_store)
    assert kept == summed and kept
    for store in (neo4j_store, embedded):
        store.delete_document(FOUNDING.document.id)
    kept, summed = _edges(neo4j_store)
    assert kept == summed and kept
    for store in (neo4j_store, embedded):
        store.add(FOUNDING)
    kept, summed = _edges(neo4j_store)
    assert kept == summed
    first = min(FOUNDING.document.id, REPORT.document.id)  # the document giving first evidence
    for store in (neo4j_store, embedded):
        store.delete_document(first)
    kept, summed = _edges(neo4j_store)
    assert kept == summed and kept
    for store in (neo4j_store, embedded):
        store.add(FOUNDING if first == FOUNDING.document.id else REPORT)
    kept, summed = _edges(neo4j_store)
    assert kept == summed
    # a store written before EDGE existed: no EDGE, no totals node; opening it rebuilds them
    with neo4j_store.driver.session() as session:
        session.run(f"MATCH ()-[g:{cypher.EDGE_TYPE}]->() DELETE g").consume()
        session.run(f"MATCH (g:{cypher.TOTALS_LABEL}) DELETE g").consume()
    reopened = Neo4jStore(neo4j_store.driver, database=neo4j_store.database)
    reopened.ensure_schema()
    kept, summed = _edges(reopened)
    assert kept == summed and kept
    for c in embedded.iter_concepts():
        assert reopened.relations(c.id) == embedded.relations(c.id)
        assert reopened.neighbourhood(c.id, depth=2) == embedded.neighbourhood(c.id, depth=2)


@pytest.mark.neo4j
def test_read_cypher_caps_rows(neo4j_store: Neo4jStore) -> None:
    rows = neo4j_store.run_read_cypher("UNWIND range(1, 1000) AS x RETURN x", {}, row_limit=7, timeout_s=5)
    assert [r["x"] for r in rows] == list(range(1, 8))


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (:Concept {id: 'x'})",
        "MATCH (c:Concept) DETACH DELETE c",
        "MATCH (c:Concept) SET c.name = 'x'",
        "CREATE INDEX evil FOR (n:Concept) ON (n.name)",
    ],
)
def test_read_cypher_refuses_writes(neo4j_store: Neo4jStore, statement: str) -> None:
    neo4j_store.add(FOUNDING)
    before = neo4j_store.stats()
    with pytest.raises(CypherError):
        neo4j_store.run_read_cypher(statement, {}, row_limit=10, timeout_s=5)
    assert neo4j_store.stats() == before


@pytest.mark.neo4j
def test_read_cypher_times_out(neo4j_store: Neo4jStore) -> None:
    slow = "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"
    with pytest.raises(CypherError):
        neo4j_store.run_read_cypher(slow, {}, row_limit=1, timeout_s=0.5)


@pytest.mark.neo4j
def test_row_by_row_loading_writes_the_same_graph(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    assert neo4j_store.add_many([FOUNDING, REPORT], rows_per_transaction=1) == 2
    embedded = NetworkxStore(tmp_path)
    embedded.add_many([FOUNDING, REPORT])
    assert neo4j_store.stats() == embedded.stats()
    assert list(neo4j_store.iter_relations(max_evidence=5)) == list(embedded.iter_relations(max_evidence=5))


def test_unreachable_neo4j_is_store_unavailable(tmp_path: Path) -> None:
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:9", NEO4J_TIMEOUT=2)
    with pytest.raises(StoreUnavailable, match="scripts/neo4j start") as info:
        open_neo4j_store(settings)
    message = str(info.value)
    # one line, though the driver's message has two ("Couldn't connect ...:\nFailed to establish ...")
    assert "\n" not in message and "Connection refused" in message, message
    assert not isinstance(info.value, StoreMisconfigured)

    env = {"KG_STORE": "neo4j", "NEO4J_URI": "bolt://127.0.0.1:9", "KG_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(kg_app, ["documents"], env=env)
    assert result.exit_code == 1
    assert result.output.startswith("error: Neo4j does not answer at bolt://127.0.0.1:9 (")
    assert result.output.count("\n") == 1, result.output


class _RefusingSession:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def __enter__(self) -> _RefusingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def run(self, *args: object, **kwargs: object) -> None:
        raise self.error


class _RefusingDriver:
    """A driver whose server refuses at login (`at_login`) or at the first query."""

    def __init__(self, error: Exception, *, at_login: bool) -> None:
        self.error, self.at_login, self.closed = error, at_login, False

    def verify_connectivity(self) -> None:
        if self.at_login:
            raise self.error

    def session(self, **config: object) -> _RefusingSession:
        return _RefusingSession(self.error)

    def close(self) -> None:
        self.closed = True


# the errors Neo4j 5.26 (auth enabled) answers, as the driver raises them
UNAUTHORIZED = (
    "Neo.ClientError.Security.Unauthorized",
    "The client is unauthorized due to authentication failure.",
)
NO_SCHEME = (
    "Neo.ClientError.Security.Unauthorized",
    "Unsupported authentication token, missing key `scheme`",
)
EXPIRED = (
    "Neo.ClientError.Security.CredentialsExpired",
    "ACCESS on database 'neo4j' is not allowed.\n\nThe credentials you provided were valid, but must be "
    "changed before you can use this instance. If this is the first time you are using Neo4j, this is to "
    "ensure you are not using the default credentials in production.\nTo change your password, issue an "
    "`ALTER CURRENT USER SET PASSWORD FROM 'current password' TO 'new password'` statement against the "
    "system database.",
)


@pytest.mark.parametrize(
    ("error", "password", "at_login", "expected"),
    [
        (
            UNAUTHORIZED,
            "wrong",
            True,
            "Neo4j at bolt://127.0.0.1:7732 refused the login for user neo4j; "
            "check NEO4J_USER/NEO4J_PASSWORD",
        ),
        (
            NO_SCHEME,
            "",
            True,
            "Neo4j at bolt://127.0.0.1:7732 asks for a login, and none was sent (NEO4J_PASSWORD is empty); "
            "set NEO4J_USER/NEO4J_PASSWORD",
        ),
        (
            EXPIRED,
            "neo4j",
            False,
            "Neo4j at bolt://127.0.0.1:7732 accepted the login for user neo4j, but the password must be "
            "changed before use",
        ),
    ],
    ids=["wrong-password", "no-password", "credentials-expired"],
)
def test_a_refused_login_names_the_settings_on_one_line(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: tuple[str, str],
    password: str,
    at_login: bool,
    expected: str,
) -> None:
    """The server answered: no advice to start one, and the message is one line."""
    import kg.store.neo4j as neo4j_module

    drivers: list[_RefusingDriver] = []

    def build(settings: Settings) -> _RefusingDriver:
        drivers.append(_RefusingDriver(_server_error(*error), at_login=at_login))
        return drivers[-1]

    monkeypatch.setattr(neo4j_module, "build_driver", build)
    settings = Settings(
        KG_STORE="neo4j", NEO4J_URI="bolt://127.0.0.1:7732", NEO4J_PASSWORD=password, KG_DATA_DIR=tmp_path
    )
    with pytest.raises(StoreMisconfigured) as info:
        open_neo4j_store(settings)
    message = str(info.value)
    assert message.startswith(expected), message
    assert "\n" not in message and "scripts/neo4j" not in message, message
    assert "NEO4J_PASSWORD" in message
    assert all(d.closed for d in drivers)

    with TestClient(create_app(settings)) as c:
        health = c.get("/health")
        assert health.status_code == 503 and health.json()["detail"] == message, health.text
        r = c.get("/documents")
        assert r.status_code == 503, r.text
        assert r.json()["detail"] == f"the graph store is unavailable: {message}", r.text

    env = {
        "KG_STORE": "neo4j",
        "NEO4J_URI": "bolt://127.0.0.1:7732",
        "NEO4J_PASSWORD": password,
        "KG_DATA_DIR": str(tmp_path),
    }
    result = CliRunner().invoke(kg_app, ["documents"], env=env)
    assert result.exit_code == 1
    assert result.output == f"error: {message}\n"


def test_a_login_refused_later_is_a_configuration_problem_too() -> None:
    """E.g. the password changed while the API runs: the store's own calls say which setting."""
    store = Neo4jStore(
        _RefusingDriver(_server_error(*UNAUTHORIZED), at_login=False), uri="bolt://h:1", user="kg"
    )  # type: ignore[arg-type]

    def fail() -> None:
        raise _server_error(*UNAUTHORIZED)

    with pytest.raises(
        StoreMisconfigured, match=r"^Neo4j at bolt://h:1 refused the login for user kg; check"
    ):
        store._call(fail)


def test_ci_fails_instead_of_skipping_when_neo4j_is_down() -> None:
    target = "tests/contract/test_store_contract.py::test_ingest_counts"
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "NEO4J_URI")}
    base.update(NEO4J_URI="bolt://127.0.0.1:9", NEO4J_TIMEOUT="2")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target]

    in_ci = subprocess.run(command, cwd=ROOT, env={**base, "CI": "true"}, capture_output=True, text=True)
    assert in_ci.returncode == 1, in_ci.stdout[-2000:]
    assert "CI=true requires Neo4j" in in_ci.stdout
    assert "1 passed" in in_ci.stdout  # the networkx variant still ran

    local = subprocess.run(command, cwd=ROOT, env=base, capture_output=True, text=True)
    assert local.returncode == 0, local.stdout[-2000:]
    assert "1 skipped" in local.stdout


@pytest.mark.neo4j
def test_schema_is_created_on_first_use(neo4j_store: Neo4jStore) -> None:
    # through the store's own reads: POST /cypher refuses SHOW commands
    rows = neo4j_store._read(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options "
        "WHERE 'Concept' IN labelsOrTypes OR 'Document' IN labelsOrTypes "
        "RETURN name, type, labelsOrTypes, properties, options.indexConfig AS config"
    )
    by_name = {r["name"]: r for r in rows}
    fulltext = by_name["kg_concept_forms"]
    assert fulltext["type"] == "FULLTEXT" and fulltext["properties"] == ["forms"]
    assert fulltext["config"]["fulltext.analyzer"] == "cjk"
    constraints = neo4j_store._read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes, properties"
    )
    unique = {(r["labelsOrTypes"][0], r["properties"][0]) for r in constraints if r["type"] == "UNIQUENESS"}
    assert {("Concept", "id"), ("Document", "id")} <= unique


def test_transient_errors_mean_unavailable_not_failed() -> None:
    """A database shutting down or starting (TransientError after the driver's retries) is a 503 case."""
    from neo4j.exceptions import ClientError, TransientError

    from kg.store.base import StoreError, StoreUnavailable

    store = Neo4jStore.__new__(Neo4jStore)  # _call does not touch the driver

    def fail(exc: Exception) -> None:
        raise exc

    with pytest.raises(StoreUnavailable, match="temporarily unavailable"):
        store._call(lambda: fail(TransientError("Database 'neo4j' unavailable")))
    with pytest.raises(StoreError) as info:
        store._call(lambda: fail(ClientError("syntax")))
    assert not isinstance(info.value, StoreUnavailable)


def _server_error(code: str, message: str) -> Neo4jError:
    """An error as the driver makes it from a server's FAILURE message."""
    return Neo4jError._hydrate_neo4j(code=code, message=message)


def test_a_missing_database_is_a_configuration_problem() -> None:
    store = Neo4jStore.__new__(Neo4jStore)  # _call does not touch the driver
    store.database = "nosuch"

    def fail(exc: Exception) -> None:
        raise exc

    missing = _server_error("Neo.ClientError.Database.DatabaseNotFound", "Graph not found: nosuch")
    with pytest.raises(StoreMisconfigured, match=r"^Neo4j has no database 'nosuch'; check NEO4J_DATABASE$"):
        store._call(lambda: fail(missing))


@pytest.mark.neo4j
def test_unknown_database_answers_503_everywhere_and_one_cli_line(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    message = "Neo4j has no database 'nosuch'; check NEO4J_DATABASE"
    uri = Settings().neo4j_uri
    settings = Settings(KG_STORE="neo4j", NEO4J_URI=uri, NEO4J_DATABASE="nosuch", KG_DATA_DIR=tmp_path)
    with pytest.raises(StoreMisconfigured, match=re.escape(message)):
        open_neo4j_store(settings)

    with TestClient(create_app(settings)) as c:
        health = c.get("/health")
        assert health.status_code == 503 and health.json()["detail"] == message, health.text
        for url in ("/documents", "/concepts?q=人民", "/communities"):
            r = c.get(url)
            assert r.status_code == 503, (url, r.text)
            assert r.json()["detail"] == f"the graph store is unavailable: {message}", r.text
        r = c.post("/cypher", json={"query": "RETURN 1 AS one"})
        assert r.status_code == 503 and message in r.text, r.text
        assert c.get("/ui/documents").status_code == 503

    env = {"KG_STORE": "neo4j", "NEO4J_URI": uri, "NEO4J_DATABASE": "nosuch", "KG_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(kg_app, ["documents"], env=env)
    assert result.exit_code == 1
    assert result.output == f"error: {message}\n"


@pytest.mark.neo4j
def test_cypher_naming_another_database_is_the_users_error(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(CypherError, match="nosuch"):
        neo4j_store.run_read_cypher("USE nosuch MATCH (n) RETURN n", {}, row_limit=1, timeout_s=5)
