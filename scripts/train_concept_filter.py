"""Train the concept keep/drop filter (extractors/concept_filter.py) leave-one-document-out.

    python scripts/train_concept_filter.py --lodo-terms LODO.json [--write] [--variants]

LODO.json comes from ``scripts/mine_terms.py train --dump-lodo LODO.json``: per
document, the corpus-term scores of a classifier trained without it. Every
annotated document of tests/fixtures/eval (dev, the official style),
tests/fixtures/heldout and tests/fixtures/train_extra is extracted as unseen, as
bench/eval_extraction.py does: lexicon entries learnt from it removed, the
stoplist learnt without it, its LODO corpus terms (score >= 0.50, --ct-threshold) and, with
``--weak lodo`` (default), its LODO weak terms (0.30 <= score < 0.50) in place of
the shipped ones. Each predicted concept is a candidate with the features of
``concept_features``, labelled by whether it matches a gold name or alias.

Evaluation is nested leave-one-document-out: for each held-out document the
model (boosted depth-2 trees; ``--model lr`` a logistic regression) is fitted on
the other 20 and its threshold chosen by an inner leave-one-document-out over
those 20 (dev plus other concept F1, smoothed over neighbouring thresholds). The table
gives micro concept P/R/F1 and typed relation F1 on the 8 dev documents and on
the 13 others, before and after the filter. A document's topics (``--topic-mentions`` 5
mentions and ``--topic-density`` 2 per 1,000 characters: extractors/concept_filter.TopicRule)
are never dropped, in the threshold search as at run time. ``--write`` fits the model on all 21
documents (threshold from the plain LODO over all of them) and writes
extractors/data/concept_filter.json. Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import jieba
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.build_stoplist import predictions  # noqa: E402
from extractors.concept_filter import (  # noqa: E402
    DATA,
    ConceptFilter,
    TopicRule,
    Tree,
    concept_features,
    exempt,
    prior_features,
)
from extractors.lodo import CT_THRESHOLD, LodoTerms, lodo_lexicon  # noqa: E402
from extractors.pipeline import PolicyExtractor, assemble_extraction  # noqa: E402
from kg.goldformat import gold_json, gold_names, to_gold_format  # noqa: E402
from kg.model import Document, document_id  # noqa: E402
from kg.normalize import normalize_text  # noqa: E402
from kg.scoring import Counts, norm, score_document  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SETS = ("eval", "heldout", "train_extra")


@dataclass
class Doc:
    stem: str
    dev: bool
    gold: dict[str, Any]
    pred: dict[str, Any]
    features: dict[str, dict[str, float]]
    labels: dict[str, int]
    #: concept name -> the name it goes by in `pred` (kg.goldformat.gold_names)
    shown: dict[str, str] = field(default_factory=dict)
    #: the length of the (normalised) text
    chars: int = 0


def build_candidates(lodo_path: Path, weak: str, threshold: float = CT_THRESHOLD) -> list[Doc]:
    """Every annotated document extracted as unseen, with features and labels of its concepts."""
    terms = LodoTerms.load(lodo_path, threshold)
    ex = PolicyExtractor()
    ex.set_concept_filter(None)  # the candidates are what the extractor predicts without a filter
    full = ex.lexicon
    analyzer = ex._concepts.analyzer
    shipped_terms, shipped_weak = analyzer.corpus_terms, analyzer.weak_terms
    raw = predictions(ex, FIXTURES / "eval" / "gold", FIXTURES / "eval" / "texts")
    docs: list[Doc] = []
    try:
        for name in SETS:
            for gpath in sorted((FIXTURES / name / "gold").glob("*.json")):
                stem = gpath.stem
                gold = json.loads(gpath.read_text(encoding="utf-8"))
                text = normalize_text((FIXTURES / name / "texts" / f"{stem}.txt").read_text(encoding="utf-8"))
                ex.set_lexicon(lodo_lexicon(full, raw, stem) if name == "eval" else full)
                analyzer.corpus_terms = terms.corpus_terms(stem)
                if weak == "lodo":
                    analyzer.weak_terms = terms.weak_terms(stem)
                a = analyzer.analyse(text)
                document = Document(document_id(text), stem, text)
                extraction = assemble_extraction(
                    document, a.sentences, a.spans, a.relations, ex.lexicon, ex.name
                )
                pred = to_gold_format(extraction, f"{stem}.txt")
                shown = gold_names(extraction)
                feats = concept_features(
                    text,
                    a.spans,
                    a.relations,
                    ex.lexicon,
                    analyzer.corpus_terms,
                    analyzer.weak_terms,
                    word_freq=jieba.dt.FREQ,
                )
                gnames = {norm(n) for c in gold["concepts"] for n in (c["name"], *c.get("aliases", []))}
                labels = {n: int(norm(shown.get(n, n)) in gnames) for n in feats}
                docs.append(Doc(stem, name == "eval", gold, pred, feats, labels, shown, len(text)))
    finally:
        ex.set_lexicon(full)
        analyzer.corpus_terms, analyzer.weak_terms = shipped_terms, shipped_weak
    return docs


def filtered(pred: dict[str, Any], drop: set[str], shown: dict[str, str]) -> dict[str, Any]:
    """`pred` without the concepts of `drop` (their names before `shown` renamed them)."""
    drop = {shown.get(n, n) for n in drop}
    return {
        **pred,
        "concepts": [c for c in pred["concepts"] if c["name"] not in drop],
        "relations": [r for r in pred["relations"] if r["head"] not in drop and r["tail"] not in drop],
    }


def scores(docs: Sequence[Doc], drops: dict[str, set[str]]) -> dict[str, dict[str, Counts]]:
    """Micro counts per group ('dev', 'other', 'all') and measure, with the given concepts dropped."""
    out: dict[str, dict[str, Counts]] = {
        g: {"concepts": Counts(), "pairs": Counts(), "typed": Counts()} for g in ("dev", "other", "all")
    }
    for d in docs:
        s = score_document(d.stem, d.gold, filtered(d.pred, drops.get(d.stem, set()), d.shown))
        for g in ("dev" if d.dev else "other", "all"):
            for m in ("concepts", "pairs", "typed"):
                out[g][m] = out[g][m] + s.measures[m]
    return out


# ---- the model ----


PRIOR_KEYS = ("prior_right", "prior_wrong", "prior_seen", "prior_rate")


def vocabulary(docs: Sequence[Doc]) -> list[str]:
    return sorted({k for d in docs for f in d.features.values() for k in f} | set(PRIOR_KEYS))


def prior_counts(docs: Sequence[Doc]) -> dict[str, tuple[int, int]]:
    """Name -> (documents where predicted and right, documents where predicted and wrong)."""
    out: dict[str, tuple[int, int]] = {}
    for d in docs:
        for n, y in d.labels.items():
            r, w = out.get(n, (0, 0))
            out[n] = (r + y, w + 1 - y)
    return out


def doc_features(
    d: Doc, prior: dict[str, tuple[int, int]] | None, inside: bool
) -> dict[str, dict[str, float]]:
    """The features of `d`, with the prior record of each name in `prior` (counted without `d`:
    its own labels taken out when `inside`, i.e. when `d` is among the documents counted)."""
    if prior is None:
        return d.features
    out = {}
    for n, f in d.features.items():
        r, w = prior.get(n, (0, 0))
        if inside:
            r, w = r - d.labels[n], w - 1 + d.labels[n]
        out[n] = {**f, **prior_features(n, {n: (r, w)})}
    return out


def matrix(
    docs: Sequence[Doc], vocab: list[str], prior: dict[str, tuple[int, int]] | None = None
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    index = {k: i for i, k in enumerate(vocab)}
    rows, ys, keys = [], [], []
    for d in docs:
        for name, f in doc_features(d, prior, True).items():
            x = np.zeros(len(vocab))
            for k, v in f.items():
                if k in index:
                    x[index[k]] = v
            rows.append(x)
            ys.append(d.labels[name])
            keys.append((d.stem, name))
    return np.array(rows), np.array(ys), keys


@dataclass
class Config:
    c: float = 0.3
    dev_weight: float = 2.0
    #: keep every relation end whatever its score (measured: dropping them too is better, typed F1 included)
    keep_relation_ends: bool = False
    #: threshold objective: dev concept F1 + other_weight * other concept F1
    other_weight: float = 1.0
    #: add the prior record of each name in the training documents (extractors/concept_filter.prior_features)
    prior: bool = True
    #: "gb": gradient-boosted trees (scikit-learn GradientBoostingClassifier), "lr": logistic regression
    model: str = "gb"
    trees: int = 100
    depth: int = 2
    learning_rate: float = 0.1
    seed: int = 0
    #: thresholds on each side averaged into the threshold objective
    smooth: int = 2
    #: keep a document's topics whatever their score (extractors/concept_filter.TopicRule; 0: off)
    topic_mentions: int = 5
    topic_per_1000_chars: float = 2.0

    def topics(self) -> TopicRule | None:
        return TopicRule(self.topic_mentions, self.topic_per_1000_chars) if self.topic_mentions else None


def fit(docs: Sequence[Doc], vocab: list[str], cfg: Config) -> ConceptFilter:
    x, y, keys = matrix(docs, vocab, prior_counts(docs) if cfg.prior else None)
    dev = {d.stem for d in docs if d.dev}
    w = np.array([cfg.dev_weight if s in dev else 1.0 for s, _ in keys])
    if cfg.model == "gb":
        return fit_trees(x, y, w, vocab, cfg)
    from sklearn.linear_model import LogisticRegression

    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    model = LogisticRegression(C=cfg.c, max_iter=2000)
    model.fit((x - mu) / sd, y, sample_weight=w)
    coef = model.coef_[0] / sd
    bias = float(model.intercept_[0] - (coef * mu).sum())
    weights = {k: round(float(v), 6) for k, v in zip(vocab, coef, strict=True) if abs(v) > 1e-9}
    return ConceptFilter(weights, round(bias, 6), 0.0, cfg.keep_relation_ends)


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, vocab: list[str], cfg: Config) -> ConceptFilter:
    """Boosted depth-limited trees, exported to `Tree`s (leaf values scaled by the learning rate)."""
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=cfg.trees,
        max_depth=cfg.depth,
        learning_rate=cfg.learning_rate,
        subsample=0.8,
        random_state=cfg.seed,
    )
    model.fit(x, y, sample_weight=w)
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            Tree(
                tuple(vocab[f] if f >= 0 else "" for f in t.feature),
                tuple(round(float(v), 6) for v in t.threshold),
                tuple(int(v) for v in t.children_left),
                tuple(int(v) for v in t.children_right),
                tuple(round(float(v) * cfg.learning_rate, 6) for v in t.value[:, 0, 0]),
            )
        )
    bias = float(model._raw_predict_init(x[:1])[0, 0])
    return ConceptFilter({}, round(bias, 6), 0.0, cfg.keep_relation_ends, tuple(trees))


def probabilities(
    model: ConceptFilter, docs: Sequence[Doc], prior: dict[str, tuple[int, int]] | None
) -> dict[str, dict[str, float]]:
    """Probabilities of the concepts of `docs` (not among the documents `prior` counts)."""
    return {d.stem: model.probabilities(doc_features(d, prior, False)) for d in docs}


def drops_at(
    docs: Sequence[Doc], probs: dict[str, dict[str, float]], threshold: float, cfg: Config
) -> dict[str, set[str]]:
    topics = cfg.topics()
    return {
        d.stem: {
            n
            for n, p in probs[d.stem].items()
            if p < threshold
            and not exempt(
                d.features[n], d.chars, keep_relation_ends=cfg.keep_relation_ends, keep_topics=topics
            )
        }
        for d in docs
    }


THRESHOLDS = [round(t, 3) for t in np.arange(0.0, 0.76, 0.025)]


def best_threshold(docs: Sequence[Doc], probs: dict[str, dict[str, float]], cfg: Config) -> float:
    def objective(t: float) -> float:
        s = scores(docs, drops_at(docs, probs, t, cfg))
        return s["dev"]["concepts"].f1 + cfg.other_weight * s["other"]["concepts"].f1

    # smoothed over the neighbouring thresholds: a lone spike of a few documents' F1 is noise
    # (unsmoothed, one fold of npc-delegations-review-2018 once picked 0.575 and lost 58 concepts)
    raw = [objective(t) for t in THRESHOLDS]
    w = cfg.smooth
    smooth = [
        sum(raw[max(0, i - w) : i + w + 1]) / len(raw[max(0, i - w) : i + w + 1]) for i in range(len(raw))
    ]
    return max(zip(THRESHOLDS, smooth, strict=True), key=lambda ts: (round(ts[1], 6), -ts[0]))[0]


def lodo_probs(docs: Sequence[Doc], vocab: list[str], cfg: Config) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for d in docs:
        train = [o for o in docs if o.stem != d.stem]
        model = fit(train, vocab, cfg)
        out.update(probabilities(model, [d], prior_counts(train) if cfg.prior else None))
    return out


def nested_lodo(docs: Sequence[Doc], cfg: Config, log: Callable[[str], None] = print) -> dict[str, set[str]]:
    """Per held-out document, the concepts dropped by a model and threshold chosen without it."""
    vocab = vocabulary(docs)
    drops: dict[str, set[str]] = {}
    for d in docs:
        train = [o for o in docs if o.stem != d.stem]
        t = best_threshold(train, lodo_probs(train, vocab, cfg), cfg)
        model = fit(train, vocab, cfg)
        probs = probabilities(model, [d], prior_counts(train) if cfg.prior else None)
        drops.update(drops_at([d], probs, t, cfg))
        log(f"  {d.stem:48s} threshold {t:.3f}  dropped {len(drops[d.stem])}")
    return drops


def table(docs: Sequence[Doc], drops: dict[str, set[str]], label: str) -> str:
    s = scores(docs, drops)
    lines = []
    for g in ("dev", "other"):
        c, p, t = s[g]["concepts"], s[g]["pairs"], s[g]["typed"]
        lines.append(
            f"{label:10s} {g:5s}  concepts P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
            f"  pairs F1 {p.f1:.3f}  typed P {t.precision:.3f} R {t.recall:.3f} F1 {t.f1:.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lodo-terms", type=Path, required=True)
    ap.add_argument("--weak", choices=("lodo", "shipped"), default="lodo")
    ap.add_argument(
        "--ct-threshold",
        type=float,
        default=CT_THRESHOLD,
        help="corpus-term score from which a term is a concept (below it, from 0.30, a weak term)",
    )
    ap.add_argument("--cache", type=Path, help="pickle of the candidate table (built if missing)")
    ap.add_argument("--c", type=float, default=Config.c)
    ap.add_argument("--dev-weight", type=float, default=Config.dev_weight)
    ap.add_argument("--other-weight", type=float, default=Config.other_weight)
    ap.add_argument("--keep-relation-ends", action="store_true", help="never drop a relation end")
    ap.add_argument(
        "--topic-mentions",
        type=int,
        default=Config.topic_mentions,
        help="keep a name mentioned at least this often (and --topic-density) whatever its score (0: off)",
    )
    ap.add_argument(
        "--topic-density",
        type=float,
        default=Config.topic_per_1000_chars,
        help="... and at least this often per 1,000 characters",
    )
    ap.add_argument("--no-prior", action="store_true", help="without the prior record of each name")
    ap.add_argument("--model", choices=("gb", "lr"), default=Config.model)
    ap.add_argument("--seed", type=int, default=Config.seed, help="random state of the trees' subsampling")
    ap.add_argument(
        "--smooth", type=int, default=Config.smooth, help="threshold objective window (grid steps)"
    )
    ap.add_argument("--drop-features", default="", help="comma-separated features left out (ablation)")
    ap.add_argument("--write", action="store_true", help=f"fit on all documents and write {DATA}")
    ap.add_argument(
        "--dump", type=Path, help="write each document's nested-LODO filtered prediction (gold format) here"
    )
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        docs = [Doc(**d) for d in pickle.loads(args.cache.read_bytes())]
    else:
        docs = build_candidates(args.lodo_terms, args.weak, args.ct_threshold)
        if args.cache:
            args.cache.write_bytes(pickle.dumps([asdict(d) for d in docs]))
    cfg = Config(
        args.c,
        args.dev_weight,
        args.keep_relation_ends,
        args.other_weight,
        not args.no_prior,
        args.model,
        seed=args.seed,
        smooth=args.smooth,
        topic_mentions=args.topic_mentions,
        topic_per_1000_chars=args.topic_density,
    )
    left_out = {f for f in args.drop_features.split(",") if f}
    for d in docs:
        d.features = {n: {k: v for k, v in f.items() if k not in left_out} for n, f in d.features.items()}
    n = sum(len(d.labels) for d in docs)
    pos = sum(sum(d.labels.values()) for d in docs)
    print(f"{len(docs)} documents, {n} candidate concepts, {pos} correct; {cfg}")
    drops = nested_lodo(docs, cfg)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for d in docs:
            pred = filtered(d.pred, drops.get(d.stem, set()), d.shown)
            (args.dump / f"{d.stem}.json").write_text(gold_json(pred), encoding="utf-8")
    print(table(docs, {}, "baseline"))
    print(table(docs, drops, "filter"))
    if args.write:
        vocab = vocabulary(docs)
        t = best_threshold(docs, lodo_probs(docs, vocab, cfg), cfg)
        model = fit(docs, vocab, cfg)
        prior = prior_counts(docs) if cfg.prior else None
        model = ConceptFilter(
            model.weights, model.bias, t, cfg.keep_relation_ends, model.trees, prior, cfg.topics()
        )
        DATA.write_text(
            model.to_json(trained_by="scripts/train_concept_filter.py", config=cfg.__dict__, weak=args.weak),
            encoding="utf-8",
        )
        print(f"threshold {t:.3f} -> {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
