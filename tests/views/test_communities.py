from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.communities import (
    BETWEENNESS_WORK,
    betweenness_sources,
    build_graph,
    communities,
    community_of,
    concept_graph,
    rank,
)
from kg.model import Category, Concept, Relation, RelationType, concept_id
from kg.store.networkx_store import NetworkxStore


def _c(name: str) -> Concept:
    return Concept(concept_id(name), name, Category.IDEA, mention_count=1)


def test_two_cliques_are_two_named_communities() -> None:
    left, right = [_c(n) for n in "ABCD"], [_c(n) for n in "WXYZ"]
    rels = []
    for group in (left, right):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                rels.append(Relation(a.id, RelationType.CO_OCCURS_WITH, b.id, 3, 1.0))
    rels.append(Relation(left[0].id, RelationType.CO_OCCURS_WITH, right[0].id, 1, 0.1))
    rels.append(Relation(left[0].id, RelationType.PROMOTES, left[1].id, 2, 2.0))
    g = build_graph(left + right + [_c("lonely")], rels)
    found = communities(g)
    assert [{c.name for c in com.concepts} for com in found] == [set("ABCD"), set("WXYZ")]
    assert found[0].name.split("・")[0] == "A"  # most central first
    assert found == communities(g)  # seeded: stable
    assert "lonely" not in {c.name for com in found for c in com.concepts}
    assert set(community_of(found).values()) == {0, 1}


def test_rank_and_measures(store: NetworkxStore) -> None:
    g = concept_graph(store)
    for measure in ("degree", "strength", "betweenness"):
        ranked = rank(g, measure, limit=3)
        assert len(ranked) == 3
        assert ranked == sorted(ranked, key=lambda r: -r.score)
    assert rank(g, "strength", limit=1)[0].concept.name in {"全过程人民民主", "党的领导", "人民当家作主"}
    with pytest.raises(ValueError):
        rank(g, "pagerank")


def test_betweenness_on_a_corpus_sized_graph_stays_within_its_work_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the sample corpus's graph (3,500 concepts, 12,000 edges): 800 sampled sources took 20 s,
    # so GET /centrality?measure=betweenness always ran into the request timeout (504)
    shape = nx.gnm_random_graph(3500, 12000, seed=1)
    g = build_graph(
        [_c(f"c{n}") for n in shape],
        [
            Relation(concept_id(f"c{a}"), RelationType.CO_OCCURS_WITH, concept_id(f"c{b}"), 1, 1.0)
            for a, b in shape.edges
        ],
    )
    sources: list[int] = []
    real = nx.betweenness_centrality

    def counted(graph: nx.Graph, k: int | None = None, **kw: Any) -> Any:
        sources.append(len(graph) if k is None else k)
        return real(graph, k=k, **kw)

    monkeypatch.setattr(nx, "betweenness_centrality", counted)
    ranked = rank(g, "betweenness", limit=5)
    assert len(ranked) == 5 and ranked[0].score > 0
    assert sources[0] * (g.number_of_nodes() + g.number_of_edges()) <= BETWEENNESS_WORK
    # a small graph is measured exactly, from every concept
    assert betweenness_sources(build_graph([_c(n) for n in "ABC"], [])) is None
