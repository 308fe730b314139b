"""Queries over any GraphStore: search, detail, related terms, paths, subgraphs, timelines.

Pure composition over the `GraphStore` protocol; no store-specific code.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from kg.model import Concept, ConceptDocument, Relation, RelationType
from kg.normalize import normalize_term
from kg.store.base import GraphStore

#: an unknown name longer than this is cut short in the error (a pasted paragraph is no name)
MAX_NAME_SHOWN = 60


class ConceptNotFound(LookupError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; close matches: {', '.join(suggestions)}" if suggestions else ""
        shown = (
            repr(name)
            if len(name) <= MAX_NAME_SHOWN
            else f"{name[:MAX_NAME_SHOWN]!r}… ({len(name):,} characters)"
        )
        super().__init__(f"unknown concept {shown}{hint}")


class InvalidQuery(ValueError):
    """A query argument is out of bounds."""


@dataclass(frozen=True, slots=True)
class RelatedTerm:
    concept: Concept  # the other end
    relation: Relation
    direction: str  # "out" (query concept is head), "in" (it is tail), "both" (symmetric)


@dataclass(frozen=True, slots=True)
class PathStep:
    source: Concept
    target: Concept
    relations: tuple[Relation, ...]  # every edge joining source and target, with evidence


@dataclass(frozen=True, slots=True)
class Path:
    concepts: tuple[Concept, ...]
    steps: tuple[PathStep, ...]


@dataclass(frozen=True, slots=True)
class Subgraph:
    center: Concept
    nodes: tuple[Concept, ...]
    edges: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class ConceptDetail:
    concept: Concept
    related: tuple[RelatedTerm, ...]
    documents: tuple[ConceptDocument, ...]
    members: tuple[Concept | str, ...] = field(default_factory=tuple)


def _bounded(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InvalidQuery(f"{name} must be between {low} and {high}, got {value}")
    return value


def suggest(store: GraphStore, name: str, limit: int = 5) -> list[str]:
    """Names close to `name`: containing it, contained in it, or similar in spelling."""
    key = normalize_term(name)
    if not key:
        return []
    found = [c.name for c in store.search_concepts(key, limit=limit)]
    if len(found) < limit:
        names = store.concept_names()
        found += [n for n in names if n in key and len(n) >= 2 and n not in found][: limit - len(found)]
        for n in difflib.get_close_matches(key, names, n=limit, cutoff=0.5):
            if n not in found:
                found.append(n)
    return found[:limit]


def resolve(store: GraphStore, name: str) -> Concept:
    """The concept named `name` (canonical or alias); ConceptNotFound with suggestions otherwise."""
    if not normalize_term(name):
        raise InvalidQuery("concept name is empty")
    concept = store.find_concept(name)
    if concept is None:
        raise ConceptNotFound(name, suggest(store, name))
    return concept


def search(store: GraphStore, text: str, limit: int = 20) -> list[Concept]:
    _bounded("limit", limit, 1, 200)
    key = normalize_term(text)
    if not key:
        raise InvalidQuery("search text is empty")
    exact = store.find_concept(key)
    hits = store.search_concepts(key, limit=limit)
    if exact is not None:
        hits = [exact, *[c for c in hits if c.id != exact.id]]
    return hits[:limit]


def _direction(rel: Relation, concept_id: str) -> str:
    if rel.type in (RelationType.UNIFIED_WITH, RelationType.CO_OCCURS_WITH):
        return "both"
    return "out" if rel.head == concept_id else "in"


def related(
    store: GraphStore,
    name: str,
    *,
    limit: int = 20,
    types: list[RelationType] | None = None,
    max_evidence: int = 3,
) -> list[RelatedTerm]:
    """Related terms: typed relations first (by evidence count), then co-mentions by discounted PMI
    (`kg.cooccurrence.discounted_pmi`: PMI scaled down for rare pairs and rare concepts)."""
    return related_of(store, resolve(store, name), limit=limit, types=types, max_evidence=max_evidence)


def related_of(
    store: GraphStore,
    concept: Concept,
    *,
    limit: int = 20,
    types: list[RelationType] | None = None,
    max_evidence: int = 3,
) -> list[RelatedTerm]:
    """`related` for a concept already resolved (no second lookup of its name)."""
    _bounded("limit", limit, 1, 200)
    _bounded("max_evidence", max_evidence, 0, 20)
    rels = store.relations(concept.id, types=types, limit=limit, max_evidence=max_evidence)
    others = store.get_concepts([r.tail if r.head == concept.id else r.head for r in rels])
    out: list[RelatedTerm] = []
    for rel in rels:
        other = others.get(rel.tail if rel.head == concept.id else rel.head)
        if other is not None:
            out.append(RelatedTerm(other, rel, _direction(rel, concept.id)))
    return out


def paths(store: GraphStore, source: str, target: str, *, max_hops: int = 4, limit: int = 5) -> list[Path]:
    """Shortest paths between two concepts, every step with the edges (and evidence) joining it."""
    _bounded("max_hops", max_hops, 1, 6)
    _bounded("limit", limit, 1, 20)
    a, b = resolve(store, source), resolve(store, target)
    if a.id == b.id:
        return [Path((a,), ())]
    found = store.shortest_paths(a.id, b.id, max_hops=max_hops, limit=limit)
    concepts = store.get_concepts({cid for ids in found for cid in ids})
    # every step once (steps shared by several paths), all in one call
    pairs = {(ids[i], ids[i + 1]) for ids in found for i in range(len(ids) - 1)}
    edges = store.edges_between_many(pairs) if pairs else {}

    def get(cid: str) -> Concept:
        if cid not in concepts:  # the store changed under us
            raise ConceptNotFound(cid, [])
        return concepts[cid]

    def between(x: str, y: str) -> tuple[Relation, ...]:
        return tuple(edges[(x, y)])

    result = []
    for ids in found:
        nodes = tuple(get(i) for i in ids)
        steps = tuple(
            PathStep(nodes[i], nodes[i + 1], between(ids[i], ids[i + 1])) for i in range(len(ids) - 1)
        )
        result.append(Path(nodes, steps))
    return result


def subgraph(
    store: GraphStore, name: str, *, depth: int = 1, max_nodes: int = 50, include_cooccurrence: bool = True
) -> Subgraph:
    _bounded("depth", depth, 1, 3)
    _bounded("max_nodes", max_nodes, 1, 500)
    center = resolve(store, name)
    types = None if include_cooccurrence else [t for t in RelationType if t != RelationType.CO_OCCURS_WITH]
    nodes, edges = store.neighbourhood(center.id, depth=depth, max_nodes=max_nodes, types=types)
    return Subgraph(center, tuple(nodes), tuple(edges))


def timeline(store: GraphStore, name: str) -> tuple[Concept, list[ConceptDocument], dict[str, int]]:
    """Mentions of a concept per document (by date) and per year."""
    concept = resolve(store, name)
    docs = store.concept_documents(concept.id)
    per_year: Counter[str] = Counter()
    for d in docs:
        per_year[year_of(d.document.date)] += d.mentions
    return concept, docs, dict(sorted(per_year.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))


#: the timeline's key for documents without a date (after every year)
UNDATED = "unknown"


def year_of(date: str | None) -> str:
    """The year of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), `UNDATED` when there is none."""
    return date[:4] if date else UNDATED


def detail(store: GraphStore, name: str, *, limit: int = 50) -> ConceptDetail:
    concept = resolve(store, name)
    rel = related_of(store, concept, limit=limit)
    docs = store.concept_documents(concept.id, limit=200)
    members: list[Concept | str] = []
    for m in concept.members:
        members.append(store.find_concept(m) or m)
    return ConceptDetail(concept, tuple(rel), tuple(docs), tuple(members))
