import pytest

from extractors.patterns import (
    enumerated_slogans,
    events,
    formulas_in_text,
    is_formula,
    list_items,
    name_lists,
    quoted_run_ons,
    quoted_terms,
    strip_title,
    titled_names,
)
from kg.model import Category


@pytest.mark.parametrize(
    "term", ["四个意识", "两个维护", "六个必须", "三大攻坚战", "三项制度", "四风", "三严三实", "一次认证"]
)
def test_formula_shapes(term: str) -> None:
    assert is_formula(term)


@pytest.mark.parametrize(
    "term",
    # a phase, period or grade after the numeral counts, it names no formula
    ["人民代表大会制度", "全过程人民民主", "意识形态", "二期建设", "五年规划", "一级响应", "三类人员"],
)
def test_not_formulas(term: str) -> None:
    assert not is_formula(term)


def test_unquoted_formula_in_text() -> None:
    found = formulas_in_text("树牢四个意识，做到两个维护。")
    assert [f.name for f in found] == ["四个意识", "两个维护"]
    assert all(f.category is Category.FORMULA for f in found)


def test_n_ge_counting_a_longer_noun_is_no_formula() -> None:
    assert formulas_in_text("建设两个钢铁基地，完成六个五年计划。") == []
    found = formulas_in_text("统筹两个大局，两个确立的决定性意义，两个维护和四个自信")
    assert [f.name for f in found] == ["两个大局", "两个确立", "两个维护", "四个自信"]


def test_quoted_terms_skip_quoted_speech() -> None:
    text = "践行“两个维护”，他说：“我们相约春天赏樱花。”"
    assert [f.name for f in quoted_terms(text)] == ["两个维护"]


def test_a_quoted_verb_with_its_aspect_is_no_term() -> None:
    text = "说什么中国的经济“崩溃了”，人民公社“垮台了”，要坚持“两个维护”。"
    assert [f.name for f in quoted_terms(text)] == ["两个维护"]


def test_quoted_run_on_event() -> None:
    found = quoted_run_ons("习近平总书记“七一”重要讲话精神")
    assert [(f.name, f.category) for f in found] == [("七一重要讲话", Category.EVENT)]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("习近平总书记", "习近平"),
        ("李克强总理", "李克强"),
        ("习近平同志", "习近平"),
        ("钟南山院士", "钟南山"),
    ],
)
def test_title_stripping(raw: str, name: str) -> None:
    assert strip_title(raw) == name


def test_title_stripping_keeps_short_names() -> None:
    assert strip_title("主席") == "主席"


def _never(_: str) -> bool:
    return False


def test_enumerated_slogan_is_one_concept() -> None:
    text = "坚持早发现、早报告、早隔离、早治疗的原则"
    found = enumerated_slogans(text, _never, _never)
    assert [f.name for f in found] == ["早发现、早报告、早隔离、早治疗"]
    assert text[found[0].start : found[0].end] == found[0].name


def test_lists_of_noun_compounds_are_not_slogans() -> None:
    text = "推进民主选举、民主协商、民主决策、民主管理"
    assert enumerated_slogans(text, lambda w: w == "民主", _never) == []


def test_examples_of_a_kind_after_etc_are_no_slogan() -> None:
    text = "加大财政投入、土地供应、信贷支持、税费减免等政策支持力度。"
    assert enumerated_slogans(text, _never, _never) == []


def test_name_lists() -> None:
    text = "会上，刘家义、龚正、谭旭光、张淑琴等8位代表先后发言。"
    assert [f.name for f in name_lists(text)] == ["刘家义", "龚正", "谭旭光", "张淑琴"]


def test_events_and_document_titles() -> None:
    text = "党的十九大和十九届二中、三中全会，《法治政府建设实施纲要（2015—2020年）》"
    assert [f.name for f in events(text)] == [
        "党的十九大",
        "十九届二中、三中全会",
        "法治政府建设实施纲要（2015—2020年）",
    ]


def test_titled_names() -> None:
    from extractors.patterns import titled_names

    text = "钟南山院士、张定宇同志和新华社记者谢环驰"
    assert [f.name for f in titled_names(text)] == ["钟南山", "张定宇"]


def test_meetings_and_run_ons() -> None:
    text = (
        "习近平在全国抗击新冠肺炎疫情表彰大会上的讲话。"
        "“三八”国际劳动妇女节到来之际，开展“不忘初心、牢记使命”主题教育"
    )
    assert "全国抗击新冠肺炎疫情表彰大会" in [f.name for f in events(text)]
    assert [(f.name, f.category) for f in quoted_run_ons(text)] == [
        ("三八国际劳动妇女节", Category.EVENT),
        ("不忘初心、牢记使命主题教育", Category.EVENT),
    ]


