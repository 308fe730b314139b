"""Multiword term assembly over segmented, tagged tokens (pure).

jieba splits policy terms (全过程|人民|民主). A candidate term is a run of
nominal tokens that ends in a head word (制度, 体系, 机制, 思想 …), trimmed of
leading generic modifiers; generic action heads (建设, 工作) are cut when what
precedes them is itself a known concept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from extractors.heads import HEADS, head_category
from extractors.patterns import NUMERALS
from extractors.segmenter import token_index_at
from kg.model import Category

Token = tuple[int, int]  # (start, end) character offsets

#: part-of-speech tags (jieba's ICTCLAS set) that may be part of a noun compound
NOMINAL_TAGS = frozenset({"n", "nz", "vn", "j", "nt", "ns", "an", "nrt", "b", "ng", "LEX"})
#: tags allowed inside a compound but never at its start (基层|直接|民主)
INNER_TAGS = frozenset({"a", "ad", "b"})
#: leading words that are actions or degree words, never part of a term
LEADING_ACTIONS = frozenset(
    {
        "发展",
        "推进",
        "加强",
        "完善",
        "健全",
        "优化",
        "深化",
        "推动",
        "促进",
        "实施",
        "落实",
        "坚持",
        "构建",
        "建立",
        "培育",
        "铸就",
        "参与",
        "围绕",
        "发挥",
        "实现",
        "提高",
        "提升",
        "全面",
        "充分",
        "积极",
        "大力",
        "不断",
        "深入",
        "切实",
        "加快",
        "强化",
        "规范",
        "保障",
        "维护",
        "支持",
        "开展",
        "做好",
        "抓好",
        "用好",
        "管好",
        "贯彻",
        "学习",
        "加大",
        "巩固",
        "拓展",
        "扩大",
        "增强",
        "弘扬",
        "传承",
        "推行",
        "建成",
        "形成",
        "打造",
        "创新",
        "改进",
        "统筹",
        "依法",
        "严格",
        "主动",
        "自觉",
        "认真",
        "扎实",
        "努力",
        "有效",
        "代表",
        "着力",
        "启动",
        "委托",
        "推广",
        "实行",
        "执行",
        "鼓励",
        "引导",
        "聚焦",
        "突出",
        "深入推进",
        "全面推进",
        "扎实推进",
        "大力推进",
        "加快推进",
        "积极推进",
        "持续推进",
        "激发",
        "分析",
        "宣传",
        "新建",
        "研究",
        "部署",
        "打响",
        "打赢",
        "打好",
        "投身",
        "办理",
        "构筑",
        "设置",
        "接受",
        "增进",
        "确保",
    }
)
#: heads after which a new term may start (…公示制度|执法全过程记录制度; …一次会议|山东代表团)
SPLIT_HEADS = frozenset({"会议", "大会", "全会", "制度", "机制", "体制"})
#: words that never start or continue a compound, whatever their tag
BREAKERS = frozenset(
    {
        "工作",
        "问题",
        "方面",
        "情况",
        "过程",
        "全过程",
        "作用",
        "水平",
        "要求",
        "任务",
        "部署",
        "同志",
        "同志们",
        "时期",
        "我国",
        "我们",
        "各级",
        "各项",
        "各类",
        "有关",
        "相关",
        "重要",
        "主要",
        "一些",
        "这些",
        "整个",
        "所有",
        "那些",
        "其他",
        "各",
        "等",
        "新",
        "中",
        "上",
        "下",
        "内",
        "外",
        "好",
        "更",
        "大",
        "小",
        "人们",
        "群众",
        "事项",
        "能力",
        "意见",
        "思想",
        "精神",
        "结合",
        "领导",
        "负责",
        "同时",
        "时代",
        "高度",
        "进一步",
        "基础",
        "实际",
        "特别",
        "当前",
        "今后",
        "一个",
        "一项",
        "代表",
        "上述",
        "会同",
        "经",
        "依照",
        "根据",
        "该",
        "本",
        "此",
    }
)
#: words that may end a compound but never start one
NO_START = frozenset(
    {"制度", "体系", "机制", "建设", "工作", "改革", "监督", "管理", "服务", "发展", "报告", "审查", "审议"}
)
#: action heads cut off when the rest is a known concept (全过程人民民主建设 → 全过程人民民主)
ACTION_HEADS = ("建设", "工作", "工程", "体系建设")

#: what deputies and members submit: handling it (…建议办理) is a practice of its own
_SUBMITTED = ("建议", "提案", "议案")
#: manners of handling that name a way of public service (异地办理, 并联办理, 集成化办理)
_HANDLING_MANNERS = frozenset({"异地", "并联", "远程", "就近", "网上", "集中", "全程", "一站式", "跨省"})


def _handling_practice(before: str) -> bool:
    """Whether 办理 after `before` names a practice: handling what members submit, or a manner
    of handling (not 文件|办理, 按规定|办理: handling some thing)."""
    return before.endswith(_SUBMITTED) or before in _HANDLING_MANNERS or before.endswith("化")


#: heads too generic to end an unknown term (产业发展, 福建工作, 现场执法): actions on a concept
WEAK_HEADS = frozenset(
    {
        "发展",
        "工作",
        "执法",
        "管理",
        "领导",
        "服务",
        "决策",
        "行动",
        "原则",
        "公开",
        "协商",
        "教育",
        "监督",
        "治理",
        "立法",
        "司法",
        "保护",
        "意识",
        "能力",
        "力",
        "安全",
        "理论",
        "会",
    }
)

#: tails that add nothing to the known term before them (…理念, …优势, …基本方略)
GENERIC_TAILS = frozenset({"理念", "优势", "方略", "基本方略", "作用", "要求", "原则"})

MAX_TOKENS = 5
MAX_CHARS = 12


def assemble_terms(
    text: str,
    tokens: Sequence[Token],
    tag: Callable[[str], str],
    known: Mapping[str, str],
    words: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) offsets of assembled multiword terms.

    `tag` gives a token's part of speech; `known` maps known surface forms
    (lexicon names and aliases) to canonical names; `words` and `tags` may be
    given when the caller has them already.
    """
    out: list[tuple[int, int]] = []
    n = len(tokens)
    if words is None:
        words = [text[s:e] for s, e in tokens]
    if tags is None:
        tags = [tag(w) for w in words]
    # per distinct (word, tag): nominal, can start, can continue, strong head (words repeat: compute once)
    flags: dict[tuple[str, str], tuple[bool, bool, bool, bool]] = {}
    for key in set(zip(words, tags, strict=True)):
        w, p = key
        nom = _nominal(w, p, known)
        flags[key] = (
            nom,
            nom and w not in NO_START and w not in LEADING_ACTIONS,
            nom or (p in INNER_TAGS and w not in BREAKERS),
            w in HEADS and w not in WEAK_HEADS,
        )
    table = [flags[key] for key in zip(words, tags, strict=True)]
    can_continue = [f[2] for f in table]
    strong = [f[3] for f in table]
    after = 0  # the end of the last run: a run starts at a token that can start one, after it
    for i in [k for k, f in enumerate(table) if f[1]]:
        if i < after:
            continue
        # a maximal run of nominal tokens
        j = i + 1
        while j < n and can_continue[j] and tokens[j - 1][1] == tokens[j][0]:
            j += 1
        # 党的 + a run names a party concept (党的民族政策, 党的民族工作, 党的创新理论)
        party = i >= 2 and words[i - 2] == "党" and words[i - 1] == "的"
        # 新时代 + a run names the new era's version (新时代军事战略方针)
        era = i >= 2 and words[i - 2] == "新" and words[i - 1] == "时代"
        if any(strong[i + 1 : j]):
            terms = [
                _strategy_start(s, e, text, tokens, words)
                for s, e in _terms_in_run(text, tokens[i:j], known, tag)
            ]
            if party or era:
                terms = [(tokens[i - 2][0], e) if s == tokens[i][0] else (s, e) for s, e in terms]
            out.extend(terms)
        elif party and j - i <= 3 and words[j - 1] in HEADS:
            out.append((tokens[i - 2][0], tokens[j - 1][1]))
        after = j
    out.extend(system_terms(tokens, words, tags, known))
    return out


