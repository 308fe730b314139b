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

One typed relationship per (document, head, type, tail): the per-document
facts, so deleting a document deletes exactly its relationships; queries sum
them into aggregated edges. Symmetric types point from the smaller id to the
larger. A MENTIONS relationship joins a document to every concept it names
(count 0 when it only names it as a relation end). LINKED is derived: one per
pair of concepts joined by any edge (smaller id first), so path search does
not enumerate parallel per-document relationships.
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
MAX_HOPS_LIMIT = 10
#: at most this many shortest paths are enumerated before sorting (as the embedded store)
MAX_PATHS = 1000

FULLTEXT_INDEX = "kg_concept_forms"


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
    """Delete the document's per-document relationships; returns the concept pairs they joined."""
    return (
        "MATCH (:Document {id: $id})-[:MENTIONS]->(a:Concept) "
        f"MATCH (a)-[r:{ALL_FACTS}]->(b:Concept) WHERE r.doc_id = $id "
        "WITH r, a.id AS x, b.id AS y DELETE r "
        "RETURN DISTINCT CASE WHEN x < y THEN x ELSE y END AS a, CASE WHEN x < y THEN y ELSE x END AS b"
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
    return "MATCH (n:Concept|Document) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS"


def clear_graph_statements() -> tuple[str, ...]:
    """Delete the whole graph in bounded transactions (relationships first, so that no
    transaction holds a hub concept with all its relationships): for tests and
    `kg export --to neo4j --replace`. Each statement runs as an auto-commit query."""
    return (
        "MATCH (:Concept|Document)-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        "MATCH (n:Concept|Document) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
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


def get_concept() -> str:
    return f"MATCH (c:Concept {{id: $id}}) RETURN {_CONCEPT}"


def get_concepts() -> str:
    return f"UNWIND $ids AS id MATCH (c:Concept {{id: id}}) RETURN {_CONCEPT}"


def concepts_with_form(use_fulltext: bool) -> str:
    """Concepts whose normalised name or alias equals $form."""
    if use_fulltext:
        return (
            f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene) YIELD node AS c "
            f"WHERE $form IN c.forms RETURN {_CONCEPT}"
        )
    return f"MATCH (c:Concept) WHERE $form IN c.forms RETURN {_CONCEPT}"


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

EdgeScope = Literal["incident", "between", "among", "heads", "frontier", "keys"]

_SCOPES: dict[str, str] = {
    # edges touching one concept
    "incident": "MATCH (c:Concept {id: $id})-[r:{types}]-(:Concept) ",
    # edges joining two concepts
    "between": "MATCH (:Concept {id: $a})-[r:{types}]-(:Concept {id: $b}) ",
    # edges among a set of concepts
    "among": "MATCH (h:Concept)-[r:{types}]->(t:Concept) WHERE h.id IN $ids AND t.id IN $ids ",
    # edges whose head is one of a set of concepts (each edge once, for export)
    "heads": "MATCH (h:Concept)-[r:{types}]->(:Concept) WHERE h.id IN $ids ",
    # edges touching any of a set of concepts, keyed by that concept
    "frontier": "MATCH (c:Concept)-[r:{types}]-(:Concept) WHERE c.id IN $ids ",
    # given edges: $keys is a list of [head id, type, tail id]
    "keys": "UNWIND $keys AS key MATCH (h:Concept {id: key[0]})-[r:{types}]->(t:Concept {id: key[2]}) "
    "WHERE type(r) = key[1] ",
}


def aggregated_edges(scope: EdgeScope) -> str:
    """Per-document relationships summed into aggregated edges (head, type, tail).

    Parameters: those of the scope, `$types` (list of type names, or null for
    all) and `$k` (evidence items per edge: the first `$k` documents by id
    each give their first `$k` items; the caller keeps `$k` overall).
    Rows are unordered: callers rank them in Python (string order and the
    discounted PMI are computed exactly as the embedded store does).
    """
    match = _SCOPES[scope].replace("{types}", ALL_FACTS)
    if "WHERE" in match:
        text = match + "AND ($types IS NULL OR type(r) IN $types) "
    else:
        text = match + "WHERE $types IS NULL OR type(r) IN $types "
    keep = "c.id AS key, " if scope == "frontier" else ""
    text += (
        f"WITH {keep}startNode(r) AS h, type(r) AS type, endNode(r) AS t, r ORDER BY r.doc_id "
        f"WITH {'key, ' if keep else ''}h, type, t, sum(r.count) AS count, collect(r) AS all "
        f"WITH {'key, ' if keep else ''}h, type, t, count, all[..$k] AS rs, "
        "[x IN all WHERE x.position IS NOT NULL | x.position] AS positions "
    )
    return text + (
        ("RETURN key, " if keep else "RETURN ")
        + "h.id AS head, type, t.id AS tail, h.name AS head_name, t.name AS tail_name, "
        "h.sentence_count AS n_head, t.sentence_count AS n_tail, count, positions[0] AS position, "
        "[x IN rs | [x.doc_id, x.ev_sentences[..$k], x.ev_starts[..$k], x.ev_ends[..$k]]] AS evidence"
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
