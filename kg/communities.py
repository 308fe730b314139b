"""Communities (Louvain, fixed seed) and centrality over the concept graph.

`concept_graph` reads the whole graph through the GraphStore protocol;
everything else is pure over a networkx graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.model import Concept, Relation, RelationType
from kg.store.base import GraphStore

SEED = 42
#: a typed relation stated once weighs as much as this many co-mentions
TYPED_WEIGHT = 3.0
MEASURES = ("degree", "strength", "betweenness")
#: betweenness runs one breadth-first search per source, each costing about nodes + edges steps;
#: above this many steps in all the sources are sampled (a few seconds at most, within a request's
#: timeout: the sample corpus's graph, 3,500 concepts and 12,000 edges, took 20 s with 800 sources)
BETWEENNESS_WORK = 1_000_000
#: the fewest sampled sources, however large the graph
BETWEENNESS_MIN_SOURCES = 20


@dataclass(frozen=True, slots=True)
class Community:
    id: int  # 0 = the largest
    name: str  # its most central concepts, joined
    concepts: tuple[Concept, ...]  # most central first
    internal_edges: int


@dataclass(frozen=True, slots=True)
class Ranked:
    concept: Concept
    score: float


def build_graph(concepts: Iterable[Concept], relations: Iterable[Relation]) -> nx.Graph:
    """Undirected weighted graph: node = concept id (attribute `concept`), one edge per pair,
    weight = co-mentions + TYPED_WEIGHT x typed evidence."""
    g = nx.Graph()
    for c in concepts:
        g.add_node(c.id, concept=c)
    for r in relations:
        if r.head == r.tail or r.head not in g or r.tail not in g:
            continue
        w = float(r.count) * (1.0 if r.type == RelationType.CO_OCCURS_WITH else TYPED_WEIGHT)
        if g.has_edge(r.head, r.tail):
            g[r.head][r.tail]["weight"] += w
        else:
            g.add_edge(r.head, r.tail, weight=w)
    return g


def concept_graph(store: GraphStore) -> nx.Graph:
    return build_graph(store.iter_concepts(), store.iter_relations(max_evidence=0))


def _concept(g: nx.Graph, node: str) -> Concept:
    c: Concept = g.nodes[node]["concept"]
    return c


def centrality(g: nx.Graph, measure: str = "strength") -> dict[str, float]:
    """degree: share of other concepts linked; strength: summed edge weight;
    betweenness: share of shortest paths through a concept (from a sample of sources when every
    source would take more than BETWEENNESS_WORK steps)."""
    if measure == "degree":
        return dict(nx.degree_centrality(g)) if len(g) > 1 else {n: 0.0 for n in g}
    if measure == "strength":
        return {n: float(d) for n, d in g.degree(weight="weight")}
    if measure == "betweenness":
        return dict(nx.betweenness_centrality(g, k=betweenness_sources(g), seed=SEED, weight=None))
    raise ValueError(f"unknown centrality measure {measure!r}; choose one of {', '.join(MEASURES)}")


def betweenness_sources(g: nx.Graph) -> int | None:
    """How many sources betweenness samples in `g`: None (every node) when that stays within
    BETWEENNESS_WORK, else as many as fit in it (BETWEENNESS_MIN_SOURCES at least)."""
    size: int = g.number_of_nodes() + g.number_of_edges()
    if len(g) * size <= BETWEENNESS_WORK:
        return None
    return min(len(g), max(BETWEENNESS_MIN_SOURCES, BETWEENNESS_WORK // size))


def rank(g: nx.Graph, measure: str = "strength", limit: int = 50) -> list[Ranked]:
    scores = centrality(g, measure)
    order = sorted(g.nodes, key=lambda n: (-scores[n], _concept(g, n).name))
    return [Ranked(_concept(g, n), round(scores[n], 6)) for n in order[:limit]]


def communities(g: nx.Graph, *, resolution: float = 1.0, name_size: int = 3) -> list[Community]:
    """Louvain communities (seed fixed, so the answer is stable), largest first; isolated
    concepts are left out. Each is named by its `name_size` most central members
    (weighted degree inside the community)."""
    linked = g.subgraph([n for n in g if g.degree(n) > 0])
    if linked.number_of_nodes() == 0:
        return []
    parts = nx.algorithms.community.louvain_communities(
        linked, weight="weight", resolution=resolution, seed=SEED
    )
    ranked_parts = []
    for part in parts:
        sub = linked.subgraph(part)
        strength = dict(sub.degree(weight="weight"))
        members = sorted(part, key=lambda n: (-strength[n], _concept(g, n).name))
        ranked_parts.append((members, sub.number_of_edges()))
    ranked_parts.sort(key=lambda p: (-len(p[0]), _concept(g, p[0][0]).name))
    out = []
    for i, (members, n_edges) in enumerate(ranked_parts):
        concepts = tuple(_concept(g, n) for n in members)
        out.append(Community(i, "・".join(c.name for c in concepts[:name_size]), concepts, n_edges))
    return out


def community_of(found: Iterable[Community]) -> dict[str, int]:
    """concept id -> community id."""
    return {c.id: com.id for com in found for c in com.concepts}
