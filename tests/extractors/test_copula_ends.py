"""The plain noun phrases at the ends of a definition are concepts when the definition links them
to one."""

from __future__ import annotations

from extractors.copula_ends import copula_ends
from extractors.core import make_tagger, segment
from extractors.pipeline import PolicyExtractor
from extractors.spans import ConceptSpan
from kg.model import Category, Document, RelationType, document_id

#: the shipped extractor: its lexicon words are in jieba's dictionary, as at run time
EXTRACTOR = PolicyExtractor()
TAG = make_tagger(EXTRACTOR.lexicon)


def _spans(text: str, covered_by: str = "") -> list[ConceptSpan]:
    covered = [False] * (len(text) + 1)
    if covered_by:
        i = text.index(covered_by)
        covered[i : i + len(covered_by)] = [True] * len(covered_by)
    return copula_ends(text, (0, len(text)), segment(text), TAG, covered)


def _ends(text: str, covered_by: str = "") -> list[str]:
    return [c.name for c in _spans(text, covered_by)]


def test_a_clause_opening_noun_phrase_before_shi_is_a_subject() -> None:
    assert _ends("会议强调，劳动教育是中国特色社会主义教育制度的重要内容。") == ["劳动教育"]
    assert _ends("集体经济是公有制经济。") == ["集体经济"]  # no 的: no object


def test_no_subject_from_a_doing_a_pronoun_or_part_of_a_phrase() -> None:
    assert _ends("发展教育是科技进步的基础。") == ["科技进步"]  # 发展教育 is an action on education
    assert _ends("这是实现体育产业的重要途径。") == ["体育产业"]  # 这 is a pronoun
    assert "精华" not in _ends("这些思想中的精华是中华优秀传统文化的重要组成部分。")  # ends a 的-phrase


def test_a_noun_phrase_between_shi_and_de_is_an_object() -> None:
    assert _ends("集体经济是公有制经济的重要组成部分。") == ["集体经济", "公有制经济"]
    assert _ends("集体经济是公有制经济的重要组成部分。", covered_by="集体经济") == ["公有制经济"]
    assert _ends("四个现代化的关键是科学技术的现代化。") == []  # reversed: the key is the whole
    assert _ends("这是提高体育产业的重要途径。") == []  # 提高 is no verb of the copula: a doing


def test_the_category_follows_the_head() -> None:
    spans = _spans("审查制度是人大监督的重要内容。", covered_by="人大监督")
    assert [(c.name, c.category) for c in spans] == [("审查制度", Category.SYSTEM)]


def test_a_defined_subject_becomes_a_concept_with_its_relation() -> None:
    text = "会议强调，劳动教育是中国特色社会主义教育制度的重要内容。"
    got = EXTRACTOR.extract(Document(document_id(text), "t", text))
    assert "劳动教育" in {c.name for c in got.concepts}
    assert ("劳动教育", RelationType.PART_OF, "中国特色社会主义教育制度") in {
        (r.head, r.type, r.tail) for r in got.relations
    }


def test_an_undefined_subject_stays_out() -> None:
    # 是 with no defining cue linking the subject to a concept: no concept is made of it
    text = "劳动教育是学生的必修课程。"
    got = EXTRACTOR.extract(Document(document_id(text), "t", text))
    assert "劳动教育" not in {c.name for c in got.concepts}
