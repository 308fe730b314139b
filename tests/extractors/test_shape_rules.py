"""The general rules added for unseen text (boundaries, verb-object phrases, 的-phrases, slogans)."""

from collections.abc import Callable

import jieba
import jieba.posseg
import pytest

from extractors.action_heads import action_head_cut
from extractors.lexicon import Lexicon, LexiconEntry
from extractors.new_kinds import new_kind_end
from extractors.patterns import de_phrases, formulas_in_text, name_lists, principles, titled_names
from extractors.pipeline import PolicyExtractor
from extractors.span_rules import (
    function_word_cut,
    joined_conjunct_start,
    leading_word_cut,
    refers_to_other,
    with_activity_pair,
)
from extractors.spans import ConceptSpan
from extractors.term_shape import shape_term
from kg.model import Category, Document, document_id


def _shape(term: str, known: frozenset[str] = frozenset()) -> str | None:
    # "|" marks token boundaries where jieba's segmentation depends on the words loaded
    words = term.split("|") if "|" in term else jieba.lcut(term, HMM=False)
    term = term.replace("|", "")
    cut = shape_term(words, known.__contains__)
    return None if cut is None else term[cut[0] : len(term) - cut[1]]


@pytest.mark.parametrize(
    ("term", "shaped"),
    [
        ("打响疫情防控", None),  # verb-object phrase
        ("接受社会监督", None),
        ("人权事业全面发展", None),  # a clause
        ("非公有制经济健康发展", None),
        ("全民普法力度", "全民普法"),  # generic tails
        ("金融改革|步伐", "金融改革"),
        ("祖国和平统一进程", "祖国和平统一"),
        ("依法治国实践", "依法治国"),
        ("依法治国|基本方略", "依法治国"),
        ("依法治国|方略", "依法治国"),
        ("党的二十大精神", "党的二十大"),
        ("各|民主党派", "民主党派"),
        ("中共中央政治局常委", "中共中央政治局"),
        ("全过程人民民主", "全过程人民民主"),
        ("作出|重要|指示", None),  # a light verb and its object name an act
        ("召开|全国科学大会", None),
        ("主持会议", None),  # one token opening on a light verb
        ("正确处理|改革", None),  # a manner adverb and its verb (jieba tags 正确处理 a noun)
        ("努力实现|理想|教育", None),
        ("正确|政绩观", "正确政绩观"),  # 正确 alone still opens a name
        ("服务业|特别|是|现代|服务业", None),  # two names, the second singled out of the first
    ],
)
def test_shape_term(term: str, shaped: str | None) -> None:
    assert _shape(term) == shaped


@pytest.mark.parametrize(
    ("term", "shaped"),
    [
        ("全面|推进|乡村振兴", "乡村振兴"),  # 全面 and an action before a known term: its object
        ("全面|提高|行政效能", "行政效能"),
        ("全面|推进|乡村建设", None),  # … before an unknown one: no concept
        ("全面|建成|小康社会", "全面建成小康社会"),  # 建成, 建设, 深化 open canonical names
        ("全面|深化|改革", "全面深化改革"),
        ("全面|推进|依法行政|实施|纲要", "全面推进依法行政实施纲要"),  # a title
    ],
)
def test_fully_doing_a_known_term_names_the_term(term: str, shaped: str | None) -> None:
    assert _shape(term, frozenset({"乡村振兴", "行政效能", "依法行政", "小康社会"})) == shaped


def test_known_object_of_a_verb_is_kept() -> None:
    assert _shape("大力发展|职业教育", frozenset({"职业教育"})) == "职业教育"
    assert _shape("大力发展|职业教育") is None
    # the object is shaped too: a verb phrase inside is no concept unless its own object is known
    assert _shape("共同|弘扬|中华文化", frozenset({"弘扬中华文化"})) is None
    assert _shape("共同|弘扬|中华文化", frozenset({"中华文化"})) == "中华文化"
    # an adverb before a name: not a verb-object phrase, and no concept either
    assert _shape("严格|规范公正文明执法", frozenset({"规范公正文明执法"})) is None
    assert _shape("铸|牢|中华民族共同体意识", frozenset({"中华民族共同体意识"})) == "中华民族共同体意识"
    assert _shape("发展|改革委", frozenset({"改革委"})) is None  # a short object: a fixed name's rest
    assert _shape("优化|营商环境条例", frozenset({"营商环境条例"})) is None  # a title


def test_prepositional_phrase_ending_in_its_object_is_no_term() -> None:
    assert _shape("政协|对|基层组织") is None
    assert _shape("党|对|军队|绝对|领导") == "党对军队绝对领导"  # goes on after the object
    assert _shape("总|对|总") == "总对总"  # a one-character object: a word of its own


def test_action_head_cut_only_after_a_known_term() -> None:
    assert _shape("体育强国建设", frozenset({"体育强国"})) == "体育强国"
    assert _shape("公共文化建设") == "公共文化建设"


def test_de_phrases() -> None:
    text = (
        "坚定奉行独立自主的和平外交政策，满足人民日益增长的美好生活需要。"
        "坚持我国宗教的中国化方向，走自己的道路。"
    )
    assert [f.name for f in de_phrases(text)] == [
        "独立自主的和平外交政策",
        "人民日益增长的美好生活需要",
        "宗教的中国化方向",
    ]