#: verbs that take a strategy as their object (实施|积极应对人口老龄化国家战略)
_STRATEGY_TAKERS = frozenset({"实施", "深入实施", "推进", "贯彻", "落实", "执行", "坚持", "奉行"})


def _strategy_start(
    start: int, end: int, text: str, tokens: Sequence[Token], words: Sequence[str]
) -> tuple[int, int]:
    """A strategy's name states its action, verbs and all: a term ending in 战略 right after
    the verb that implements it starts after that verb (实施|积极应对人口老龄化国家战略,
    实施|创新驱动战略), not at the first noun the run of nouns starts with."""
    if not text.endswith("战略", start, end):
        return start, end
    k = token_index_at(tokens, start)
    if k is None:
        return start, end
    for j in range(k - 1, max(k - 4, -1), -1):
        if tokens[j][1] != tokens[j + 1][0] or len(words[j]) < 2 or not "\u4e00" <= words[j][0] <= "\u9fff":
            break  # a one-character word is a particle or a preposition (贯彻|到|谋划重大战略)
        if words[j] in _STRATEGY_TAKERS:
            return (tokens[j + 1][0], end) if j < k - 1 else (start, end)
    return start, end


#: heads of names of rules and mechanisms, which often contain verbs (执法音像记录管理制度)
SYSTEM_HEADS = frozenset({"制度", "机制", "体制", "体系", "工作机制", "管理制度"})
SYSTEM_MAX_TOKENS = 6
SYSTEM_MAX_CHARS = 16

