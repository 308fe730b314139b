"""The concept keep/drop filter: features, model arithmetic, dropping with relations, the pipeline hook."""

import math
import re
from pathlib import Path

import pytest

from extractors.concept_filter import (
    ConceptFilter,
    TopicRule,
    Tree,
    concept_features,
    context_features,
    exempt,
    load_concept_filter,
    prior_features,
)
from extractors.corpus_terms import CorpusTerms
from extractors.lexicon import LexiconEntry, make_lexicon
from extractors.pipeline import PolicyExtractor
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import Category, Document, RelationType, document_id
from kg.normalize import normalize_text

TEXT = "坚持“人民代表大会制度”。人民代表大会制度是全过程人民民主的重要载体，人民民主很重要，民主作风也要讲。"


def _span(name: str, at: str, category: Category = Category.IDEA) -> ConceptSpan:
    """The span of `name` where the text has `at` (which starts with it)."""
    start = TEXT.index(at, 1 if at == name else 0)
    return ConceptSpan(start, start + len(name), name, name, category)


SPANS = [
    _span("人民代表大会制度", "人民代表大会制度”", Category.SYSTEM),
    _span("人民代表大会制度", "人民代表大会制度是", Category.SYSTEM),
    _span("全过程人民民主", "全过程人民民主"),
    _span("人民民主", "人民民主很"),
    _span("民主作风", "民主作风"),
]
RELATIONS = [(1, FoundRelation("人民代表大会制度", RelationType.CARRIER_OF, "全过程人民民主"))]
LEXICON = make_lexicon(
    [LexiconEntry("人民代表大会制度", Category.SYSTEM), LexiconEntry("民主作风", Category.IDEA)]
)
TERMS = CorpusTerms.from_terms({"全过程人民民主": ("idea", 0.9)})
WEAK = CorpusTerms.from_terms({"人民民主": ("idea", 0.35)})


@pytest.fixture(scope="module")
def features() -> dict[str, dict[str, float]]:
    return concept_features(TEXT, SPANS, RELATIONS, LEXICON, TERMS, WEAK, prior={"民主作风": (0, 3)})


def test_features_sources(features: dict[str, dict[str, float]]) -> None:
    assert set(features) == {"人民代表大会制度", "全过程人民民主", "人民民主", "民主作风"}
    assert features["人民代表大会制度"]["lex"] == 1.0 and "ct" not in features["人民代表大会制度"]
    assert features["全过程人民民主"]["ct_score"] == pytest.approx(0.9)
    assert features["人民民主"].get("weak") == 1.0 and "rule" not in features["人民民主"]
    assert features["民主作风"]["prior_wrong"] > 0 and "prior_right" not in features["民主作风"]


def test_features_mentions_relations_nesting(features: dict[str, dict[str, float]]) -> None:
    system = features["人民代表大会制度"]
    assert "single" not in system and system["log_mentions"] > 0
    assert system["quoted"] == 1.0 and system["rel_end"] == 1.0 and system["suf=制度"] == 1.0
    assert system["cat=system"] == 1.0 and system["first_pos"] == pytest.approx(3 / len(TEXT))
    assert features["人民民主"]["inside_other"] == 1.0 and "rel_end" not in features["人民民主"]
    assert (
        features["全过程人民民主"]["contains_other"] == 1.0 and features["全过程人民民主"]["rel_end"] == 1.0
    )


def test_context_features() -> None:
    text = "加强社会治理。提高社会治理的效能、法治保障水平。\n社会治理是大事。"
    spans = [ConceptSpan(i, i + 4, "社会治理", "社会治理", Category.IDEA) for i in (2, 9, 25)]
    f = context_features(text, spans)
    assert f["ctx_verb"] == pytest.approx(2 / 3)  # 加强|社会治理, 提高|社会治理
    assert f["ctx_de_after"] == pytest.approx(1 / 3)  # 社会治理|的
    assert f["ctx_start"] == pytest.approx(1 / 3)  # at a line start
    assert "ctx_list" not in f and "ctx_de_before" not in f
    listed = ConceptSpan(
        text.index("法治保障"), text.index("法治保障") + 4, "法治保障", "法治保障", Category.IDEA
    )
    assert context_features(text, [listed]) == {"ctx_list": 1.0}


def test_prior_features() -> None:
    assert prior_features("x", {}) == {}
    f = prior_features("x", {"x": (2, 0)})
    assert f["prior_seen"] == 1.0 and f["prior_rate"] > 0 and "prior_wrong" not in f


def test_tree_and_probability() -> None:
    # root: lex <= 0.5 ? leaf -1.0 : leaf +2.0
    tree = Tree(("lex", "", ""), (0.5, -2.0, -2.0), (1, -1, -1), (2, -1, -1), (0.0, -1.0, 2.0))
    assert tree.value({}) == -1.0 and tree.value({"lex": 1.0}) == 2.0
    model = ConceptFilter({"single": -1.0}, bias=0.5, threshold=0.5, trees=(tree,))
    assert model.probability({"lex": 1.0}) == pytest.approx(1 / (1 + 2.718281828459045**-2.5))
    assert model.probability({"single": 1.0}) < 0.5


