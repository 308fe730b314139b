"""The Neo4j store's Cypher text (kg/store/cypher.py) and pure helpers, tested as strings and data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.model import Category, RelationType, concept_id
from kg.store import cypher
from kg.store.neo4j_load_plan import (
    ConceptDelta,
    concept_props,
    document_batches,
    pick_category,
    plan_documents,
)
from kg.store.neo4j_rows import fulltext_phrase
from kg.store.user_cypher import READ_PROCEDURES, CypherError, refuse_unless_read_only, without_explain
from tests.factories import FOUNDING, REPORT

NO_ARG_BUILDERS: list[Callable[[], str]] = [
    cypher.claim_documents,
    cypher.lock_document,
    cypher.concept_state,
    cypher.merge_documents,
    cypher.merge_concepts,
    cypher.merge_mentions,
    cypher.merge_links,
    cypher.document_contributions,
    cypher.delete_document_facts,
    cypher.delete_unsupported_links,
    cypher.delete_document_node,
    cypher.delete_concepts,
    cypher.has_document,
    cypher.get_document,
    cypher.list_documents,
    cypher.document_mentions,
    cypher.concept_documents,
    cypher.get_concept,
    cypher.get_concepts,
    cypher.concept_names,
    cypher.concept_page,
    cypher.document_totals,
    cypher.concept_count,
    cypher.edge_counts,
    cypher.ranked_relations,
    cypher.ranked_frontier,
    cypher.lock_totals,
    cypher.refresh_totals,
    cypher.merge_edges,
    cypher.subtract_edges,
    cypher.refresh_edge_firsts,
    cypher.edge_model,
    cypher.backfill_edges,
    cypher.ego_graph,
]


def all_queries() -> list[str]:
    out = [b() for b in NO_ARG_BUILDERS]
    out += [cypher.clear_graph(), *cypher.clear_graph_statements()]
    out += [cypher.merge_facts(t) for t in RelationType]
    out += [cypher.aggregated_edges(s) for s in get_args(cypher.EdgeScope)]
    out += [cypher.search_concepts(f) for f in (True, False)]
    out += [cypher.find_concept(f) for f in (True, False)]
    out += [cypher.shortest_paths(h) for h in range(1, cypher.MAX_HOPS_LIMIT + 1)]
    return out


QUOTED = re.compile(r"'([^']*)'")
# the index name, the analyzer and relationship type names (from the closed enum, as in patterns)
ALLOWED_LITERALS = {cypher.FULLTEXT_INDEX, "cjk", *(t.value for t in RelationType)}


@pytest.mark.parametrize("text", all_queries())
def test_values_travel_as_parameters(text: str) -> None:
    # the only string literals are the index name, the analyzer and relationship type names
    assert set(QUOTED.findall(text)) <= ALLOWED_LITERALS
    # labels and relationship types come from the fixed vocabulary
    for label in re.findall(r"\((?:\w+)?:(\w+)", text):
        assert label in {"Concept", "Document", cypher.TOTALS_LABEL}
    for types in re.findall(r"\[\w*:([A-Z_|]+)", text):
        for name in types.split("|"):
            assert name in {*(t.value for t in RelationType), "MENTIONS", cypher.LINK_TYPE, cypher.EDGE_TYPE}


def test_writes_are_batched_merges() -> None:
    for text in (
        cypher.merge_documents(),
        cypher.merge_concepts(),
        cypher.merge_mentions(),
        cypher.merge_links(),
        cypher.merge_facts(RelationType.GUIDES),
    ):
        assert text.startswith("UNWIND $rows AS row ")
        assert "MERGE" in text and "CREATE" not in text


def test_merge_facts_keys_relationships_by_document() -> None:
    text = cypher.merge_facts(RelationType.CARRIER_OF)
    assert "MERGE (a)-[r:CARRIER_OF {doc_id: row.doc}]->(b) SET r += row.props" in text


def test_relationship_types_only_from_the_enum() -> None:
    assert cypher.rel_union([RelationType.GUIDES, RelationType.PART_OF]) == "GUIDES|PART_OF"
    with pytest.raises(TypeError):
        cypher.rel_union(["GUIDES]-() DETACH DELETE n //"])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        cypher.rel_union([])


def test_schema_has_unique_ids_and_a_cjk_fulltext_index() -> None:
    schema = cypher.schema_statements()
    assert any("FOR (c:Concept) REQUIRE c.id IS UNIQUE" in s for s in schema)
    assert any("FOR (d:Document) REQUIRE d.id IS UNIQUE" in s for s in schema)
    (fulltext,) = [s for s in schema if "FULLTEXT" in s]
    assert "ON EACH [c.forms]" in fulltext and "`fulltext.analyzer`: 'cjk'" in fulltext
    assert all("IF NOT EXISTS" in s for s in schema if s.startswith("CREATE"))


def test_search_uses_the_fulltext_index_and_checks_containment() -> None:
    text = cypher.search_concepts(True)
    assert text.startswith(f"CALL db.index.fulltext.queryNodes('{cypher.FULLTEXT_INDEX}', $lucene)")
    assert "f CONTAINS $key" in text and "LIMIT $limit" in text
    assert "queryNodes" not in cypher.search_concepts(False)


def test_shortest_paths_bounds_hops_with_a_validated_integer() -> None:
    assert "[:LINKED*..4]" in cypher.shortest_paths(4)
    assert "allShortestPaths" in cypher.shortest_paths(1)
    for bad in (0, -1, cypher.MAX_HOPS_LIMIT + 1, True, "3"):
        with pytest.raises(ValueError):
            cypher.shortest_paths(bad)  # type: ignore[arg-type]


def test_aggregated_edges_filter_types_by_parameter() -> None:
    for scope in get_args(cypher.EdgeScope):
        text = cypher.aggregated_edges(scope)
        assert "$types IS NULL OR type(r) IN $types" in text
        assert "sum(r.count) AS count" in text
        assert "collect(r) AS all" in text and "all[..$k] AS rs" in text
        assert "AS total" in text and "RETURN total," in text


def test_ranked_queries_cut_inside_cypher_with_parameters() -> None:
    for text in (cypher.ranked_relations(), cypher.ranked_frontier()):
        assert "$types IS NULL OR g.type IN $types" in text
        assert "NOT o.id IN $exclude" in text
        assert f"MATCH (c)-[g:{cypher.EDGE_TYPE}]-(o:Concept)" in text  # one relationship per edge
        assert "rows[$limit - 1] AS b" in text  # the cut, ties kept
        assert f"{cypher.RANK_SLACK!r} * (abs(b.w) + 1.0)" in text
        assert "ORDER BY co, w DESC" in text
        assert "g.count AS count" in text
    related = cypher.ranked_relations()
    assert related.count("MATCH (c:Concept {id: $id})") == 1
    assert "xs[..$k]" in related and "AS other" in related  # evidence and the other end, same query
    frontier = cypher.ranked_frontier()
    assert frontier.startswith(cypher._TOTAL_SENTENCES)
    assert "UNWIND $ids AS id MATCH (c:Concept {id: id})" in frontier and "c.id AS key" in frontier
    assert "collect({o: o, type: type, out: out, count: count, co: co, w: w})[0] AS x" in frontier
    assert "[0] AS x" not in related  # related terms list every edge, a walk the best per end


def test_ego_graph_reads_concepts_and_edges_among_ids_at_once() -> None:
    text = cypher.ego_graph()
    assert "UNWIND $ids AS id MATCH (c:Concept {id: id})" in text
    # each aggregated edge found once, from its head, its tail checked against the set
    assert f"UNWIND ns AS h MATCH (h)-[g:{cypher.EDGE_TYPE}]->(t) WHERE t IN ns" in text
    assert "$types IS NULL OR g.type IN $types" in text
    assert "g.first_doc, g.sentence, g.start, g.end" in text
    assert text.endswith("RETURN total, concepts, edges")
    assert text.count("c.") == len(cypher.CONCEPT_FIELDS)
    assert len(cypher.EGO_EDGE_FIELDS) == 11


def test_find_concept_tries_the_id_then_the_forms() -> None:
    with_index = cypher.find_concept(True)
    assert with_index.startswith("OPTIONAL MATCH (d:Concept {id: $id})")
    assert f"queryNodes('{cypher.FULLTEXT_INDEX}', $lucene)" in with_index
    assert "WHERE d IS NULL" in with_index and "$form IN c.forms" in with_index
    assert "queryNodes" not in cypher.find_concept(False)


def test_discounted_pmi_expression_names_its_variables() -> None:
    text = cypher.discounted_pmi_expr("n", "a", "b", "total")
    assert "log(toFloat(n * total) / toFloat(a * b)) / log(2.0)" in text
    assert "(toFloat(n) / (n + 1))" in text and "CASE WHEN a < b THEN a ELSE b END" in text


def test_writers_lock_before_they_read_aggregates() -> None:
    assert cypher.concept_state().startswith("UNWIND $ids AS id MERGE (c:Concept {id: id}) SET c.kg_lock")
    assert "MERGE (d:Document {id: id})" in cypher.claim_documents()
    assert "SET d.kg_lock" in cypher.lock_document()


def test_delete_removes_only_the_documents_relationships() -> None:
    assert "WHERE r.doc_id = $id" in cypher.delete_document_facts()
    assert "NOT EXISTS" in cypher.delete_unsupported_links()


# ---- pure helpers of kg/store/neo4j_load_plan.py and kg/store/neo4j_rows.py ---------


def test_clearing_deletes_relationships_before_nodes_in_bounded_transactions() -> None:
    rels, nodes = cypher.clear_graph_statements()
    assert "DELETE r" in rels and "DETACH DELETE n" in nodes
    assert all("IN TRANSACTIONS OF 10000 ROWS" in s for s in (rels, nodes))


def test_document_batches_bound_documents_and_text() -> None:
    docs = [FOUNDING, REPORT, FOUNDING, REPORT, FOUNDING]
    assert [len(b) for b in document_batches(docs, 2, 10**9)] == [2, 2, 1]
    one = len(FOUNDING.document.text)
    assert [len(b) for b in document_batches(docs, 10, one)] == [1, 1, 1, 1, 1]
    assert list(document_batches([], 3, 10)) == []


def test_pick_category() -> None:
    assert pick_category({}) == Category.IDEA
    assert pick_category({"practice": 1, "idea": 1}) == Category.IDEA
    assert pick_category({"practice": 2, "idea": 1}) == Category.PRACTICE
    assert pick_category({"system": 0}) == Category.IDEA


def test_fulltext_phrase_only_for_han_runs() -> None:
    assert fulltext_phrase("人民民主") == '"人民民主"'
    assert fulltext_phrase("党") is None  # one character: bigrams cannot answer it
    assert fulltext_phrase("5G网络") is None
    assert fulltext_phrase('人民" OR x') is None


def test_plan_counts_rows_per_document() -> None:
    plan = plan_documents([FOUNDING, REPORT])
    assert [d["id"] for d in plan.documents] == [FOUNDING.document.id, REPORT.document.id]
    founding_names = {c.name for c in FOUNDING.concepts}
    assert sum(1 for m in plan.mentions if m["doc"] == FOUNDING.document.id) == len(founding_names)
    delta = plan.deltas[concept_id("人民代表大会制度")]
    assert (delta.records, delta.mentions, delta.documents) == (2, 3, 2)
    assert delta.aliases == {"人大制度": 2}
    for head, tail in plan.links:
        assert head < tail
    co = plan.facts[RelationType.CO_OCCURS_WITH]
    assert all(row["head"] < row["tail"] for row in co)
    facts = sum(map(len, plan.facts.values()))
    assert plan.relationship_count == len(plan.mentions) + facts + len(plan.edge_rows()) + len(plan.links)
    # one EDGE row per aggregated edge, its count summed over the two documents
    keys = {(r["head"], str(t), r["tail"]) for t, rows in plan.facts.items() for r in rows}
    assert len(plan.edge_rows()) == len(keys) < facts
    total = sum(r["props"]["count"] for rows in plan.facts.values() for r in rows)
    assert sum(r["count"] for r in plan.edge_rows()) == total


@given(
    st.lists(st.sampled_from([str(c) for c in Category]), max_size=6),
    st.lists(st.sampled_from(["甲", "乙", "丙"]), max_size=6),
    st.integers(0, 50),
)
def test_adding_then_removing_a_delta_restores_the_aggregate(
    cats: list[str], aliases: list[str], n: int
) -> None:
    base = concept_props(None, ConceptDelta("概念", records=1, mentions=2, sentences=2, documents=1), +1)
    delta = ConceptDelta("概念", records=1, mentions=n, sentences=n, documents=1)
    for c in cats:
        delta.categories[c] += 1
    for a in aliases:
        delta.aliases[a] += 1
    added = concept_props(base, delta, +1)
    assert added["records"] == 2 and added["mention_count"] == 2 + n
    assert added["aliases"] == sorted(set(aliases))
    removed = concept_props(added, delta, -1)
    kept = ("records", "mention_count", "sentence_count", "document_count", "category", "aliases", "forms")
    for key in kept:
        assert removed[key] == base[key], key


def test_totals_are_rewritten_under_a_lock_and_read_with_a_fallback() -> None:
    assert cypher.lock_totals().startswith(f"MERGE (g:{cypher.TOTALS_LABEL} {{key: 1}}) SET g.kg_lock")
    assert "sum(d.sentence_count)" in cypher.refresh_totals()
    assert any(cypher.TOTALS_LABEL in s and "UNIQUE" in s for s in cypher.schema_statements())
    total = cypher._TOTAL_SENTENCES
    assert f"OPTIONAL MATCH (g:{cypher.TOTALS_LABEL} {{key: 1}})" in total
    assert "WHERE kept IS NULL OPTIONAL MATCH (d:Document)" in total  # a store without the node
    assert all(cypher.TOTALS_LABEL in s for s in cypher.clear_graph_statements()[1:])


def test_aggregated_edges_are_kept_by_writers_and_rebuilt_for_old_stores() -> None:
    merge = cypher.merge_edges()
    assert f"MERGE (a)-[g:{cypher.EDGE_TYPE} {{type: row.type}}]->(b)" in merge
    assert "SET g.count = coalesce(g.count, 0) + row.count" in merge
    assert "row.first_doc < g.first_doc" in merge and "row.position_doc < g.position_doc" in merge
    refresh = cypher.refresh_edge_firsts()
    assert "(g.first_doc = $doc OR g.position_doc = $doc)" in refresh and "ORDER BY x.doc_id" in refresh
    subtract = cypher.subtract_edges()
    assert "SET g.count = g.count - row.count" in subtract and "WHERE g.count <= 0 DELETE g" in subtract
    assert "RETURN head, type, tail, count" in cypher.delete_document_facts()
    backfill = cypher.backfill_edges()
    assert "SET a.kg_lock = true" in backfill and "sum(r.count) AS count" in backfill
    assert "IN TRANSACTIONS OF" in backfill
    assert f"g.edge_model = {cypher.EDGE_MODEL}" in cypher.refresh_totals()


def _plan(*operators: str, details: str = "") -> dict[str, object]:
    """A plan as the driver gives EXPLAIN's: ProduceResults over a chain of `operators`."""
    node: dict[str, object] | None = None
    for op in reversed(operators):
        node = {"operatorType": op, "args": {"Details": details}, "children": [node] if node else []}
    return {"operatorType": "ProduceResults@neo4j", "args": {}, "children": [node] if node else []}