def test_a_need_after_de_is_no_name() -> None:
    assert de_phrases("既要满足城镇新增就业的需要，又要满足城乡人民的需要。") == []
    assert [f.name for f in de_phrases("满足人民日益增长的美好生活需要。")] == ["人民日益增长的美好生活需要"]


def test_a_de_phrase_after_walking_out_a_road_starts_after_the_verb() -> None:
    text = "走出一条中国特色解决民族问题的正确道路。走出了一条符合中国国情的扶贫开发道路。"
    assert [f.name for f in de_phrases(text)] == [
        "中国特色解决民族问题的正确道路",
        "符合中国国情的扶贫开发道路",
    ]
    assert de_phrases("决不能走上自取灭亡的道路。") == []  # 走上/走向 a road: a description, no name


def test_principles() -> None:
    text = "（二）基本原则。\n坚持依法规范。全面履行法定职责。\n坚持执法为民。坚持下去。"
    assert [f.name for f in principles(text)] == ["依法规范", "执法为民"]


def test_persons_after_titles_and_in_lists() -> None:
    assert [f.name for f in titled_names("国务院总理李克强在辽宁代表团参加审议")] == ["李克强"]
    assert [f.name for f in titled_names("高举毛主席的旗帜")] == []
    credits = "大会在京举行。 新华社记者 谢环驰/摄——会见获得者。新华社记者 李学仁 摄"
    assert [f.name for f in titled_names(credits)] == ["谢环驰", "李学仁"]  # photo credits
    found = name_lists("陈求发、唐一军、张桂平等代表就经济振兴、制造业升级、推进创新创业等积极发言")
    assert [f.name for f in found] == ["陈求发", "唐一军", "张桂平"]


def test_counted_amounts_are_no_formulas() -> None:
    assert [f.name for f in formulas_in_text("保证三个月销售，两个以上，四个意识")] == ["四个意识"]


@pytest.fixture(scope="module")
def names() -> Callable[[str], set[str]]:
    ex = PolicyExtractor()

    def run(text: str) -> set[str]:
        return {c.name for c in ex.extract(Document(document_id(text), "t", text)).concepts}

    return run


def test_slogans_modifiers_and_listed_bodies(names: Callable[[str], set[str]]) -> None:
    got = names(
        "坚持以文塑旅、以旅彰文，推进文化和旅游深度融合发展。支持法院、检察院依法履职。建设覆盖城乡的现代公共法律服务体系。"
    )
    assert "以文塑旅、以旅彰文" in got
    assert {"法院", "检察院"} <= got
    assert "现代公共法律服务体系" in got


def test_a_scope_word_belongs_to_the_name_it_precedes(names: Callable[[str], set[str]]) -> None:
    # the grassroots, urban-rural, inner-party and online versions are names of their own
    got = names("加强城乡医疗救助，健全党内政治生态，完善基层社会治理体系。")
    assert {"城乡医疗救助", "党内政治生态", "基层社会治理体系"} <= got


def test_a_new_kind_tail_belongs_to_the_name_before_it(names: Callable[[str], set[str]]) -> None:
    # 新模式, 新高地 name a new kind of the thing: one name; 新局面 is a goal, no name's tail
    got = names("共创社会治理新模式。打造改革开放新高地。开创中国特色社会主义事业新局面。")
    assert {"社会治理新模式", "改革开放新高地"} <= got
    assert "社会治理" not in got
    assert not any(n.endswith("新局面") for n in got)


def test_new_kind_end_takes_whole_words_only() -> None:
    text = "发展消费新业态新模式，建设创新格局"
    tokens = [(0, 2), (2, 4), (4, 5), (5, 7), (7, 8), (8, 10), (10, 11), (11, 13), (13, 15), (15, 17)]
    assert new_kind_end(text, tokens, 4) == 10  # two tails in a row
    assert new_kind_end(text, tokens, 14) == 14  # 创新|格局: 新 opens no word here
    assert new_kind_end(text, [(0, 2), (2, 4), (4, 6), (6, 8)], 4) == 4  # 新业 would cut a word


def test_chinese_features_belong_to_the_name_they_precede(names: Callable[[str], set[str]]) -> None:
    got = names("坚持和完善中国特色社会主义司法制度，确保审判机关依法独立公正行使审判权。")
    assert "中国特色社会主义司法制度" in got
    assert "社会主义司法制度" not in got
    # also right after the text's first word (token 0)
    assert "中国特色社会主义司法制度" in names("坚持中国特色社会主义司法制度。")


def test_a_slogan_item_may_hold_a_word_with_a_joining_character() -> None:
    from extractors.patterns import short_slogan_lists

    def tag(word: str) -> str:
        return {"政府": "n", "社会": "n", "市场": "n"}.get(word, "v")

    text = "坚持政府引导、社会参与、市场运作、创新机制，激发全社会参与的积极性。"
    assert [f.name for f in short_slogan_lists(text, tag)] == ["政府引导、社会参与、市场运作、创新机制"]
    # 与 joining two phrases inside an item: no slogan
    assert short_slogan_lists("坚持军与民、官与兵。", tag) == []