def test_a_quoted_five_year_plan_and_expense_run_on_into_their_heads() -> None:
    text = "制定“十一五”规划纲要，实施“十四五”规划，启动“八五”普法规划，开展“七五”普法，严控“三公”经费。"
    assert [f.name for f in quoted_run_ons(text)] == [
        "十一五规划纲要",
        "十四五规划",
        "八五普法规划",
        "七五普法",
        "三公经费",
    ]
    assert quoted_run_ons("“十四五”时期") == []  # a period, not a plan


@pytest.mark.parametrize(
    "text",
    [
        "要建立日常考核、分类考核、近距离考核的评价体系。",
        "三是要建立日常考核、分类考核、近距离考核的评价体系。",
        "必须健全日常考核、分类考核、近距离考核的评价体系。",
    ],
)
def test_list_items_start_after_a_modal_and_a_leading_verb(text: str) -> None:
    names = [f.name for f in list_items(text, lambda w: True)]
    assert names == ["日常考核", "分类考核", "近距离考核"]


def test_list_items_start_after_a_verb_of_digging_out() -> None:
    names = [
        f.name for f in list_items("深入挖掘草原文化、红色文化、民俗文化、冰雪文化资源。", lambda w: True)
    ]
    assert names[:2] == ["草原文化", "红色文化"]


def test_list_items_start_after_the_preposition_dui() -> None:
    text = "加强政协对基层机关、党政机关、群团机关、社会机关监督。"
    names = [f.name for f in list_items(text, lambda w: True)]
    assert names == ["基层机关", "党政机关", "群团机关", "社会机关"]
    names = [f.name for f in list_items("开展对口帮扶机制、协作机制、联动机制、考核机制。", lambda w: True)]
    assert names[0] == "对口帮扶机制"  # 对口 is a word, not the preposition


def test_list_items_start_after_an_aspect_particle() -> None:
    names = [f.name for f in list_items("这里孕育了河湟文化、河洛文化、关中文化、齐鲁文化。", lambda w: True)]
    assert names == ["河湟文化", "河洛文化", "关中文化", "齐鲁文化"]


@pytest.mark.parametrize(
    "text",
    [
        "将辛勤劳动、诚实劳动、创造性劳动作为自觉行为。",
        "要把辛勤劳动、诚实劳动、创造性劳动作为自觉行为。",
    ],
)
def test_list_items_start_after_the_mark_of_an_object(text: str) -> None:
    names = [f.name for f in list_items(text, lambda w: True)]
    assert names == ["辛勤劳动", "诚实劳动", "创造性劳动"]


def test_items_sharing_a_head_after_de_are_no_concepts() -> None:
    # X的面貌、Y的面貌: one generic noun said of several things, no list of names
    text = "少数民族的面貌、民族地区的面貌、民族关系的面貌都发生了巨变。"
    assert list_items(text, lambda w: True) == []


def test_an_item_closing_an_open_list_is_no_name() -> None:
    text = "鼓励新型转播技术、安全监控技术、人工智能等高新技术的应用。"
    assert [f.name for f in list_items(text, lambda w: True)] == ["新型转播技术", "安全监控技术"]
    text = "推进学前教育、职业教育、高等教育。"  # 等 inside a word
    assert [f.name for f in list_items(text, lambda w: True)] == ["学前教育", "职业教育", "高等教育"]


def test_parallel_items_each_with_the_mark_of_an_object_keep_it() -> None:
    names = [f.name for f in list_items("把自己摆进去、把职责摆进去、把工作摆进去。", lambda w: True)]
    assert names[0] == "把自己摆进去"


def test_a_noun_starting_like_a_modal_is_kept() -> None:
    names = [f.name for f in list_items("要素市场、数据市场、技术市场。", lambda w: True)]
    assert names[0] == "要素市场"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("以“三个代表”重要思想为指导", "三个代表重要思想"),
        ("统筹推进“五位一体”总体布局", "五位一体总体布局"),
        ("弘扬“马上就办”精神", "马上就办精神"),
        ("实施“一带一路”战略", "一带一路战略"),
    ],
)
def test_quoted_name_runs_on_into_its_head(text: str, name: str) -> None:
    assert [f.name for f in quoted_run_ons(text)] == [name]


def test_quoted_name_before_a_strategic_deployment_stays_alone() -> None:
    assert quoted_run_ons("落实“一带一路”战略部署") == []


