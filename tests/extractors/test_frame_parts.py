from collections.abc import Callable

import pytest

from extractors.core import segment
from extractors.frame_parts import frame_parts
from extractors.pipeline import PolicyExtractor
from extractors.spans import ConceptSpan
from kg.model import Category, Document, document_id


@pytest.fixture(scope="module")
def tag() -> Callable[[str], str]:
    return PolicyExtractor()._concepts.analyzer.tag


def _parts(text: str, known: list[str], tag: Callable[[str], str]) -> list[str]:
    spans = []
    for name in known:
        i = text.index(name)
        spans.append(ConceptSpan(i, i + len(name), name, name, Category.IDEA))
    return [c.name for c in frame_parts(text, segment(text), tag, spans)]


def test_the_parts_listed_before_a_system_are_concepts(tag: Callable[[str], str]) -> None:
    text = "要完善党委领导、政府负责、社会协同、公众参与的社会管理格局。"
    assert _parts(text, ["党委领导"], tag) == ["党委领导", "政府负责", "社会协同", "公众参与", "社会管理格局"]


def test_the_first_item_loses_the_verbs_and_particles_before_it(tag: Callable[[str], str]) -> None:
    text = "要落实好中央统筹、省负总责、市县抓落实的管理体制。"
    assert _parts(text, ["省负总责"], tag) == ["中央统筹", "省负总责", "市县抓落实", "管理体制"]


def test_a_frame_needs_one_part_found_already(tag: Callable[[str], str]) -> None:
    assert _parts("建立全域覆盖、分层管理、分类指导的规划体系。", [], tag) == []


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("构建系统完备、科学规范、运行有效的制度体系。", "科学规范"),  # qualities, not parts
        ("在加强党的全面领导、健全党的组织体系方面。", "党的全面领导"),  # two clauses
        ("健全国土空间开发、资源节约、生态环境保护的体制机制。", "生态环境保护"),  # a generic head
    ],
)
def test_qualities_combinations_and_clauses_are_no_parts(
    text: str, known: str, tag: Callable[[str], str]
) -> None:
    assert _parts(text, [known], tag) == [known]


def test_the_parts_are_part_of_the_system_end_to_end() -> None:
    ex = PolicyExtractor()
    ex.set_concept_filter(None)
    # 政府引导 is a mined corpus term; the other items and the system are in no word list
    text = "建立政府引导、企业主体、农户参与的废旧农膜回收利用体系。"
    got = ex.extract(Document(document_id(text), "t", text))
    parts = {r.head for r in got.relations if r.type.value == "PART_OF" and r.tail == "废旧农膜回收利用体系"}
    assert parts == {"政府引导", "企业主体", "农户参与"}


def test_items_joined_as_one_are_concepts(tag: Callable[[str], str]) -> None:
    text = "坚持源头治理、动态管理、应急处置相结合的社会管理机制。"
    assert _parts(text, ["源头治理"], tag) == ["源头治理", "动态管理", "应急处置"]  # no system parts
    assert _parts("坚持自治、法治、德治相结合。", ["法治"], tag) == ["自治", "法治", "德治"]
    assert _parts("坚持长远利益和眼前利益相结合。", ["眼前利益"], tag) == ["长远利益", "眼前利益"]
    assert _parts("坚持长远利益和眼前利益相结合。", [], tag) == []
    # a preposition opening the first chunk is no part of its item, however short the item
    assert _parts("这方面的改革要同机构改革、工资制度改革相结合。", ["机构改革"], tag) == [
        "机构改革",
        "工资制度改革",
    ]


def test_items_joined_as_one_are_unified_end_to_end() -> None:
    ex = PolicyExtractor()
    ex.set_concept_filter(None)
    text = "坚持乡村振兴、城乡融合、产业升级相结合。"  # 乡村振兴 is known, the others are not
    got = ex.extract(Document(document_id(text), "t", text))
    pairs = {frozenset((r.head, r.tail)) for r in got.relations if r.type.value == "UNIFIED_WITH"}
    assert pairs == {
        frozenset(p) for p in [("乡村振兴", "城乡融合"), ("乡村振兴", "产业升级"), ("城乡融合", "产业升级")]
    }


