import pytest

from extractors.lexicon import data_path, load_lexicon, make_lexicon, parse_lexicon, without_de
from kg.model import Category

LINES = [
    "# comment",
    "人民代表大会制度\tsystem\t人大制度\t\tgeneral",
    "四个意识\tformula\t\t政治意识|大局意识|核心意识|看齐意识",
    "双联\tformula\t\t\tdev:zhangqiu",
    "",
]


def test_parse_and_lookup_aliases() -> None:
    lex = make_lexicon(parse_lexicon(LINES))
    entry = lex.lookup("人大制度")
    assert entry is not None and entry.name == "人民代表大会制度"
    assert entry.category is Category.SYSTEM
    assert lex.entries["四个意识"].members == ("政治意识", "大局意识", "核心意识", "看齐意识")
    assert "人民代表" in lex.prefixes


def test_without_sources_drops_held_out_entries() -> None:
    lex = make_lexicon(parse_lexicon(LINES))
    assert "双联" not in lex.without_sources(["dev:zhangqiu"]).entries
    assert "双联" in lex.entries


def test_bad_category_is_an_error() -> None:
    with pytest.raises(ValueError, match="bad category"):
        parse_lexicon(["词\tnot-a-category"])


def test_packaged_lexicon_is_consistent() -> None:
    lex = load_lexicon()
    assert len(lex.entries) > 300
    for formula in (
        "四个意识",
        "四个自信",
        "两个维护",
        "六个必须",
        "三严三实",
        "四风",
        "四个全面",
        "五位一体",
    ):
        assert lex.entries[formula].category is Category.FORMULA
        assert lex.entries[formula].members
    assert lex.lookup("人大制度") is not None


def test_an_alias_that_names_another_entry_is_not_an_alias() -> None:
    """A name always finds its own entry, so an entry cannot also claim it as an alias: the graph
    would list as one concept's alias the name of another concept node."""
    lex = make_lexicon(
        parse_lexicon(
            [
                "以人民为中心\tidea\t以人民为中心的发展思想|以人民为中心的创作导向",
                "以人民为中心的发展思想\tidea",
            ]
        )
    )
    assert lex.entries["以人民为中心"].aliases == ("以人民为中心的创作导向",)
    assert lex.name_of("以人民为中心的发展思想") == "以人民为中心的发展思想"
    # a formula member becomes an entry of its own too: 坚持中国共产党的领导 of 四项基本原则
    lex = make_lexicon(
        parse_lexicon(
            [
                "党的领导\tidea\t中国共产党的领导",
                "四项基本原则\tformula\t\t坚持社会主义道路|坚持中国共产党的领导",
            ]
        )
    )
    assert "中国共产党的领导" not in lex.entries["党的领导"].aliases


def test_no_shipped_entry_lists_another_entrys_name_among_its_aliases() -> None:
    """The data says which names are one concept (全国人大常委会 of 全国人民代表大会常务委员会) and
    which are two (以人民为中心, 以人民为中心的发展思想): an alias is never also listed as a name."""
    entries = parse_lexicon(data_path("lexicon.tsv").read_text(encoding="utf-8").splitlines())
    names = {e.name for e in entries}
    clashes = sorted((e.name, a) for e in entries for a in e.aliases if a in names and a != e.name)
    assert clashes == []
    lex = load_lexicon()
    assert lex.name_of("全国人大常委会") == "全国人民代表大会常务委员会"
    assert lex.name_of("人民政协") == "中国人民政治协商会议"
    assert lex.name_of("人民对美好生活向往") == "人民对美好生活的向往"


def test_learnt_stoplist() -> None:
    from extractors.stoplist import learn_stoplist

    docs = [
        ({"体制机制", "全过程人民民主"}, {"全过程人民民主"}),
        ({"体制机制", "政府"}, {"政府"}),
        ({"政府"}, set()),
    ]
    assert learn_stoplist(docs) == {"体制机制": 2}


