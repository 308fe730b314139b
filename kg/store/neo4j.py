"""GraphStore over Neo4j (5.26), through the official driver.

The driver is injected (`Neo4jStore(driver, database=...)`); `open_neo4j_store`
builds one from Settings. Cypher text comes from `kg.store.cypher`; this module
only moves parameters and rows. The graph layout is described there. The pure
parts live beside it: the rows a write sends (`kg.store.neo4j_load_plan`), the
model objects made of the rows a read returns and their ranking
(`kg.store.neo4j_rows`), and the wording of Neo4j's errors
(`kg.store.neo4j_errors`).

Semantics follow the `GraphStore` contract exactly as the embedded store does
(the contract suite in tests/contract/ compares them): per-document facts are
stored per document, concept aggregates are kept on the Concept node and
updated in the same transaction as the documents that change them, and
ordering by strings happens in Python (Neo4j orders strings by UTF-16 units,
Python by code points).

Reads aim at one round trip per call: queries rank edges inside Cypher and cut
the ranking with some slack (ties kept, `cypher.RANK_SLACK`), returning only
the rows that can be chosen; Python (`neo4j_rows.rank_rows`) then orders those
exactly (names, the discounted PMI as the embedded store computes it) and keeps
what was asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import chain, islice, repeat
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import (
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

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
from kg.settings import Settings
from kg.store import cypher
from kg.store.base import StoreError, StoreUnavailable, admit_neighbours
from kg.store.neo4j_errors import DATABASE_NOT_FOUND, configuration_problem, names_other_database, one_line
from kg.store.neo4j_load_plan import (
    ConceptDelta,
    LoadPlan,
    batched,
    concept_props,
    document_batches,
    plan_documents,
)
from kg.store.neo4j_rows import (
    concept_from_row,
    ego_edge,
    fulltext_phrase,
    info_from_row,
    rank_rows,
    relation_from_row,
    relation_type_names,
)
from kg.store.user_cypher import (
    EXPLAIN,
    USER_ERROR_PREFIXES,
    CypherError,
    jsonable,
    refuse_unless_read_only,
    without_explain,
)

T = TypeVar("T")
Row = dict[str, Any]
CO = RelationType.CO_OCCURS_WITH
DEFAULT_BATCH = 200  # documents per write transaction
MAX_BATCH_CHARS = 3_000_000  # and at most this much text (about 120k relationships)
#: frontier concepts asked per query in a level of `neighbourhood`: growing, then the last size
FRONTIER_CHUNKS = (4, 16, 64, 256)

# ---------------------------------------------------------------------------
# the store
# ---------------------------------------------------------------------------


class Neo4jStore:
    """GraphStore over a Neo4j database reached through an injected driver."""

    # defaults for a store made without __init__ (tests of `_call`)
    database: str = "neo4j"
    uri: str | None = None
    user: str | None = None
    login_sent: bool = True

    def __init__(
        self,
        driver: Driver,
        *,
        database: str = "neo4j",
        batch_size: int = DEFAULT_BATCH,
        read_timeout_s: float | None = None,
        uri: str | None = None,
        user: str | None = None,
        login_sent: bool = True,
    ) -> None:
        """`read_timeout_s` bounds every read transaction (NEO4J_TIMEOUT); writes are not
        bounded, since one batch of large documents may take longer. `uri`, `user` and
        `login_sent` (the driver's, as far as known) only word the errors."""
        self.driver = driver
        self.database = database
        self.uri = uri
        self.user = user
        self.login_sent = login_sent
        self.batch_size = batch_size
        self.read_timeout_s = read_timeout_s
        self._schema_ready = False

    # ---- plumbing ----------------------------------------------------------------

    def _session(self, *, read: bool) -> neo4j.Session:
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        # the store's own queries are known; server notifications would only flood the log
        return self.driver.session(
            database=self.database, default_access_mode=mode, notifications_min_severity="OFF"
        )

    def _call(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"Neo4j is unreachable: {one_line(exc)}") from exc
        except TransientError as exc:  # e.g. the database is shutting down or starting: retry later
            raise StoreUnavailable(f"Neo4j is temporarily unavailable: {one_line(exc)}") from exc
        except Neo4jError as exc:
            problem = configuration_problem(
                exc, uri=self.uri, user=self.user, database=self.database, login_sent=self.login_sent
            )
            if problem is not None:
                raise problem from exc
            raise StoreError(f"Neo4j failed: {one_line(exc)}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j failed: {one_line(exc)}") from exc

    def ensure_schema(self) -> None:
        """Create constraints and the full-text index (idempotent); runs on first use."""
        if self._schema_ready:
            return

        def create() -> None:
            with self._session(read=False) as session:
                for statement in cypher.schema_statements():
                    session.run(statement).consume()
                if session.run(cypher.edge_model()).single(strict=True)["model"] != cypher.EDGE_MODEL:
                    # a store written before the derived EDGE relationships (or the totals node)
                    session.run(cypher.backfill_edges()).consume()
                    session.execute_write(self._refresh_totals)

        self._call(create)
        self._schema_ready = True

    @staticmethod
    def _refresh_totals(tx: ManagedTransaction) -> None:
        """The last step of every write transaction (see cypher.lock_totals)."""
        tx.run(cypher.lock_totals()).consume()
        tx.run(cypher.refresh_totals()).consume()

    def _read(self, query: str, **params: Any) -> list[Row]:
        """One read query. First as an auto-commit transaction (one network round trip:
        no BEGIN and COMMIT); when that fails because a pooled connection broke or the
        database is briefly unavailable, again as a managed read transaction, which the
        driver retries for NEO4J_RETRY_TIME (then StoreUnavailable)."""
        self.ensure_schema()

        def rows(result: neo4j.Result) -> list[Row]:
            keys = result.keys()
            # the store's queries return plain values: no need for Record.data()'s deep conversion
            return [dict(zip(keys, r, strict=True)) for r in result]

        @unit_of_work(timeout=self.read_timeout_s)
        def work(tx: ManagedTransaction) -> list[Row]:
            return rows(tx.run(query, params))

        def run() -> list[Row]:
            with self._session(read=True) as session:
                try:
                    return rows(session.run(neo4j.Query(query, timeout=self.read_timeout_s), params))
                except (ServiceUnavailable, SessionExpired, TransientError):
                    pass
            with self._session(read=True) as session:
                return session.execute_read(work)

        return self._call(run)

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        self.ensure_schema()

        def run() -> T:
            with self._session(read=False) as session:
                return session.execute_write(work)

        return self._call(run)

    # ---- writes ------------------------------------------------------------------

    def add(self, extraction: DocumentExtraction) -> bool:
        return self.add_many([extraction]) == 1

    def add_many(
        self,
        extractions: Iterable[DocumentExtraction],
        *,
        batch_size: int | None = None,
        rows_per_transaction: int | None = None,
    ) -> int:
        """Store documents, `batch_size` documents per transaction (UNWIND $rows ... MERGE).

        `rows_per_transaction=1` writes every row in its own transaction
        instead (the naive loader, for bench/load_neo4j.py only: not atomic, and
        not safe next to concurrent writers).
        """
        added = 0
        for chunk in document_batches(extractions, batch_size or self.batch_size, MAX_BATCH_CHARS):
            if rows_per_transaction is None:
                added += self._write(lambda tx, chunk=chunk: self._add_batch(tx, chunk))  # type: ignore[misc]
            else:
                added += self._add_rows(chunk, rows_per_transaction)
        return added

    def _new_only(
        self, tx: ManagedTransaction, chunk: Sequence[DocumentExtraction]
    ) -> list[DocumentExtraction]:
        ids = sorted({x.document.id for x in chunk})
        new = {r["id"] for r in tx.run(cypher.claim_documents(), ids=ids) if r["new"]}
        fresh: dict[str, DocumentExtraction] = {}
        for x in chunk:
            if x.document.id in new and x.document.id not in fresh:
                fresh[x.document.id] = x
        return list(fresh.values())

    @staticmethod
    def _concept_rows(tx: ManagedTransaction, plan: LoadPlan, sign: int) -> tuple[list[Row], list[str]]:
        ids = sorted(plan.deltas)
        state = {r["id"]: r.data() for r in tx.run(cypher.concept_state(), ids=ids)}
        rows: list[Row] = []
        gone: list[str] = []
        for cid in ids:
            props = concept_props(state.get(cid), plan.deltas[cid], sign)
            if props["records"] <= 0:
                gone.append(cid)
            else:
                rows.append({"id": cid, "props": props})
        return rows, gone

    @staticmethod
    def _statements(plan: LoadPlan, concept_rows: list[Row]) -> list[tuple[str, list[Row]]]:
        out = [
            (cypher.merge_documents(), plan.documents),
            (cypher.merge_concepts(), concept_rows),
            (cypher.merge_mentions(), plan.mentions),
        ]
        for rtype in sorted(plan.facts):
            out.append((cypher.merge_facts(rtype), plan.facts[rtype]))
        out.append((cypher.merge_edges(), plan.edge_rows()))
        out.append((cypher.merge_links(), [{"a": a, "b": b} for a, b in sorted(plan.links)]))
        return out

    def _add_batch(self, tx: ManagedTransaction, chunk: Sequence[DocumentExtraction]) -> int:
        fresh = self._new_only(tx, chunk)
        if not fresh:
            return 0
        plan = plan_documents(fresh)
        concept_rows, _ = self._concept_rows(tx, plan, +1)
        for query, rows in self._statements(plan, concept_rows):
            if rows:
                tx.run(query, rows=rows).consume()
        self._refresh_totals(tx)
        return len(fresh)

    def _add_rows(self, chunk: Sequence[DocumentExtraction], rows_per_tx: int) -> int:
        fresh = self._write(lambda tx: self._new_only(tx, chunk))
        if not fresh:
            return 0
        plan = plan_documents(fresh)
        concept_rows, _ = self._write(lambda tx: self._concept_rows(tx, plan, +1))
        for query, rows in self._statements(plan, concept_rows):
            for part in batched(rows, rows_per_tx):

                def write(tx: ManagedTransaction, q: str = query, p: list[Row] = part) -> None:
                    tx.run(q, rows=p).consume()

                self._write(write)
        self._write(self._refresh_totals)
        return len(fresh)

    def delete_document(self, document_id: str) -> bool:
        return self._write(lambda tx: self._delete(tx, document_id))

    def _delete(self, tx: ManagedTransaction, document_id: str) -> bool:
        tx.run(cypher.lock_document(), id=document_id).consume()
        # a new statement sees what a concurrent delete committed while we waited for the lock
        if not tx.run(cypher.has_document(), id=document_id).single(strict=True)["found"]:
            return False
        contributions = [r.data() for r in tx.run(cypher.document_contributions(), id=document_id)]
        plan = LoadPlan()
        for c in contributions:
            delta = plan.deltas.setdefault(c["id"], ConceptDelta(c["name"]))
            delta.records += 1
            delta.mentions += c["count"]
            delta.sentences += c["sentence_count"]
            delta.documents += 1 if c["count"] else 0
            if c["category"] is not None:
                delta.categories[c["category"]] += 1
            for alias in c["aliases"] or []:
                delta.aliases[alias] += 1
        # lock the concepts (in id order, as writers do) before touching their edges
        concept_rows, gone = self._concept_rows(tx, plan, -1)
        facts = [r.data() for r in tx.run(cypher.delete_document_facts(), id=document_id)]
        if facts:
            tx.run(cypher.subtract_edges(), rows=facts).consume()
            tx.run(cypher.refresh_edge_firsts(), rows=facts, doc=document_id).consume()
            pairs = sorted(
                {(f["head"], f["tail"]) if f["head"] < f["tail"] else (f["tail"], f["head"]) for f in facts}
            )
            tx.run(cypher.delete_unsupported_links(), rows=[{"a": a, "b": b} for a, b in pairs]).consume()
        tx.run(cypher.delete_document_node(), id=document_id).consume()
        if concept_rows:
            tx.run(cypher.merge_concepts(), rows=concept_rows).consume()
        if gone:
            tx.run(cypher.delete_concepts(), ids=gone).consume()
        self._refresh_totals(tx)
        return True

    def clear(self) -> None:
        """Delete every document and concept (schema kept)."""
        self.ensure_schema()

        def run() -> None:
            with self._session(read=False) as session:
                for statement in cypher.clear_graph_statements():
                    session.run(statement).consume()

        self._call(run)

    def flush(self) -> None:  # every write transaction is durable when it commits
        return None

    def close(self) -> None:
        self.driver.close()

    # ---- documents ---------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        return bool(self._read(cypher.has_document(), id=document_id)[0]["found"])

    def get_document(self, document_id: str) -> Document | None:
        rows = self._read(cypher.get_document(), id=document_id)
        if not rows:
            return None
        r = rows[0]
        return Document(
            id=r["id"], title=r["title"], text=r["text"], date=r["date"], source=r["source"] or ""
        )

    def list_documents(self, offset: int = 0, limit: int = 100) -> list[DocumentInfo]:
        infos = [info_from_row(r) for r in self._read(cypher.list_documents())]
        infos.sort(key=lambda d: (d.date or "", d.title, d.id))
        return infos[offset : offset + limit]

    def document_count(self) -> int:
        return int(self._read(cypher.document_count())[0]["documents"])

    def document_mentions(self, document_id: str) -> list[Mention]:
        found: list[tuple[int, int, int, Mention]] = []
        for r in self._read(cypher.document_mentions(), id=document_id):
            for surface, start, end, sentence, order in zip(
                r["surfaces"], r["starts"], r["ends"], r["sentences"], r["order"], strict=True
            ):
                found.append((start, end, order, Mention(r["name"], surface, start, end, sentence)))
        found.sort(key=lambda t: t[:3])
        return [m for *_, m in found]

    # ---- concepts ----------------------------------------------------------------

    def get_concept(self, concept_id: str) -> Concept | None:
        rows = self._read(cypher.get_concept(), id=concept_id)
        return concept_from_row(rows[0]) if rows else None

    def find_concept(self, name: str) -> Concept | None:
        form = normalize_term(name)
        if not form:
            return None
        cid = concept_id(form)
        lucene = fulltext_phrase(form)
        rows = self._read(cypher.find_concept(lucene is not None), id=cid, form=form, lucene=lucene)
        found = sorted(
            (concept_from_row(r) for r in rows), key=lambda c: (c.id != cid, -c.mention_count, c.name)
        )
        return found[0] if found else None

    def search_concepts(self, text: str, limit: int = 20) -> list[Concept]:
        key = normalize_term(text)
        if not key or limit <= 0:
            return []
        lucene = fulltext_phrase(key)
        rows = self._read(cypher.search_concepts(lucene is not None), key=key, lucene=lucene, limit=limit)
        found = [concept_from_row(r) for r in rows]
        found.sort(key=lambda c: (c.name != key, -c.mention_count, len(c.name), c.name))
        return found

    def concept_names(self, limit: int = 100_000) -> list[str]:
        return sorted(r["name"] for r in self._read(cypher.concept_names()))[:limit]

    def concept_documents(self, concept_id: str, limit: int = 1000) -> list[ConceptDocument]:
        out = [
            ConceptDocument(info_from_row(r), r["mentions"])
            for r in self._read(cypher.concept_documents(), id=concept_id)
        ]
        out.sort(key=lambda cd: (cd.document.date or "", cd.document.title, cd.document.id))
        return out[:limit]

    # ---- edges and walks ---------------------------------------------------------

    def relations(
        self,
        concept_id: str,
        *,
        types: Collection[RelationType] | None = None,
        limit: int = 50,
        max_evidence: int = 3,
    ) -> list[Relation]:
        if limit <= 0:
            return []
        k = max(max_evidence, 0)
        rows = self._read(
            cypher.ranked_relations(),
            id=concept_id,
            types=relation_type_names(types),
            exclude=[],
            limit=limit,
            k=k,
        )
        return [rel for rel, _ in rank_rows(rows, concept_id, k)[:limit]]

    def edges_between(self, a: str, b: str, *, max_evidence: int = 3) -> list[Relation]:
        k = max(max_evidence, 0)
        rows = self._read(cypher.aggregated_edges("between"), a=a, b=b, types=None, k=k)
        rels = [relation_from_row(r, r["total"], k) for r in rows]
        rels.sort(key=lambda r: (r.type == CO, str(r.type), r.head))
        return rels

    def edges_between_many(
        self, pairs: Collection[tuple[str, str]], *, max_evidence: int = 3
    ) -> dict[tuple[str, str], list[Relation]]:
        k = max(max_evidence, 0)
        unordered = sorted({(a, b) if a < b else (b, a) for a, b in pairs if a != b})
        found: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        if unordered:
            rows = self._read(cypher.aggregated_edges("pairs"), pairs=unordered, types=None, k=k)
            for r in rows:
                rel = relation_from_row(r, r["total"], k)
                found[(rel.head, rel.tail) if rel.head < rel.tail else (rel.tail, rel.head)].append(rel)
        out = {}
        for a, b in pairs:
            rels = sorted(
                found.get((a, b) if a < b else (b, a), []), key=lambda r: (r.type == CO, str(r.type), r.head)
            )
            out[(a, b)] = rels
        return out

    def shortest_paths(self, a: str, b: str, *, max_hops: int = 4, limit: int = 5) -> list[list[str]]:
        if limit <= 0 or max_hops < 0:
            return []
        if a == b:
            return [[a]] if self.get_concept(a) is not None else []
        if max_hops == 0:
            return []
        hops = min(max_hops, cypher.MAX_HOPS_LIMIT)
        rows = self._read(cypher.shortest_paths(hops), a=a, b=b)
        rows.sort(key=lambda r: r["names"])
        return [list(r["ids"]) for r in rows[:limit]]

    def neighbourhood(
        self,
        center: str,
        *,
        depth: int = 1,
        max_nodes: int = 50,
        types: Collection[RelationType] | None = None,
    ) -> tuple[list[Concept], list[Relation]]:
        """Breadth first as the embedded store walks: each frontier concept adds its unseen
        neighbours, strongest edge first, until `max_nodes`. Every query ranks inside Cypher
        and returns only the edges that can still be chosen: at most `max_nodes` minus the
        concepts chosen so far per frontier concept, not yet seen (plus ties); the frontier is
        asked in growing chunks (FRONTIER_CHUNKS), since the first few concepts of a level
        often fill the map. Then one query reads the concepts and the edges among them."""
        if max_nodes <= 0:
            return [], []
        type_names = relation_type_names(types)
        chosen = [center]
        seen = {center}
        frontier = [center]
        for _ in range(depth):
            nxt: list[str] = []
            start = 0
            for size in chain(FRONTIER_CHUNKS, repeat(FRONTIER_CHUNKS[-1])):
                if start >= len(frontier) or len(chosen) >= max_nodes:
                    break
                part = frontier[start : start + size]
                start += size
                rows = self._read(
                    cypher.ranked_frontier(),
                    ids=part,
                    types=type_names,
                    exclude=sorted(seen),
                    limit=max_nodes - len(chosen),
                )
                incident: dict[str, list[Row]] = defaultdict(list)
                for r in rows:
                    incident[r["key"]].append(r)
                for node in part:
                    ranked = rank_rows(incident[node], node, 0)
                    others = (rel.tail if rel.head == node else rel.head for rel, _ in ranked)
                    nxt += admit_neighbours(others, seen, chosen, max_nodes)
            frontier = nxt
            if not frontier:
                break
        row = self._read(cypher.ego_graph(), ids=chosen, types=type_names)[0]
        fields = cypher.CONCEPT_FIELDS
        by_id = {
            c.id: c for c in (concept_from_row(dict(zip(fields, v, strict=True))) for v in row["concepts"])
        }
        if center not in by_id:
            return [], []
        concepts = [by_id[c] for c in chosen if c in by_id]
        total = int(row["total"])
        edges = [ego_edge(v, total) for v in row["edges"]]
        edges.sort(key=lambda r: (r.head, str(r.type), r.tail))
        return concepts, edges

    def _concepts(self, ids: Sequence[str]) -> list[Concept]:
        return [concept_from_row(r) for r in self._read(cypher.get_concepts(), ids=list(ids))]

    def get_concepts(self, concept_ids: Collection[str]) -> dict[str, Concept]:
        if not concept_ids:
            return {}
        return {c.id: c for c in self._concepts(sorted(set(concept_ids)))}

    # ---- whole graph -------------------------------------------------------------

    def stats(self) -> GraphStats:
        totals = self._read(cypher.document_totals())[0]
        concepts = self._read(cypher.concept_count())[0]["concepts"]
        by_type = {r["type"]: int(r["edges"]) for r in self._read(cypher.edge_counts())}
        co = by_type.get(str(CO), 0)
        return GraphStats(
            documents=int(totals["documents"]),
            concepts=int(concepts),
            relations=sum(by_type.values()) - co,
            cooccurrences=co,
            sentences=int(totals["sentences"]),
            by_type=dict(sorted(by_type.items())),
        )

    def iter_concepts(self, page: int = 1000) -> Iterator[Concept]:
        after = ""
        while True:
            rows = self._read(cypher.concept_page(), after=after, limit=page)
            if not rows:
                return
            yield from (concept_from_row(r) for r in rows)
            after = rows[-1]["id"]

    def iter_relations(self, *, max_evidence: int = 1, page: int = 500) -> Iterator[Relation]:
        k = max(max_evidence, 0)
        heads: list[str] = []
        for concept in self.iter_concepts():
            heads.append(concept.id)
            if len(heads) >= page:
                yield from self._relations_from(heads, k)
                heads = []
        if heads:
            yield from self._relations_from(heads, k)

    def _relations_from(self, heads: list[str], k: int) -> list[Relation]:
        rows = self._read(cypher.aggregated_edges("heads"), ids=heads, types=None, k=k)
        rels = [relation_from_row(r, r["total"], k) for r in rows]
        rels.sort(key=lambda r: (r.head, str(r.type), r.tail))
        return rels

    # ---- power users -------------------------------------------------------------

    def run_read_cypher(
        self, query: str, params: dict[str, Any], *, row_limit: int, timeout_s: float
    ) -> list[dict[str, Any]]:
        """Run a user's Cypher in a READ transaction with a timeout; at most `row_limit` rows,
        as plain JSON data (nodes as {labels, properties}, relationships as {type, start,
        end, properties}, paths as {nodes, relationships}).

        The query is first planned (EXPLAIN, in the same transaction) and refused unless it
        only reads the graph (`refuse_unless_read_only`: no write, schema or administration
        command, SHOW, TERMINATE, LOAD CSV, nor a procedure outside READ_PROCEDURES).

        Raises CypherError when the query is refused, or when Neo4j refuses it (syntax, a
        write, which read access mode forbids, or the timeout), StoreUnavailable when it is down.
        """
        if row_limit < 0 or timeout_s <= 0:
            raise ValueError("row_limit must be >= 0 and timeout_s > 0")

        @unit_of_work(timeout=timeout_s)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            try:
                planned = tx.run(EXPLAIN + query, params).consume()
            except ClientError as exc:
                user_error = exc.code.startswith(USER_ERROR_PREFIXES) or (
                    exc.code == DATABASE_NOT_FOUND and names_other_database(exc, self.database)
                )
                if not user_error:
                    raise
                raise CypherError(without_explain(exc.message or str(exc))) from exc
            refuse_unless_read_only(planned.query_type, planned.plan)
            result = tx.run(query, params)
            rows = [{k: jsonable(rec[k]) for k in rec.keys()} for rec in islice(result, row_limit)]  # noqa: SIM118
            result.consume()
            return rows

        def run() -> list[dict[str, Any]]:
            with self._session(read=True) as session:
                return session.execute_read(work)

        try:
            return self._call(run)
        except (CypherError, StoreUnavailable):
            raise
        except StoreError as exc:
            if isinstance(exc.__cause__, ClientError):
                raise CypherError(str(exc.__cause__.message or exc.__cause__)) from exc.__cause__
            raise


# ---------------------------------------------------------------------------
# factory
# ---------------------------------------------------------------------------


def build_driver(settings: Settings) -> Driver:
    """A driver for settings.neo4j_uri (no authentication when NEO4J_PASSWORD is empty)."""
    auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
    return neo4j.GraphDatabase.driver(
        settings.neo4j_uri,
        auth=auth,
        connection_timeout=settings.neo4j_connect_timeout_s,
        connection_acquisition_timeout=settings.neo4j_connect_timeout_s + settings.neo4j_retry_s,
        max_transaction_retry_time=settings.neo4j_retry_s,
    )


def open_neo4j_store(settings: Settings) -> Neo4jStore:
    """Connect to the Neo4j named by settings: StoreUnavailable when it does not answer,
    StoreMisconfigured when it answers but refuses the login or lacks the database
    (each a one-line message naming the settings to check)."""
    uri = settings.neo4j_uri
    login_sent = bool(settings.neo4j_password)
    driver = build_driver(settings)
    try:
        driver.verify_connectivity()
    except Neo4jError as exc:  # the server answered, and refused
        driver.close()
        problem = configuration_problem(
            exc, uri=uri, user=settings.neo4j_user, database=settings.neo4j_database, login_sent=login_sent
        )
        if problem is not None:
            raise problem from exc
        raise StoreUnavailable(f"Neo4j at {uri} refused the connection: {one_line(exc)}") from exc
    except (DriverError, OSError) as exc:
        driver.close()
        raise StoreUnavailable(
            f"Neo4j does not answer at {uri} ({one_line(exc)}); start one with `scripts/neo4j start` "
            "or set NEO4J_URI"
        ) from exc
    store = Neo4jStore(
        driver,
        database=settings.neo4j_database,
        read_timeout_s=settings.neo4j_timeout_s,
        uri=uri,
        user=settings.neo4j_user,
        login_sent=login_sent,
    )
    try:
        store.ensure_schema()  # also proves the database exists (StoreMisconfigured if not)
    except BaseException:
        driver.close()
        raise
    return store


__all__ = [
    "CypherError",  # defined in kg.store.user_cypher, raised here too
    "Neo4jStore",
    "build_driver",
    "open_neo4j_store",
]