def test_paired_terms_sharing_a_head() -> None:
    from extractors.patterns import paired_terms

    text = "弘扬民族精神和时代精神，统筹推进国内法治和涉外法治，改善物质生活和文化生活"
    assert [f.name for f in paired_terms(text)] == ["民族精神", "时代精神", "国内法治", "涉外法治"]
    assert _shape("民族精神和时代精神") is None


def test_determiner_inside_a_corpus_term_ends_it() -> None:
    assert _shape("国务院|各|部委") == "国务院"


def test_a_system_name_running_into_a_generic_noun_is_no_concept(names: Callable[[str], set[str]]) -> None:
    got = names("区域自治制度是坚持国家统一、民族团结有机统一的根本政治制度安排。")
    assert "根本政治制度" not in got  # …制度|安排: the copula's head noun, not a system
    assert "根本政治制度" in names("坚持根本政治制度。")


def test_carrier_copula_over_a_system_arrangement() -> None:
    ex = PolicyExtractor()
    text = "民族区域自治制度是坚持国家统一、民族团结有机统一的根本政治制度安排。"
    rels = {
        (r.head, r.type.value, r.tail) for r in ex.extract(Document(document_id(text), "t", text)).relations
    }
    assert ("民族区域自治制度", "CARRIER_OF", "民族团结") in rels


@pytest.mark.parametrize(
    ("name", "after", "cut"),
    [
        ("社会组织改革", "和建设，", 2),  # two actions on 社会组织
        ("全球治理体系建设", "和改革。", 2),  # 体系: a thing built
        ("海绵城市建设", "和管理；", 2),
        ("阵地建设", "和管理，", 0),  # an aspect built stays whole
        ("社会组织改革", "和建设工程", 0),  # the phrase goes on: 改革和建设工程
        ("社会组织改革", "，", 0),
    ],
)
def test_first_of_two_coordinated_actions_is_cut(name: str, after: str, cut: int) -> None:
    from extractors.action_heads import coordinated_action_cut

    assert coordinated_action_cut(name, after) == cut


@pytest.mark.parametrize(
    ("name", "before", "after", "cut"),
    [
        ("个人品德建设", "社会公德、职业道德、家庭美德、", "，", 2),  # 建设 acts on every item
        ("零工市场建设", "劳动力市场、人才市场、", "，", 2),
        ("医疗保障工作", "，基层卫生防疫、", "。", 2),
        ("医疗保障工作", ",基层卫生防疫、", ",", 2),  # half-width punctuation ends the list too
        ("作风建设", "思想建设、组织建设、", "，", 0),  # each item has its own head
        ("重点领域建设", "加快推进、", "投资", 0),  # the phrase goes on after the head
        ("职业化建设", "正规化、专业化、", "。", 0),  # manners built, not things
        ("法治社会一体建设", "法治国家、法治政府、", "，", 0),
        ("个人品德建设", "推进", "，", 0),  # no list
        ("个人品德建设", "、", "，", 0),  # no whole item before it
    ],
)
def test_an_action_head_ending_a_list_is_cut_from_its_last_item(
    name: str, before: str, after: str, cut: int
) -> None:
    from extractors.action_heads import listed_head_cut

    assert listed_head_cut(name, before, after) == cut


def test_the_listed_head_cut_applies_in_the_pipeline(names: Callable[[str], set[str]]) -> None:
    got = names("支持各类劳动力市场、人才市场、零工市场建设，广开就业门路。")
    assert "零工市场" in got
    assert "零工市场建设" not in got


def _span(text: str, surface: str, category: Category = Category.IDEA) -> ConceptSpan:
    start = text.index(surface)
    return ConceptSpan(start, start + len(surface), surface, surface, category)


@pytest.mark.parametrize(
    ("text", "surface", "extended"),
    [
        ("加强文物保护利用和文化遗产保护传承。", "文物", "文物保护利用"),
        ("加强文物保护利用和文化遗产保护传承。", "文化遗产保护", "文化遗产保护传承"),  # its last word pairs
        ("推动精神文化产品创作生产传播的引领作用", "精神文化产品", "精神文化产品创作生产传播"),
        ("引导加工贸易转型升级、向中西部转移", "加工贸易", "加工贸易转型升级"),
        ("提高文物保护利用率。", "文物", None),  # the phrase goes on: no name ends there
        ("加强生态环境保护。", "生态环境", None),  # one action: cut as the guidelines say, not kept
        ("推进高质量发展转型。", "高质量发展", None),  # 发展 ends the name of an idea
        ("引导经济部门发展生产。", "经济部门", None),  # 发展 first: a verb on an object
    ],
)
def test_paired_actions_after_a_name_make_one_activity(text: str, surface: str, extended: str | None) -> None:
    c = _span(text, surface)
    got = with_activity_pair(text, c, Lexicon(entries={}))
    if extended is None:
        assert got == c
    else:
        assert (got.surface, got.category) == (extended, Category.PRACTICE)


def test_paired_actions_do_not_extend_a_known_name_by_one_action() -> None:
    text = "推动科技创新发展。"
    lexicon = Lexicon(entries={"科技创新": LexiconEntry("科技创新", Category.IDEA)})
    c = _span(text, "科技创新")
    assert with_activity_pair(text, c, lexicon) == c


