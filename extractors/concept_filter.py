"""A learned keep/drop filter over the concepts the extractor predicts in one document.

After analysis each predicted concept (a canonical name with its mentions) gets a
small feature vector computed from the document and the extractor's internals:
where it came from (lexicon, mined corpus term and its score, weak term, rules),
how often and where it is mentioned, whether it is a relation end, its length,
category and head word, and whether it is part of or contains another predicted
concept. A model (boosted trees or a logistic regression; weights in ``data/concept_filter.json``, trained by
``scripts/train_concept_filter.py`` leave-one-document-out) gives the probability
that an annotator would list it; concepts under the threshold are dropped together
with their spans and relations.

Everything here is pure Python: no learning library is needed at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from extractors.corpus_terms import CorpusTerms
from extractors.lexicon import Lexicon
from extractors.patterns import is_formula
from extractors.spans import ConceptSpan, FoundRelation
from extractors.term_shape import LEAD_VERBS
from kg.model import GUIDELINE_TYPES, Category

DATA = Path(__file__).resolve().parent / "data" / "concept_filter.json"

#: head words (name endings) that tell a concept's kind; one indicator feature each
SUFFIXES: tuple[str, ...] = (
    "制度", "机制", "体系", "体制", "制", "工作", "意识", "建设", "精神", "思想", "理论", "主义",
    "战略", "理念", "政策", "改革", "能力", "水平", "会议", "委员会", "常委会", "政府", "发展",
    "作风", "目标", "任务", "原则", "方针", "道路", "服务", "活动", "法", "代表", "人大", "自信",
    "格局", "平台", "领导", "民主", "治理", "保障", "监督", "安全", "经济", "文化", "教育",
)  # fmt: skip
#: opening and closing marks of a quoted term
_OPEN = frozenset("“‘「『《〈\"'")
_CLOSE = frozenset("”’」』》〉\"'")


#: verbs that open a verb-object phrase (two characters or more)
_LEAD_VERBS = tuple(v for v in LEAD_VERBS if len(v) >= 2)
_LEAD_VERB_SET = frozenset(_LEAD_VERBS)
_LEAD_VERB_LENGTHS = tuple(sorted({len(v) for v in _LEAD_VERBS}))


_SUFFIX_SET = frozenset(SUFFIXES)
_SUFFIX_LENGTHS = tuple(sorted({len(s) for s in SUFFIXES}, reverse=True))


def _suffix_key(name: str) -> str:
    """The longest of SUFFIXES that `name` ends with ("" if none)."""
    for n in _SUFFIX_LENGTHS:
        if len(name) >= n and name[-n:] in _SUFFIX_SET:
            return name[-n:]
    return ""


def _contains_other(name: str, names: set[str], lengths: Sequence[int]) -> bool:
    """Whether a proper substring of `name` is one of `names` (`lengths`: their distinct
    lengths, ascending)."""
    n = len(name)
    for size in lengths:
        if size >= n:
            break
        for i in range(n - size + 1):
            if name[i : i + size] in names:
                return True
    return False


def prior_features(name: str, prior: Mapping[str, tuple[int, int]]) -> dict[str, float]:
    """How often `name` was predicted right and wrong in the annotated documents (`prior`:
    name -> (documents where it was a gold concept, documents where it was not))."""
    right, wrong = prior.get(name, (0, 0))
    out = {"prior_right": math.log1p(right), "prior_wrong": math.log1p(wrong)}
    if right or wrong:
        out["prior_seen"] = 1.0
        out["prior_rate"] = (right + 0.5) / (right + wrong + 1.0) - 0.5
    return {k: v for k, v in out.items() if v}


def concept_features(
    text: str,
    spans: Sequence[ConceptSpan],
    relations: Iterable[tuple[int, FoundRelation]],
    lexicon: Lexicon,
    corpus_terms: CorpusTerms,
    weak_terms: CorpusTerms,
    prior: Mapping[str, tuple[int, int]] | None = None,
    word_freq: Mapping[str, int] | None = None,
    memo: dict[str, dict[str, float]] | None = None,
) -> dict[str, dict[str, float]]:
    """Feature vector (feature name -> value, absent means 0) of every concept name in `spans` (pure).

    `prior` (see `prior_features`) adds the record of each name in the annotated documents;
    `word_freq` (jieba's dictionary) the log frequency of a name that is a common word;
    `memo` keeps the features of a name alone (`name_features`) across calls with the same `prior`."""
    by_name: dict[str, list[ConceptSpan]] = {}
    for c in spans:
        by_name.setdefault(c.name, []).append(c)
    rel_count: dict[str, int] = {}
    for _, r in relations:
        if r.type in GUIDELINE_TYPES and r.head != r.tail:
            rel_count[r.head] = rel_count.get(r.head, 0) + 1
            rel_count[r.tail] = rel_count.get(r.tail, 0) + 1
    names = set(by_name)
    lengths = sorted({len(n) for n in names})
    #: every name once, separated: a name found twice in it is part of another name
    joined = "\x00".join(names)
    n_text = max(1, len(text))
    ct_terms, weak_t, entries = corpus_terms.terms, weak_terms.terms, lexicon.entries
    out: dict[str, dict[str, float]] = {}
    for name, group in by_name.items():
        # only the non-zero values are stored, in a fixed order
        f: dict[str, float] = {}
        first = group[0]
        n = len(group)
        if n == 1:
            f[f"cat={first.category.value}"] = 1.0
            surfaces = {first.surface}
        else:
            cats: dict[Category, int] = {}
            for c in group:
                cats[c.category] = cats.get(c.category, 0) + 1
            f[f"cat={max(cats, key=lambda k: cats[k]).value}"] = 1.0
            surfaces = {c.surface for c in group}
        entry = entries.get(name)
        in_ct = [ct_terms[x][1] for x in surfaces if x in ct_terms]
        if name in ct_terms:
            in_ct.append(ct_terms[name][1])
        if entry is not None:
            f["lex"] = 1.0
            if entry.source == "general":
                f["lex_general"] = 1.0
            if entry.members:
                f["lex_members"] = 1.0
        if in_ct:
            f["ct"] = 1.0
            best = max(in_ct)
            if best:
                f["ct_score"] = best
        weak = entry is None and not in_ct and any(x in weak_t for x in surfaces)
        if weak:
            f["weak"] = 1.0
        if word_freq is not None and entry is None:
            logfreq = math.log1p(word_freq.get(name, 0)) / 10
            if logfreq:
                f["word_logfreq"] = logfreq
        if entry is None and not in_ct and not weak:
            f["rule"] = 1.0
        if n == 1:
            f["single"] = 1.0
            start = first.start
        else:
            f["log_mentions"] = math.log(n)
            start = min(c.start for c in group)
        if len(surfaces) > 1:
            f["surfaces"] = float(len(surfaces) - 1)
        if start:
            f["first_pos"] = start / n_text
        if any(
            c.start > 0 and text[c.start - 1] in _OPEN and c.end < len(text) and text[c.end] in _CLOSE
            for c in group
        ):
            f["quoted"] = 1.0
        f.update(context_features(text, group))
        k = rel_count.get(name, 0)
        if k:
            f["rel_end"] = 1.0
            f["log_rel"] = math.log1p(k)
        if joined.count(name) > 1:
            f["inside_other"] = 1.0
        if _contains_other(name, names, lengths):
            f["contains_other"] = 1.0
        own = memo.get(name) if memo is not None else None
        if own is None:
            own = name_features(name, prior)
            if memo is not None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[name] = own
        f.update(own)
        out[name] = f
    return out


def context_features(text: str, group: Sequence[ConceptSpan]) -> dict[str, float]:
    """Where the mentions stand: after an action verb (加强|X), in a 、-list, before or after 的,
    at the start of a line; the share of mentions for each (zeros left out)."""
    n = len(group)
    verb = listed = de_after = de_before = line_start = 0
    for c in group:
        start = c.start
        prev = text[start - 1] if start else "\n"
        after = text[c.end : c.end + 1]
        if any(text[start - k : start] in _LEAD_VERB_SET for k in _LEAD_VERB_LENGTHS if k <= start):
            verb += 1
        if prev == "、" or after == "、":
            listed += 1
        if after == "的":
            de_after += 1
        if prev == "的":
            de_before += 1
        if prev in "\n）。":
            line_start += 1
    out = {
        "ctx_verb": verb / n,
        "ctx_list": listed / n,
        "ctx_de_after": de_after / n,
        "ctx_de_before": de_before / n,
        "ctx_start": line_start / n,
    }
    return {k: v for k, v in out.items() if v}


#: names whose own features a filter keeps (cleared when full)
MEMO_SIZE = 200_000


def name_features(name: str, prior: Mapping[str, tuple[int, int]] | None = None) -> dict[str, float]:
    """The features of a concept name on its own (shape, head word, prior record), without zeros."""
    length = len(name)
    f = {
        "len": float(min(length, 16)),
        "len2": 1.0 if length <= 2 else 0.0,
        "len_long": 1.0 if length >= 9 else 0.0,
        "formula": 1.0 if is_formula(name) else 0.0,
        "lead_verb": 1.0 if name.startswith(_LEAD_VERBS) else 0.0,
        "non_han": 1.0 if any(not ("\u4e00" <= ch <= "\u9fff") for ch in name) else 0.0,
        f"suf={_suffix_key(name)}": 1.0,
    }
    if prior is not None:
        f.update(prior_features(name, prior))
    return {k: v for k, v in f.items() if v}


@dataclass(frozen=True, slots=True)
class Tree:
    """A regression tree in array form (as scikit-learn stores it): node k tests
    ``features[k] <= thresholds[k]`` and goes to ``left[k]`` if true, else ``right[k]``;
    a leaf has ``left[k] == -1`` and adds ``values[k]`` to the log-odds."""

    features: tuple[str, ...]
    thresholds: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    values: tuple[float, ...]

    def value(self, x: Mapping[str, float]) -> float:
        k = 0
        while self.left[k] != -1:
            k = self.left[k] if x.get(self.features[k], 0.0) <= self.thresholds[k] else self.right[k]
        return self.values[k]

    def to_dict(self) -> dict[str, list[object]]:
        return {
            "features": list(self.features),
            "thresholds": list(self.thresholds),
            "left": list(self.left),
            "right": list(self.right),
            "values": list(self.values),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Sequence[object]]) -> Tree:
        return cls(
            tuple(str(v) for v in d["features"]),
            tuple(float(str(v)) for v in d["thresholds"]),
            tuple(int(str(v)) for v in d["left"]),
            tuple(int(str(v)) for v in d["right"]),
            tuple(float(str(v)) for v in d["values"]),
        )


class _Forest:
    """The trees as padded arrays (tree x node) for evaluation on many rows at once."""

    def __init__(self, trees: Sequence[Tree]) -> None:
        self.columns = {f: j for j, f in enumerate(sorted({f for t in trees for f in t.features if f}))}
        width = max((len(t.left) for t in trees), default=1)
        shape = (len(trees), width)
        self.feature = numpy.zeros(shape, dtype=numpy.int64)
        self.threshold = numpy.zeros(shape)
        self.left = numpy.full(shape, -1, dtype=numpy.int64)
        self.right = numpy.full(shape, -1, dtype=numpy.int64)
        self.value = numpy.zeros(shape)
        for k, t in enumerate(trees):
            n = len(t.left)
            self.feature[k, :n] = [self.columns.get(f, 0) if f else 0 for f in t.features]
            self.threshold[k, :n] = t.thresholds
            self.left[k, :n] = t.left
            self.right[k, :n] = t.right
            self.value[k, :n] = t.values
        self.depth = width  # an upper bound on the steps to a leaf

    def leaf_sums(self, rows: Iterable[Mapping[str, float]]) -> numpy.ndarray:
        """Per row, the sum of its leaf values over the trees, added in tree order."""
        rows = list(rows)
        n_trees = self.left.shape[0]
        if not rows or not n_trees:
            return numpy.zeros(len(rows))
        # one column per feature the trees test (a list comprehension per column is the fast way)
        columns = [[row.get(f, 0.0) for row in rows] for f in self.columns] or [[0.0] * len(rows)]
        x = numpy.asarray(columns, dtype=float).T
        tree = numpy.arange(n_trees)[None, :]  # rows x trees
        node = numpy.zeros((len(rows), n_trees), dtype=numpy.int64)
        row_idx = numpy.arange(len(rows))[:, None]
        for _ in range(self.depth):
            left = self.left[tree, node]
            inner = left != -1
            if not inner.any():
                break
            go_left = x[row_idx, self.feature[tree, node]] <= self.threshold[tree, node]
            node = numpy.where(inner, numpy.where(go_left, left, self.right[tree, node]), node)
        leaves = self.value[tree, node]
        total = numpy.zeros(len(rows))
        for k in range(n_trees):
            total += leaves[:, k]
        return total


@dataclass(frozen=True, slots=True)
class ConceptFilter:
    """A keep/drop model over `concept_features`: log-odds = bias + linear weights + trees
    (a logistic regression, a boosted tree ensemble or both)."""

    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.0
    #: keep a concept that is the end of a guideline relation whatever its score
    keep_relation_ends: bool = True
    trees: tuple[Tree, ...] = ()
    #: the record of names in the annotated documents (see `prior_features`); None: not used
    prior: Mapping[str, tuple[int, int]] | None = None
    #: keep what the document is about whatever its score (see `TopicRule`); None: no such rule
    keep_topics: TopicRule | None = None
    _forest: _Forest = field(init=False, repr=False, compare=False)
    _memo: dict[str, dict[str, float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_forest", _Forest(self.trees))
        object.__setattr__(self, "_memo", {})

    @classmethod
    def read(cls, path: Path = DATA) -> ConceptFilter:
        data = json.loads(path.read_text(encoding="utf-8"))
        prior = data.get("prior")
        return cls(
            weights={k: float(v) for k, v in data.get("weights", {}).items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            keep_relation_ends=bool(data.get("keep_relation_ends", True)),
            trees=tuple(Tree.from_dict(t) for t in data.get("trees", ())),
            prior=None if prior is None else {k: (int(r), int(w)) for k, (r, w) in prior.items()},
            keep_topics=TopicRule.from_dict(data["keep_topics"]) if data.get("keep_topics") else None,
        )

    def to_json(self, **extra: object) -> str:
        data: dict[str, object] = {
            **extra,
            "bias": self.bias,
            "threshold": self.threshold,
            "keep_relation_ends": self.keep_relation_ends,
            "keep_topics": None if self.keep_topics is None else self.keep_topics.to_dict(),
            "weights": dict(sorted(self.weights.items())),
            "trees": [t.to_dict() for t in self.trees],
        }
        if self.prior is not None:
            data["prior"] = {k: list(v) for k, v in sorted(self.prior.items())}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        z += sum(t.value(features) for t in self.trees)
        return _sigmoid(z)

    def probabilities(self, features: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
        """`probability` of every name at once: all trees are evaluated together on a feature
        matrix (numpy), their leaf values added tree after tree as `probability` does."""
        names = list(features)
        if not names:
            return {}
        trees = self._forest.leaf_sums(features[n] for n in names)
        out: dict[str, float] = {}
        for i, name in enumerate(names):
            z = self.bias
            if self.weights:
                z += sum(self.weights.get(k, 0.0) * v for k, v in features[name].items())
            out[name] = _sigmoid(z + float(trees[i]))
        return out

    def dropped(self, features: Mapping[str, Mapping[str, float]], chars: int = 0) -> set[str]:
        """The concept names to drop (`chars`: the length of the document's text; 0: unknown,
        no name counts as its topic)."""
        candidates = {
            name: f
            for name, f in features.items()
            if not exempt(f, chars, keep_relation_ends=self.keep_relation_ends, keep_topics=self.keep_topics)
        }
        return {name for name, p in self.probabilities(candidates).items() if p < self.threshold}

    def apply(
        self,
        text: str,
        spans: Sequence[ConceptSpan],
        relations: Sequence[tuple[int, FoundRelation]],
        lexicon: Lexicon,
        corpus_terms: CorpusTerms,
        weak_terms: CorpusTerms,
        word_freq: Mapping[str, int] | None = None,
    ) -> tuple[list[ConceptSpan], list[tuple[int, FoundRelation]]]:
        """`spans` and `relations` without the dropped concepts (and every relation they end)."""
        features = concept_features(
            text,
            spans,
            relations,
            lexicon,
            corpus_terms,
            weak_terms,
            prior=self.prior,
            word_freq=word_freq,
            memo=self._memo,
        )
        drop = self.dropped(features, len(text))
        if not drop:
            return list(spans), list(relations)
        kept = [c for c in spans if c.name not in drop]
        rels = [(k, r) for k, r in relations if r.head not in drop and r.tail not in drop]
        return kept, rels


@dataclass(frozen=True, slots=True)
class TopicRule:
    """A name the document mentions at least `mentions` times, and at least `per_1000_chars`
    times per thousand characters, is what the document is about: kept whatever the model
    says. (垃圾分类, 20 times in the 724 characters of the instruction on sorting waste, is no
    less a concept there for having gone unannotated in two reports that name it in passing;
    the density keeps the words a long report merely repeats, 政府工作 8 times in 17,000
    characters, out of the rule.)"""

    mentions: int = 5
    per_1000_chars: float = 2.0

    def holds(self, features: Mapping[str, float], chars: int) -> bool:
        """Whether a name with these `concept_features` in a text of `chars` characters is a topic."""
        if chars <= 0:
            return False
        n = round(math.exp(features.get("log_mentions", 0.0)))
        return n >= self.mentions and n * 1000 >= self.per_1000_chars * chars

    def to_dict(self) -> dict[str, float]:
        return {"mentions": self.mentions, "per_1000_chars": self.per_1000_chars}

    @classmethod
    def from_dict(cls, data: Mapping[str, float]) -> TopicRule:
        return cls(int(data["mentions"]), float(data["per_1000_chars"]))


def exempt(
    features: Mapping[str, float], chars: int, *, keep_relation_ends: bool, keep_topics: TopicRule | None
) -> bool:
    """Whether a concept with these `concept_features`, in a text of `chars` characters, is kept
    whatever the model says: a relation end (when `keep_relation_ends`) or a topic (`keep_topics`)."""
    if keep_relation_ends and features.get("rel_end"):
        return True
    return keep_topics is not None and keep_topics.holds(features, chars)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0


_LOADED: list[ConceptFilter | None] = []


def load_concept_filter(path: Path = DATA) -> ConceptFilter | None:
    """The shipped filter (read once per process), None when no weights are shipped."""
    if not _LOADED:
        _LOADED.append(ConceptFilter.read(path) if path.exists() else None)
    return _LOADED[0]
