"""Cypher text for the Neo4j store, built by small pure functions (tested as strings).

Every value travels as a parameter (`$name`). The only things rendered into
the text are labels and relationship types taken from `kg.model.RelationType`
(a closed enum) and the validated integer hop bound of a variable-length
pattern, which Cypher does not accept as a parameter.

The graph in Neo4j::

    (:Document {id, title, date, source, text, chars, extractor,
                sentence_count, mention_count, concept_count})
    (:Concept  {id, name, category, aliases, members, forms,
                mention_count, document_count, sentence_count, records,
                cat_counts, alias_names, alias_counts})
    (:Document)-[:MENTIONS {count, sentence_count, category, aliases, members,
                            surfaces, starts, ends, sentences, order}]->(:Concept)
    (:Concept)-[:<RelationType> {doc_id, count, position,
                                 ev_sentences, ev_starts, ev_ends}]->(:Concept)
    (:Concept)-[:LINKED]->(:Concept)
    (:Concept)-[:EDGE {type, count, first_doc, sentence, start, end,
                       position_doc, position}]->(:Concept)
    (:KgTotals {key: 1, sentences, edge_model})

One typed relationship per (document, head, type, tail): the per-document
facts, so deleting a document deletes exactly its relationships; queries sum
them into aggregated edges. Symmetric types point from the smaller id to the
larger. A MENTIONS relationship joins a document to every concept it names
(count 0 when it only names it as a relation end). LINKED is derived: one per
pair of concepts joined by any edge (smaller id first), so path search does
not enumerate parallel per-document relationships. EDGE is derived too: one per
aggregated edge (head, type, tail) with its summed `count`, its first evidence
item (of the smallest document id) and its first position (by document id),
kept up to date by every write (under the locks of both concepts), so that
ranking the edges of a concept, or reading a map's edges, reads one
relationship per edge instead of one per document (a hub has tens of thousands). The one KgTotals node keeps
the sentence count of all documents (PMI needs it on every edge query), rewritten
from the documents at the end of every write transaction; readers fall back to
summing the documents when it is missing. Its `edge_model` says the EDGE
relationships exist: a store written before them is given them on first use
(`backfill_edges`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from kg.model import RelationType

CO_TYPE = RelationType.CO_OCCURS_WITH
#: relationship types that carry per-document facts (every RelationType)
FACT_TYPES: tuple[RelationType, ...] = tuple(RelationType)
TYPED_TYPES: tuple[RelationType, ...] = tuple(t for t in RelationType if t != CO_TYPE)
LINK_TYPE = "LINKED"
#: derived aggregated edges: (head)-[:EDGE {type, count}]->(tail)
EDGE_TYPE = "EDGE"
#: the version of the derived relationships a store holds (KgTotals.edge_model)
EDGE_MODEL = 2
MAX_HOPS_LIMIT = 10
#: at most this many shortest paths are enumerated before sorting (as the embedded store)
MAX_PATHS = 1000

FULLTEXT_INDEX = "kg_concept_forms"
#: the label of the one node holding graph-wide totals (key 1)
TOTALS_LABEL = "KgTotals"


def rel_union(types: Iterable[RelationType]) -> str:
    """`A|B|C` for a relationship pattern; only RelationType members are accepted."""
    names = []
    for t in types:
        if not isinstance(t, RelationType):
            raise TypeError(f"not a RelationType: {t!r}")
        names.append(t.value)
    if not names:
        raise ValueError("at least one relationship type is needed")
    return "|".join(sorted(set(names)))


ALL_FACTS = rel_union(FACT_TYPES)
ALL_TYPED = rel_union(TYPED_TYPES)


# ---------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------


def schema_statements() -> tuple[str, ...]:
    """Idempotent schema: unique ids, and a cjk full-text index over normalised names and aliases."""
    return (
        "CREATE CONSTRAINT kg_concept_id IF NOT EXISTS FOR (c:Concept) REQUIRE c.id IS UNIQUE",
        "CREATE CONSTRAINT kg_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
        f"CREATE CONSTRAINT kg_totals_key IF NOT EXISTS FOR (g:{TOTALS_LABEL}) REQUIRE g.key IS UNIQUE",
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (c:Concept) ON EACH [c.forms] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
        "CALL db.awaitIndexes(60)",
    )


# ---------------------------------------------------------------------------
# writes (UNWIND $rows ... MERGE)
# ---------------------------------------------------------------------------


def claim_documents() -> str:
    """Which of $ids are new: each id's Document node is merged (so a concurrent writer of
    the same document waits on the uniqueness constraint until this transaction ends)."""
    return (
        "UNWIND $ids AS id MERGE (d:Document {id: id}) ON CREATE SET d.kg_claimed = true "
        "WITH d, coalesce(d.kg_claimed, false) AS new REMOVE d.kg_claimed "
        "RETURN d.id AS id, new"
    )


def lock_document() -> str:
    """Write-lock one document before reading what it contributed (a concurrent delete waits)."""
    return "MATCH (d:Document {id: $id}) SET d.kg_lock = true REMOVE d.kg_lock RETURN count(d) AS found"


def concept_state() -> str:
    """The running aggregates of some concepts, read under a write lock before a write
    changes them, so concurrent writers cannot lose each other's counts. Ids must be sorted
    (a fixed lock order); missing concepts are created and come back without aggregates."""
    return (
        "UNWIND $ids AS id MERGE (c:Concept {id: id}) SET c.kg_lock = true REMOVE c.kg_lock "
        "RETURN c.id AS id, c.name AS name, c.records AS records, c.mention_count AS mention_count, "
        "c.sentence_count AS sentence_count, c.document_count AS document_count, "
        "c.cat_counts AS cat_counts, c.alias_names AS alias_names, c.alias_counts AS alias_counts, "
        "c.members AS members"
    )


def lock_totals() -> str:
    """Write-lock the totals node (created when missing). Writers take it last, after every
    other lock, so that it serialises only the ends of write transactions (no deadlock)."""
    return f"MERGE (g:{TOTALS_LABEL} {{key: 1}}) SET g.kg_lock = true REMOVE g.kg_lock"


def refresh_totals() -> str:
    """Rewrite the totals from the documents (run after `lock_totals`, in a new statement, so
    that it sees every document committed by writers that held the lock before), and mark
    the store's derived relationships as EDGE_MODEL (every writer maintains them)."""
    return (
        f"MATCH (g:{TOTALS_LABEL} {{key: 1}}) "
        "CALL () { MATCH (d:Document) RETURN coalesce(sum(d.sentence_count), 0) AS sentences } "
        f"SET g.sentences = sentences, g.edge_model = {EDGE_MODEL}"
    )


