"""A leading body named inside a concept's name (extractors/nested_leaders.py)."""

from __future__ import annotations

import pytest

from extractors.lexicon import LexiconEntry, make_lexicon
from extractors.nested_leaders import nested_leaders, organization_names
from extractors.pipeline import PolicyExtractor
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import Category, Document, RelationType, document_id

SYSTEM = "中国共产党领导的多党合作和政治协商制度"
ORGANIZATIONS = organization_names(
    make_lexicon(
        [
            LexiconEntry("中国共产党", Category.ORGANIZATION, aliases=("中共",)),
            LexiconEntry("人民群众", Category.IDEA),
        ]
    )
)


def _one_span(text: str, name: str) -> list[ConceptSpan]:
    start = text.index(name)
    return [ConceptSpan(start, start + len(name), name, name, Category.SYSTEM)]


def test_the_leading_body_is_a_concept_that_guides_the_named_one() -> None:
    text = f"前文。坚持和完善{SYSTEM}。"
    spans, found = nested_leaders(text, [(0, 3), (3, len(text))], _one_span(text, SYSTEM), ORGANIZATIONS)
    start = text.index(SYSTEM)
    assert spans == [ConceptSpan(start, start + 5, "中国共产党", "中国共产党", Category.ORGANIZATION)]
    assert found == [(1, FoundRelation("中国共产党", RelationType.GUIDES, SYSTEM))]


def test_an_alias_names_the_body_by_its_canonical_name() -> None:
    text = "中共领导的统一战线。"
    spans, found = nested_leaders(
        text, [(0, len(text))], _one_span(text, "中共领导的统一战线"), ORGANIZATIONS
    )
    assert [(c.surface, c.name) for c in spans] == [("中共", "中国共产党")]
    assert found == [(0, FoundRelation("中国共产党", RelationType.GUIDES, "中共领导的统一战线"))]


def test_no_organization_no_leader() -> None:
    # 人民群众 is no organization of the lexicon, and 某机关 none it knows
    for name in ("人民群众领导的革命事业", "某机关领导的工作机制"):
        text = name + "。"
        assert nested_leaders(text, [(0, len(text))], _one_span(text, name), ORGANIZATIONS) == ([], [])


def test_organization_names_are_the_organizations_surface_forms() -> None:
    assert ORGANIZATIONS == {"中国共产党": "中国共产党", "中共": "中国共产党"}


@pytest.mark.parametrize("use_spacy", [False, True])
def test_the_extractor_reports_the_leader(use_spacy: bool) -> None:
    text = f"坚持和完善{SYSTEM}，发挥人民政协作用。"
    ex = PolicyExtractor(use_spacy=use_spacy).extract(Document(document_id(text), "t", text))
    assert "中国共产党" in {c.name for c in ex.concepts}
    assert ("中国共产党", RelationType.GUIDES, SYSTEM) in {(r.head, r.type, r.tail) for r in ex.relations}