@pytest.mark.parametrize(
    ("query_type", "plan", "refused"),
    [
        # what Neo4j 5.26 answers to EXPLAIN of each (query type 'r' unless said)
        ("r", _plan("ShowTransactions@neo4j"), "SHOW TRANSACTIONS"),  # SHOW TRANSACTIONS
        ("r", _plan("Apply@neo4j", "TerminateTransactions@neo4j"), "TERMINATE TRANSACTIONS"),
        ("r", _plan("LoadCSV@neo4j"), "LOAD CSV"),  # LOAD CSV FROM 'http://…' AS l RETURN l
        ("r", _plan("ShowSettings@neo4j"), "SHOW SETTINGS"),
        ("s", _plan("AdministrationCommand@system"), "administration commands"),  # SHOW USERS
        (
            "s",
            _plan("ProcedureCall@neo4j", details="dbms.listConfig() :: (name :: STRING)"),
            "dbms.listConfig",
        ),
        ("s", _plan("ProcedureCall@neo4j", details="db.clearQueryCaches() :: (value :: STRING)"), "db.clear"),
        (
            "r",
            _plan("ProcedureCall@neo4j", details="db.stats.clear($a) :: (section :: STRING)"),
            "db.stats.clear",
        ),
        ("rw", _plan("Create@neo4j"), "writes"),
        ("w", _plan("Merge@neo4j"), "writes"),
        ("s", _plan("CreateIndex@neo4j"), "schema"),
        ("r", None, "no plan"),
    ],
)
def test_user_cypher_must_only_read_the_graph(
    query_type: str, plan: dict[str, object] | None, refused: str
) -> None:
    with pytest.raises(CypherError, match=re.escape(refused)):
        refuse_unless_read_only(query_type, plan)


