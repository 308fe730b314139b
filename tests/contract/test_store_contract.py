"""The GraphStore contract (kg/store/base.py), with the same plain assertions on every store."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from kg import query
from kg.cooccurrence import discounted_pmi
from kg.model import Category, Concept, Relation, RelationType, concept_id
from kg.store.base import GraphStore
from tests.factories import FOUNDING, REPORT, make_extraction

C = Category
R = RelationType
CO = RelationType.CO_OCCURS_WITH

# a third document: one concept (新发展理念) and one typed edge only it supports
EXTRA = make_extraction(
    "plenum communique",
    [
        "新发展理念引领全过程人民民主的实践。",
        "坚持党的领导，贯彻新发展理念。",
    ],
    {"新发展理念": C.IDEA, "全过程人民民主": C.IDEA, "党的领导": C.IDEA},
    [("新发展理念", R.GUIDES, "全过程人民民主")],
    date="2020-10-29",
    aliases={"新发展理念": ["“新发展理念”", "新理念"]},
)


def cid(store: GraphStore, name: str) -> str:
    c = store.find_concept(name)
    assert c is not None, name
    return c.id


def snapshot(store: GraphStore) -> tuple[object, ...]:
    return (store.stats(), list(store.iter_concepts()), list(store.iter_relations(max_evidence=5)))


def other_name(store: GraphStore, rel: Relation, me: str) -> str:
    c = store.get_concept(rel.tail if rel.head == me else rel.head)
    assert c is not None
    return c.name


# ---- ingest ------------------------------------------------------------------


def test_ingest_counts(store: GraphStore) -> None:
    assert store.add(FOUNDING) is True
    assert store.add(REPORT) is True
    stats = store.stats()
    assert (stats.documents, stats.concepts, stats.sentences) == (2, 9, 8)
    assert stats.relations == 8
    assert stats.cooccurrences == 12
    assert stats.by_type == {
        "CARRIER_OF": 1,
        "CO_OCCURS_WITH": 12,
        "ESSENTIAL_FEATURE_OF": 1,
        "GUARANTEES": 3,
        "UNIFIED_WITH": 3,
    }
    assert store.has_document(FOUNDING.document.id)
    assert not store.has_document("d0000")


def test_concept_aggregates(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    npc = store.get_concept(concept_id("人民代表大会制度"))
    assert npc == Concept(
        id=concept_id("人民代表大会制度"),
        name="人民代表大会制度",
        category=C.SYSTEM,
        aliases=("人大制度",),
        mention_count=3,
        document_count=2,
    )
    formula = store.find_concept("四个意识")
    assert formula is not None
    assert formula.members == ("政治意识", "大局意识", "核心意识", "看齐意识")
    assert formula.category == C.FORMULA
    people = store.find_concept("人民当家作主")
    assert people is not None and (people.mention_count, people.document_count) == (4, 2)


def test_category_is_the_most_frequent_then_name_order(store: GraphStore) -> None:
    a = make_extraction("a", ["依法治国是方略。"], {"依法治国": C.PRACTICE}, date="2001")
    b = make_extraction("b", ["依法治国要坚持。"], {"依法治国": C.IDEA}, date="2002")
    c = make_extraction("c", ["依法治国要全面推进。"], {"依法治国": C.PRACTICE}, date="2003")
    store.add_many([a, b])
    tie = store.find_concept("依法治国")
    assert tie is not None and tie.category == C.IDEA  # 1:1, "idea" < "practice"
    store.add(c)
    most = store.find_concept("依法治国")
    assert most is not None and most.category == C.PRACTICE


def test_documents_and_mentions(store: GraphStore) -> None:
    store.add_many([REPORT, FOUNDING, EXTRA])
    listed = store.list_documents()
    assert [d.title for d in listed] == ["plenum communique", "founding speech", "congress report"]
    assert [d.title for d in store.list_documents(offset=1, limit=1)] == ["founding speech"]
    assert store.document_count() == store.stats().documents == 3
    first = listed[1]
    assert first.chars == len(FOUNDING.document.text)
    assert first.mention_count == len(FOUNDING.mentions)
    assert first.concept_count == len({m.name for m in FOUNDING.mentions})
    assert store.get_document(FOUNDING.document.id) == FOUNDING.document
    assert store.get_document("dnothing") is None
    mentions = store.document_mentions(FOUNDING.document.id)
    assert mentions == sorted(FOUNDING.mentions, key=lambda m: (m.start, m.end))
    docs = store.concept_documents(cid(store, "全过程人民民主"))
    assert [(d.document.title, d.mentions) for d in docs] == [
        ("plenum communique", 1),
        ("founding speech", 2),
        ("congress report", 1),
    ]
    assert len(store.concept_documents(cid(store, "全过程人民民主"), limit=2)) == 2


# ---- idempotence ---------------------------------------------------------------


def test_adding_the_same_documents_twice_changes_nothing(store: GraphStore) -> None:
    assert store.add_many([FOUNDING, REPORT]) == 2
    before = snapshot(store)
    assert store.add(FOUNDING) is False
    assert store.add_many([REPORT, FOUNDING, REPORT]) == 0
    assert snapshot(store) == before


def test_add_many_counts_only_the_documents_it_added(store: GraphStore) -> None:
    # kg ingest counts the rest of a batch as already stored (another ingest may have stored them)
    assert store.add(FOUNDING) is True
    assert store.add_many([FOUNDING, REPORT]) == 1
    assert store.stats().documents == 2


def test_duplicates_within_one_batch_count_once(store: GraphStore) -> None:
    assert store.add_many([FOUNDING, FOUNDING, REPORT]) == 2
    assert store.stats().documents == 2
    once = store.get_concept(concept_id("党的领导"))
    assert once is not None and once.mention_count == 3


# ---- delete --------------------------------------------------------------------


def test_delete_restores_the_previous_graph(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    before = snapshot(store)
    assert store.add(EXTRA) is True
    assert store.find_concept("新发展理念") is not None
    assert store.delete_document(EXTRA.document.id) is True
    assert snapshot(store) == before
    assert store.find_concept("新发展理念") is None
    assert store.find_concept("新理念") is None
    assert store.document_mentions(EXTRA.document.id) == []
    assert store.delete_document(EXTRA.document.id) is False


def test_delete_keeps_edges_other_documents_support(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    demo, people = cid(store, "全过程人民民主"), cid(store, "人民当家作主")
    guarantees = [r for r in store.edges_between(demo, people) if r.type == R.GUARANTEES]
    assert [r.count for r in guarantees] == [1]
    assert store.delete_document(REPORT.document.id)
    assert store.edges_between(demo, people) == []  # only REPORT joined them
    assert store.shortest_paths(demo, people, max_hops=1) == []
    leader = cid(store, "党的领导")
    unified = [r for r in store.relations(leader) if r.type == R.UNIFIED_WITH]
    assert len(unified) == 2  # stated by FOUNDING, kept
    assert store.stats().documents == 1


def test_delete_then_add_again(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    before = snapshot(store)
    store.delete_document(FOUNDING.document.id)
    assert store.find_concept("四个意识") is None
    assert store.add(FOUNDING) is True
    assert snapshot(store) == before


# ---- search ----------------------------------------------------------------------


def test_find_by_name_alias_and_normalised_form(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT, EXTRA])
    npc = concept_id("人民代表大会制度")
    for form in ("人民代表大会制度", "人大制度", "“人大制度”", " 人大 制度 "):
        found = store.find_concept(form)
        assert found is not None and found.id == npc, form
    found = store.find_concept("新理念")
    assert found is not None and found.name == "新发展理念"
    assert store.find_concept("不存在的概念") is None


def test_search_contains_most_mentioned_first(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT, EXTRA])
    assert [c.name for c in store.search_concepts("民主")] == ["全过程人民民主", "社会主义民主政治"]
    by_people = ["人民当家作主", "全过程人民民主", "人民代表大会制度"]
    assert [c.name for c in store.search_concepts("人民")] == by_people
    assert [c.name for c in store.search_concepts("人民", limit=1)] == ["人民当家作主"]
    assert [c.name for c in store.search_concepts("党")] == ["党的领导"]  # one character
    assert [c.name for c in store.search_concepts("人大")] == ["人民代表大会制度"]  # by alias
    assert [c.name for c in store.search_concepts("依法治国")] == ["依法治国"]
    assert store.search_concepts("不存在") == []
    assert store.search_concepts("  ") == []
    assert "人民当家作主" in store.concept_names()
    assert store.concept_names() == sorted(store.concept_names())


# ---- related ---------------------------------------------------------------------


def test_relations_typed_by_count_then_cooccurrence_by_pmi(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    leader = cid(store, "党的领导")
    rels = store.relations(leader, max_evidence=1)
    assert [(r.type, other_name(store, r, leader), r.count) for r in rels] == [
        (R.GUARANTEES, "人民当家作主", 1),
        (R.UNIFIED_WITH, "人民当家作主", 1),
        (R.GUARANTEES, "依法治国", 1),
        (R.UNIFIED_WITH, "依法治国", 1),
        (CO, "依法治国", 3),
        (CO, "人民当家作主", 3),
        (CO, "人民代表大会制度", 1),
    ]
    weights = [r.weight for r in rels if r.type == CO]
    assert weights == sorted(weights, reverse=True)
    assert all(r.weight == r.count and r.pmi is None for r in rels if r.type != CO)
    assert all(r.pmi is not None for r in rels if r.type == CO)
    assert [r.type for r in store.relations(leader, types=[R.GUARANTEES])] == [R.GUARANTEES] * 2
    assert len(store.relations(leader, limit=5)) == 5
    assert store.relations(leader, types=[]) == []


def test_the_two_directions_of_a_relation_are_ordered_by_head_id(store: GraphStore) -> None:
    # 职业培训 PART_OF 就业 in one document, 就业 PART_OF 职业培训 in another: equal count,
    # same other end and type; the head id decides (stores must agree, whatever their row order)
    one = make_extraction(
        "a",
        ["职业培训是就业的一部分。"],
        {"职业培训": C.IDEA, "就业": C.IDEA},
        [("职业培训", R.PART_OF, "就业")],
    )
    two = make_extraction(
        "b", ["就业包括职业培训。"], {"职业培训": C.IDEA, "就业": C.IDEA}, [("就业", R.PART_OF, "职业培训")]
    )
    store.add_many([one, two])
    for name in ("就业", "职业培训"):
        me = cid(store, name)
        typed = [r for r in store.relations(me) if r.type == R.PART_OF]
        assert len(typed) == 2
        assert [r.head for r in typed] == sorted(r.head for r in typed)
        detail = query.related(store, name)
        assert [t.relation for t in detail if t.relation.type == R.PART_OF] == typed


def test_edges_between_many_pairs_in_one_call(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    ids = sorted(c.id for c in store.iter_concepts())
    pairs = [(a, b) for a in ids for b in ids]  # both orders, unjoined pairs and a == b included
    many = store.edges_between_many(pairs, max_evidence=2)
    assert set(many) == set(pairs)
    for a, b in pairs:
        assert many[(a, b)] == store.edges_between(a, b, max_evidence=2)
    assert any(many.values()) and store.edges_between_many([]) == {}


def test_symmetric_edges_are_keyed_smaller_id_first(store: GraphStore) -> None:
    store.add(FOUNDING)
    for rel in store.iter_relations():
        if rel.type in (R.UNIFIED_WITH, CO):
            assert rel.head < rel.tail
    leader, people = cid(store, "党的领导"), cid(store, "人民当家作主")
    unified = [r for r in store.edges_between(people, leader) if r.type == R.UNIFIED_WITH]
    assert len(unified) == 1 and unified[0].head == min(leader, people)


def test_cooccurrence_pmi_follows_sentence_counts(store: GraphStore) -> None:
    store.add(FOUNDING)
    a, b = cid(store, "全过程人民民主"), cid(store, "社会主义民主政治")
    co = [r for r in store.edges_between(a, b) if r.type == CO]
    # 5 sentences; 全过程人民民主 in 2, 社会主义民主政治 in 1, together in 1
    assert len(co) == 1 and co[0].count == 1
    assert co[0].pmi is not None and math.isclose(co[0].pmi, math.log2(1 * 5 / (2 * 1)))
    assert co[0].weight == discounted_pmi(1, 2, 1, 5)


# ---- evidence --------------------------------------------------------------------


def test_evidence_locates_the_sentence(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    demo, people = cid(store, "全过程人民民主"), cid(store, "人民当家作主")
    for rel in store.edges_between(demo, people, max_evidence=5):
        assert rel.evidence
        keys = [(e.document_id, e.start) for e in rel.evidence]
        assert keys == sorted(keys)
        for e in rel.evidence:
            doc = store.get_document(e.document_id)
            assert doc is not None and doc.text[e.start : e.end] == e.sentence
    npc = cid(store, "人民代表大会制度")
    carrier = [r for r in store.edges_between(npc, demo, max_evidence=3) if r.type == R.CARRIER_OF]
    assert len(carrier) == 1
    first_sentence = "人民代表大会制度是实现我国全过程人民民主的重要制度载体。"
    assert [e.sentence for e in carrier[0].evidence] == [first_sentence]


def test_evidence_is_bounded_and_ordered_by_document(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    leader, law = cid(store, "党的领导"), cid(store, "依法治国")
    (co,) = [r for r in store.edges_between(leader, law, max_evidence=5) if r.type == CO]
    assert co.count == 3
    docs = [e.document_id for e in co.evidence]
    assert docs == sorted([FOUNDING.document.id, REPORT.document.id])  # first evidence per document
    (one,) = [r for r in store.edges_between(leader, law, max_evidence=1) if r.type == CO]
    assert len(one.evidence) == 1
    (none,) = [r for r in store.edges_between(leader, law, max_evidence=0) if r.type == CO]
    assert none.evidence == ()


# ---- paths -----------------------------------------------------------------------


def test_shortest_paths(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    npc, socialist = cid(store, "人民代表大会制度"), cid(store, "社会主义民主政治")
    names = [[n.name for n in p.concepts] for p in query.paths(store, "人大制度", "社会主义民主政治")]
    assert names == [["人民代表大会制度", "全过程人民民主", "社会主义民主政治"]]
    assert store.shortest_paths(npc, socialist, max_hops=1) == []
    assert store.shortest_paths(npc, npc) == [[npc]]
    four = cid(store, "四个意识")
    assert store.shortest_paths(npc, four) == []  # another component


def test_all_shortest_paths_sorted_by_names(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT, EXTRA])
    new, people = cid(store, "新发展理念"), cid(store, "人民当家作主")
    found = store.shortest_paths(new, people, max_hops=4, limit=20)
    assert len(found) >= 2
    assert len({len(p) for p in found}) == 1
    as_names = [[store.get_concept(i).name for i in p] for p in found]  # type: ignore[union-attr]
    assert as_names == sorted(as_names)
    for p in found:
        for x, y in itertools.pairwise(p):
            assert store.edges_between(x, y)
    assert store.shortest_paths(new, people, max_hops=4, limit=1) == found[:1]


# ---- subgraph --------------------------------------------------------------------


def test_neighbourhood(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT, EXTRA])
    center = cid(store, "全过程人民民主")
    nodes, edges = store.neighbourhood(center, depth=1, max_nodes=50)
    ids = {c.id for c in nodes}
    assert nodes[0].id == center
    assert ids == {center} | {
        r.tail if r.head == center else r.head for r in store.relations(center, limit=200, max_evidence=0)
    }
    for e in edges:
        assert e.head in ids and e.tail in ids
    assert edges == sorted(edges, key=lambda r: (r.head, str(r.type), r.tail))
    small, small_edges = store.neighbourhood(center, depth=2, max_nodes=3)
    assert len(small) == 3
    assert {e.head for e in small_edges} | {e.tail for e in small_edges} <= {c.id for c in small}
    typed, typed_edges = store.neighbourhood(center, depth=2, types=[R.GUIDES, R.CARRIER_OF])
    assert {c.name for c in typed} == {"全过程人民民主", "新发展理念", "人民代表大会制度"}
    assert {e.type for e in typed_edges} == {R.GUIDES, R.CARRIER_OF}
    assert store.neighbourhood("cnothing") == ([], [])


def test_subgraph_query(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    sub = query.subgraph(store, "党的领导", depth=2, max_nodes=6, include_cooccurrence=False)
    assert sub.center.name == "党的领导"
    assert {c.name for c in sub.nodes} == {"党的领导", "人民当家作主", "依法治国", "全过程人民民主"}
    assert all(e.type != CO for e in sub.edges)


def test_timeline_counts_undated_documents_under_unknown_after_the_years(store: GraphStore) -> None:
    undated = make_extraction("undated note", ["全过程人民民主要落到实处。"], {"全过程人民民主": C.IDEA})
    store.add_many([FOUNDING, REPORT, undated])
    _, docs, per_year = query.timeline(store, "全过程人民民主")
    assert len(docs) == 3
    assert list(per_year) == ["2021", "2022", "unknown"]  # years in order, the undated last
    assert per_year["unknown"] == 1


# ---- export iteration ----------------------------------------------------------


def test_iteration_covers_the_graph(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    concepts = list(store.iter_concepts())
    assert [c.id for c in concepts] == sorted(c.id for c in concepts)
    rels = list(store.iter_relations(max_evidence=1))
    stats = store.stats()
    assert len(rels) == stats.relations + stats.cooccurrences
    assert rels == sorted(rels, key=lambda r: (r.head, str(r.type), r.tail))
    assert all(len(r.evidence) == 1 for r in rels)


def test_get_concepts_in_one_call(store: GraphStore) -> None:
    store.add_many([FOUNDING, REPORT])
    ids = [concept_id("全过程人民民主"), concept_id("人民代表大会制度"), concept_id("不存在")]
    found = store.get_concepts(ids)
    assert sorted(c.name for c in found.values()) == ["人民代表大会制度", "全过程人民民主"]
    assert found[ids[0]] == store.get_concept(ids[0])
    assert store.get_concepts([]) == {}


def test_a_file_read_again_by_a_newer_normalisation_replaces_its_old_reading(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.ingest
    import kg.sources
    from extractors.pipeline import PolicyExtractor

    monkeypatch.setattr(kg.ingest, "load_extractor", lambda name: PolicyExtractor())
    folder = tmp_path / "in"
    folder.mkdir()
    # typed with ASCII marks: a version that kept them read another text than this one does
    (folder / "speech.txt").write_text(
        "人民代表大会制度是实现全过程人民民主的重要制度载体.", encoding="utf-8"
    )
    with monkeypatch.context() as older:
        older.setattr(kg.sources, "normalize_text", lambda text: text.strip("\n"))
        kg.ingest.ingest_paths([folder], store)
    (old,) = store.list_documents()
    report = kg.ingest.ingest_paths([folder], store)
    (new,) = store.list_documents()
    assert report.renormalized == [(old.id, new.id, new.source)] and new.id != old.id
    assert store.get_document(old.id) is None
    relations = [(r.head, r.type, r.tail) for r in store.iter_relations(max_evidence=5)]
    assert (cid(store, "人民代表大会制度"), R.CARRIER_OF, cid(store, "全过程人民民主")) in relations
    assert all(e.document_id == new.id for r in store.iter_relations(max_evidence=5) for e in r.evidence)


def test_reextracting_replaces_what_was_found_in_a_stored_document(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.ingest
    from extractors.pipeline import PolicyExtractor
    from kg.model import Document, DocumentExtraction

    class FindsNothing:
        name = "nothing/1"

        def extract(self, document: Document) -> DocumentExtraction:
            return DocumentExtraction(document, (), (), (), (), self.name)

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "speech.txt").write_text(
        "人民代表大会制度是实现全过程人民民主的重要制度载体。", encoding="utf-8"
    )
    monkeypatch.setattr(kg.ingest, "load_extractor", lambda name: FindsNothing())
    kg.ingest.ingest_paths([folder], store)
    assert store.stats().documents == 1 and store.stats().concepts == 0
    monkeypatch.setattr(kg.ingest, "load_extractor", lambda name: PolicyExtractor())
    assert kg.ingest.ingest_paths([folder], store).unchanged == 1  # without reextract: kept as stored
    report = kg.ingest.ingest_paths([folder], store, reextract=True)
    assert (report.added, report.reextracted, report.unchanged) == (0, 1, 0)
    assert store.stats().documents == 1
    relations = [(r.head, r.type, r.tail) for r in store.iter_relations(max_evidence=5)]
    assert (cid(store, "人民代表大会制度"), R.CARRIER_OF, cid(store, "全过程人民民主")) in relations
    before = snapshot(store)
    kg.ingest.ingest_paths([folder], store, reextract=True)  # the same extractor: the same graph
    assert snapshot(store) == before
