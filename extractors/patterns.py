"""Surface patterns for concepts that no dictionary lists (pure).

* numbered formulas: 数字 + 个/项/大/种 + word (两个维护, 四个机关, 三大攻坚战)
* quoted terms: “…” with a short, term-like content
* enumerated slogans: 早发现、早报告、早隔离、早治疗
* titles after a person's name: 习近平总书记 → 习近平
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extractors.heads import HEADS, head_category
from kg.model import Category

NUMERALS = "一二两三四五六七八九十百千"
_HAN = r"\u4e00-\u9fff"

#: a numbered formula: numeral + classifier + 1-5 Han characters, or a numeral and 1-3 Han
#: characters (三农, 两会) that are no phase, period or grade (二期|建设, 五年|规划, 一级|响应)
FORMULA = re.compile(
    rf"^[{NUMERALS}]+(?:个|项|大|种|条|严|重|难)[{_HAN}]{{1,6}}$|^[{NUMERALS}](?![期年月日批级类号])[{_HAN}]{{1,3}}$"
)
#: the numerals of a formula (两个维护 … 十个坚持), in the order of the numbers they say
_FORMULA_NUMERALS = "两三四五六七八九十"
#: a formula in running text: only the classic “N个X” shape of 2-char words
FORMULA_IN_TEXT = re.compile(rf"[{_FORMULA_NUMERALS}]个[{_HAN}]{{2}}")
#: what follows N个 in counts, not formulas (两个方面, 三个月)
_COUNTED = frozenset(
    {
        "方面",
        "问题",
        "时期",
        "阶段",
        "环节",
        "层次",
        "部分",
        "月份",
        "小时",
        "百分",
        "国家",
        "地区",
        "城市",
        "省份",
        "年度",
        "代表",
        "委员",
        "重点",
        "领域",
        "方向",
        "目标",
        "多月",
        "星期",
        "人的",
        "工作",
        "单位",
        "部门",
        "项目",
        "县区",
        "乡镇",
        "村庄",
        "企业",
        "学校",
        "家庭",
        "字的",
        "坚持",
        "一百",
    }
)
_QUOTED = re.compile(r"“([^“”\n]{1,30})”")
_SLOGAN_ITEM = rf"[{_HAN}]{{2,6}}"
_ENUM = re.compile(rf"{_SLOGAN_ITEM}(?:[、，]{_SLOGAN_ITEM}){{1,7}}")

TITLES = (
    "总书记",
    "主席",
    "总理",
    "副总理",
    "委员长",
    "同志",
    "书记",
    "院士",
    "省长",
    "市长",
    "区长",
    "县长",
    "部长",
    "主任",
    "代表",
    "委员",
    "教授",
    "局长",
    "副主席",
    "常委",
    "总统",
    "先生",
)
_TITLE_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")+$")


def strip_title(name: str) -> str:
    """A person's name without trailing titles and honorifics (习近平总书记 → 习近平)."""
    stripped = _TITLE_RE.sub("", name)
    return stripped if len(stripped) >= 2 else name


def is_formula(term: str) -> bool:
    """Whether `term` has the shape of a numbered formula (四个意识, 三严三实, 双联 excluded)."""
    return bool(FORMULA.match(term))


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    name: str
    category: Category


_SENTENCE_END = set("。！？!?")
#: characters that start quoted clauses rather than quoted names
_CLAUSE_STARTS = frozenset("要把让使对在为我你他她它们是有就也都还不没别请让给向从被将")


def quoted_terms(text: str) -> list[Found]:
    """Short quoted expressions that look like terms or slogans.

    Quoted speech (ending in sentence punctuation or long) is skipped.
    """
    out: list[Found] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if len(inner) < 2 or inner[-1] in _SENTENCE_END:
            continue
        if any(ch in inner for ch in "。！？：:；;"):
            continue
        if len(inner) > 16:
            continue
        if sum("\u4e00" <= ch <= "\u9fff" for ch in inner) < 2:
            continue  # numbers and codes
        if inner[0] in _CLAUSE_STARTS and not is_formula(inner):
            continue  # a quoted clause (要重视…, 为热干面加油), not a term
        if inner.endswith(("了", "着", "过")):
            continue  # a verb with its aspect (“崩溃了”, “垮台了”), not a term
        if len(inner) == 2 and not is_formula(inner) and inner[0] != "双":
            continue  # a quoted common word is a figure of speech (“老虎”, “僵尸”), not a name
        if is_formula(inner) or "、" in inner or "，" in inner:
            cat = Category.FORMULA if is_formula(inner) else Category.IDEA
        else:
            cat = Category.IDEA
        out.append(Found(m.start(1), m.start(1) + len(inner), inner, cat))
    return out


