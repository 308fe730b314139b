"""Multiword term assembly over segmented, tagged tokens (pure).

jieba splits policy terms (全过程|人民|民主). A candidate term is a run of
nominal tokens that ends in a head word (制度, 体系, 机制, 思想 …), trimmed of
leading generic modifiers; generic action heads (建设, 工作) are cut when what
precedes them is itself a known concept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from extractors.heads import HEADS

Token = tuple[int, int]  # (start, end) character offsets

#: part-of-speech tags (jieba's ICTCLAS set) that may be part of a noun compound
NOMINAL_TAGS = frozenset({"n", "nz", "vn", "j", "nt", "ns", "an", "nrt", "b", "ng", "l", "i", "LEX"})
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
        "重大",
        "主要",
        "一些",
        "这些",
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
    }
)
#: words that may end a compound but never start one
NO_START = frozenset({"制度", "体系", "机制", "建设", "工作", "改革", "监督", "管理", "服务", "发展"})
#: action heads cut off when the rest is a known concept (全过程人民民主建设 → 全过程人民民主)
ACTION_HEADS = ("建设", "工作", "工程", "体系建设")

MAX_TOKENS = 5
MAX_CHARS = 12


def assemble_terms(
    text: str,
    tokens: Sequence[Token],
    tag: Callable[[str], str],
    known: Mapping[str, str],
) -> list[tuple[int, int]]:
    """(start, end) offsets of assembled multiword terms.

    `tag` gives a token's part of speech; `known` maps known surface forms
    (lexicon names and aliases) to canonical names.
    """
    out: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        # a maximal run of nominal tokens
        j = i
        while j < n:
            s, e = tokens[j]
            word = text[s:e]
            if j > i and tokens[j - 1][1] != s:
                break
            if not _nominal(word, tag(word), known) or (j == i and word in NO_START):
                break
            j += 1
        if j - i >= 1:
            out.extend(_terms_in_run(text, tokens[i:j], known))
        i = max(j, i + 1)
    return out


def _nominal(word: str, pos: str, known: Mapping[str, str]) -> bool:
    if word in known:
        return True
    if word in BREAKERS and word not in HEADS:
        return False
    return pos in NOMINAL_TAGS or word in HEADS


def _terms_in_run(text: str, run: Sequence[Token], known: Mapping[str, str]) -> list[tuple[int, int]]:
    words = [text[s:e] for s, e in run]
    # the last head word of the run ends the term
    last = max((k for k, w in enumerate(words) if w in HEADS), default=-1)
    if last <= 0:
        return []
    first = 0
    while first < last and (words[first] in BREAKERS or words[first] in NO_START):
        first += 1
    # keep at most MAX_TOKENS tokens / MAX_CHARS characters, dropping from the left
    while last - first + 1 > MAX_TOKENS or run[last][1] - run[first][0] > MAX_CHARS:
        first += 1
    if first >= last:
        return []
    start, end = run[first][0], run[last][1]
    term = text[start:end]
    if term in known:
        return [(start, end)]
    for head in ACTION_HEADS:
        if term.endswith(head) and term[: -len(head)] in known:
            return [(start, end - len(head))]
    return [(start, end)]