def test_the_two_states_of_a_change_are_concepts(tag: Callable[[str], str]) -> None:
    assert _parts("推动农业由粗放经营向集约经营转变。", [], tag) == ["粗放经营", "集约经营"]
    assert _parts("推动增长由传统动能转向新动能，", [], tag) == ["传统动能", "新动能"]
    # 从 says what 由 says
    assert _parts("推动从环境卫生治理向全面社会健康管理转变。", [], tag) == [
        "环境卫生治理",
        "全面社会健康管理",
    ]
    assert _parts("实现从制造大国转向制造强国。", [], tag) == ["制造大国", "制造强国"]


@pytest.mark.parametrize(
    "text",
    [
        "由行政村向自然村延伸。",  # a movement, not a change of state
        "由直接控制为主向间接控制为主转变。",  # manners
        "从主要依靠要素投入向更多依靠创新驱动转变。",
        "由政府的监管向社会的共治转变。",
        "两岸关系从紧张转向缓和。",  # one-word states of a mood: adjectives
    ],
)
def test_other_uses_of_you_are_no_change(text: str, tag: Callable[[str], str]) -> None:
    assert _parts(text, [], tag) == []


def test_a_change_is_transforms_into_end_to_end() -> None:
    ex = PolicyExtractor()
    ex.set_concept_filter(None)
    text = "推动农业由粗放经营向集约经营转变。"
    got = ex.extract(Document(document_id(text), "t", text))
    assert {(r.head, r.type.value, r.tail) for r in got.relations} == {
        ("粗放经营", "TRANSFORMS_INTO", "集约经营")
    }


def test_no_frame_inside_a_name_found_already(tag: Callable[[str], str]) -> None:
    text = "坚持和完善人民代表大会制度、中国共产党领导的多党合作和政治协商制度、民族区域自治制度。"
    known = ["人民代表大会制度", "中国共产党领导的多党合作和政治协商制度"]
    assert _parts(text, known, tag) == known


def test_new_parts_take_their_canonical_names(tag: Callable[[str], str]) -> None:
    text = "要完善党委领导、政府负责、人大监督的基层治理格局。"
    i = text.index("党委领导")
    spans = [ConceptSpan(i, i + 4, "党委领导", "党委领导", Category.IDEA)]
    aliases = {"人大监督": "人民代表大会监督"}
    got = frame_parts(text, segment(text), tag, spans, lambda s: aliases.get(s, s))
    assert "人民代表大会监督" in [c.name for c in got]


def test_parts_named_by_their_roles(tag: Callable[[str], str]) -> None:
    text = "建立以企业为主体、市场为导向、院所为支撑的技术创新体系。"
    assert _parts(text, ["市场"], tag) == ["企业", "市场", "院所", "技术创新体系"]


def test_one_action_of_all_is_no_frame(tag: Callable[[str], str]) -> None:
    assert _parts("完善政府、工会、企业共同参与的协商协调机制。", ["政府"], tag) == ["政府"]


def test_a_rule_of_selection_is_no_role(tag: Callable[[str], str]) -> None:
    text = "要建立以德为先、任人唯贤、人事相宜的干部选用体系。"
    assert _parts(text, ["任人唯贤"], tag) == ["以德为先", "任人唯贤", "人事相宜", "干部选用体系"]


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("健全生态文明制度体系、党对人民军队的绝对领导制度。", "生态文明制度体系"),  # systems listed
        ("加快构建优势互补、高质量发展的区域经济格局。", "高质量发展"),  # two qualities, one known
    ],
)
def test_lists_of_systems_and_two_unconfirmed_parts_are_no_frame(
    text: str, known: str, tag: Callable[[str], str]
) -> None:
    assert _parts(text, [known], tag) == [known]
