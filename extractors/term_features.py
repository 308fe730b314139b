"""Generic features of corpus term candidates (pure; no I/O, no corpus access).

Used offline by `scripts/mine_terms.py` to mine and score candidate terms. A
candidate is a run of 1-8 segmented tokens (2-20 characters) inside one
punctuation-free stretch of text, whose first and last tokens pass shape
filters (no function words or particles at the edges, no leading action
verb), or a short quoted phrase “…”.

Features are generic: counts, nesting (C-value), boundary entropy, cohesion
(PMI at the weakest split), part-of-speech edges, general-language contrast,
and hashed identities of the first and last token (not the string itself).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

MAX_TOKENS = 8
MIN_CHARS, MAX_CHARS = 2, 20
#: buckets of the hashed first/last token identity features
HASH_BUCKETS = 512

#: characters that are part of running text (everything else separates stretches)
_TEXT_CHAR = re.compile(r"[\u3400-\u9fff0-9A-Za-z]")
_FORMULA_HEAD = re.compile(r"^[一二两三四五六七八九十百]+[个项条大化]$")
_QUOTED = re.compile(r"“([^“”。！？；：，\n]{2,20})”")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: tags a term may not start with (particles, conjunctions, pronouns, locatives, prepositions, ...)
BAD_FIRST_TAGS = frozenset(
    {"u", "uj", "ul", "uz", "ug", "ud", "uv", "c", "y", "e", "o", "x", "r", "f", "p", "zg"}
)
#: tags a term may not end with
BAD_LAST_TAGS = frozenset(
    {"u", "uj", "ul", "uz", "ug", "ud", "uv", "c", "p", "f", "y", "e", "o", "x", "r", "q", "m"}
)
#: words a term never starts with
BAD_FIRST_WORDS = _words(
    "的 地 得 和 与 及 以及 或 等 了 着 过 也 都 就 并 而 又 要 "
    "使 从 向 由 被 其 之 这 那 各 每 该 本 我 我们 你们 他们 它 "
    "对 把 将 为 在 是 有 不 没有 还 更 最 很 已 已经 正在 进一步 "
    "不断 切实 加强 推进 坚持 推动 深化 完善 健全 落实 实施 开展 加快 "
    "促进 提高 提升 增强 强化 建立 建设 构建 发挥 做好 抓好 支持 保障 "
    "维护 贯彻 实现 确保 全面推进 积极 认真 努力 大力 继续 着力 扎实 "
    "深入 要求 通过 按照 根据 围绕 关于 对于 坚决 始终 必须 应当 可以 "
    "能够 一个 一些 进行 形成 作为 成为 包括 同时 目前 当前 今年 去年 "
    "明年 主要 重点 其中 以上 以下 所 共 同志 同志们 讲话 "
)
#: words a term never ends with
BAD_LAST_WORDS = _words(
    "的 地 得 和 与 及 以及 或 等 了 着 过 之 中 上 下 里 时 后 "
    "前 方面 领域 问题 工作中 进行 加强 推进 坚持 推动 开展 实施 落实 "
    "提出 指出 强调 要求 同志 同志们 一 是 有 为 我们 他们 其 这 那 "
    "各 新 大 高 好 多 重要 重大 主要 基本 一批 一系列 等等 "
)
#: coarse tag groups for the part-of-speech edge features
TAG_GROUPS = ("n", "nr", "ns", "nt", "nz", "v", "vn", "a", "d", "m", "j", "l", "i", "b", "t", "other")


def tag_group(tag: str) -> str:
    if tag.startswith("nr"):
        return "nr"
    return tag if tag in TAG_GROUPS else "other"


def stretches(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of maximal runs of Chinese characters, digits and letters."""
    start = -1
    for i, ch in enumerate(text):
        if _TEXT_CHAR.match(ch):
            if start < 0:
                start = i
        elif start >= 0:
            yield start, i
            start = -1
    if start >= 0:
        yield start, len(text)


def quoted_phrases(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of short quoted phrases “…” (2-20 characters, no clause punctuation)."""
    for m in _QUOTED.finditer(text):
        yield m.start(1), m.end(1)


def is_formula_head(word: str) -> bool:
    """两个, 四个, 三项, 五大 ...: the numeral part of a numbered formula."""
    return bool(_FORMULA_HEAD.match(word))


def ok_first(word: str, tag: str) -> bool:
    if word in BAD_FIRST_WORDS:
        return False
    if tag == "m" or tag == "q":
        return is_formula_head(word)
    return tag not in BAD_FIRST_TAGS


def ok_last(word: str, tag: str) -> bool:
    return word not in BAD_LAST_WORDS and tag not in BAD_LAST_TAGS


def candidate_spans(words: Sequence[str], tags: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(i, j) token ranges of candidates within one stretch of words."""
    n = len(words)
    for i in range(n):
        if not ok_first(words[i], tags[i]):
            continue
        chars = 0
        for j in range(i, min(n, i + MAX_TOKENS)):
            chars += len(words[j])
            if chars > MAX_CHARS:
                break
            if chars >= MIN_CHARS and ok_last(words[j], tags[j]):
                if j == i and (len(words[i]) < 2 or tags[i] in ("v", "a", "d", "ad")):
                    continue  # a lone verb, adjective or character is no term
                yield i, j + 1


def entropy(counts: Counter[str]) -> float:
    total = sum(counts.values())
    if total <= 0:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in counts.values() if c)