def merge_documents() -> str:
    return "UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d += row.props"


def merge_concepts() -> str:
    return "UNWIND $rows AS row MERGE (c:Concept {id: row.id}) SET c += row.props"


def merge_mentions() -> str:
    return (
        "UNWIND $rows AS row "
        "MATCH (d:Document {id: row.doc}) MATCH (c:Concept {id: row.concept}) "
        "MERGE (d)-[m:MENTIONS]->(c) SET m += row.props"
    )


def merge_facts(rtype: RelationType) -> str:
    """One relationship per (document, head, type, tail); MERGE keyed by doc_id, so reloading is a no-op."""
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Concept {id: row.head}) MATCH (b:Concept {id: row.tail}) "
        f"MERGE (a)-[r:{rel_union([rtype])} {{doc_id: row.doc}}]->(b) SET r += row.props"
    )


def merge_links() -> str:
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Concept {id: row.a}) MATCH (b:Concept {id: row.b}) "
        f"MERGE (a)-[:{LINK_TYPE}]->(b)"
    )


def merge_edges() -> str:
    """Add documents to the aggregated EDGE relationships ($rows:
    `neo4j_load_plan.LoadPlan.edge_rows`, one per (head, type, tail)): counts are summed,
    the first evidence item and the first position are kept when the new documents come
    first by id. Writers hold the locks of both concepts, so that concurrent additions
    cannot lose each other's updates."""
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Concept {id: row.head}) MATCH (b:Concept {id: row.tail}) "
        f"MERGE (a)-[g:{EDGE_TYPE} {{type: row.type}}]->(b) "
        "WITH g, row, "
        "row.first_doc IS NOT NULL AND (g.first_doc IS NULL OR row.first_doc < g.first_doc) AS first, "
        "row.position_doc IS NOT NULL AND (g.position_doc IS NULL OR row.position_doc < g.position_doc) "
        "AS pos "
        "SET g.count = coalesce(g.count, 0) + row.count, "
        "g.first_doc = CASE WHEN first THEN row.first_doc ELSE g.first_doc END, "
        "g.sentence = CASE WHEN first THEN row.sentence ELSE g.sentence END, "
        "g.start = CASE WHEN first THEN row.start ELSE g.start END, "
        "g.end = CASE WHEN first THEN row.end ELSE g.end END, "
        "g.position_doc = CASE WHEN pos THEN row.position_doc ELSE g.position_doc END, "
        "g.position = CASE WHEN pos THEN row.position ELSE g.position END"
    )