def test_paired_actions_apply_in_the_pipeline(names: Callable[[str], set[str]]) -> None:
    got = names("推进农村电网改造升级，加强文物保护利用。")
    assert {"农村电网改造升级", "文物保护利用"} <= got
    assert "农村电网改造" not in got


#: parts of speech of the words in the cases below, as jieba's dictionary tags them
_TAGS = {
    **dict.fromkeys(("国防", "军队", "机构", "行政", "棚户区", "城中村", "问题", "经济", "能力"), "n"),
    **dict.fromkeys(("文化事业", "力量"), "n"),
    **dict.fromkeys(("推进", "改造", "解决", "推动"), "v"),
    **{"大力支持": "nr", "建设": "vn", "研究": "vn", "深化": "j", "体制改革": "l", "稳定": "a"},
}


def _tokens(words: str) -> list[tuple[int, int]]:
    """Offsets of jieba's words, given split by |."""
    out, pos = [], 0
    for w in words.split("|"):
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def _joined(words: str, surface: str, *, ends: tuple[int, ...] = (), known: tuple[str, ...] = ()) -> str:
    """`surface` in the text of `words` (jieba's words, split by |), joined if the rule joins it."""
    text, tokens = words.replace("|", ""), _tokens(words)
    c = _span(text, surface)
    start = joined_conjunct_start(
        text, tokens, lambda w: _TAGS.get(w, "x"), c, {text.index("和")} & set(ends), frozenset(known)
    )
    return text[start : c.end] if start is not None else c.surface


@pytest.mark.parametrize(
    ("words", "surface", "joined"),
    [
        ("大力支持|国防|和|军队|建设|。", "军队建设", "国防和军队建设"),  # the action is on both nouns
        ("深化|机构|和|行政|体制改革|。", "行政体制改革", "机构和行政体制改革"),  # 深化 (tagged j): a verb
        ("推进|棚户区|和|城中村|改造|。", "城中村改造", "棚户区和城中村改造"),
        ("解决|问题|和|党|的|建设|。", "党的建设", "党的建设"),  # a 的-phrase stands alone
        ("稳定|经济|和|深化|改革|。", "深化改革", "深化改革"),  # two clauses
        ("研究|问题|和|能力|建设|。", "能力建设", "能力建设"),  # a generic noun names no thing
        ("大力支持|国防|和|军队|建设|力量|。", "军队", "军队"),  # no action ends the span
    ],
)
def test_a_noun_joined_by_he_to_an_action_on_both_is_one_concept(
    words: str, surface: str, joined: str
) -> None:
    assert _joined(words, surface) == joined


def test_a_first_noun_that_is_a_concept_of_its_own_is_not_joined() -> None:
    words = "推动|文化事业|和|文化|产业|建设|。"
    assert _joined(words, "文化产业建设") == "文化事业和文化产业建设"  # were 文化事业 no concept
    assert _joined(words, "文化产业建设", ends=(words.replace("|", "").index("和"),)) == "文化产业建设"
    assert _joined("大力支持|国防|和|军队|建设|。", "军队建设", known=("军队建设",)) == "军队建设"


def test_a_joined_conjunct_applies_in_the_pipeline(names: Callable[[str], set[str]]) -> None:
    got = names("加快推进棚户区和城中村改造，深化科技和教育体制改革。")
    assert {"棚户区和城中村改造", "科技和教育体制改革"} <= got
    assert not {"城中村改造", "教育体制改革"} & got


def test_a_numbered_programme_extends_what_it_acts_on(names: Callable[[str], set[str]]) -> None:
    assert "城市更新五年行动计划" in names("启动城市更新五年行动计划，改造老旧厂区。")
    assert "乡村振兴战略三年行动" in names("深入实施乡村振兴战略三年行动，壮大村集体经济。")


def test_the_verb_of_a_means_is_no_part_of_its_name() -> None:
    # the guidelines' cue 用X保障Y: 法治保障 is a name of its own, but not before its object
    ex = PolicyExtractor()
    ex.set_concept_filter(None)  # the rules alone (the filter may drop the generic 法治)
    text = "用法治保障人民权益。以法治保障推进乡村振兴。"
    rels = {
        (r.head, r.type.value, r.tail) for r in ex.extract(Document(document_id(text), "t", text)).relations
    }
    assert ("法治", "GUARANTEES", "人民权益") in rels
    assert ("法治保障", "PROMOTES", "乡村振兴") in rels


def test_the_title_topic_is_a_concept_and_what_the_guiding_principles_guide() -> None:
    # 消费扶贫 is a weak corpus term (scored below the concept threshold): named in the official
    # title and mentioned 3+ times, it is the document's topic; the guiding-principles sentence
    # guides it although it is no verb's whole object there
    text = (
        "国务院办公厅关于进一步做好消费扶贫\n工作的指导意见\n各省人民政府：\n"
        "消费扶贫是动员社会力量参与扶贫的重要方式。\n"
        "以习近平新时代中国特色社会主义思想为指导，紧紧围绕统筹推进“五位一体”总体布局，"
        "着力激发全社会参与消费扶贫的积极性，为打赢脱贫攻坚战作出贡献。\n"
        "各地要把消费扶贫纳入考核。"
    )
    ex = PolicyExtractor()
    ex.set_concept_filter(None)
    extraction = ex.extract(Document(document_id(text), "t", text))
    assert "消费扶贫" in {c.name for c in extraction.concepts}
    rels = {(r.head, r.type.value, r.tail) for r in extraction.relations}
    assert ("习近平新时代中国特色社会主义思想", "GUIDES", "消费扶贫") in rels
    assert ("习近平新时代中国特色社会主义思想", "GUIDES", "五位一体总体布局") not in rels


