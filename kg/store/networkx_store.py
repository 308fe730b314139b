"""The embedded, zero-setup store: networkx in memory, one JSON file per document on disk.

Layout of the data directory::

    documents/<document id>.json   one document's extraction (the source of truth)

Each file is written atomically (temporary file, fsync, rename), so an
interrupted ingest leaves every document either wholly stored or absent. The
in-memory aggregate is rebuilt from the files on open, and re-read when another
process changed the folder. A `.json` file there that holds no document makes the store
refuse to serve (StoreCorrupt, naming the file) rather than serve a graph without it.
"""

from __future__ import annotations

import errno
import fcntl
import functools
import heapq
import json
import os
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import networkx as nx

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
    concept_id,
)
from kg.normalize import normalize_term
from kg.serialize import InvalidExtraction, extraction_from_json, extraction_to_dict
from kg.store.aggregate import CO, EdgeKey, GraphAggregate, edge_key
from kg.store.base import (
    StoreCorrupt,
    StoreMisconfigured,
    StoreNotFound,
    StoreUnavailable,
    admit_neighbours,
)

#: why a folder this process may read cannot be written: a read-only mount, another user's folder
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


F = TypeVar("F", bound=Callable[..., Any])


def _locked(method: F) -> F:
    """Run a public method under the store's in-process lock (threads share one instance);
    a file-system failure is StoreUnavailable, as an unreachable Neo4j is."""

    @functools.wraps(method)
    def wrapper(self: NetworkxStore, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except OSError as exc:
                raise self._unavailable(exc) from exc

    return cast(F, wrapper)


def read_document_file(path: Path) -> DocumentExtraction:
    """The document stored in `path`; StoreCorrupt, naming the file and what is wrong with it,
    when the file holds none (OSError when it cannot be read)."""
    raw = path.read_bytes()
    try:
        return extraction_from_json(raw)
    except InvalidExtraction as e:
        raise StoreCorrupt(
            f"store file {path} {e}; move it out of {path.parent} (or restore it from a backup) "
            "to use the graph again"
        ) from None


def documents_dir(data_dir: Path) -> Path:
    """The folder that holds a store's documents: its presence says `data_dir` holds a store."""
    return Path(data_dir) / "documents"


class NetworkxStore:
    """GraphStore over networkx, persisted under `data_dir`.

    Safe for threads sharing an instance (one lock) and for processes sharing a
    folder: writers hold an exclusive lock on `.write.lock`; readers re-read the
    folder when it changed.

    With `create=False` the folder must already hold a store (its `documents/` folder):
    StoreNotFound otherwise, and nothing is created.
    """

    def __init__(self, data_dir: Path, *, create: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.doc_dir = documents_dir(self.data_dir)
        if create:
            self.doc_dir.mkdir(parents=True, exist_ok=True)
        elif not self.doc_dir.is_dir():
            raise StoreNotFound(f"no graph at {self.data_dir}; run kg ingest PATH first")
        self._lock_path = self.data_dir / ".write.lock"
        self._lock = threading.RLock()
        self._docs: dict[str, DocumentExtraction] = {}
        self._agg = GraphAggregate()
        self._stamp: tuple[int, int] | None = None
        self._remove_torn_writes()
        self._load()

    def _unavailable(self, exc: OSError) -> StoreUnavailable:
        """The error to raise when the data folder cannot be read or written."""
        if isinstance(exc, FileNotFoundError) and not os.path.isdir(self.doc_dir):
            return StoreUnavailable(
                f"the data folder {self.doc_dir} is gone (deleted or unmounted?); "
                "restore it, or restart with another KG_DATA_DIR"
            )
        return StoreUnavailable(f"cannot read or write the data folder {self.data_dir}: {exc}")

    def _open_lock_file(self) -> IO[bytes]:
        """`.write.lock`, opened to be locked (created when missing): needs write access."""
        return open(self._lock_path, "a+b")

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        """Exclusive across processes: one writer at a time per data folder. StoreMisconfigured
        when the folder is read-only to this process (reads need no lock and still work)."""
        try:
            fh = self._open_lock_file()
        except OSError as exc:
            if exc.errno not in NOT_WRITABLE:
                raise
            raise StoreMisconfigured(
                f"cannot write to the data folder {self.data_dir} ({exc.filename}: {exc.strerror}); "
                "the graph can be read, but adding or deleting documents needs write access to it"
            ) from exc
        with fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _remove_torn_writes(self) -> None:
        """Delete temporary files of interrupted writes, unless a writer is at work right now or
        the folder is read-only to this process: reading needs no write access, and the leftovers
        are never read (the next process to open the folder with write access removes them)."""
        try:
            fh = self._open_lock_file()
        except OSError as exc:
            if exc.errno in NOT_WRITABLE:
                return
            raise
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            try:
                for leftover in self.doc_dir.glob(".*.tmp"):
                    leftover.unlink(missing_ok=True)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # ---- persistence -------------------------------------------------------------

    def _folder_stamp(self) -> tuple[int, int]:
        st = self.doc_dir.stat()
        return (st.st_mtime_ns, st.st_ino)

    def _load(self) -> None:
        """Rebuild the graph from the files; on StoreCorrupt (one file holds no document) the
        graph read before stays, and the next call tries again."""
        docs: dict[str, DocumentExtraction] = {}
        agg = GraphAggregate()
        for path in sorted(self.doc_dir.glob("*.json")):
            try:
                x = read_document_file(path)
            except FileNotFoundError:  # deleted by another process while we list
                continue
            if path.name != f"{x.document.id}.json":  # a copy (counted twice) or a renamed file
                raise StoreCorrupt(
                    f"store file {path} holds document {x.document.id}, which is stored as "
                    f"{x.document.id}.json (a copy or a renamed file?); move it out of {self.doc_dir} "
                    "to use the graph again"
                )
            docs[x.document.id] = x
            agg.add(x)
        self._docs, self._agg = docs, agg
        self._stamp = self._folder_stamp()

    def _sync(self) -> None:
        """Re-read the folder when another process added or deleted documents."""
        if self._folder_stamp() != self._stamp:
            self._load()

    def _doc_path(self, document_id: str) -> Path:
        if not document_id.isalnum():
            raise ValueError(f"invalid document id {document_id!r}")
        return self.doc_dir / f"{document_id}.json"

    # ---- writes ------------------------------------------------------------------

    @_locked
    def add(self, extraction: DocumentExtraction) -> bool:
        doc_id = extraction.document.id
        payload = json.dumps(extraction_to_dict(extraction), ensure_ascii=False).encode("utf-8")
        with self._write_lock():
            self._sync()
            if doc_id in self._docs:
                return False
            write_atomically(self._doc_path(doc_id), payload)
            self._docs[doc_id] = extraction
            self._agg.add(extraction)
            self._stamp = self._folder_stamp()
        return True

    @_locked
    def add_many(self, extractions: Iterable[DocumentExtraction]) -> int:
        return sum(1 for x in extractions if self.add(x))

    @_locked
    def delete_document(self, document_id: str) -> bool:
        with self._write_lock():
            self._sync()
            x = self._docs.pop(document_id, None)
            if x is None:
                return False
            self._doc_path(document_id).unlink(missing_ok=True)
            self._agg.remove(x)
            self._stamp = self._folder_stamp()
        return True

    @_locked
    def flush(self) -> None:  # every add is durable when it returns
        return None

    @_locked
    def close(self) -> None:
        return None

    # ---- documents ---------------------------------------------------------------

    @_locked
    def has_document(self, document_id: str) -> bool:
        self._sync()
        return document_id in self._docs

    @_locked
    def get_document(self, document_id: str) -> Document | None:
        self._sync()
        x = self._docs.get(document_id)
        return x.document if x else None

    @staticmethod
    def _info(x: DocumentExtraction) -> DocumentInfo:
        return DocumentInfo.of(x.document, x.mentions)

    @_locked
    def list_documents(self, offset: int = 0, limit: int = 100) -> list[DocumentInfo]:
        self._sync()
        docs = sorted(
            self._docs.values(), key=lambda x: (x.document.date or "", x.document.title, x.document.id)
        )
        return [self._info(x) for x in docs[offset : offset + limit]]

    @_locked
    def document_count(self) -> int:
        self._sync()
        return len(self._docs)

    @_locked
    def document_mentions(self, document_id: str) -> list[Mention]:
        self._sync()
        x = self._docs.get(document_id)
        return sorted(x.mentions, key=lambda m: (m.start, m.end)) if x else []

    # ---- concepts ----------------------------------------------------------------

    @_locked
    def get_concept(self, concept_id: str) -> Concept | None:
        self._sync()
        return self._agg.concept(concept_id)

    @_locked
    def get_concepts(self, concept_ids: Collection[str]) -> dict[str, Concept]:
        self._sync()
        found = ((cid, self._agg.concept(cid)) for cid in set(concept_ids))
        return {cid: c for cid, c in found if c is not None}

    @_locked
    def find_concept(self, name: str) -> Concept | None:
        self._sync()
        form = normalize_term(name)
        direct = self._agg.concept(concept_id(form))
        if direct is not None:
            return direct
        bucket = self._agg.alias_index.get(form)
        if not bucket:
            return None
        candidates = [c for c in (self._agg.concept(cid) for cid in bucket) if c is not None]
        candidates.sort(key=lambda c: (-c.mention_count, c.name))
        return candidates[0] if candidates else None

    @_locked
    def search_concepts(self, text: str, limit: int = 20) -> list[Concept]:
        self._sync()
        key = normalize_term(text)
        if not key:
            return []
        hits: dict[str, Concept] = {}
        for form, bucket in self._agg.alias_index.items():
            if key in form:
                for cid in bucket:
                    c = self._agg.concept(cid)
                    if c is not None:
                        hits[cid] = c
        ranked = sorted(hits.values(), key=lambda c: (c.name != key, -c.mention_count, len(c.name), c.name))
        return ranked[:limit]

    @_locked
    def concept_names(self, limit: int = 100_000) -> list[str]:
        self._sync()
        return sorted(a.name for a in self._agg.concepts.values())[:limit]

    @_locked
    def concept_documents(self, concept_id: str, limit: int = 1000) -> list[ConceptDocument]:
        self._sync()
        agg = self._agg.concepts.get(concept_id)
        if agg is None:
            return []
        out = []
        for doc_id in agg.documents:
            x = self._docs[doc_id]
            out.append(ConceptDocument(self._info(x), sum(1 for m in x.mentions if m.name == agg.name)))
        out.sort(key=lambda cd: (cd.document.date or "", cd.document.title, cd.document.id))
        return out[:limit]

    # ---- edges and walks ---------------------------------------------------------

    def _ranked_keys(
        self, cid: str, types: Collection[RelationType] | None, limit: int | None = None
    ) -> list[EdgeKey]:
        """Incident edge keys in the order of `relations` (ranked on the aggregate, no Relation built)."""
        keys = list(self._agg.incident(cid, types))

        def rank(key: EdgeKey) -> tuple[int, float, str, str, str]:
            return self._agg.edge_rank(key, cid)

        if limit is not None and limit < len(keys):
            return heapq.nsmallest(limit, keys, key=rank)
        keys.sort(key=rank)
        return keys

    @_locked
    def relations(
        self,
        concept_id: str,
        *,
        types: Collection[RelationType] | None = None,
        limit: int = 50,
        max_evidence: int = 3,
    ) -> list[Relation]:
        self._sync()
        return [self._agg.relation(k, max_evidence) for k in self._ranked_keys(concept_id, types, limit)]

    @_locked
    def edges_between(self, a: str, b: str, *, max_evidence: int = 3) -> list[Relation]:
        self._sync()
        if not self._agg.adjacency.has_edge(a, b):
            return []
        keys: set[EdgeKey] = self._agg.adjacency[a][b]["keys"]
        rels = [self._agg.relation(k, max_evidence) for k in keys]
        rels.sort(key=lambda r: (r.type == CO, str(r.type), r.head))
        return rels

    @_locked
    def edges_between_many(
        self, pairs: Collection[tuple[str, str]], *, max_evidence: int = 3
    ) -> dict[tuple[str, str], list[Relation]]:
        return {(a, b): self.edges_between(a, b, max_evidence=max_evidence) for a, b in pairs}

    @_locked
    def shortest_paths(self, a: str, b: str, *, max_hops: int = 4, limit: int = 5) -> list[list[str]]:
        self._sync()
        g = self._agg.adjacency
        if a not in g or b not in g:
            return []
        if a == b:
            return [[a]]
        names = self._agg.concepts
        return _first_shortest_paths(g, a, b, max_hops, limit, key=lambda n: names[n].name)

    @_locked
    def neighbourhood(
        self,
        center: str,
        *,
        depth: int = 1,
        max_nodes: int = 50,
        types: Collection[RelationType] | None = None,
    ) -> tuple[list[Concept], list[Relation]]:
        self._sync()
        if center not in self._agg.concepts:
            return [], []
        chosen = [center]
        seen = {center}
        frontier = [center]
        for _ in range(depth):
            nxt: list[str] = []
            for node in frontier:
                if len(chosen) >= max_nodes:
                    break
                others = (k[2] if k[0] == node else k[0] for k in self._ranked_keys(node, types))
                nxt += admit_neighbours(others, seen, chosen, max_nodes)
            frontier = nxt
        concepts = [c for c in (self._agg.concept(n) for n in chosen) if c is not None]
        edges: dict[EdgeKey, Relation] = {}
        for n in chosen:
            for k in self._agg.incident(n, types):
                if k not in edges and k[0] in seen and k[2] in seen:
                    edges[k] = self._agg.relation(k, 1)
        ordered = sorted(edges.values(), key=lambda r: (r.head, str(r.type), r.tail))
        return concepts, ordered

    # ---- whole graph -------------------------------------------------------------

    @_locked
    def stats(self) -> GraphStats:
        self._sync()
        by_type: dict[str, int] = {}
        for _, rtype, _ in self._agg.edges:
            by_type[str(rtype)] = by_type.get(str(rtype), 0) + 1
        co = by_type.get(str(CO), 0)
        return GraphStats(
            documents=len(self._docs),
            concepts=len(self._agg.concepts),
            relations=len(self._agg.edges) - co,
            cooccurrences=co,
            sentences=self._agg.total_sentences,
            by_type=dict(sorted(by_type.items())),
        )

    # the iterators take a consistent snapshot under the lock, then yield from it

    @_locked
    def iter_concepts(self) -> Iterator[Concept]:
        self._sync()
        found = (self._agg.concept(cid) for cid in sorted(self._agg.concepts))
        return iter([c for c in found if c is not None])

    @_locked
    def iter_relations(self, *, max_evidence: int = 1) -> Iterator[Relation]:
        self._sync()
        keys = sorted(self._agg.edges, key=lambda k: (k[0], str(k[1]), k[2]))
        return iter([self._agg.relation(key, max_evidence) for key in keys])


def _first_shortest_paths(
    g: nx.Graph, a: str, b: str, max_hops: int, limit: int, key: Callable[[str], str]
) -> list[list[str]]:
    """The `limit` first shortest a-b paths (at most `max_hops` edges) in the order of their nodes'
    `key`s, found without listing every shortest path.

    A bidirectional breadth-first search, expanding the smaller frontier a level at a time, stops at
    the first level where the two searches meet; every shortest path crosses that middle layer
    once. Paths are then walked depth first, neighbours in key order, from `a` through the middle
    layer to `b`, so they come out sorted and the walk stops after `limit` of them.
    """
    dist = ({a: 0}, {b: 0})
    pred: tuple[dict[str, list[str]], dict[str, list[str]]] = ({a: []}, {b: []})
    frontier = ([a], [b])
    level = [0, 0]
    middle: list[str] = []
    while frontier[0] and frontier[1] and level[0] + level[1] < max_hops:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        d, p, other = dist[side], pred[side], dist[1 - side]
        nxt: list[str] = []
        for u in frontier[side]:
            for w in g[u]:
                if w not in d:
                    d[w] = level[side] + 1
                    p[w] = [u]
                    nxt.append(w)
                elif d[w] == level[side] + 1:
                    p[w].append(u)
        level[side] += 1
        frontier = (nxt, frontier[1]) if side == 0 else (frontier[0], nxt)
        middle = [w for w in nxt if w in other]
        if middle:
            break
    if not middle:
        return []
    # the a-side part of the path DAG: the ancestors of the middle layer, with their children
    children: dict[str, list[str]] = {}
    on_path = set(middle)
    layer = set(middle)
    while layer:
        up: set[str] = set()
        for w in layer:
            for u in pred[0].get(w, []):
                children.setdefault(u, []).append(w)
                if u not in on_path:
                    on_path.add(u)
                    up.add(u)
        layer = up
    middle_set = set(middle)
    found: list[list[str]] = []

    def toward_b(path: list[str]) -> bool:  # from a middle node, follow pred[1] to b
        node = path[-1]
        if node == b:
            found.append(list(path))
            return len(found) >= limit
        for nxt_node in sorted(pred[1][node], key=key):
            path.append(nxt_node)
            stop = toward_b(path)
            path.pop()
            if stop:
                return True
        return False

    def from_a(path: list[str]) -> bool:
        node = path[-1]
        if node in middle_set:
            return toward_b(path)
        for nxt_node in sorted(set(children.get(node, [])), key=key):
            path.append(nxt_node)
            stop = from_a(path)
            path.pop()
            if stop:
                return True
        return False

    from_a([a])
    return found


__all__ = ["NetworkxStore", "edge_key", "read_document_file", "write_atomically"]