def subtract_edges() -> str:
    """Take a deleted document's counts off the aggregated EDGE relationships ($rows: head,
    type, tail, count); an edge whose count falls to zero (no document supports it) is deleted."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Concept {{id: row.head}})-[g:{EDGE_TYPE}]->(b:Concept {{id: row.tail}}) "
        "WHERE g.type = row.type "
        "SET g.count = g.count - row.count WITH g WHERE g.count <= 0 DELETE g"
    )


_EDGE_FIRSTS = (
    "first_doc: xs[0].doc_id, sentence: xs[0].ev_sentences[0], start: xs[0].ev_starts[0], "
    "end: xs[0].ev_ends[0], position_doc: p.doc_id, position: p.position"
)


def refresh_edge_firsts() -> str:
    """After a delete: the edges of $rows whose first evidence or first position came from
    the deleted document $doc take them from the documents left."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Concept {{id: row.head}})-[g:{EDGE_TYPE}]->(b:Concept {{id: row.tail}}) "
        "WHERE g.type = row.type AND (g.first_doc = $doc OR g.position_doc = $doc) "
        "CALL (a, b, g) { "
        f"MATCH (a)-[x:{ALL_FACTS}]->(b) WHERE type(x) = g.type "
        "WITH x ORDER BY x.doc_id WITH collect(x) AS xs "
        "RETURN xs, [y IN xs WHERE y.position IS NOT NULL][0] AS p } "
        f"SET g += {{{_EDGE_FIRSTS}}}"
    )


def edge_model() -> str:
    return f"OPTIONAL MATCH (g:{TOTALS_LABEL} {{key: 1}}) RETURN g.edge_model AS model"


def backfill_edges() -> str:
    """Rebuild every concept's outgoing EDGE relationships from the per-document facts, a
    concept at a time under its lock (an auto-commit statement, in bounded transactions):
    for a store written before EDGE existed."""
    return (
        "MATCH (a:Concept) CALL (a) { "
        "SET a.kg_lock = true REMOVE a.kg_lock "
        f"WITH a OPTIONAL MATCH (a)-[old:{EDGE_TYPE}]->() DELETE old "
        f"WITH DISTINCT a MATCH (a)-[r:{ALL_FACTS}]->(b:Concept) "
        "WITH a, b, type(r) AS type, r ORDER BY r.doc_id "
        "WITH a, b, type, sum(r.count) AS count, collect(r) AS xs "
        "WITH a, b, type, count, xs, [y IN xs WHERE y.position IS NOT NULL][0] AS p "
        f"CREATE (a)-[:{EDGE_TYPE} {{type: type, count: count, {_EDGE_FIRSTS}}}]->(b) "
        "} IN TRANSACTIONS OF 1000 ROWS"
    )


# ---------------------------------------------------------------------------
# delete one document
# ---------------------------------------------------------------------------


def document_contributions() -> str:
    """What one document added to each concept it names (to subtract it)."""
    return (
        "MATCH (:Document {id: $id})-[m:MENTIONS]->(c:Concept) "
        "RETURN c.id AS id, c.name AS name, m.count AS count, m.sentence_count AS sentence_count, "
        "m.category AS category, m.aliases AS aliases"
    )


def delete_document_facts() -> str:
    """Delete the document's per-document relationships; returns each one's head, type, tail and count."""
    return (
        "MATCH (:Document {id: $id})-[:MENTIONS]->(a:Concept) "
        f"MATCH (a)-[r:{ALL_FACTS}]->(b:Concept) WHERE r.doc_id = $id "
        "WITH r, a.id AS head, type(r) AS type, b.id AS tail, r.count AS count DELETE r "
        "RETURN head, type, tail, count"
    )


