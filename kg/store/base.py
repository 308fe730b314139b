"""The storage contract every graph store implements.

Contract (checked by tests/contract/ against every store):

* Documents are the unit of change. `add` stores one document's extraction
  and returns False, changing nothing, when a document with that id is
  already stored. `delete_document` removes the document, its mentions and
  evidence, and every aggregated edge no other document supports.
* Concepts are identified by `kg.model.concept_id(canonical name)`. A
  concept's aliases, counts and category are aggregated over the documents
  that mention it (category: the most frequent, ties broken by name order).
* Aggregated relations are keyed by (head id, type, tail id); UNIFIED_WITH and
  CO_OCCURS_WITH are symmetric and keyed with head id < tail id. `count` sums
  the evidence over documents; `weight` is `count` for typed relations and,
  for co-occurrence, `kg.cooccurrence.discounted_pmi` (PMI scaled down for
  rare counts), with the raw PMI in `pmi`. At most `max_evidence` evidence items are
  returned per edge, ordered by (document id, start).
* Co-occurrence: two distinct concepts mentioned in the same sentence; PMI is
  log2(n_ab * N / (n_a * n_b)) over sentence counts (N: all sentences).
* Paths are sequences of concept ids over the undirected union of all edge
  types; `shortest_paths` returns every shortest path up to `limit`, sorted
  by the names of their nodes.
* Every read is bounded by its arguments; no method returns an unbounded list
  except the `iter_*` methods used for export.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Protocol, runtime_checkable

from kg.model import (
    Concept,
    ConceptDocument,
    Document,
    DocumentExtraction,
    DocumentInfo,
    GraphStats,
    Mention,
    Relation,
    RelationType,
)


def admit_neighbours(others: Iterable[str], seen: set[str], chosen: list[str], max_nodes: int) -> list[str]:
    """One concept's step of the breadth-first walk of `GraphStore.neighbourhood`: its
    neighbours `others` (strongest edge first) not seen yet are added to `seen` and `chosen`
    until `chosen` holds `max_nodes`; returns those added (the next frontier's share)."""
    added: list[str] = []
    for other in others:
        if other in seen:
            continue
        if len(chosen) >= max_nodes:
            break
        seen.add(other)
        chosen.append(other)
        added.append(other)
    return added


class StoreError(RuntimeError):
    """The store cannot serve the request (e.g. the database is unreachable)."""


class StoreUnavailable(StoreError):
    """The backing service is down; callers may retry later."""


class StoreMisconfigured(StoreUnavailable):
    """The store cannot be used as configured (e.g. Neo4j has no database of that name): the
    settings must change; retrying does not help. Unavailable all the same (HTTP 503)."""


class StoreCorrupt(StoreMisconfigured):
    """A file of the embedded store cannot be read as a document (not JSON, not the stored
    format): the store refuses to open, naming the file, rather than serve a graph without it."""


class StoreNotFound(StoreMisconfigured):
    """The embedded store's folder holds no graph, and the caller asked not to create one
    (a read-only command on a KG_DATA_DIR nothing was ingested into)."""


@runtime_checkable
class GraphStore(Protocol):
    # ---- writes -------------------------------------------------------------
    def add(self, extraction: DocumentExtraction) -> bool:
        """Store one document's facts; False (and no change) if already stored."""
        ...

    def add_many(self, extractions: Iterable[DocumentExtraction]) -> int:
        """Store many documents (batched where the store can); returns how many were new (each
        other one, with its own id, was already stored and is left unchanged)."""
        ...

    def delete_document(self, document_id: str) -> bool:
        """Remove a document and everything only it supported; False if unknown."""
        ...

    def flush(self) -> None:
        """Make every write so far durable."""
        ...

    def close(self) -> None: ...

    # ---- documents ----------------------------------------------------------
    def has_document(self, document_id: str) -> bool: ...

    def get_document(self, document_id: str) -> Document | None: ...

    def list_documents(self, offset: int = 0, limit: int = 100) -> list[DocumentInfo]:
        """Documents ordered by (date, title, id)."""
        ...

    def document_count(self) -> int:
        """How many documents are stored (`stats().documents`, without counting the rest)."""
        ...

    def document_mentions(self, document_id: str) -> list[Mention]:
        """The concept mentions of one document, ordered by start offset."""
        ...

    # ---- concepts -----------------------------------------------------------
    def get_concept(self, concept_id: str) -> Concept | None: ...

    def get_concepts(self, concept_ids: Collection[str]) -> dict[str, Concept]:
        """Many concepts by id in one call (unknown ids are left out)."""
        ...

    def find_concept(self, name: str) -> Concept | None:
        """Exact lookup by canonical name or alias (after kg.normalize.normalize_term)."""
        ...

    def search_concepts(self, text: str, limit: int = 20) -> list[Concept]:
        """Concepts whose name or an alias contains `text`, most mentioned first."""
        ...

    def concept_names(self, limit: int = 100_000) -> list[str]:
        """Canonical names (and aliases) for fuzzy suggestions."""
        ...

    def concept_documents(self, concept_id: str, limit: int = 1000) -> list[ConceptDocument]:
        """Documents mentioning a concept, ordered by (date, title)."""
        ...

    # ---- edges and graph walks ----------------------------------------------
    def relations(
        self,
        concept_id: str,
        *,
        types: Collection[RelationType] | None = None,
        limit: int = 50,
        max_evidence: int = 3,
    ) -> list[Relation]:
        """Aggregated edges incident to a concept (either direction).

        Ordered: typed relations by count desc, then CO_OCCURS_WITH by weight
        (discounted PMI) desc; ties by the other end's name, then type, then head id.
        """
        ...

    def edges_between(self, a: str, b: str, *, max_evidence: int = 3) -> list[Relation]:
        """All aggregated edges joining two concepts, either direction."""
        ...

    def edges_between_many(
        self, pairs: Collection[tuple[str, str]], *, max_evidence: int = 3
    ) -> dict[tuple[str, str], list[Relation]]:
        """`edges_between(a, b)` for every pair (a, b), in one call (the steps of some paths)."""
        ...

    def shortest_paths(self, a: str, b: str, *, max_hops: int = 4, limit: int = 5) -> list[list[str]]:
        """Shortest paths (concept id sequences) between two concepts."""
        ...

    def neighbourhood(
        self,
        center: str,
        *,
        depth: int = 1,
        max_nodes: int = 50,
        types: Collection[RelationType] | None = None,
    ) -> tuple[list[Concept], list[Relation]]:
        """The ego graph around a concept: breadth-first, strongest edges first,
        at most `max_nodes` nodes, and every edge among the chosen nodes."""
        ...

    # ---- whole graph ---------------------------------------------------------
    def stats(self) -> GraphStats: ...

    def iter_concepts(self) -> Iterator[Concept]: ...

    def iter_relations(self, *, max_evidence: int = 1) -> Iterator[Relation]: ...