#: verbs (and the modal 要) that take a system as their object, and words that only qualify it
#: (有力, 深层次), so never belong to its name (破除|体制机制, 疏通|货币政策传导机制,
#: 提供|有力|制度保障)
_SYSTEM_OBJECT_VERBS = frozenset(
    {"破除", "革除", "消除", "破解", "理顺", "解决", "查找", "整合", "设立", "试行", "赋予", "搞好"}
    | {"提出", "提供", "疏通", "转换", "运用", "涉及", "认清", "重塑", "注重", "废止", "要"}
    | {"有力", "深层次"}
)
#: one-character verbs that make a clause of what precedes a system's name (the copula, 来 of
#: purpose, causatives); others are often parts of names jieba cut (新农|合|制度, 医|防|融合机制)
_CLAUSE_VERBS = frozenset({"是", "来", "使", "让"})


def system_terms(
    tokens: Sequence[Token], words: Sequence[str], tags: Sequence[str], known: Mapping[str, str]
) -> list[tuple[int, int]]:
    """Names of systems and mechanisms: nouns and plain verbs before 制度/机制/体制/体系.

    Verbs are allowed here (执法|案卷|管理|制度, 执法|决定|信息|公开|发布|机制) but not
    action verbs that take the system as object (建立, 健全, 完善, 推行 …), nor bare verbs
    before 体系 (引领|全球治理体系). An adverb of the verb inside is part of the name
    (工资|正常|增长|机制), a modal one is not (必须|依靠); a set phrase joins (社会治安|
    立体|防控|体系) unless a bare verb stands next to it (捍卫|多边贸易|体制).
    """
    out: list[tuple[int, int]] = []
    for k, head in enumerate(words):
        if k == 0:
            continue
        if head in SYSTEM_HEADS:
            before = 2
        elif len(head) == 4 and head.endswith(_SYSTEM_ENDS):
            before = 1  # a mechanism named in one word: 诚信建设|长效机制
        else:
            continue
        first = None
        seen: set[str] = set()  # the tags of the words taken so far
        j = k - 1
        while j >= 0 and k - j < SYSTEM_MAX_TOKENS and tokens[k][1] - tokens[j][0] <= SYSTEM_MAX_CHARS:
            w, p = words[j], tags[j]
            if (
                tokens[j][1] != tokens[j + 1][0]
                or w in BREAKERS
                or w in _ACTION_PARTS
                or w in _SYSTEM_OBJECT_VERBS
                or is_action_phrase(w)
                or "有关" in w
            ):
                break
            if p == "d" and not _inner_adverb(w, tags[j + 1]):
                break
            if p == "v" and (w in _CLAUSE_VERBS or (len(w) > 1 and w.endswith("于"))):
                break  # a clause before the name: 国家制度|是|…制度, 中央|用于|…制度, 使|监督体系…
            if not (_nominal(w, p, known) or p in ("v", "vn", "a", "b", "d", "l")):
                break
            if (p == "l" and "v" in seen) or (p == "v" and "l" in seen):
                break  # a set phrase next to a bare verb: an object (捍卫|多边贸易|体制) or clause
            seen.add(p)
            if p == "v" and head.endswith("体系"):
                break  # a system (体系) is named by nouns: not 引领|全球治理体系
            if before == 1 and (p in ("v", "a", "b", "r", "d") or len(w) == 1):
                break  # before a one-word mechanism only names: not 引入|竞争机制, 整个|经济体制
            if w not in NO_START and p not in ("a", "d"):
                first = j
            j -= 1
        if first is not None and k - first >= before:
            out.append((tokens[first][0], tokens[k][1]))
    return out