def delete_unsupported_links() -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Concept {{id: row.a}})-[l:{LINK_TYPE}]->(b:Concept {{id: row.b}}) "
        f"WHERE NOT EXISTS {{ (a)-[:{ALL_FACTS}]-(b) }} DELETE l"
    )


def delete_document_node() -> str:
    return "MATCH (d:Document {id: $id}) DETACH DELETE d"


def delete_concepts() -> str:
    return "UNWIND $ids AS id MATCH (c:Concept {id: id}) DETACH DELETE c"


def clear_graph() -> str:
    """Delete the whole graph in one auto-commit statement (nodes in small batches).
    `clear_graph_statements` bounds each transaction better on large graphs."""
    return (
        f"MATCH (n:Concept|Document|{TOTALS_LABEL}) "
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS"
    )


def clear_graph_statements() -> tuple[str, ...]:
    """Delete the whole graph in bounded transactions (relationships first, so that no
    transaction holds a hub concept with all its relationships): for tests and
    `kg export --to neo4j --replace`. Each statement runs as an auto-commit query."""
    return (
        "MATCH (:Concept|Document)-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        f"MATCH (n:Concept|Document|{TOTALS_LABEL}) "
        "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
    )


# ---------------------------------------------------------------------------
# documents
# ---------------------------------------------------------------------------

_DOC_INFO = (
    "d.id AS id, d.title AS title, d.date AS date, d.source AS source, d.chars AS chars, "
    "d.mention_count AS mention_count, d.concept_count AS concept_count"
)


def has_document() -> str:
    return "MATCH (d:Document {id: $id}) RETURN count(d) > 0 AS found"


def get_document() -> str:
    return (
        "MATCH (d:Document {id: $id}) "
        "RETURN d.id AS id, d.title AS title, d.text AS text, d.date AS date, d.source AS source"
    )


def document_count() -> str:
    return "MATCH (d:Document) RETURN count(d) AS documents"


def list_documents() -> str:
    """Every document's listing (sorted and paged by the caller, in Python string order)."""
    return f"MATCH (d:Document) RETURN {_DOC_INFO}"


def document_mentions() -> str:
    return (
        "MATCH (:Document {id: $id})-[m:MENTIONS]->(c:Concept) WHERE m.count > 0 "
        "RETURN c.name AS name, m.surfaces AS surfaces, m.starts AS starts, m.ends AS ends, "
        "m.sentences AS sentences, m.order AS order"
    )


def concept_documents() -> str:
    return (
        "MATCH (d:Document)-[m:MENTIONS]->(:Concept {id: $id}) WHERE m.count > 0 "
        f"RETURN {_DOC_INFO}, m.count AS mentions"
    )


# ---------------------------------------------------------------------------
# concepts
# ---------------------------------------------------------------------------

_CONCEPT = (
    "c.id AS id, c.name AS name, c.category AS category, c.aliases AS aliases, "
    "c.mention_count AS mention_count, c.document_count AS document_count, c.members AS members"
)


#: the order of a concept's properties where a query returns concepts as lists
CONCEPT_FIELDS = ("id", "name", "category", "aliases", "mention_count", "document_count", "members")
#: the order of an edge's values in `ego_graph`: its key, the sentence counts of its ends,
#: its count, position, and its first evidence item (document id, sentence, start, end)
EGO_EDGE_FIELDS = (
    "head",
    "type",
    "tail",
    "n_head",
    "n_tail",
    "count",
    "position",
    "doc_id",
    "sentence",
    "start",
    "end",
)


def get_concept() -> str:
    return f"MATCH (c:Concept {{id: $id}}) RETURN {_CONCEPT}"


def get_concepts() -> str:
    return f"UNWIND $ids AS id MATCH (c:Concept {{id: id}}) RETURN {_CONCEPT}"


def find_concept(use_fulltext: bool) -> str:
    """The concept whose id is $id; when there is none, the concepts whose normalised name or
    alias equals $form: candidates from the cjk full-text index (the phrase $lucene) when
    `use_fulltext`, else every concept. One round trip."""
    source = (
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene) YIELD node AS c "
        if use_fulltext
        else "MATCH (c:Concept) "
    )
    return (
        "OPTIONAL MATCH (d:Concept {id: $id}) "
        "CALL (d) { WITH d WHERE d IS NOT NULL RETURN d AS c "
        f"UNION WITH d WHERE d IS NULL {source}WHERE $form IN c.forms RETURN c }} "
        f"RETURN {_CONCEPT}"
    )


