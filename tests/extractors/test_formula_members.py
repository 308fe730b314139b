"""Members of a formula named next to it are PART_OF it (extractors/formula_members.py)."""

from __future__ import annotations

from extractors.formula_members import formula_members, member_relations
from extractors.lexicon import LexiconEntry, make_lexicon
from extractors.pipeline import PolicyExtractor
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import Category, Document, RelationType, document_id

FORMULAS = {"四风": frozenset({"形式主义", "官僚主义", "享乐主义", "奢靡之风"})}


def _spans(text: str, names: list[str]) -> list[ConceptSpan]:
    out = []
    for n in names:
        start = text.index(n)
        out.append(ConceptSpan(start, start + len(n), n, n, Category.IDEA))
    return sorted(out, key=lambda c: c.start)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "。":
            out.append((start, i + 1))
            start = i + 1
    return out


def test_two_members_in_the_sentence_after_the_formula() -> None:
    text = "深化纠治四风。重点纠治形式主义、官僚主义。"
    spans = _spans(text, ["四风", "形式主义", "官僚主义"])
    assert member_relations(_sentences(text), spans, FORMULAS) == [
        (1, FoundRelation("官僚主义", RelationType.PART_OF, "四风")),
        (1, FoundRelation("形式主义", RelationType.PART_OF, "四风")),
    ]


def test_one_member_or_a_formula_further_away_states_nothing() -> None:
    text = "深化纠治四风。重点纠治形式主义。"
    assert member_relations(_sentences(text), _spans(text, ["四风", "形式主义"]), FORMULAS) == []
    text = "深化纠治四风。要抓落实。重点纠治形式主义、官僚主义。"
    spans = _spans(text, ["四风", "形式主义", "官僚主义"])
    assert member_relations(_sentences(text), spans, FORMULAS) == []


def test_members_before_their_formula_in_one_sentence() -> None:
    text = "坚持社会主义道路、坚持人民民主专政这些基本原则，是四项基本原则。"
    formulas = {"四项基本原则": frozenset({"社会主义道路", "人民民主专政"})}
    spans = _spans(text, ["社会主义道路", "人民民主专政", "四项基本原则"])
    assert {r.head for _, r in member_relations(_sentences(text), spans, formulas)} == {
        "社会主义道路",
        "人民民主专政",
    }


def test_the_lexicon_names_a_formulas_members_as_its_entries_do() -> None:
    lexicon = make_lexicon(
        [LexiconEntry("六个必须", Category.FORMULA, members=("坚持人民至上", "坚持自信自立", "坚持守正创新"))]
    )
    assert formula_members(lexicon) == {"六个必须": frozenset({"人民至上", "自信自立", "守正创新"})}


def test_the_extractor_reports_the_membership() -> None:
    text = "要把牢“四个机关”定位要求。人大要成为坚持党的领导的政治机关、保证人民当家作主的国家权力机关。"
    ex = PolicyExtractor().extract(Document(document_id(text), "t", text))
    parts = {(r.head, r.tail) for r in ex.relations if r.type is RelationType.PART_OF}
    assert {("政治机关", "四个机关"), ("国家权力机关", "四个机关")} <= parts