_QUOTE_RUN_ON = re.compile(
    rf"“([^“”\n]{{1,4}})”((?:重要)?讲话|[{_HAN}]{{0,8}}?节(?!约|能|省|日)|(?:决策|工作|管理)?制度|主题教育|经费)"
    rf"|“([^“”\n]{{5,12}})”((?:主题|专题|学习)教育)"
    # a quoted name of a theory, a layout, a strategy or a spirit is named with its head:
    # “三个代表”重要思想, “五位一体”总体布局, “一带一路”战略, “马上就办”精神
    rf"|“([^“”\n]{{2,8}})”(重要思想|总体布局|战略布局|战略(?![性部地意])|精神(?![状面]))"
    # a five-year plan and its law-popularisation campaign: “十四五”规划, “七五”普法(规划)
    rf"|“([{NUMERALS}]{{1,2}}五)”(普法规划|普法|规划纲要|规划)"
)


def quoted_run_ons(text: str) -> list[Found]:
    """A short quoted name run on into its head: “七一”重要讲话, “三八”国际劳动妇女节,
    “三个代表”重要思想, “五位一体”总体布局, “三公”经费, “七五”普法规划."""
    out: list[Found] = []
    for m in _QUOTE_RUN_ON.finditer(text):
        k = next(k for k in (1, 3, 5, 7) if m.group(k))
        quoted, tail = m.group(k), m.group(k + 1)
        out.append(Found(m.start(), m.end(), quoted + tail, _run_on_category(tail)))
    return out


def _run_on_category(tail: str) -> Category:
    if tail.endswith("制度"):
        return Category.SYSTEM
    return Category.IDEA if tail.endswith(("思想", "布局", "战略", "精神")) else Category.EVENT


#: first characters of a counted amount after N个, never a formula (三个月销…, 两个以上, 三个左右)
_COUNT_STARTS = frozenset("月多以左上下半小星工")
#: a noun going on after N个XX (a Han character other than a function word or a verb of
#: stating): N个 counts that noun. A formula stands alone (四个意识、, “两个维护”, 两个确立的…)
_RUNS_ON = re.compile(rf"[{_HAN}](?<![的和与及是要为等在都也就已、并同作既又还])")


def formulas_in_text(text: str) -> list[Found]:
    """Unquoted formulas of the shape 两个维护, 四个意识 (numeral + 个 + two characters)."""
    out: list[Found] = []
    for m in FORMULA_IN_TEXT.finditer(text):
        if m.group(0)[2:] in _COUNTED or m.group(0)[2] in _COUNT_STARTS:
            continue
        if "的" in m.group(0):
            continue  # 两个老的|问题: a count of things described, no formula
        if _RUNS_ON.match(text, m.end()):
            continue  # 两个钢铁|基地, 六个五年|计划: N个 counts the longer noun that goes on
        if _counts_the_list_before(text, m.start(), _NUMERAL_VALUE[m.group(0)[0]]):
            continue  # 华汇、地壹街两个地下商城: N counts the N names just listed
        out.append(Found(m.start(), m.end(), m.group(0), Category.FORMULA))
    return out


#: the number each formula numeral says (两 → 2 … 十 → 10)
_NUMERAL_VALUE = {ch: n for n, ch in enumerate(_FORMULA_NUMERALS, start=2)}
_CLAUSE_MARK = re.compile("[，。；：！？,;:!?\n]")


def _counts_the_list_before(text: str, pos: int, n: int) -> bool:
    """Whether the clause before `pos` is a list of exactly `n` items that N个 counts."""
    marks = list(_CLAUSE_MARK.finditer(text, max(0, pos - 80), pos))
    start = marks[-1].end() if marks else max(0, pos - 80)
    return n >= 2 and text.count("、", start, pos) == n - 1 and "个" not in text[start:pos]


def _common_prefix(items: list[str]) -> str:
    first = items[0]
    n = 0
    while n < len(first) and all(len(it) > n and it[n] == first[n] for it in items):
        n += 1
    return first[:n]


def _common_suffix(items: list[str]) -> str:
    return _common_prefix([it[::-1] for it in items])[::-1]


#: characters that may follow the last item of a list inside a longer run (早治疗的原则, 早治疗等)
_AFTER_ITEM = frozenset("的等和与及为是了中上下地得")
_LIST = re.compile(rf"(?<![{_HAN}])[{_HAN}]++(?:、[{_HAN}]++)+")  # possessive: no backtracking


