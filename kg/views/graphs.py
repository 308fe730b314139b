"""The concept sets behind the maps that are not a plain neighbourhood: paths, formulas, communities.

Composition over the GraphStore protocol and kg.query; returns (concepts, relations)
ready for `render_graph_map`.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.communities import Community
from kg.model import Category, Concept, Relation, RelationType
from kg.query import Path, resolve
from kg.store.base import GraphStore

MemberGraph = tuple[list[Concept], list[Relation]]


def edges_among(
    store: GraphStore,
    ids: Sequence[str],
    *,
    types: Sequence[RelationType] | None = None,
    per_node: int = 200,
    max_evidence: int = 1,
) -> list[Relation]:
    """The edges joining concepts of `ids` (each node's `per_node` strongest edges are looked at:
    one store call per node, not per pair)."""
    wanted = set(ids)
    found: dict[tuple[str, str, str], Relation] = {}
    for cid in ids:
        for r in store.relations(cid, types=types, limit=per_node, max_evidence=max_evidence):
            if r.head in wanted and r.tail in wanted and r.head != r.tail:
                found.setdefault((r.head, str(r.type), r.tail), r)
    return sorted(found.values(), key=lambda r: (r.head, str(r.type), r.tail))


def path_graph(paths: Sequence[Path]) -> MemberGraph:
    """Every concept and every edge of the given paths (deduplicated)."""
    concepts: dict[str, Concept] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    for p in paths:
        for c in p.concepts:
            concepts.setdefault(c.id, c)
        for step in p.steps:
            for r in step.relations:
                relations.setdefault((r.head, str(r.type), r.tail), r)
    return list(concepts.values()), list(relations.values())


def formula_graph(store: GraphStore, name: str) -> tuple[Concept, list[Concept], list[Relation]]:
    """A formula, its members (in order) and the relations among them.

    Members that are not concepts of their own appear as placeholder nodes
    (id ``member:<name>``, no mentions) joined by a HAS_MEMBER edge with their position.
    """
    formula = resolve(store, name)
    stored = {
        (r.tail if r.head == formula.id else r.head): r
        for r in store.relations(formula.id, types=[RelationType.HAS_MEMBER], limit=200, max_evidence=2)
        if r.head == formula.id
    }
    concepts: list[Concept] = [formula]
    relations: list[Relation] = []
    for position, member in enumerate(formula.members, start=1):
        found = store.find_concept(member)
        if found is None:
            found = Concept(f"member:{member}", member, Category.IDEA)
        if found.id in {c.id for c in concepts}:
            continue
        concepts.append(found)
        rel = stored.pop(found.id, None)
        relations.append(
            rel or Relation(formula.id, RelationType.HAS_MEMBER, found.id, 0, 0.0, position=position)
        )
    for member_id, rel in stored.items():  # HAS_MEMBER edges beyond the listed members
        other = store.get_concept(member_id)
        if other is not None:
            concepts.append(other)
            relations.append(rel)
    member_ids = [c.id for c in concepts[1:] if not c.id.startswith("member:")]
    typed = [t for t in RelationType if t not in (RelationType.CO_OCCURS_WITH, RelationType.HAS_MEMBER)]
    relations.extend(edges_among(store, member_ids, types=typed, max_evidence=2))
    return formula, concepts, relations


def community_graph(store: GraphStore, community: Community, *, max_nodes: int = 60) -> MemberGraph:
    """The community's most central concepts and every edge among them."""
    members = list(community.concepts[:max_nodes])
    return members, edges_among(store, [c.id for c in members])


def communities_overview(
    store: GraphStore, found: Sequence[Community], *, max_nodes: int = 150, per_community: int = 15
) -> tuple[list[Concept], list[Relation], dict[str, int]]:
    """The most central concepts of each community (at most `max_nodes` in all), the edges
    among them, and each concept's community id."""
    chosen: list[Concept] = []
    groups: dict[str, int] = {}
    for com in found:
        for c in com.concepts[:per_community]:
            if len(chosen) >= max_nodes:
                break
            chosen.append(c)
            groups[c.id] = com.id
    return chosen, edges_among(store, [c.id for c in chosen]), groups