#: characters of modal, negating and aspect adverbs (必须, 不会, 将, 共同), which end a name
_MODAL_CHARS = frozenset("不必将都也还就才已再又应能可会要须共均仍")


def _inner_adverb(word: str, next_tag: str) -> bool:
    """An adverb that modifies the verb after it inside a name (工资|正常|增长|机制)."""
    return len(word) == 2 and next_tag in ("v", "vn") and not (set(word) & _MODAL_CHARS)


#: the two-character system heads, as the end of a one-word mechanism (长效机制, 管理体制)
_SYSTEM_ENDS = tuple(sorted(h for h in SYSTEM_HEADS if len(h) == 2))


#: verbs that make a dictionary phrase an action (充分发挥, 全面推行, 全面提高), whatever its tag
_ACTION_PARTS = LEADING_ACTIONS | {
    "发挥",
    "推行",
    "提高",
    "防范",
    "出台",
    "保持",
    "确保",
    "进行",
    "采取",
    "采用",
    "探索",
    "制定",
    "应当",
    "纳入",
    "遵守",
    "依照",
    "按照",
    "根据",
    "执行",
    "遵循",
    "符合",
    "有关",
    "本市",
    "本省",
    "本区",
    "本县",
    "相关",
}


#: manner adverbs that open a four-character dictionary word of acting (正确处理, 努力实现, 认真落实;
#: jieba tags some of them as nouns)
_MANNER_ADVERBS = frozenset({"正确", "认真", "努力", "妥善", "坚决"})


def is_manner_action(word: str) -> bool:
    """A four-character word of a manner adverb and its verb (正确处理, 努力实现)."""
    return len(word) == 4 and word[:2] in _MANNER_ADVERBS


def is_action_phrase(word: str) -> bool:
    """A multi-word dictionary entry that starts or ends with an action verb, or a manner adverb
    with its verb (正确处理)."""
    return len(word) >= 4 and (
        word[:2] in _ACTION_PARTS or word[-2:] in _ACTION_PARTS or is_manner_action(word)
    )


#: titles and honorifics end a person's name and never join a term (习近平总书记|全国教育大会)
_TITLE_WORDS = frozenset(
    {"总书记", "主席", "总理", "副总理", "委员长", "同志", "书记", "院士", "省长", "市长"}
)


def _nominal(word: str, pos: str, known: Mapping[str, str]) -> bool:
    if word in _TITLE_WORDS or pos in ("nr", "nrfg"):
        return False
    if word in known:
        return True
    if (word in BREAKERS and word not in HEADS) or is_action_phrase(word):
        return False
    return pos in NOMINAL_TAGS or word in HEADS


#: numerals a measure word follows (三|支|队伍, 十|项|制度): the digits' names, and large or
#: vague amounts
_NUMERALS = frozenset(NUMERALS + "万亿几多")