@lru_cache(maxsize=4)
def list_item_offsets(list_start: int, raw: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the items of a 、-separated list `raw` found at `list_start` (pure; cached, so
    a tuple: each caller trims its own copy)."""
    items: list[tuple[int, int]] = []
    pos = list_start
    for part in raw.split("、"):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    return tuple(items)


def _lists(text: str) -> tuple[tuple[int, str], ...]:
    """(start, text) of every 、-list of Han items (shared by the list finders; cached per text)."""
    return tuple((m.start(), m.group(0)) for m in _LIST.finditer(text))


def enumerations(text: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """、-separated lists of Han items whose inner items share one length.

    The first and last items are cut to that length (坚持早发现、早报告 → 早发现),
    so each list is (start, [(item start, item end), ...]).
    """
    out: list[tuple[int, list[tuple[int, int]]]] = []
    for list_start, raw in _lists(text):
        items = list(list_item_offsets(list_start, raw))
        inner = items[1:-1] or items[1:]
        size = inner[0][1] - inner[0][0]
        if any(e - s != size for s, e in inner):
            continue
        s0, e0 = items[0]
        sl, el = items[-1]
        if e0 - s0 < size or el - sl < size:
            continue
        if el - sl > size and text[sl + size] not in _AFTER_ITEM:
            continue  # the last item would be cut inside a word (监督与评|价)
        items[0] = (e0 - size, e0)
        items[-1] = (sl, sl + size)
        out.append((items[0][0], items))
    return out


def enumerated_slogans(
    text: str, is_noun: Callable[[str], bool], is_known: Callable[[str], bool]
) -> list[Found]:
    """Enumerated slogans: 早发现、早报告、早隔离、早治疗; 及时发现、快速处置、精准管控、有效救治.

    Lists of nouns or of known concepts (民主选举、民主协商; 政党协商、人大协商)
    are separate concepts and are left to the other finders.
    """
    out: list[Found] = []
    for _, items in enumerations(text):
        words = [text[s:e] for s, e in items]
        size = len(words[0])
        if len(words) < 4 or not 3 <= size <= 5 or any(ch in w for w in words for ch in "的不得"):
            continue
        if any(is_known(w) for w in words):
            continue
        prefix, suffix = _common_prefix(words), _common_suffix(words)
        if suffix:
            continue  # a shared head: separate concepts
        if prefix and (is_noun(prefix) or all(is_noun(w[len(prefix) :]) for w in words)):
            continue
        if not prefix and size != 4:
            continue
        if not prefix and any(is_noun(w[2:]) for w in words):
            continue
        if text.startswith("等", items[-1][1]):
            continue  # 提升赛事报名、赛事转播、…等综合服务: examples of a kind, no slogan
        out.append(Found(items[0][0], items[-1][1], "、".join(words), Category.IDEA))
    return out


#: a principle stated as a sentence of its own: 坚持执法为民。 坚持务实高效。 (a section of 基本原则)
_PRINCIPLE = re.compile(rf"(?:^|(?<=[。；）\s]))坚持([{_HAN}]{{2,8}})。", re.MULTILINE)


def principles(text: str) -> list[Found]:
    """X of a sentence that is only 坚持X: the principle X (坚持依法规范。 → 依法规范)."""
    return [
        Found(m.start(1), m.end(1), m.group(1), Category.IDEA)
        for m in _PRINCIPLE.finditer(text)
        if not m.group(1).endswith(("下去", "不懈"))
    ]


#: a numbered heading that is one action on one concept: （四）强化事前公开。
_HEADING = re.compile(rf"（[一二三四五六七八九十]+）([{_HAN}]{{4,18}})(?=。|\n)")
#: tails of a heading's object that are not part of the concept (…实践, …重要作用, …制度保障)
_HEADING_TAILS = ("重要作用", "作用", "制度保障", "实践", "工作", "建设", "力度", "水平", "合力")
#: objects that are clauses or actions themselves (在自贸试验区…, 解决突出环境问题, …取得新突破)
_HEADING_NOT_START = (
    "在",
    "对",
    "把",
    "向",
    "一批",
    "解决",
    "运用",
    "转变",
    "改善",
    "化解",
    "做好",
    "抓好",
    "督导",
    "组建",
    "引进",
    "扶持",
    "校企",
)
_HEADING_PREDICATES = ("取得", "稳定", "转型", "协同")


def heading_objects(text: str, is_action: Callable[[str], bool]) -> list[Found]:
    """The concept a numbered heading acts on: （四）强化|事前公开。 → 事前公开;
    （四）深化|依法治国|实践。 → 依法治国; （六）巩固和发展|爱国统一战线。 (generic tails cut)."""
    out: list[Found] = []
    for m in _HEADING.finditer(text):
        line, start = m.group(1), m.start(1)
        k = 0
        while k + 2 <= len(line) and is_action(line[k : k + 2]):
            k += 2
            if line.startswith("和", k):
                k += 1
        if k == 0 or line[k - 1] == "和":
            continue
        end = len(line)
        for tail in _HEADING_TAILS:
            if line.endswith(tail) and end - len(tail) - k >= 2:
                end -= len(tail)
                break
        obj = line[k:end]
        if "和" in obj or "的" in obj or len(obj) < 4 or obj.startswith(_HEADING_NOT_START):
            continue
        if any(p in obj for p in _HEADING_PREDICATES):
            continue
        if any(is_action(obj[i : i + 2]) for i in range(2, len(obj) - 5)):
            continue  # a clause with its own action: （二）推动|东西部地区|建立|消费扶贫协作机制
        out.append(Found(start + k, start + end, line[k:end], Category.IDEA))
    return out


def paired_terms(text: str) -> list[Found]:
    """Two terms of one length sharing a head, joined by 和: each is a concept of its own
    (民族精神和时代精神 → 民族精神, 时代精神; 国内法治和涉外法治; 依法治国和以德治国)."""
    out: list[Found] = []
    for m in _AND.finditer(text):
        i = m.start()
        for n in (4, 3, 5):
            a, b = text[i - n : i], text[i + 1 : i + 1 + n]
            if len(a) < n or len(b) < n or a[-1] != b[-1]:
                continue  # no shared head (the cheap test first)
            if not all(_is_han(ch) for ch in a + b):
                continue
            head = _common_suffix([a, b])
            if not (head.endswith(_PAIR_HEADS) or head in _SHORT_HEADS) or len(head) >= n - 1:
                continue
            if is_paired_generic(head) or a[0] in "的是向在对和与及其":
                continue
            if a.startswith(LEADING_VERBS) and not a.startswith("依法"):
                continue
            out += [Found(i - n, i, a, Category.IDEA), Found(i + 1, i + 1 + n, b, Category.IDEA)]
            break
    return out


_AND = re.compile("和")
#: heads of policy terms (heads.py, less the generic ones) that two paired terms may share
_PAIR_HEADS = tuple(
    h
    for h in HEADS
    if len(h) >= 2 and h not in ("发展", "工作", "建设", "部门", "机关", "组织", "政府", "领导")
)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_paired_generic(head: str) -> bool:
    """Shared heads too generic to make two concepts (…工作和…工作, …问题和…问题)."""
    return head in _GENERIC_SUFFIXES or head in ("工作", "建设", "发展", "方面", "情况", "人员")


#: verbs that take a policy named by a 的-phrase as object (奉行独立自主的和平外交政策)
_DE_VERBS = "坚定不移走|坚持贯彻|坚持走|奉行|坚持|走|健全|完善|满足|贯彻|践行|牢记|遵循"
#: heads of policies named by a 的-phrase
_DE_HEADS = "制度和政策|政策|战略|方略|道路|制度体系|根本制度|制度|方向|需要|需求|宗旨"
_DE_PHRASE = re.compile(
    rf"(?:{_DE_VERBS})(?:出|好)?了?(?:一条|这条)?(?:我国)?(?![上向])([{_HAN}]{{2,16}}?的[{_HAN}]{{0,6}}?(?:{_DE_HEADS}))(?=[，。；、和与及]|$)"
)


#: characters and words that show the verb match was cut short (坚持|和落实…, 健全|和完善…)
_NOT_FIRST = frozenset("和与及了上使")
_DE_NOT_START = frozenset(
    {"落实", "发展", "实施", "执行", "实行", "完善", "健全", "坚持", "推进", "加强", "奉行", "贯彻"}
)


def de_phrases(text: str) -> list[Found]:
    """Policies named by a 的-phrase after a verb that adopts them, longest natural name:
    奉行|独立自主的和平外交政策, 满足|人民日益增长的美好生活需要, 坚持我国|宗教的中国化方向."""
    out: list[Found] = []
    for m in _DE_PHRASE.finditer(text):
        name = m.group(1)
        if (
            name.count("的") != 1
            or max(name.index("的"), len(name) - name.index("的") - 1) < 4  # 自己的道路
            or name[0] in _NOT_FIRST
            or name[:2] in _DE_NOT_START
            or name.endswith(("的需要", "的需求"))  # 满足|城乡人民的需要: a need, not its name
        ):
            continue
        out.append(Found(m.start(1), m.end(1), name, Category.IDEA))
    return out


#: strict noun tags (jieba dictionary), for the subject of a subject-predicate item (政府负责)
_SUBJECT_TAGS = frozenset({"n", "nz", "ng", "nt", "ns", "j", "LEX"})
#: words before a list of slogans that adopt it as one principle (坚持以文塑旅、以旅彰文)
_SLOGAN_VERBS = ("坚持", "做到", "提出")
#: what a list of slogans may name: …的总要求, …的战略布局, …的保障作用
_SLOGAN_HEADS = tuple(
    "的" + h
    for h in ("总要求", "要求", "方针", "原则", "战略布局", "布局", "体制机制", "保障作用", "思路", "理念")
)


#: words with a character that elsewhere joins two phrases (参与, 和谐, 及时): no conjunction
_WORDS_WITH_JOINERS = ("参与", "给与", "和谐", "和平", "温和", "及时", "及早", "普及", "涉及", "危及")


def _joins_two(item: str) -> bool:
    """Whether a slogan item joins two phrases (的, 和, 与, 及 outside a word that has them)."""
    for word in _WORDS_WITH_JOINERS:
        item = item.replace(word, "")
    return any(ch in item for ch in "的和与及")


def short_slogan_lists(text: str, tag: Callable[[str], str]) -> list[Found]:
    """Short parallel slogans named as one principle, as the guidelines' gold joins them:
    坚持|以文塑旅、以旅彰文; 固根本、稳预期、利长远|的保障作用; 形成|统一指挥、全面部署、立体防控|的战略布局.

    Two to five items of 3-4 characters, adopted by a verb before them (坚持, 做到 …) or
    naming what follows 的; no shared ending (文明乡风、良好家风: separate concepts) and
    not every item a noun subject with its predicate (党委领导、政府负责: separate).
    """
    out: list[Found] = []
    for _, items in enumerations(text):
        words = [text[s:e] for s, e in items]
        size = len(words[0])
        if not 2 <= len(words) <= 5 or not 3 <= size <= 4 or any(_joins_two(w) for w in words):
            continue
        start, end = items[0][0], items[-1][1]
        named = text.startswith(_SLOGAN_HEADS, end) or text.endswith(_SLOGAN_VERBS, 0, start)
        if not named or _common_suffix(words):
            continue
        if sum(tag(w[:2]) in _SUBJECT_TAGS for w in words) == len(words):
            continue
        out.append(Found(start, end, "、".join(words), Category.IDEA))
    return out


#: verbs that set up mechanisms or protect rights; the list they govern shares one head
_SHARED_HEAD_VERBS = "建立健全|健全|建立|完善|保障|维护"
_NOT_LIST_START = frozenset("和与及并让使把以好")
_SHARED_HEADS = ("工作机制", "机制", "制度", "合法权益", "权益")
_SHARED_HEAD_LIST = re.compile(
    rf"(?:{_SHARED_HEAD_VERBS})((?:[{_HAN}]{{1,10}}、){{1,16}}[{_HAN}]{{1,8}}?(?:{'|'.join(_SHARED_HEADS)}))(?![{_HAN}])"
)


def shared_head_lists(text: str, is_known: Callable[[str], bool]) -> list[Found]:
    """A list whose items share the head after its last one names one concept (the longest
    phrase naming it): 健全|吸纳民意、汇集民智工作机制; 建立健全|党内激励、关怀、帮扶机制;
    保障|妇女、儿童、残疾人权益.

    Not where the items are concepts of their own (政治协商、民主监督、参政议政制度 and
    组织制度、会议制度、运行机制; 评价体系、激励机制: each item names one), nor lists with 的, 等
    or 对 (质询、问责等制度), nor clauses (完善|和落实…; 维护|好、发展好…).
    """
    out: list[Found] = []
    for m in _SHARED_HEAD_LIST.finditer(text):
        phrase = m.group(1)
        if any(ch in phrase for ch in "的等对各") or phrase[0] in _NOT_LIST_START:
            continue  # 完善|和落实…, 健全|让党员…: a clause, not a list of names
        items = phrase.split("、")
        head = next(h for h in _SHARED_HEADS if phrase.endswith(h))
        if len(items[-1]) == len(head):
            continue
        if any(it.endswith((*_SHARED_HEADS, "体系")) or is_known(it) for it in items[:-1]):
            continue
        out.append(Found(m.start(1), m.end(1), phrase, head_category(phrase) or Category.IDEA))
    return out


SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤栗傅卓楼"
    "骆凌章尤习蔡聂丁胡温贾吴"
)


_TITLED_NAME = re.compile(
    rf"([{''.join(sorted(SURNAMES))}][{_HAN}]{{1,2}}?)"
    r"(?=同志|总书记|主席|副主席|总理|副总理|委员长|省长|市长|书记|院士|教授|部长|记者)"
)


def name_lists(text: str) -> list[Found]:
    """Lists of person names: 刘家义、龚正、谭旭光等 (every item a surname + 1-2 characters)."""
    out: list[Found] = []
    for list_start, raw in _lists(text):
        parts = raw.split("、")
        # a list of names ends at 等 (陈求发、唐一军、张桂平等代表就经济振兴、制造业升级…)
        for k, part in enumerate(parts):
            if 2 <= part.find("等") <= 3:
                parts = parts[: k + 1]
                break
        pos = list_start
        spans: list[tuple[int, int]] = []
        for part in parts:
            spans.append((pos, pos + len(part)))
            pos += len(part) + 1
        # the last item may run on (…、傅明先、张淑琴等8位代表): cut at 等
        last_s, last_e = spans[-1]
        tail = text[last_s:last_e]
        cut = tail.find("等")
        if cut > 0:
            spans[-1] = (last_s, last_s + cut)
        elif len(spans) < 3:
            continue
        # the first item may carry a verb before it (听取于伟国): keep its last 2-3 chars
        names = [text[s:e] for s, e in spans]
        _first_s, first_e = spans[0]
        if len(names[0]) > 3:
            for k in (3, 2):
                if text[first_e - k] in SURNAMES:
                    spans[0] = (first_e - k, first_e)
                    break
            names[0] = text[spans[0][0] : spans[0][1]]
        if all(2 <= len(n) <= 3 and n[0] in SURNAMES for n in names):
            out.extend(Found(s, e, text[s:e], Category.PERSON) for s, e in spans)
    return out


#: a title right before a name that ends at a clause boundary or a verb: 国务院总理李克强在…, 主席习近平参加…
_NAME_AFTER_TITLE = re.compile(
    rf"(?:总书记|主席|总理|委员长|常委|书记|部长|省长|市长)([{''.join(sorted(SURNAMES))}][{_HAN}]{{1,2}}?)"
    r"(?=[，、。；在向与和等说对就]|参加|指出|强调|出席|来到|会见|主持|表示)"
)


#: a photographer's credit under a news photo: 新华社记者 谢环驰/摄, 记者 鞠鹏 摄
_PHOTO_CREDIT = re.compile(rf"记者[ \u3000]*([{''.join(sorted(SURNAMES))}][{_HAN}]{{1,2}})[ \u3000]*/?摄")


def titled_names(text: str) -> list[Found]:
    """A surname + 1-2 characters right before a title: 钟南山院士, 张定宇同志 (title not included),
    right after one: 国务院总理李克强在… (李克强), or credited for a photo: 记者 谢环驰/摄."""
    return [
        Found(m.start(1), m.end(1), m.group(1), Category.PERSON)
        for pattern in (_TITLED_NAME, _NAME_AFTER_TITLE, _PHOTO_CREDIT)
        for m in pattern.finditer(text)
        if m.group(1)[-1] not in _NOT_NAME_END
    ]


#: last characters of a false name before a title: 高举毛|主席, 向总|书记, 浙江省|委书记, 任第一|书记,
#: 书记李强和|市长 (a conjunction: the name ended before it)
_NOT_NAME_END = frozenset("毛周总省市县区一二两国方向委责和与及")


_EVENT = re.compile(
    rf"(?:党的|中共)[{NUMERALS}]+大"
    rf"|[{NUMERALS}]+届(?:全国人大|全国政协|中央)?[{NUMERALS}]+(?:次(?:全体)?会议|中全会)"
    rf"|[{NUMERALS}]+届[{NUMERALS}]+中(?:、[{NUMERALS}]+中)*全会"
)
_BOOK = re.compile(r"《([^《》\n]{2,60})》")
#: the kinds of official document a title ends with (…的指导意见)
_DOC_KINDS = "指导意见|实施意见|意见|通知|决定|决议|办法|规定|方案"
#: an official document's title: 国务院办公厅关于……的指导意见
_TITLE_LINE = re.compile(
    rf"(?<![{_HAN}])[{_HAN}]{{2,16}}?关于[^。；！？\n《》“”]{{2,80}}?的(?:{_DOC_KINDS}|报告)"
)
#: verbs of issuing a document, ending what stands before its title (相继作出|关于…的决定)
_ISSUING_VERB = re.compile("(?:作出|做出|出台|印发|制定|发布|颁布|下发|发出|提出|通过|审议)了?$")
#: the same title opening the document, broken over up to three lines
_TITLE_AT_START = re.compile(
    rf"\A\s*((?:[^\s。；！？《》“”]{{2,40}}\n[ \t\u3000]*){{0,2}}[^\s。；！？《》“”]{{2,40}}?"
    rf"的(?:{_DOC_KINDS}))[ \t]*(?=\n)"
)
#: a named meeting where something was said: 在全国抗击新冠肺炎疫情表彰大会上
_MEETING_AT = re.compile(rf"(?<=在)[{_HAN}“”0-9]{{4,24}}?(?:大会|会议|座谈会|论坛|峰会|开幕式)(?=上)")
#: verbs of holding a meeting, which end a clause before its name (在去年召开的|…会议上)
_HELD = ("召开", "举行", "举办")
#: a named meeting that is held: 隆重召开全国抗击新冠肺炎疫情表彰大会，
_MEETING_HELD = re.compile(
    rf"(?<={'|'.join(_HELD)})[{_HAN}“”]{{4,24}}?(?:大会|会议|座谈会|论坛|峰会)(?=[，。、；）]|$)"
)
#: a leader's body of thought on a subject: 关于坚持和完善人民代表大会制度的重要思想
_THOUGHT_ON = re.compile(rf"关于[{_HAN}、]{{2,30}}的重要(?:思想|论述)")


def opening_title(text: str) -> list[Found]:
    """The official title opening the document over several lines (国务院办公厅关于全面推行\n…的
    指导意见), named without its line breaks, then the body issuing it (国务院办公厅), if any."""
    tm = _TITLE_AT_START.match(text)
    if not tm or "\n" not in tm.group(1) or "关于" not in tm.group(1):
        return []
    out = [Found(tm.start(1), tm.end(1), "".join(tm.group(1).split()), Category.EVENT)]
    issuer = tm.group(1).split("关于", 1)[0].split("转发", 1)[0]  # 国务院办公厅转发民政部关于…
    if 2 <= len(issuer) <= 12 and "\n" not in issuer:
        out.append(Found(tm.start(1), tm.start(1) + len(issuer), issuer, Category.ORGANIZATION))
    return out


def events(text: str) -> list[Found]:
    """Named meetings (党的十九大, 十九届四中全会, 十三届全国人大一次会议) and documents (《…》, an
    official title 国务院办公厅关于……的指导意见 on one line; `opening_title` finds the one that
    opens the text over several lines)."""
    out = [Found(m.start(), m.end(), m.group(0), Category.EVENT) for m in _EVENT.finditer(text)]
    out += [Found(m.start(1), m.end(1), m.group(1), Category.EVENT) for m in _BOOK.finditer(text)]
    for m in _TITLE_LINE.finditer(text):
        start = m.start()
        issuer = text[start : text.index("关于", start)]
        verb = _ISSUING_VERB.search(issuer)
        if verb:  # 相继作出|关于加强廉政建设的决定: the verb of issuing, not the issuer
            start += verb.end()
        out.append(Found(start, m.end(), text[start : m.end()], Category.EVENT))
    out += [Found(m.start(), m.end(), m.group(0), Category.IDEA) for m in _THOUGHT_ON.finditer(text)]
    for m in _MEETING_AT.finditer(text):
        held = m.group(0).rfind("的", 0, len(m.group(0)) - 4)  # 在去年召开的|全国…会议上
        said = m.group(0)[held - 2 : held] in _HELD or m.group(0)[held - 1 : held] == "日"  # 2月12日的|…会议
        start = m.start() + held + 1 if held > 0 and said else m.start()
        out.append(Found(start, m.end(), text[start : m.end()], Category.EVENT))
    out += [
        Found(m.start(), m.end(), m.group(0), Category.EVENT)
        for m in _MEETING_HELD.finditer(text)
        if not m.group(0).startswith(("了", "过", "的", "一", "这次", "本次", "此次", "专题", "会议", "各种"))
        and "的" not in m.group(0)
        and "等" not in m.group(0)
    ]
    return out


#: one-character heads that make a shared suffix meaningful (知情权、参与权; 历史观、民族观)
_SHORT_HEADS = frozenset("权德观感制法")
#: shared endings that are generic words, not heads of parallel terms
_GENERIC_SUFFIXES = frozenset({"作用", "问题", "必胜", "性", "创新", "领域", "逻辑"})
#: leading action words stripped from a list's first item (弘扬|劳动精神, 推进|政党协商)
LEADING_VERBS = (
    "加快",
    "建设",
    "建成",
    "打造",
    "全面",
    "推行",
    "推进",
    "弘扬",
    "加强",
    "完善",
    "健全",
    "坚持",
    "发展",
    "发挥",
    "保障",
    "维护",
    "深化",
    "推动",
    "促进",
    "实行",
    "实施",
    "落实",
    "建立",
    "构建",
    "提高",
    "增强",
    "树立",
    "培育",
    "践行",
    "尊重",
    "保证",
    "依法",
    "积极",
    "大力",
    "扎实",
    "深入",
    "充分",
    "切实",
    "不断",
    "着力",
    "统筹",
    "开展",
    "提升",
    "优化",
    "巩固",
    "做好",
    "激发",
    "树立",
    "我国",
    "各级",
    "我们",
    "一切",
)
#: more verbs a list's first item may start with (强化|社会责任意识、规则意识; 厚植|爱国情怀…)
MORE_LIST_VERBS = (
    "强化",
    "增进",
    "发扬",
    "厚植",
    "坚守",
    "守住",
    "守牢",
    "树牢",
    "筑牢",
    "铸牢",
    "夯实",
    "营造",
    "牢记",
    "遵循",
    "贯彻",
    "执行",
    "支持",
    "鼓励",
    "引导",
    "推广",
    "拓展",
    "扩大",
    "实现",
    "保持",
    "传承",
    "宣传",
    "学习",
    "探索",
    "改进",
    "用好",
    "管好",
    "抓好",
    "建立健全",
    "大力发展",
    "加快推进",
    "深入推进",
    "全面推进",
    "扎实推进",
    "积极推进",
    "大力推进",
    "持续推进",
    # verbs seen opening verb-object phrases taken for names in the corpus output
    # (依靠广大青年, 增加耕地面积, 贯穿基础教育, 深入挖掘|草原文化、红色文化…, 谋划新一轮财税体制改革)
    "具有",
    "依靠",
    "增加",
    "贯穿",
    "强调",
    "带动",
    "挖掘",
    "推翻",
    "推向",
    "办好",
    "谋划",
)
#: longest first; equal lengths in a fixed order (a set's order changes with the string hash seed)
_LIST_VERBS = tuple(
    sorted({*LEADING_VERBS, *MORE_LIST_VERBS, "牢固树立", "树立", "坚定"}, key=lambda v: (-len(v), v))
)
_CONJ = re.compile("以及|和|与|及")
#: 等 closing an open list inside an item (人工智能等高新技术), not inside a word (平等, 高等, 等级)
_ETC_INSIDE = re.compile("(?<![平高中均对同初一二三])等(?![级于待同])")
#: prepositions that put a list before its verb (把A、B、C作为…, 将A、B、C纳入…)
_OBJECT_MARKS = ("把", "将")
#: modals and ordinals that may stand before the leading verb of a list's first item
_MODALS = ("要", "必须", "应当", "还要", "就要", "也要", "更要", *(f"{n}是" for n in "一二三四五六七八九十"))


def _anywhere(offset: int) -> bool:
    return True


def list_items(
    text: str, is_noun: Callable[[str], bool], ends_word: Callable[[int], bool] = _anywhere
) -> list[Found]:
    """Items of enumerations of parallel terms, each a concept of its own.

    Items sharing a head (政党协商、人大协商、基层协商和社会组织协商; 知情权、参与权)
    or a noun prefix (文明培育、文明实践、文明创建) are split off one by one. A last item
    cut to the others' length must end a word (`ends_word` of an offset): not
    国有资产监管取得新|进展 after 国有经济布局调整、国有企业股份制改革.
    """
    out: list[Found] = []
    for list_start, raw in _lists(text):
        items = list(list_item_offsets(list_start, raw))
        # the last item may join one more with 和/与/及 (基层协商和社会组织协商)
        ls, le = items[-1]
        conj = _CONJ.search(text, ls, le)
        if conj and conj.start() > ls:
            items[-1:] = [(ls, conj.start()), (conj.end(), le)]
        if len(items) < 3:
            continue
        words = [text[s:e] for s, e in items]
        # the list may run on past its last item (获得感、幸福感、安全感更加充实、更有保障):
        # it ends at the first item that carries the shared head inside
        head = _common_suffix(words[:2])
        if len(head) >= 2 or head in _SHORT_HEADS:
            for k in range(2, len(words)):
                if not words[k].endswith(head):
                    cut = words[k].find(head)
                    if cut > 0:
                        items = [*items[:k], (items[k][0], items[k][0] + cut + len(head))]
                        words = [text[s:e] for s, e in items]
                    break
        suffix = _common_suffix(words[1:-1]) if len(words) > 3 else _common_suffix(words[1:])
        if suffix.endswith(tuple(_GENERIC_SUFFIXES)) or suffix.startswith("的"):
            continue
        if suffix and (len(suffix) >= 2 or suffix in _SHORT_HEADS):
            found = _suffix_items(text, items, suffix)
        else:
            prefix = _common_prefix(words[1:])
            if len(prefix) < 2 or not is_noun(prefix):
                continue
            found = _prefix_items(text, items, prefix, ends_word)
        out.extend(
            f for f in found if 2 <= len(f.name) <= 10 and f.name != suffix and not _ETC_INSIDE.search(f.name)
        )
    return out


#: 对 as a preposition inside a list's first item (not 对口, 对外, 对内, 对话, 对象, 对接, 对标)
_PREPOSITION_DUI = re.compile("(?<=[\u4e00-\u9fff])对(?![口外内话象接标照称])")


def _suffix_items(text: str, items: list[tuple[int, int]], suffix: str) -> list[Found]:
    inner_len = items[1][1] - items[1][0]
    s0, e0 = items[0]
    if not text[s0:e0].endswith(suffix):
        return []
    # the first item starts after the last 的/和/与 before it (树立正确的历史观 → 历史观) or an
    # aspect particle (孕育了河湟文化 → 河湟文化), or after the preposition 对 (人大对行政机关、
    # 监察机关 → 行政机关; not 对口, 对外 …)
    cut = max(text.rfind(ch, s0, e0 - len(suffix)) for ch in "的和与及了")
    for prep in _PREPOSITION_DUI.finditer(text, s0, e0 - len(suffix)):
        cut = max(cut, prep.start())
    if cut >= s0:
        s0 = cut + 1
    stripped = True
    while stripped:
        stripped = False
        for verb in _LIST_VERBS:
            if text.startswith(verb, s0) and e0 - s0 - len(verb) > len(suffix):
                s0 += len(verb)
                stripped = True
        for modal in _MODALS:  # 要建立…, 三是要…: a modal (or an ordinal) before a leading verb
            rest = s0 + len(modal)
            if text.startswith(modal, s0) and text.startswith(
                (*_LIST_VERBS, *_MODALS, "按照", *_OBJECT_MARKS), rest
            ):
                s0 = rest
                stripped = True
        if (
            text.startswith(_OBJECT_MARKS, s0)
            and e0 - s0 - 1 > len(suffix)
            and not text.startswith(_OBJECT_MARKS, items[1][0])  # 把自己摆进去、把职责摆进去: slogans
        ):
            s0 += 1  # 将|辛勤劳动、诚实劳动、创造性劳动作为…: the mark of the object before the list
            stripped = True
    longest = max(e - s for s, e in items[1:])
    if e0 - s0 > 2 * inner_len:
        items = items[1:]
    elif e0 - s0 > longest + 1 and len(suffix) == 1:
        items[0] = (e0 - inner_len, e0)  # 使人民获得感 → 获得感 (a one-character head: items of one length)
    else:
        items[0] = (s0, e0)
    ls, le = items[-1]
    cut = text.find(suffix, ls, le)
    if cut < 0:
        return []
    items[-1] = (ls, cut + len(suffix))
    return [Found(s, e, text[s:e], Category.IDEA) for s, e in items if text[s:e].endswith(suffix)]


def _prefix_items(
    text: str, items: list[tuple[int, int]], prefix: str, ends_word: Callable[[int], bool]
) -> list[Found]:
    size = items[1][1] - items[1][0]
    s0, e0 = items[0]
    start = text.find(prefix, s0, e0)
    if start < 0:
        return []
    items[0] = (start, e0)
    ls, le = items[-1]
    if le > ls + size and not ends_word(ls + size):
        items.pop()  # the cut would fall inside a word (城市竞争|力)
    else:
        items[-1] = (ls, min(le, ls + size))
    return [Found(s, e, text[s:e], Category.IDEA) for s, e in items if text[s:e].startswith(prefix)]