def search_concepts(use_fulltext: bool) -> str:
    """Concepts whose normalised name or alias contains $key: exact name first, most mentioned next.

    With `use_fulltext`, candidates come from the cjk full-text index (a phrase
    of character bigrams, $lucene) and are checked with CONTAINS; otherwise
    (single characters, non-Han text) every concept is scanned.
    """
    source = (
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene) YIELD node AS c "
        if use_fulltext
        else "MATCH (c:Concept) "
    )
    return (
        source + "WHERE any(f IN c.forms WHERE f CONTAINS $key) "
        f"RETURN {_CONCEPT} "
        "ORDER BY c.name <> $key, c.mention_count DESC, size(c.name), c.name LIMIT $limit"
    )


def concept_names() -> str:
    return "MATCH (c:Concept) RETURN c.name AS name"


def concept_page() -> str:
    """Concepts by id, in pages (for export)."""
    return f"MATCH (c:Concept) WHERE c.id > $after RETURN {_CONCEPT} ORDER BY c.id LIMIT $limit"


# ---------------------------------------------------------------------------
# aggregated edges
# ---------------------------------------------------------------------------

#: the graph's sentence count (for PMI), as `total`, prefixed to the queries that rank or weigh edges:
#: the totals node's, else (no node yet) the sum over the documents
_TOTAL_SENTENCES = (
    f"CALL () {{ OPTIONAL MATCH (g:{TOTALS_LABEL} {{key: 1}}) RETURN g.sentences AS kept }} "
    "CALL (kept) { WITH kept WHERE kept IS NOT NULL RETURN kept AS total "
    "UNION WITH kept WHERE kept IS NULL OPTIONAL MATCH (d:Document) "
    "WITH kept, coalesce(sum(d.sentence_count), 0) AS total RETURN total } "
)

EdgeScope = Literal["between", "pairs", "heads"]

_SCOPES: dict[str, str] = {
    # edges joining two concepts
    "between": "MATCH (:Concept {id: $a})-[r:{types}]-(:Concept {id: $b}) ",
    # edges joining each of some pairs of concepts ($pairs: [a, b] lists, each unordered pair once)
    "pairs": "UNWIND $pairs AS pair MATCH (:Concept {id: pair[0]})-[r:{types}]-(:Concept {id: pair[1]}) ",
    # edges whose head is one of a set of concepts (each edge once, for export)
    "heads": "MATCH (h:Concept)-[r:{types}]->(:Concept) WHERE h.id IN $ids ",
}


def aggregated_edges(scope: EdgeScope) -> str:
    """Per-document relationships summed into aggregated edges (head, type, tail).

    Parameters: those of the scope, `$types` (list of type names, or null for
    all) and `$k` (evidence items per edge: the first `$k` documents by id
    each give their first `$k` items; the caller keeps `$k` overall). Every row
    also carries `total`, the sentence count of the graph (for PMI).
    Rows are unordered: callers rank them in Python (string order and the
    discounted PMI are computed exactly as the embedded store does).
    """
    match = _SCOPES[scope].replace("{types}", ALL_FACTS)
    if "WHERE" in match:
        text = _TOTAL_SENTENCES + match + "AND ($types IS NULL OR type(r) IN $types) "
    else:
        text = _TOTAL_SENTENCES + match + "WHERE $types IS NULL OR type(r) IN $types "
    text += (
        "WITH total, startNode(r) AS h, type(r) AS type, endNode(r) AS t, r ORDER BY r.doc_id "
        "WITH total, h, type, t, sum(r.count) AS count, collect(r) AS all "
        "WITH total, h, type, t, count, all[..$k] AS rs, "
        "[x IN all WHERE x.position IS NOT NULL | x.position] AS positions "
    )
    return text + (
        "RETURN total, h.id AS head, type, t.id AS tail, h.name AS head_name, t.name AS tail_name, "
        "h.sentence_count AS n_head, t.sentence_count AS n_tail, count, positions[0] AS position, "
        "[x IN rs | [x.doc_id, x.ev_sentences[..$k], x.ev_starts[..$k], x.ev_ends[..$k]]] AS evidence"
    )


# ---------------------------------------------------------------------------
# ranked neighbours, in one round trip
# ---------------------------------------------------------------------------