def test_opening_title_over_several_lines_and_its_issuer() -> None:
    from extractors.patterns import opening_title

    text = "国务院办公厅关于加强\n基层应急管理能力建设的指导意见\n国办发〔2020〕1号\n各省人民政府：\n正文。"
    found = [(f.name, f.category) for f in opening_title(text)]
    assert found == [
        ("国务院办公厅关于加强基层应急管理能力建设的指导意见", Category.EVENT),
        ("国务院办公厅", Category.ORGANIZATION),
    ]
    assert opening_title("六、发展全过程人民民主\n我国是工人阶级领导的国家。") == []
    forwarded = opening_title("国务院办公厅转发民政部关于清理\n整顿社会团体意见的通知\n正文。")
    assert [f.name for f in forwarded][1:] == ["国务院办公厅"]
    centred = opening_title(
        "\u3000\u3000国务院办公厅关于加强\n\u3000\u3000基层应急管理能力建设的指导意见\n正文。"
    )
    assert [f.name for f in centred] == [name for name, _ in found]  # lines set off by spaces


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("建立健全矛盾纠纷源头预防、排查预警、多元化解机制。", "矛盾纠纷源头预防、排查预警、多元化解机制"),
        ("健全项目审批、核准和备案制度，", "项目审批、核准和备案制度"),
        ("依法保障农民工、留守儿童合法权益。", "农民工、留守儿童合法权益"),
    ],
)
def test_a_list_sharing_the_head_after_it_is_one_concept(text: str, name: str) -> None:
    from extractors.patterns import shared_head_lists

    assert [f.name for f in shared_head_lists(text, lambda term: False)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "健全人大组织制度、会议制度、运行机制。",  # every item names a system of its own
        "建立科学评价体系、激励机制。",
        "健全质询、问责等制度。",  # an open list (等)
        "完善和落实安全生产责任、管理制度。",  # 和落实: a second verb, not a list item
        "维护好、发展好劳动者合法权益。",  # verbs with their complements
    ],
)
def test_lists_of_whole_names_or_clauses_do_not_share_a_head(text: str) -> None:
    from extractors.patterns import shared_head_lists

    assert shared_head_lists(text, lambda term: False) == []


def test_a_list_of_known_terms_keeps_its_items() -> None:
    from extractors.patterns import shared_head_lists

    assert shared_head_lists("推进健全政治协商、民主监督、参政议政制度。", {"民主监督"}.__contains__) == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("党中央和国务院，相继作出关于加强廉政建设的决定。", "关于加强廉政建设的决定"),
        ("现在向大会提出关于2024年国民经济计划安排的报告。", "关于2024年国民经济计划安排的报告"),
        ("全会通过了关于经济体制改革的决定。", "关于经济体制改革的决定"),
        (
            "国务院办公厅关于全面推行行政执法公示制度的指导意见",
            "国务院办公厅关于全面推行行政执法公示制度的指导意见",
        ),
    ],
)
def test_a_document_title_starts_after_the_verb_that_issues_it(text: str, title: str) -> None:
    assert [f.name for f in events(text)] == [title]


def test_a_meeting_attended_starts_after_the_clause_that_holds_it() -> None:
    text = "在去年召开的全国宣传思想工作会议上，在巴西举行的联合国环境与发展大会上。"
    assert [f.name for f in events(text)] == ["全国宣传思想工作会议", "联合国环境与发展大会"]


def test_a_numeral_counting_the_names_just_listed_is_no_formula() -> None:
    assert formulas_in_text("华汇、地壹街两个地下商城投入使用。") == []
    assert formulas_in_text("这是两个老的问题。") == []  # a count of things described
    assert [f.name for f in formulas_in_text("增强四个意识、做到两个维护。")] == ["四个意识", "两个维护"]


def test_a_meeting_attended_may_carry_numbers_but_not_its_date() -> None:
    text = "在纪念周恩来同志诞辰120周年座谈会上，在2月12日的中央政治局常委会会议上。"
    assert [f.name for f in events(text)] == ["纪念周恩来同志诞辰120周年座谈会", "中央政治局常委会会议"]


@pytest.mark.parametrize("verb", ["牢固树立", "坚定"])
def test_list_items_start_after_a_verb_of_holding_fast(verb: str) -> None:
    names = [f.name for f in list_items(f"{verb}道路自信、理论自信、制度自信、文化自信。", lambda w: True)]
    assert names == ["道路自信", "理论自信", "制度自信", "文化自信"]


def test_a_name_after_a_title_ends_before_a_conjunction() -> None:
    text = "在上海市委书记李强和市长应勇陪同下。"
    assert "李强和" not in [f.name for f in titled_names(text)]


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("（四）强化事前公开。", "事前公开"),
        ("（四）深化依法治国实践。", "依法治国"),  # a generic tail is cut
        ("（九）发挥审核管理信息平台作用。", "审核管理信息平台"),  # 作用 alone is generic too
        ("（二）推动东西部地区建立消费扶贫协作机制。", None),  # a clause with its own action
        ("（三）推动文化大发展大繁荣。", "文化大发展大繁荣"),  # a verb inside a slogan's name
    ],
)
def test_a_numbered_heading_names_the_concept_it_acts_on(heading: str, name: str | None) -> None:
    from extractors.patterns import heading_objects

    actions = {"强化", "深化", "发挥", "推动", "建立", "发展"}
    assert [f.name for f in heading_objects(heading, actions.__contains__)] == ([name] if name else [])
