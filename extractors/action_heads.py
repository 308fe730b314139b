"""Generic action heads on a concept name (pure): which to cut, which belong to the name.

GUIDELINES.md: "cut generic action heads: 全过程人民民主建设 is the concept
全过程人民民主 (建设 is an action on it)". The heads 建设, 发展, 工作 and 试点 are
an action on a *thing* named before them, but part of the name where what
precedes is an aspect or a manner and names nothing on its own:

* 建设 after a body, system, place or facility is cut (服务型政府建设 → 服务型政府,
  应急管理体系建设, 区域医疗中心建设, 体育强国建设); after an aspect it stays
  (作风建设, 党风廉政建设, 队伍建设, 能力建设, 制度建设, 法治建设, 自身建设);
* 发展 after a sector is cut (文化产业发展 → 文化产业, 民办教育发展, 中医药事业发展);
  after a manner it stays (高质量发展, 融合发展, 均衡发展, 绿色发展);
* 工作 after an activity is cut (合宪性审查工作 → 合宪性审查, 法律援助工作,
  换届选举工作); after a domain it stays (侨务工作, 信访工作, 思想政治工作);
* 试点 after a system or a thing built is a pilot *of* it (长期护理保险制度试点 → 长期护理保险制度);
  after a reform, a process or a manner it names the programme (市域社会治理现代化试点,
  国有资本投资、运营公司改革试点, 服务业扩大开放综合试点);
* a head on the last item of a list only (社会公德、职业道德、家庭美德、个人品德建设) is an
  action on every item, whatever the item is: the last item is cut like the others;
* two coordinated actions ending a phrase are both actions on what precedes them
  (群团组织改革和建设，→ 群团组织; 全球治理体系改革和建设, 城市建设和管理), except an
  aspect built, as above (阵地建设和管理 stays).

The word classes are general Chinese morphology of policy nouns, not a list of
names: a stem qualifies by its last characters.
"""

from __future__ import annotations

#: stems whose end names a thing something is built (建设 is cut after them)
_BUILT_THINGS = (
    "体系",
    "政府",
    "强国",
    "强省",
    "强区",
    "强市",
    "中国",
    "中心",
    "设施",
    "基地",
    "园区",
    "学科",
    "机制",
    "平台",
    "网络",
    "新区",
    "智库",
    "城市",
    "乡村",
    "力量",
    "高中",
    "大学",
    "项目",
    "工程",
    "场所",
    "枢纽",
    "通道",
    "示范区",
    "试验区",
    "先行区",
    "自贸区",
    "功能区",
    "开发区",
    "产业园",
    "物流园",
    "先导区",
    "航空港",
    "口岸",
    "网点",
    "仓库",
    "批发市场",
    "综合体",
    "金三角",
    "大街",
    "水源地",
)
#: stems whose end is a sector (发展 is cut after them)
_SECTORS = ("产业", "事业", "教育", "行业", "服务业", "经济", "企业", "学科", "志愿服务", "慈善", "文化")
#: manners that make 发展 part of the name even after a sector (文化和旅游深度融合发展)
_MANNERS = (
    "融合",
    "均衡",
    "协调",
    "高质量",
    "绿色",
    "科学",
    "跨越",
    "多样化",
    "和平",
    "健康",
    "可持续",
    "创新",
)
#: stem ends that are activities (工作 is cut after them)
_ACTIVITIES = (
    "审查",
    "审核",
    "监督",
    "监管",
    "检查",
    "选举",
    "援助",
    "防火",
    "防控",
    "抚恤",
    "帮扶",
    "救助",
    "脱贫",
    "扶贫",
    "执法",
    "评估",
    "考核",
    "督查",
    "整治",
    "治理",
)
#: the heads, longest first
_HEADS = ("建设", "发展", "工作", "试点")
#: shortest stem left after a cut (characters)
MIN_STEM = 3


def action_head_cut(name: str) -> int:
    """Characters to cut from the end of concept `name`: the length of a generic action head
    that is an action on the thing named before it, else 0."""
    for head in _HEADS:
        if not name.endswith(head):
            continue
        stem = name[: -len(head)]
        if len(stem) < MIN_STEM or stem.endswith(("、", "，", "和", "与", "的", "一体")):
            return 0
        if head == "试点":  # a pilot of a system or a thing built; of a reform or a process it is named
            return len(head) if stem.endswith((*_BUILT_THINGS, "制度", "机制", "体制")) else 0
        if head == "建设" and stem.endswith(_BUILT_THINGS):
            return len(head)
        if head == "发展" and stem.endswith(_SECTORS) and not stem.endswith(_MANNERS):
            return len(head)
        if head == "工作" and stem.endswith(_ACTIVITIES):
            return len(head)
        return 0
    return 0


#: actions that are coordinated on one thing (…改革和建设, …建设和管理)
_COORDINATED_ACTIONS = ("改革", "建设", "发展", "管理")
#: what may follow the second action: the phrase ends there
_PHRASE_END = "，。；、"


def coordinated_action_cut(name: str, after: str) -> int:
    """Characters to cut from the end of concept `name` when it ends in an action that the
    text `after` it coordinates with a second one at the end of the phrase (…改革|和建设，)."""
    head = next((h for h in _COORDINATED_ACTIONS if name.endswith(h)), None)
    if head is None or len(name) - len(head) < MIN_STEM - 1 or after[:1] not in ("和", "与"):
        return 0
    if head == "建设" and not name[: -len(head)].endswith(_BUILT_THINGS):
        return 0  # an aspect built stays whole (阵地建设和管理, 作风建设和…)
    second = after[1:3]
    if second in _COORDINATED_ACTIONS and second != head and after[3:4] in _PHRASE_END:
        return len(head)
    return 0


#: ends of list items that are manners or scopes, not things acted on
_NOT_LISTED_THINGS = ("化", "一体", "全部", "优先", "低碳")
#: what ends the item before a list's last one
_ITEM_BREAKS = "、，。；：,;:\n"
#: what may follow the last item: the list ends there
_LIST_ENDS = "，。；：！？,;:!?\n等"


def listed_head_cut(name: str, before: str, after: str) -> int:
    """Characters to cut from concept `name` when it is the last item of a list and its action
    head ends the list: 社会公德、职业道德、家庭美德、|个人品德建设|， (`before` and `after` are
    the text around `name`). The item before it must not carry the head itself (思想建设、
    作风建设 stay), and the list must end with the head (…、重点建设|投资 is no list's end)."""
    head = next((h for h in _HEADS if name.endswith(h)), None)
    if head is None or len(name) - len(head) < MIN_STEM or not before.endswith("、"):
        return 0
    if after[:1] not in _LIST_ENDS:
        return 0
    previous = before[:-1]
    k = max(previous.rfind(ch) for ch in _ITEM_BREAKS)
    item = previous[k + 1 :]
    if len(item) < 2 or item.endswith(head) or len(item) == len(previous):
        return 0  # no whole item before it in `before`, or that item has the head too
    stem = name[: -len(head)]
    if stem.endswith(_NOT_LISTED_THINGS) or item.endswith(_NOT_LISTED_THINGS) or stem.endswith(_MANNERS):
        return 0  # manners and qualities built, not things (规范化、标准化建设; 法治社会一体建设)
    return len(head)