#: relative slack of the rank cut made inside Cypher: Cypher's logarithm may differ from
#: Python's in the last bits, so the cut keeps every edge within this of the boundary
#: (the caller ranks exactly in Python and keeps `limit`)
RANK_SLACK = 1e-9


def discounted_pmi_expr(n_ab: str, n_a: str, n_b: str, total: str) -> str:
    """`kg.cooccurrence.discounted_pmi` as a Cypher expression over the named integer
    variables (used to rank inside Cypher; the exact weight is computed in Python)."""
    m = f"(CASE WHEN {n_a} < {n_b} THEN {n_a} ELSE {n_b} END)"
    pmi = (
        f"(CASE WHEN {n_ab} > 0 AND {n_a} > 0 AND {n_b} > 0 AND {total} > 0 "
        f"THEN log(toFloat({n_ab} * {total}) / toFloat({n_a} * {n_b})) / log(2.0) ELSE 0.0 END)"
    )
    return f"{pmi} * (toFloat({n_ab}) / ({n_ab} + 1)) * (toFloat({m}) / ({m} + 1))"


def _ranked_subquery(best_per_end: bool) -> str:
    """A `CALL (c, total) { ... }` giving the strongest aggregated edges of `c`: rows
    `o` (the other end), `type`, `out` (c is the head), `count`.

    Edges are ranked as `GraphStore.relations` ranks them (typed by count, then
    co-mentions by discounted PMI) and cut after the `$limit`-th, keeping every edge that
    ties with it (within RANK_SLACK), so that the exact order, ties broken by name in
    Python, finds its first `$limit` among the rows. With `best_per_end`, only the
    strongest edge to each other end is ranked (a walk wants `$limit` distinct ends).
    Ends in `$exclude` (ids) are skipped; `$types` (names, or null for all) filters the types.
    """
    weight = discounted_pmi_expr("count", "na", "nb", "total")
    best = (
        "WITH o, collect({o: o, type: type, out: out, count: count, co: co, w: w})[0] AS x "
        "ORDER BY x.co, x.w DESC WITH collect(x) AS rows "
        if best_per_end
        else "WITH collect({o: o, type: type, out: out, count: count, co: co, w: w}) AS rows "
    )
    return (
        "CALL (c, total) { "
        f"MATCH (c)-[g:{EDGE_TYPE}]-(o:Concept) "
        "WHERE ($types IS NULL OR g.type IN $types) AND NOT o.id IN $exclude "
        "WITH o, g.type AS type, startNode(g) = c AS out, g.count AS count "
        f"WITH o, type, out, count, type = '{CO_TYPE.value}' AS co, "
        "coalesce(c.sentence_count, 0) AS na, coalesce(o.sentence_count, 0) AS nb "
        f"WITH o, type, out, count, co, CASE WHEN co THEN {weight} ELSE toFloat(count) END AS w "
        "ORDER BY co, w DESC " + best + "WITH rows, rows[$limit - 1] AS b "
        "UNWIND rows AS x "
        "WITH x, b WHERE b IS NULL OR (b.co AND NOT x.co) "
        f"OR (x.co = b.co AND x.w >= b.w - {RANK_SLACK!r} * (abs(b.w) + 1.0)) "
        "RETURN x.o AS o, x.type AS type, x.out AS out, x.count AS count } "
    )


def _edge_columns() -> str:
    """The columns `neo4j_rows.relation_from_row` reads, for an edge between `c` and `o`
    (`out`: c is the head)."""
    return (
        "CASE WHEN out THEN c.id ELSE o.id END AS head, type, CASE WHEN out THEN o.id ELSE c.id END AS tail, "
        "CASE WHEN out THEN c.name ELSE o.name END AS head_name, "
        "CASE WHEN out THEN o.name ELSE c.name END AS tail_name, "
        "CASE WHEN out THEN c.sentence_count ELSE o.sentence_count END AS n_head, "
        "CASE WHEN out THEN o.sentence_count ELSE c.sentence_count END AS n_tail, count"
    )