#: what may come right before a term opened by a single character
_OPENERS = frozenset("和与及、")
_NOUN_TAGS = frozenset({"n", "nz", "ns", "nt"})


def _terms_in_run(
    text: str, run: Sequence[Token], known: Mapping[str, str], tag: Callable[[str], str]
) -> list[tuple[int, int]]:
    words = [text[s:e] for s, e in run]
    # split after a split head followed by a new term of 2+ tokens ending in a head
    for k in range(len(words) - 3, -1, -1):
        if words[k] in SPLIT_HEADS and any(w in HEADS for w in words[k + 2 :]):
            return _terms_in_run(text, run[: k + 1], known, tag) + _terms_in_run(
                text, run[k + 1 :], known, tag
            )
    return _term_of_run(text, run, words, known, tag)


def _term_of_run(
    text: str,
    run: Sequence[Token],
    words: list[str],
    known: Mapping[str, str],
    tag: Callable[[str], str],
) -> list[tuple[int, int]]:
    # the last strong head word of the run ends the term
    last = max((k for k, w in enumerate(words) if w in HEADS and w not in WEAK_HEADS), default=-1)
    if last <= 0:
        return []
    first = 0
    while first < last and (
        words[first] in BREAKERS
        or words[first] in NO_START
        or words[first] in LEADING_ACTIONS
        or not _nominal(words[first], tag(words[first]), known)
    ):
        first += 1
    # a measure word after a number is no part of the term (346|支|国家医疗队, 16|座|方舱医院)
    if (
        first < last - 1
        and run[first][1] - run[first][0] == 1
        and run[first][0] > 0
        and (text[run[first][0] - 1].isdigit() or text[run[first][0] - 1] in _NUMERALS)
    ):
        first += 1
    # a single character does not start a term (…新|冠肺炎…: a cut word), unless it is a noun
    # opening a list item (火神山医院和|雷|神山|医院; not 、|管|权; after a comma it is often a
    # verb jieba tags as a noun: ，|报|国务院批准, ，|寓|价值观引导于…)
    if (
        run[first][1] - run[first][0] == 1
        and words[first] not in known
        and (
            run[first][0] == 0
            or text[run[first][0] - 1] not in _OPENERS
            or tag(words[first]) not in _NOUN_TAGS
        )
    ):
        return []
    # a run too long to be one term is not cut to size: cut pieces are rarely terms
    if last - first + 1 > MAX_TOKENS or run[last][1] - run[first][0] > MAX_CHARS or first >= last:
        return []
    if (
        last == first + 1
        and words[first] in known
        and head_category(words[first]) is Category.ORGANIZATION
        and tag(words[last]) == "v"
        and words[last] != "组织"
    ):
        return []  # a named body and a bare verb: subject and predicate (国务院|振兴|东北)
    start, end = run[first][0], run[last][1]
    term = text[start:end]
    if term.endswith(("项目建设", "工程建设")) and term not in known:
        return []  # building projects: activities, not concepts
    if words[last] == "办理" and term not in known and not _handling_practice(words[last - 1]):
        return []  # 文件办理, 外汇账户办理: handling a thing; 代表建议办理, 异地办理 are practices
    if term in known:
        return [(start, end)]
    # a known term with a generic tail names the term (全过程人民民主理念 → 全过程人民民主)
    if words[last] in GENERIC_TAILS:
        k = last - 1
        while k > first and words[k] in ("基本", "根本", "重要"):
            k -= 1
        if k >= first and text[start : run[k][1]] in known:
            return [(start, run[k][1])]
    # an action on a term names the term (住房保障体系建设 → 住房保障体系)
    if (
        last > first + 1
        and words[last] in ("建设", "工作")
        and (
            (words[last - 1] in HEADS and words[last - 1] not in WEAK_HEADS)
            or text[start : run[last - 1][1]] in known
        )
    ):
        return [(start, run[last - 1][1])]
    for head in ACTION_HEADS:
        if term.endswith(head) and term[: -len(head)] in known:
            return [(start, end - len(head))]
    return [(start, end)]
