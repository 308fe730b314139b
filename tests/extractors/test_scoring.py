from kg.scoring import Counts, norm, score_document, summarize

GOLD = {
    "concepts": [
        {"name": "人民代表大会制度", "category": "system", "aliases": ["人大制度"]},
        {"name": "全过程人民民主", "category": "idea", "aliases": []},
        {"name": "党的领导", "category": "idea", "aliases": []},
        {"name": "依法治国", "category": "idea", "aliases": []},
    ],
    "relations": [
        {"head": "人民代表大会制度", "type": "CARRIER_OF", "tail": "全过程人民民主"},
        {"head": "党的领导", "type": "UNIFIED_WITH", "tail": "依法治国"},
    ],
}


def test_norm_drops_quotes_and_space() -> None:
    assert norm("“两个 维护”") == "两个维护"


def test_aliases_match_and_symmetric_types() -> None:
    pred = {
        "concepts": [
            {"name": "人大制度"},
            {"name": "全过程人民民主"},
            {"name": "依法治国"},
            {"name": "噪声"},
        ],
        "relations": [
            {"head": "人大制度", "type": "CARRIER_OF", "tail": "全过程人民民主"},
            {"head": "依法治国", "type": "UNIFIED_WITH", "tail": "党的领导"},
            {"head": "全过程人民民主", "type": "GUIDES", "tail": "依法治国"},
        ],
    }
    s = score_document("d", GOLD, pred)
    assert s.measures["concepts"] == Counts(3, 4, 4)
    assert s.measures["pairs"] == Counts(2, 3, 2)
    assert s.measures["typed"] == Counts(2, 3, 2)
    assert s.category_recall == {"system": (1, 1), "idea": (2, 3)}
    assert s.missed == ("党的领导",)


def test_micro_and_empty_conventions() -> None:
    empty = score_document("e", {"concepts": [], "relations": []}, {"concepts": [], "relations": []})
    assert empty.measures["concepts"].f1 == 1.0
    none = score_document("n", GOLD, {})
    assert none.measures["concepts"].precision == 0.0 and none.measures["concepts"].recall == 0.0
    total = summarize([empty, none])
    assert total.micro["concepts"] == Counts(0, 0, 4)
    assert total.category_recall["idea"] == (0, 3)


def test_gold_concepts_without_a_category_are_scored_by_name() -> None:
    gold = {"concepts": [{"name": "全过程人民民主"}, {"name": "党的领导", "category": "idea"}]}
    s = score_document("c", gold, {"concepts": [{"name": "全过程人民民主"}]})
    assert s.measures["concepts"] == Counts(1, 1, 2)
    assert s.category_recall == {"(none)": (1, 1), "idea": (0, 1)}