def test_stoplist_lines_and_with_stop() -> None:
    from extractors.lexicon import parse_stoplist

    assert parse_stoplist(["# c", "体制机制\t3", ""]) == frozenset({"体制机制"})
    lex = make_lexicon(parse_lexicon(LINES)).with_stop(["双联"])
    assert lex.stop == frozenset({"双联"}) and lex.without_sources(["x"]).stop == lex.stop


@pytest.mark.parametrize(
    ("surface", "variant"),
    [
        ("人民对美好生活的向往", "人民对美好生活向往"),
        ("宗教的中国化方向", "宗教中国化方向"),
        ("党的领导", None),  # a one-character part: 党领导 is another word
        ("自己的道路", "自己道路"),
        ("以人民为中心的发展思想", "以人民为中心发展思想"),
        ("人民日益增长的美好生活的需要", None),  # two 的
        ("全过程人民民主", None),
    ],
)
def test_without_de(surface: str, variant: str | None) -> None:
    assert without_de(surface) == variant


def test_a_name_is_found_without_its_de() -> None:
    lex = make_lexicon(
        parse_lexicon(["人民对美好生活的向往\tidea\t\t\tgeneral", "美好生活\tidea\t\t\tgeneral"])
    )
    assert lex.name_of("人民对美好生活向往") == "人民对美好生活的向往"
    assert lex.name_of("美好生活") == "美好生活"  # names and aliases keep their own


def test_a_variant_never_takes_another_entrys_name() -> None:
    lex = make_lexicon(
        parse_lexicon(["宗教的中国化方向\tidea\t\t\tgeneral", "宗教中国化方向\tidea\t\t\tgeneral"])
    )
    assert lex.name_of("宗教中国化方向") == "宗教中国化方向"


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("进博会", "中国国际进口博览会"),
        ("广交会", "中国进出口商品交易会"),
        ("服贸会", "中国国际服务贸易交易会"),
    ],
)
def test_trade_fairs_are_known_by_their_short_names(alias: str, name: str) -> None:
    entry = load_lexicon().lookup(alias)
    assert entry is not None and (entry.name, entry.category) == (name, Category.EVENT)


def test_regional_strategies_are_known_whole() -> None:
    lexicon = load_lexicon()
    for name in ("黄河流域生态保护和高质量发展", "长三角一体化发展", "成渝地区双城经济圈"):
        entry = lexicon.lookup(name)
        assert entry is not None and entry.category is Category.IDEA


def test_the_state_councils_departments_are_known_bodies() -> None:
    lexicon = load_lexicon()
    for name in ("教育部", "工业和信息化部", "文化和旅游部", "发展改革委", "卫生健康委", "国管局", "扶贫办"):
        entry = lexicon.lookup(name)
        assert entry is not None and entry.category is Category.ORGANIZATION, name


def test_a_ministry_is_found_in_a_list_but_not_inside_a_longer_word() -> None:
    from extractors.pipeline import PolicyExtractor
    from kg.model import Document, document_id

    ex = PolicyExtractor()

    def names(text: str) -> set[str]:
        return {c.name for c in ex.extract(Document(document_id(text), "t", text)).concepts}

    got = names("（十）发展改革委、交通运输部、工业和信息化部、国管局负责。")
    assert {"发展改革委", "交通运输部", "工业和信息化部", "国管局"} <= got
    # 交通运输部门, 自然资源部门: departments of that field, not the ministry; 统计局长: a title
    got = names("各地交通运输部门、自然资源部门要加强协调，统计局长参加。")
    assert not {"交通运输部", "自然资源部", "统计局"} & got


def test_public_policy_vocabulary_is_known() -> None:
    lexicon = load_lexicon()
    for name in ("民法典", "西部大开发", "中部地区崛起", "医疗救助", "以工代赈", "老旧小区改造"):
        assert lexicon.lookup(name) is not None, name
    formula = lexicon.entries["两不愁三保障"]
    assert formula.category is Category.FORMULA
    assert formula.members[:2] == ("不愁吃", "不愁穿")