def test_reads_and_allowed_procedures_pass() -> None:
    refuse_unless_read_only("r", _plan("Filter@neo4j", "AllNodesScan@neo4j"))
    assert {"db.labels", "db.relationshipTypes", "db.propertyKeys"} <= READ_PROCEDURES
    for name in sorted(READ_PROCEDURES):
        refuse_unless_read_only("r", _plan("ProcedureCall@neo4j", details=f"{name}() :: (x :: STRING)"))
    # a refused operator deep in a union is found too
    union = {
        "operatorType": "ProduceResults@neo4j",
        "children": [
            {"operatorType": "Union@neo4j", "children": [_plan("AllNodesScan@neo4j"), _plan("LoadCSV@neo4j")]}
        ],
    }
    with pytest.raises(CypherError, match="LOAD CSV"):
        refuse_unless_read_only("r", union)


def test_errors_of_the_explained_query_point_into_the_users_query() -> None:
    got = without_explain(
        "Invalid input 'RETURN': expected ')' (line 1, column 18 (offset: 17))\n"
        '"EXPLAIN MATCH (n RETURN n"\n'
        "                  ^"
    )
    assert got == "Invalid input 'RETURN': expected ')' (line 1, column 10 (offset: 9))\n" + (
        '"MATCH (n RETURN n"\n          ^'
    )
    later = without_explain('Variable `m` not defined (line 3, column 8 (offset: 39))\n"RETURN m"\n        ^')
    assert later == 'Variable `m` not defined (line 3, column 8 (offset: 31))\n"RETURN m"\n        ^'
