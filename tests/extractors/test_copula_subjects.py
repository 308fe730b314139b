"""The plain noun phrase a defining sentence opens with is a concept when the definition links it
to one."""

from __future__ import annotations

import pytest

from extractors.copula_subjects import copula_subjects
from extractors.core import make_tagger, segment
from extractors.lexicon import make_lexicon
from extractors.pipeline import PolicyExtractor
from kg.model import Category, Document, RelationType, document_id

TAG = make_tagger(make_lexicon([]))


def _subjects(text: str, covered_by: str = "") -> list[str]:
    covered = [False] * (len(text) + 1)
    if covered_by:
        i = text.index(covered_by)
        covered[i : i + len(covered_by)] = [True] * len(covered_by)
    return [c.name for c in copula_subjects(text, (0, len(text)), segment(text), TAG, covered)]


def test_a_clause_opening_noun_phrase_before_shi_is_a_subject() -> None:
    assert _subjects("集体经济是公有制经济的重要组成部分。") == ["集体经济"]
    assert _subjects("会议强调，劳动教育是中国特色社会主义教育制度的重要内容。") == ["劳动教育"]


def test_no_subject_from_a_doing_a_pronoun_or_part_of_a_phrase() -> None:
    assert _subjects("发展教育是科技进步的基础。") == []  # an action on education
    assert _subjects("这是建设社会主义的重要内容。") == []  # a pronoun
    assert _subjects("这些思想中的精华是中华优秀传统文化的重要组成部分。") == []  # ends a 的-phrase
    assert _subjects("集体经济是公有制经济的重要组成部分。", covered_by="集体经济") == []  # a concept already


def test_the_category_follows_the_head() -> None:
    text = "审查制度是人大监督的重要内容。"
    spans = copula_subjects(text, (0, len(text)), segment(text), TAG, [False] * (len(text) + 1))
    assert [(c.name, c.category) for c in spans] == [("审查制度", Category.SYSTEM)]


@pytest.fixture(scope="module")
def extractor() -> PolicyExtractor:
    return PolicyExtractor()


def test_a_defined_subject_becomes_a_concept_with_its_relation(extractor: PolicyExtractor) -> None:
    text = "会议强调，劳动教育是中国特色社会主义教育制度的重要内容。"
    got = extractor.extract(Document(document_id(text), "t", text))
    assert "劳动教育" in {c.name for c in got.concepts}
    assert ("劳动教育", RelationType.PART_OF, "中国特色社会主义教育制度") in {
        (r.head, r.type, r.tail) for r in got.relations
    }


def test_an_undefined_subject_stays_out(extractor: PolicyExtractor) -> None:
    # 是 with no defining cue linking the subject to a concept: no concept is made of it
    text = "劳动教育是学生的必修课程。"
    got = extractor.extract(Document(document_id(text), "t", text))
    assert "劳动教育" not in {c.name for c in got.concepts}