def bucket(word: str, buckets: int = HASH_BUCKETS) -> int:
    """A stable hashed bucket of a word (a generic identity feature)."""
    return zlib.crc32(word.encode("utf-8")) % buckets


@dataclass(slots=True)
class Stats:
    """Corpus statistics of one candidate."""

    freq: int = 0
    doc_freq: int = 0
    last_doc: int = -1
    quoted: int = 0  # occurrences directly inside “…”
    left_edge: int = 0  # occurrences starting a stretch (after punctuation)
    right_edge: int = 0  # occurrences ending a stretch
    collections: int = 0  # bit set of the collections it occurs in
    both_edges: int = 0  # occurrences that are a whole stretch (between two punctuation marks)


NUMERIC_FEATURES = (
    "log_freq",
    "log_df",
    "log_freq_per_doc",
    "log_cvalue",
    "left_entropy",
    "right_entropy",
    "min_entropy",
    "left_max_share",
    "right_max_share",
    "min_pmi",
    "quote_share",
    "left_edge_share",
    "right_edge_share",
    "n_tokens",
    "n_chars",
    "n_collections",
    "general_zipf",
    "min_token_zipf",
    "last_token_zipf",
    "corpus_vs_general",
    "has_digit",
    "has_conj",
    "is_formula",
    "superterm_share",
    "log_distinct_stretches",
    "stretch_diversity",
    "both_edges_share",
    "verb_tokens",
    "noun_token_share",
    "adverb_tokens",
    "adjective_tokens",
    "inner_function_words",
    "policy_head",
    "left_action_share",
    "left_verb_share",
    "right_de_share",
    "right_verb_share",
)

#: verbs whose object is typically a policy concept (坚持 X, 完善 X ...)
ACTION_VERBS = _words(
    "坚持 加强 推进 推动 深化 完善 健全 落实 实施 开展 加快 促进 提高 提升 增强 强化 建立 "
    "建设 构建 发挥 做好 抓好 支持 保障 维护 贯彻 实现 确保 发展 坚定 树立 弘扬 践行 "
    "巩固 创新 改进 优化 加大 规范 严格 全面 实行 推行 深入 贯彻落实 学习 领会 把握"
)

_NOUNISH = frozenset({"n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "vn", "j", "ng", "an", "l", "i"})
_FUNCTION_TAGS = frozenset({"u", "uj", "ul", "uz", "ug", "ud", "uv", "p", "c", "r"})


def numeric_vector(
    *,
    term: str,
    tokens: Sequence[str],
    stats: Stats,
    cvalue: float,
    left: Counter[str],
    right: Counter[str],
    min_pmi: float,
    general_zipf: float,
    token_zipf: Sequence[float],
    total_tokens: int,
    superterm_freq: int,
    distinct_stretches: int = 1,
    both_edges: int = 0,
    token_tags: Sequence[str] = (),
    policy_head: bool = False,
    tag_of: Callable[[str], str] | None = None,
) -> list[float]:
    """The numeric features of one candidate, in the order of NUMERIC_FEATURES."""
    f = max(stats.freq, 1)
    le, re_ = entropy(left), entropy(right)
    lmax = max(left.values()) / f if left else 0.0
    rmax = max(right.values()) / f if right else 0.0
    corpus_zipf = math.log10(f / max(total_tokens, 1) * 1e9)
    return [
        math.log(f),
        math.log(max(stats.doc_freq, 1)),
        math.log(f / max(stats.doc_freq, 1)),
        math.log(max(cvalue, 0.0) + 1.0),
        le,
        re_,
        min(le, re_),
        lmax,
        rmax,
        min_pmi,
        stats.quoted / f,
        stats.left_edge / f,
        stats.right_edge / f,
        float(len(tokens)),
        float(len(term)),
        float(bin(stats.collections).count("1")),
        general_zipf,
        min(token_zipf) if token_zipf else 0.0,
        token_zipf[-1] if token_zipf else 0.0,
        corpus_zipf - general_zipf,
        float(any(ch.isdigit() for ch in term)),
        float(any(t in ("和", "与", "及", "、") for t in tokens)),
        float(bool(tokens) and is_formula_head(tokens[0])),
        superterm_freq / f,
        math.log(max(distinct_stretches, 1)),
        distinct_stretches / f,
        both_edges / f,
        float(sum(t in ("v", "vd", "vi", "vg") for t in token_tags)),
        sum(t in _NOUNISH for t in token_tags) / max(len(token_tags), 1),
        float(sum(t in ("d", "ad", "dg") for t in token_tags)),
        float(sum(t in ("a", "ag") for t in token_tags)),
        float(sum(t in _FUNCTION_TAGS for t in token_tags[1:-1])),
        float(policy_head),
        sum(c for w, c in left.items() if w in ACTION_VERBS) / f,
        sum(c for w, c in left.items() if tag_of is not None and tag_of(w).startswith("v")) / f,
        right.get("的", 0) / f,
        sum(c for w, c in right.items() if tag_of is not None and tag_of(w).startswith("v")) / f,
    ]


def c_value(term_len: int, freq: int, container_freqs: Sequence[int]) -> float:
    """C-value (Frantzi et al.): log2(length) × (freq − mean freq of longer candidates containing it)."""
    nested = sum(container_freqs) / len(container_freqs) if container_freqs else 0.0
    return math.log2(max(term_len, 2)) * (freq - nested)


def pmi(joint: int, a: int, b: int, total: int) -> float:
    """Pointwise mutual information of two adjacent parts (add-one smoothed)."""
    return math.log((joint + 1) * total / ((a + 1) * (b + 1)))