def test_a_standing_is_no_concept(names: Callable[[str], set[str]]) -> None:
    assert "指导地位" not in names("巩固马克思主义在意识形态领域的指导地位。")


def test_tails_in_a_row_a_rest_of_a_name_and_the_road_taken() -> None:
    assert _shape("理想信念教育|常态|化|制度化") == "理想信念教育"  # both processes cut
    assert _shape("问题|专项|整治") is None  # the rest of …作风问题专项整治
    assert _shape("问题|导向") == "问题导向"  # two words: a name of its own
    assert _shape("走|和平发展道路", frozenset({"和平发展道路"})) == "和平发展道路"
    assert _shape("走|出去") == "走出去"  # a name of its own, not the road to something known


def test_a_process_applied_to_a_concept_is_no_part_of_it(names: Callable[[str], set[str]]) -> None:
    got = names("推进诚信建设和志愿服务制度化。")
    assert "志愿服务" in got
    assert "志愿服务制度" not in got
    assert "志愿服务制度" in names("健全志愿服务制度。")


@pytest.fixture(scope="module")
def rule_names() -> Callable[[str], set[str]]:
    """Concept names the rules find, before the learned filter (which may drop some anyway)."""
    ex = PolicyExtractor()
    ex.set_concept_filter(None)

    def run(text: str) -> set[str]:
        return {c.name for c in ex.extract(Document(document_id(text), "t", text)).concepts}

    return run


def test_party_members_are_not_the_party(rule_names: Callable[[str], set[str]]) -> None:
    assert not {"中国共产党", "当代中国共产党"} & rule_names("当代中国共产党人应当担负起新的文化使命。")
    assert "中国共产党" in rule_names("中国共产党是最高政治领导力量。")


def test_a_decision_is_a_document_only_under_its_title(rule_names: Callable[[str], set[str]]) -> None:
    assert "行政执法决定" not in rule_names("已公开的行政执法决定被依法撤销的，应当及时撤下。")
    titled = "中共中央关于全面推进依法治国若干重大问题的决定"
    assert titled in rule_names(f"全面贯彻《{titled}》。")


def test_a_corpus_term_ending_in_a_verb_cut_from_its_object_is_no_concept(
    rule_names: Callable[[str], set[str]],
) -> None:
    # 依法治 is a mined corpus term; here 治 goes on to its object 网
    assert "依法治" not in rule_names("坚持依法治网，维护网络安全。")
    assert "依法治军" in rule_names("推进依法治军，加强国防建设。")
    # a one-character verb before a particle or a head noun ends a name: 互利共|赢|。, 西气东|输|工程
    got = rule_names("建设西气东输工程，坚持引进来和走出去相结合，实现互利共赢。")
    assert {"西气东输", "引进来", "走出去", "互利共赢"} <= got


def test_the_verb_before_a_list_is_no_part_of_its_first_item() -> None:
    from extractors.patterns import list_items

    found = [f.name for f in list_items("强化社会责任意识、规则意识、奉献意识。", lambda w: True)]
    assert found == ["社会责任意识", "规则意识", "奉献意识"]


