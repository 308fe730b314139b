"""Both stores hold the same graph (the sample corpus, ingested with the real extractor):
the API answers search, related-term, path and subgraph queries identically on both."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.commands.neo4j_tools import embedded_documents, read_extractions
from kg.settings import Settings
from kg.store.neo4j import Neo4jStore
from kg.store.networkx_store import NetworkxStore

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture
def clients(
    sample_data_dir: Path, neo4j_store: Neo4jStore
) -> Iterator[tuple[TestClient, TestClient, NetworkxStore]]:
    embedded = NetworkxStore(sample_data_dir)
    paths = embedded_documents(sample_data_dir)
    assert neo4j_store.add_many(read_extractions(paths)) == len(paths)
    settings = Settings(KG_DATA_DIR=sample_data_dir)
    with (
        TestClient(create_app(settings, store=embedded)) as a,
        TestClient(create_app(settings.model_copy(update={"store": "neo4j"}), store=neo4j_store)) as b,
    ):
        yield a, b, embedded


def names(store: NetworkxStore, n_top: int = 15, n_random: int = 15) -> list[str]:
    concepts = sorted(store.iter_concepts(), key=lambda c: (-c.mention_count, c.name))
    rnd = random.Random(7)
    return [c.name for c in concepts[:n_top]] + [c.name for c in rnd.sample(concepts, n_random)]


def same(a: TestClient, b: TestClient, url: str, **params: Any) -> Any:
    ra, rb = a.get(url, params=params), b.get(url, params=params)
    assert ra.status_code == rb.status_code, url
    assert ra.json() == rb.json(), url
    return ra.json()


def test_stats_and_whole_graph_match(sample_data_dir: Path, neo4j_store: Neo4jStore) -> None:
    embedded = NetworkxStore(sample_data_dir)
    neo4j_store.add_many(read_extractions(embedded_documents(sample_data_dir)))
    assert neo4j_store.stats() == embedded.stats()
    assert list(neo4j_store.iter_concepts()) == list(embedded.iter_concepts())
    assert list(neo4j_store.iter_relations(max_evidence=3)) == list(embedded.iter_relations(max_evidence=3))
    assert neo4j_store.list_documents(limit=1000) == embedded.list_documents(limit=1000)


def test_api_answers_identically(clients: tuple[TestClient, TestClient, NetworkxStore]) -> None:
    a, b, embedded = clients
    picked = names(embedded)
    related = 0
    for name in picked:
        related += same(a, b, f"/concepts/{name}/related", limit=50)["count"]
        same(a, b, f"/concepts/{name}/subgraph", depth=2, max_nodes=60)
        same(a, b, f"/concepts/{name}")
        same(a, b, "/concepts", q=name[:2], limit=20)
    rnd = random.Random(11)
    found = 0
    for _ in range(30):
        x, y = rnd.sample(picked, 2)
        body = same(a, b, "/paths", **{"from": x, "to": y, "max_hops": 4, "limit": 5})
        found += body["count"] > 0
    assert found > 0 and related > 0