def _evidence_subquery() -> str:
    """A `CALL (c, o, type, out) { ... }` giving `position` (the first non-null by document
    id) and `evidence` (the first `$k` documents by id, each with its first `$k` items) of
    one aggregated edge."""
    return (
        "CALL (c, o, type, out) { "
        f"MATCH (c)-[x:{ALL_FACTS}]-(o) WHERE type(x) = type AND (startNode(x) = c) = out "
        "WITH x ORDER BY x.doc_id "
        "WITH collect(x) AS xs "
        "RETURN [y IN xs WHERE y.position IS NOT NULL | y.position][0] AS position, "
        "[y IN xs[..$k] | [y.doc_id, y.ev_sentences[..$k], y.ev_starts[..$k], y.ev_ends[..$k]]] "
        "AS evidence } "
    )


def _concept_map(var: str) -> str:
    return f"{var} {{.id, .name, .category, .aliases, .mention_count, .document_count, .members}}"


def ranked_relations() -> str:
    """One concept's strongest aggregated edges (see `_ranked_subquery`: `$limit`, `$types`,
    `$exclude`), each with its evidence (`$k`), its other end as a concept map (`other`) and
    the total sentence count (`total`), in one round trip. No row when `$id` is unknown."""
    return (
        _TOTAL_SENTENCES
        + "MATCH (c:Concept {id: $id}) "
        + _ranked_subquery(best_per_end=False)
        + _evidence_subquery()
        + f"RETURN total, {_edge_columns()}, position, evidence, {_concept_map('o')} AS other"
    )


def ranked_frontier() -> str:
    """For each concept of `$ids` (`key`), its strongest edge to each of the `$limit` strongest
    other ends (plus ties; `$types`, `$exclude` as in `ranked_relations`), without evidence;
    `total` is the total sentence count. One step of a breadth-first walk."""
    return (
        _TOTAL_SENTENCES
        + "UNWIND $ids AS id MATCH (c:Concept {id: id}) "
        + _ranked_subquery(best_per_end=True)
        + f"RETURN total, c.id AS key, {_edge_columns()}, null AS position, [] AS evidence"
    )


def ego_graph() -> str:
    """The concepts of `$ids` and every aggregated edge among them (of `$types`), each with
    its first evidence item, and the total sentence count: one row of three lists.

    Concepts are lists `CONCEPT_FIELDS`, edges lists `EGO_EDGE_FIELDS` (lists decode
    faster than maps), read from the EDGE relationships: one per edge, found from its
    head, its tail checked against the chosen nodes (by identity: no property read)."""
    concept = "[" + ", ".join(f"c.{f}" for f in CONCEPT_FIELDS) + "]"
    return (
        _TOTAL_SENTENCES
        + "CALL () { UNWIND $ids AS id MATCH (c:Concept {id: id}) "
        + f"RETURN collect({concept}) AS concepts }} "
        "CALL () { "
        "UNWIND $ids AS id MATCH (c:Concept {id: id}) WITH collect(c) AS ns "
        f"UNWIND ns AS h MATCH (h)-[g:{EDGE_TYPE}]->(t) WHERE t IN ns "
        "AND ($types IS NULL OR g.type IN $types) "
        "RETURN collect([h.id, g.type, t.id, h.sentence_count, t.sentence_count, g.count, g.position, "
        "g.first_doc, g.sentence, g.start, g.end]) AS edges } "
        "RETURN total, concepts, edges"
    )


def shortest_paths(max_hops: int) -> str:
    """Every shortest path (up to MAX_PATHS) of at most `max_hops` edges over LINKED."""
    if isinstance(max_hops, bool) or not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise ValueError(f"max_hops must be an int between 1 and {MAX_HOPS_LIMIT}, got {max_hops!r}")
    return (
        "MATCH (a:Concept {id: $a}) MATCH (b:Concept {id: $b}) "
        f"MATCH p = allShortestPaths((a)-[:{LINK_TYPE}*..{max_hops}]-(b)) "
        f"WITH p LIMIT {MAX_PATHS} "
        "RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names"
    )


# ---------------------------------------------------------------------------
# whole graph
# ---------------------------------------------------------------------------


def document_totals() -> str:
    return "MATCH (d:Document) RETURN count(d) AS documents, coalesce(sum(d.sentence_count), 0) AS sentences"


def concept_count() -> str:
    return "MATCH (c:Concept) RETURN count(c) AS concepts"


def edge_counts() -> str:
    """Aggregated edges per type."""
    return (
        f"MATCH (h:Concept)-[r:{ALL_FACTS}]->(t:Concept) "
        "WITH DISTINCT h, type(r) AS type, t RETURN type, count(*) AS edges"
    )