def test_a_place_built_up_to_a_quality_is_one_goal(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("推动法治章丘建设，建设平安海拉尔、幸福海拉尔。人民幸福安康。建设美丽宜居乡村。")
    assert {"法治章丘", "平安海拉尔", "幸福海拉尔"} <= got
    assert not {"幸福安康", "美丽宜居"} & got  # not what is built / the name runs on


def test_numbered_formulas_with_da(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("围绕团结和民主两大主题，经受住四大考验，治理三大污染源，贯彻五大发展理念。")
    assert {"两大主题", "四大考验", "三大污染源", "五大发展理念"} <= got
    # a party congress (党的九大, 八大决议), a count before a verb, a longer noun: no formula
    got = rule_names("党的九大政治报告，八大决议，十大以来，七大提出，完成三大历史任务。")
    assert not {"九大政治报告", "九大政治", "八大决议", "十大以来", "七大提出", "三大历史"} & got


def test_a_named_body_and_a_bare_verb_are_a_clause(rule_names: Callable[[str], set[str]]) -> None:
    assert "国务院振兴" not in rule_names("按照党中央、国务院振兴东北决策部署，坚持改善民生。")
    assert "组织振兴" in rule_names("推动乡村产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。")


def test_a_measure_word_after_a_number_does_not_start_a_term() -> None:
    from extractors.assemble import assemble_terms

    text = "346支国家医疗队奔赴一线。"
    tokens = [(0, 3), (3, 4), (4, 6), (6, 9), (9, 11), (11, 13), (13, 14)]  # 346|支|国家|医疗队|…
    tags = {"支": "n", "国家": "n", "医疗队": "n", "奔赴": "v", "一线": "n"}
    found = assemble_terms(text, tokens, lambda w: tags.get(w, "x"), {})
    assert [text[s:e] for s, e in found] == ["国家医疗队"]


def test_a_mechanism_named_in_one_word_takes_the_name_before_it() -> None:
    from extractors.assemble import system_terms

    def terms(text: str, tokens: list[tuple[int, int]], tags: list[str]) -> list[str]:
        words = [text[s:e] for s, e in tokens]
        return [text[s:e] for s, e in system_terms(tokens, words, tags, {})]

    text = "健全诚信建设长效机制。"  # 健全|诚信建设|长效机制|。
    assert terms(text, [(0, 2), (2, 6), (6, 10), (10, 11)], ["v", "n", "n", "x"]) == ["诚信建设长效机制"]
    text = "引入竞争机制。"  # a verb before a one-word mechanism is its action, not its name
    assert terms(text, [(0, 2), (2, 6), (6, 7)], ["v", "n", "x"]) == []


def _system_names(text: str, tagged: list[tuple[str, str]]) -> list[str]:
    from extractors.assemble import system_terms

    tokens, pos = [], 0
    for word, _ in tagged:
        tokens.append((pos, pos + len(word)))
        pos += len(word)
    assert text[:pos] == "".join(w for w, _ in tagged)
    return [text[s:e] for s, e in system_terms(tokens, [w for w, _ in tagged], [t for _, t in tagged], {})]


def test_an_adverb_of_the_verb_inside_a_mechanism_name_is_part_of_it() -> None:
    tagged = [("健全", "a"), ("工资", "vn"), ("正常", "d"), ("增长", "v"), ("机制", "n"), ("。", "x")]
    assert _system_names("健全工资正常增长机制。", tagged) == ["工资正常增长机制"]
    # a modal or negating adverb is no part of a name, nor does an adverb start one
    tagged = [("生态", "n"), ("必须", "d"), ("依靠", "v"), ("制度", "n"), ("。", "x")]
    assert _system_names("生态必须依靠制度。", tagged) == []
    tagged = [("终身", "d"), ("追究", "v"), ("责任", "n"), ("制度", "n")]
    assert _system_names("终身追究责任制度", tagged) == ["追究责任制度"]


def test_a_system_named_by_tixi_takes_nouns_and_set_phrases_but_no_bare_verb() -> None:
    tagged = [("社会治安", "l"), ("立体", "b"), ("防控", "vn"), ("体系", "n")]
    assert _system_names("社会治安立体防控体系", tagged) == ["社会治安立体防控体系"]
    tagged = [("引领", "v"), ("全球", "n"), ("治理", "vn"), ("体系", "n")]
    assert _system_names("引领全球治理体系", tagged) == ["全球治理体系"]
    # a bare verb before a set phrase takes it as its object
    tagged = [("共同", "d"), ("捍卫", "v"), ("多边贸易", "l"), ("体制", "n")]
    assert _system_names("共同捍卫多边贸易体制", tagged) == []


def test_a_list_sharing_a_mechanism_head_is_one_concept(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("要建立健全矛盾纠纷源头预防、排查预警、多元化解机制。")
    assert "矛盾纠纷源头预防、排查预警、多元化解机制" in got
    assert "多元化解机制" not in got


@pytest.mark.parametrize(
    ("surface", "cut"),
    [
        ("领会其时代意义", "时代意义"),  # a verb of knowing, then the pronoun 其
        ("认识共产党执政规律", "共产党执政规律"),
        ("运用市场机制", "市场机制"),
        ("其发展规律", "发展规律"),
        ("其中国家机关", "其中国家机关"),  # 其中 is a word of its own
        ("认识论", "认识论"),  # nothing of two characters would be left
        ("党的理论创新", "党的理论创新"),
    ],
)
def test_a_name_starts_after_a_verb_of_knowing_or_the_pronoun_qi(surface: str, cut: str) -> None:
    c = ConceptSpan(0, len(surface), surface, surface, Category.IDEA)
    assert surface[leading_word_cut(c, frozenset()) :] == cut


def test_known_names_and_persons_keep_their_first_word() -> None:
    c = ConceptSpan(0, 4, "运用体系", "运用体系", Category.IDEA)
    assert leading_word_cut(c, frozenset({"运用体系"})) == 0
    assert leading_word_cut(ConceptSpan(0, 3, "其小明", "其小明", Category.PERSON), frozenset()) == 0


def test_the_other_x_is_no_concept() -> None:
    assert refers_to_other(ConceptSpan(0, 4, "其他企业", "其他企业", Category.ORGANIZATION))
    assert not refers_to_other(ConceptSpan(0, 4, "民营企业", "民营企业", Category.ORGANIZATION))
    # a demonstrative refers back too (这方面的改革); 那 opening a name does not (那达慕大会)
    assert refers_to_other(ConceptSpan(0, 6, "这方面的改革", "这方面的改革", Category.PRACTICE))
    assert refers_to_other(ConceptSpan(0, 5, "这三项改革", "这三项改革", Category.PRACTICE))
    assert not refers_to_other(ConceptSpan(0, 5, "那达慕大会", "那达慕大会", Category.EVENT))


def test_leading_words_are_cut_in_the_pipeline(names: Callable[[str], set[str]]) -> None:
    got = names(
        "深入认识共产党执政规律、社会主义建设规律、人类社会发展规律。要深刻领会其时代意义、理论意义、实践意义。"
    )
    assert "共产党执政规律" in got
    assert not {"认识共产党执政规律", "领会其时代意义"} & got


@pytest.mark.parametrize(
    ("term", "shaped"),
    [
        ("好|就业|优先|政策", "就业优先政策"),  # 落实好|…: the complement of the verb before it
        ("起|现代|企业|制度", "现代企业制度"),  # 建立起|…
        ("好|干部|标准", "好干部标准"),  # 好 an adjective: the rest is no known name
        ("好|以下|原则", None),  # 把握好|以下原则: a determiner, no name
        ("上述|预期|目标", "预期目标"),  # a determiner pointing back is cut like 各, 有关
    ],
)
def test_a_verb_complement_or_a_pointing_determiner_starts_no_name(term: str, shaped: str | None) -> None:
    assert _shape(term, frozenset({"就业优先政策", "现代企业制度"})) == shaped


def test_a_verb_opening_a_phrase_starts_no_name(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("成功把中国特色社会主义推向二十一世纪。要全面把握，贯穿主题教育全过程。")
    assert not {"推向二十一世纪", "贯穿主题教育全过程"} & got
    assert "中国特色社会主义" in got


def test_a_list_item_cut_to_size_ends_a_word(rule_names: Callable[[str], set[str]]) -> None:
    # the last item, cut to the length of the others, would end inside 新进展
    got = rule_names("国有经济布局调整、国有企业股份制改革和国有资产监管取得新进展。")
    assert "国有资产监管取得新" not in got
    assert {"国有经济布局调整", "国有企业股份制改革"} <= got


def test_a_name_may_open_with_a_one_character_noun_after_a_conjunction(
    rule_names: Callable[[str], set[str]],
) -> None:
    # jieba cuts 雷|神山|医院; a single character opens no name after a verb (a cut word)
    assert "雷神山医院" in rule_names("用10多天时间先后建成火神山医院和雷神山医院。")
    assert "管权" not in rule_names("坚持用制度管人、管权、管事。")  # 管 is a verb


def test_a_strategy_named_by_its_action_keeps_its_verbs(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("实施积极应对人口老龄化国家战略，发展养老事业。")
    assert "积极应对人口老龄化国家战略" in got
    assert "人口老龄化国家战略" not in got


def test_a_judgement_said_of_a_name_is_cut(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("坚持正确的舆论导向。")
    assert "舆论导向" in got
    assert "正确的舆论导向" not in got


def test_forms_of_address_are_no_names(rule_names: Callable[[str], set[str]]) -> None:
    # 女士们 is a weak corpus term: a document opening with it and naming it often is about it
    text = "女士们，先生们：大家好！女士们，先生们：我们要坚持开放合作。女士们，先生们：谢谢！"
    assert not {"女士们", "先生们"} & rule_names(text)


def test_a_whole_or_all_of_something_is_no_name(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("把整个经济体制改革工作带动起来，所有政府机关都要参加。")
    assert not {"整个经济体制改革", "所有政府机关"} & got
    assert "政府机关" in got


@pytest.mark.parametrize(
    ("words", "surface", "cut"),
    [
        ("这|是|爱国主义|。", "是爱国主义", "爱国主义"),  # the copula
        ("按照|育训|结合|原则", "按照育训结合", "育训结合"),  # a preposition
        ("对|重点|开发|地区", "对重点开发地区", "重点开发地区"),
        ("包括|学习|本领", "包括学习本领", "学习本领"),
        ("通过|双边|合作", "通过双边合作", "双边合作"),
        ("对|标|整改", "对标整改", "对标整改"),  # 对标: jieba split a word of its own
        ("对|党|忠诚|、|襟怀坦白", "对党忠诚、襟怀坦白", "对党忠诚、襟怀坦白"),
        ("在线|教育", "在线教育", "在线教育"),  # 在线 is no preposition
        ("“|是|什么|”", "是什么", "是什么"),  # what quotes hold is left whole
    ],
)
def test_a_name_starts_after_a_preposition_or_the_copula(words: str, surface: str, cut: str) -> None:
    text = words.replace("|", "")
    c = _span(text, surface)
    n = function_word_cut(text, _tokens(words), c, frozenset())
    assert c.surface[n:] == cut


def test_prepositions_are_cut_in_the_pipeline(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names(
        "按照育训结合、长短结合、内外结合的要求，面向在校学生开展培训。"
        "对重点开发地区、生态脆弱地区、能源资源地区等制定差异化政策。"
    )
    assert {"育训结合", "重点开发地区"} <= got
    assert not {"按照育训结合", "对重点开发地区"} & got


def test_a_verb_taking_a_system_as_object_is_no_part_of_its_name(
    rule_names: Callable[[str], set[str]],
) -> None:
    got = rule_names("理顺货币政策传导机制，整合城乡居民基本医保制度。")
    assert {"货币政策传导机制", "城乡居民基本医保制度"} <= got
    assert not {"理顺货币政策传导机制", "整合城乡居民基本医保制度"} & got


@pytest.mark.parametrize(
    ("name", "cut"),
    [
        ("长期护理保险制度试点", "长期护理保险制度"),  # a pilot of a system
        ("区域医疗中心试点", "区域医疗中心"),  # of a thing built
        ("市域社会治理现代化试点", "市域社会治理现代化试点"),  # of a process: the programme's name
        ("公立医院改革试点", "公立医院改革试点"),
        ("服务业扩大开放综合试点", "服务业扩大开放综合试点"),
    ],
)
def test_a_pilot_is_cut_only_after_a_system_or_a_thing_built(name: str, cut: str) -> None:
    assert name[: len(name) - action_head_cut(name)] == cut


def test_handling_a_thing_is_no_practice(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("允许境外机构境内外汇账户办理定期存款业务，凭批准文件办理海关验放手续。")
    assert not {"外汇账户办理", "文件办理"} & got
    assert "政务服务异地办理" in rule_names("推进政务服务异地办理。")  # a manner of handling


_INSTRUCTION = (
    "习近平对民政工作作出重要指示\n（2019-04-03 来源：新华社）\n\n习近平对民政工作作出重要指示强调\n\n"
    "李克强会见全国民政会议代表\n\n"
    "近日，中共中央总书记习近平对民政工作作出重要指示。习近平强调，民政工作关系民生、连着民心。"
    "中共中央政治局常委、中央纪委书记赵乐际主持会议。"
    "我们要学习毛泽东同志、周恩来同志、刘少奇同志、朱德同志等老一辈革命家的崇高风范，"
    "坚决维护习近平总书记核心地位，坚持以习近平强军思想为指导。\n"
)


def test_the_act_of_giving_an_instruction_is_no_concept(rule_names: Callable[[str], set[str]]) -> None:
    # 作出重要指示 is a weak corpus term named in the title and three times: still an act
    assert "作出重要指示" not in rule_names(_INSTRUCTION)


def test_a_person_and_what_they_do_is_no_concept(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names(_INSTRUCTION)
    assert not {"李克强会见全国民政会议", "赵乐际主持会议", "主持会议"} & got
    assert {"习近平总书记核心地位", "习近平强军思想", "李克强", "赵乐际"} <= got  # named after, or the person


def test_a_titled_person_in_a_list_is_the_person(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names(_INSTRUCTION)
    assert {"毛泽东", "周恩来", "刘少奇", "朱德"} <= got
    assert not {n for n in got if n.endswith("同志")}


def test_an_adverb_jieba_tags_as_a_noun_opens_no_name(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("今年要全力组织实施好涉及经济和社会事业发展的93个重点项目。")
    assert not {n for n in got if n.startswith("全力")}
    assert "社会事业" in got


def test_the_work_of_a_body_is_its_field_not_the_body(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("新时代新使命，对政府工作提出了新要求。要把保障和改善民生作为政府工作的重中之重。")
    assert "政府工作" in got and "政府" not in got
    # 工作 opening a noun goes with that noun: staff and departments are no field of work
    got = rule_names("政府工作人员要廉洁奉公。党委工作部门要履职尽责。")
    assert not {"政府工作", "党委工作"} & got


def test_a_titled_name_opens_a_word(rule_names: Callable[[str], set[str]]) -> None:
    # 由于 and 感谢 are words: 于有些 and 谢全党 are no people before 同志
    got = rule_names(
        "还有一种情况，由于有些同志对于调整认识不足。我衷心感谢全党同志的信任。向张定宇同志学习。"
    )
    assert not {"于有些", "谢全党"} & got
    assert "张定宇" in got


def test_a_formula_in_running_text_ends_with_a_word(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("使国民经济中这两个最薄弱的部门得到改善。首都建设的三个棉纺织厂投产。这是两个老的问题。")
    assert not {n for n in got if n[:2] in {"两个", "三个"}}
    assert "四个意识" in rule_names("全党要增强四个意识。")


def test_a_set_phrase_of_two_nouns_is_a_noun() -> None:
    from extractors.core import is_noun_compound

    tags = jieba.posseg.dt.word_tag_tab
    assert all(tags[w] == "l" for w in ("国民教育", "生态环境", "计划生育", "高度重视", "积极开展"))
    assert is_noun_compound("国民教育", tags) and is_noun_compound("生态环境", tags)
    assert not is_noun_compound("高度重视", tags) and not is_noun_compound("积极开展", tags)


def test_a_set_phrase_of_two_nouns_joins_the_name_it_opens(rule_names: Callable[[str], set[str]]) -> None:
    got = rule_names("严格落实生态环境责任终身追究制度。完善农村计划生育家庭奖励扶助制度。")
    assert {"生态环境责任终身追究制度", "农村计划生育家庭奖励扶助制度"} <= got
    assert not {"责任终身追究制度", "家庭奖励扶助制度"} & got


def test_a_clause_before_a_system_is_no_part_of_its_name() -> None:
    tagged = [("国家", "n"), ("制度", "n"), ("是", "v"), ("人民民主", "n"), ("专政", "n"), ("制度", "n")]
    assert _system_names("国家制度是人民民主专政制度", tagged) == ["人民民主专政制度"]
    tagged = [("中央", "n"), ("用于", "v"), ("廉租", "n"), ("住房", "n"), ("制度", "n")]
    assert _system_names("中央用于廉租住房制度", tagged) == ["廉租住房制度"]
    # other one-character verbs are often pieces of a name jieba cut
    tagged = [("医", "n"), ("防", "v"), ("融合", "v"), ("机制", "n")]
    assert _system_names("医防融合机制", tagged) == ["医防融合机制"]