def test_probabilities_of_many_rows_equal_one_at_a_time() -> None:
    # the run-time path (all trees on a feature matrix) gives exactly what the per-row reference gives
    model = load_concept_filter()
    assert model is not None
    rows = {
        "a": {"lex": 1.0, "lex_general": 1.0, "len": 6.0, "single": 1.0},
        "b": {"ct": 1.0, "ct_score": 0.52, "first_pos": 0.4, "inside_other": 1.0, "prior_rate": -0.3},
        "c": {"rule": 1.0, "word_logfreq": 0.8, "len": 2.0, "len2": 1.0, "cat=person": 1.0},
        "d": {},
    }
    assert model.probabilities(rows) == {name: model.probability(f) for name, f in rows.items()}


def test_apply_drops_spans_and_their_relations() -> None:
    # drops whatever is not from the lexicon
    model = ConceptFilter({"lex": 10.0}, bias=-5.0, threshold=0.5, keep_relation_ends=False)
    spans, rels = model.apply(TEXT, SPANS, RELATIONS, LEXICON, TERMS, WEAK)
    assert {c.name for c in spans} == {"人民代表大会制度", "民主作风"}
    assert rels == []
    keep_ends = ConceptFilter({"lex": 10.0}, bias=-5.0, threshold=0.5, keep_relation_ends=True)
    spans, rels = keep_ends.apply(TEXT, SPANS, RELATIONS, LEXICON, TERMS, WEAK)
    assert {c.name for c in spans} == {"人民代表大会制度", "全过程人民民主", "民主作风"}
    assert rels == RELATIONS


def test_a_topic_of_the_document_is_kept_whatever_its_score() -> None:
    # a model that drops everything: what the text names 5 times and twice per 1,000 characters
    # stays; a name said 4 times goes, and so does one said 5 times in too long a text
    drop_all = ConceptFilter(
        {}, bias=-5.0, threshold=0.5, keep_relation_ends=False, keep_topics=TopicRule(5, 2.0)
    )
    text = "垃圾分类，" * 5 + "民主作风。" * 4 + "科学管理。"
    spans = [
        ConceptSpan(m.start(), m.end(), m.group(), m.group(), Category.IDEA)
        for m in re.finditer("垃圾分类|民主作风|科学管理", text)
    ]
    kept, _ = drop_all.apply(text, spans, [], LEXICON, TERMS, WEAK)
    assert {c.name for c in kept} == {"垃圾分类"}
    assert len(kept) == 5
    kept, _ = drop_all.apply(text + "。" * 2500, spans, [], LEXICON, TERMS, WEAK)
    assert kept == []
    five = {"log_mentions": math.log(5)}
    assert exempt(five, 2500, keep_relation_ends=False, keep_topics=TopicRule(5, 2.0))
    assert not exempt(five, 2501, keep_relation_ends=False, keep_topics=TopicRule(5, 2.0))
    assert not exempt(five, 0, keep_relation_ends=False, keep_topics=TopicRule(5, 2.0))
    assert not exempt(five, 100, keep_relation_ends=False, keep_topics=None)
    assert not exempt(
        {"log_mentions": math.log(4)}, 100, keep_relation_ends=False, keep_topics=TopicRule(5, 2.0)
    )
    assert not exempt({"rel_end": 1.0}, 100, keep_relation_ends=False, keep_topics=TopicRule(5, 2.0))
    assert exempt({"rel_end": 1.0}, 100, keep_relation_ends=True, keep_topics=None)


def test_json_round_trip(tmp_path: Path) -> None:
    tree = Tree(("len", "", ""), (3.5, -2.0, -2.0), (1, -1, -1), (2, -1, -1), (0.0, 0.25, -0.25))
    model = ConceptFilter({"lex": 1.5}, 0.1, 0.4, False, (tree,), {"政府": (1, 4)}, TopicRule(5, 2.0))
    path = tmp_path / "f.json"
    path.write_text(model.to_json(note="x"), encoding="utf-8")
    back = ConceptFilter.read(path)
    assert back == model
    assert back.probability({"len": 2.0, "lex": 1.0}) == model.probability({"len": 2.0, "lex": 1.0})


def test_pipeline_hook_keeps_relations_consistent() -> None:
    ex = PolicyExtractor()
    shipped = ex.concept_filter
    text = normalize_text("人民代表大会制度是全过程人民民主的重要制度载体。")
    doc = Document(document_id(text), "t", text)
    try:
        ex.set_concept_filter(None)
        full = ex.extract(doc)
        assert {"人民代表大会制度", "全过程人民民主"} <= {c.name for c in full.concepts}
        assert any(r.type is RelationType.CARRIER_OF for r in full.relations)
        # a filter that drops everything but the lexicon's 人民代表大会制度 ...
        ex.set_concept_filter(
            ConceptFilter({"prior_right": 20.0}, -10.0, 0.5, False, (), {"人民代表大会制度": (50, 0)})
        )
        cut = ex.extract(doc)
        assert {c.name for c in cut.concepts} == {"人民代表大会制度"}
        # ... takes the relations of the dropped concepts with it
        assert not [r for r in cut.relations if r.type is RelationType.CARRIER_OF]
        assert {m.name for m in cut.mentions} == {"人民代表大会制度"}
    finally:
        ex.set_concept_filter(shipped)


def test_shipped_filter_loads() -> None:
    model = load_concept_filter()
    assert model is not None and model.trees and 0.0 < model.threshold < 1.0
    assert model.prior  # the record of names in the annotated documents
