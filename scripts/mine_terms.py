#!/usr/bin/env python3
"""Mine policy terms from the shared corpus and learn which are concepts (offline build tool).

    python scripts/mine_terms.py features [--corpus /work/shared/corpus] [--cache /tmp/corpus_terms.pkl]
    python scripts/mine_terms.py train [--cache ...] [--out extractors/data/corpus_terms.tsv]

`features`: segments every document of the non-law collections (jieba, HMM off),
enumerates candidate terms (extractors.term_features.candidate_spans, plus short
quoted phrases with inner punctuation), keeps those seen in ≥ 2 documents and
computes their generic features (frequency, document frequency, C-value,
boundary entropy, weakest-split PMI, quote and punctuation-edge shares,
general-language contrast from wordfreq, part-of-speech edges, hashed first/last
token). Written to a pickle cache.

`train`: labels the candidates that occur in each annotated text (--sets) by its
gold names and aliases, trains a classifier, prints the pipeline's micro concept
F1 leave-one-document-out at every threshold (the extractor output merged with the
scanned terms, see bench/eval_corpus_terms.py), fits a category model on the gold
categories, then writes every candidate scored from the threshold
(extractors.lodo.CT_THRESHOLD, chosen for the dev annotators' style by the nested
leave-one-document-out of scripts/train_concept_filter.py --ct-threshold; or
--write-threshold) to extractors/data/corpus_terms.tsv and those from 0.30 below it
to corpus_terms_weak.tsv. Needs scikit-learn (`pip install -e .[train]`);
the shipped runtime does not. Held-out gold is never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import time
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.heads import head_category  # noqa: E402
from extractors.lodo import CT_THRESHOLD  # noqa: E402
from extractors.term_features import (  # noqa: E402
    HASH_BUCKETS,
    NUMERIC_FEATURES,
    TAG_GROUPS,
    Stats,
    bucket,
    c_value,
    candidate_spans,
    numeric_vector,
    pmi,
    quoted_phrases,
    stretches,
    tag_group,
)
from kg.model import Category  # noqa: E402
from kg.normalize import normalize_term, normalize_text  # noqa: E402

COLLECTIONS = (
    "gov-work-reports/txt",
    "cpc-congress-reports/txt",
    "state-council-docs/txt",
    "xi-articles/txt",
    "xi-speeches-2020/txt",
    "district-reports-hailar/txt",
    "speeches",
)
DEV = ROOT / "tests" / "fixtures" / "eval"
#: lowest score of a weak term (a relation end, never a concept on its own)
WEAK_FROM = 0.30
#: annotated sets the classifier learns from by default: the dev gold, the first independent
#: held-out set and the extra training annotations (tests/fixtures/heldout2 stays unseen: it
#: measures the result)
TRAIN_SETS = (DEV, ROOT / "tests" / "fixtures" / "heldout", ROOT / "tests" / "fixtures" / "train_extra")
CATEGORIES = [str(c) for c in Category]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- features


def load_corpus(root: Path, include_laws: bool) -> list[tuple[int, str]]:
    docs: list[tuple[int, str]] = []
    seen: set[int] = set()
    folders = list(COLLECTIONS) + (["laws"] if include_laws else [])
    for k, folder in enumerate(folders):
        for p in sorted((root / folder).rglob("*")):
            if p.suffix not in (".txt", ".md") or not p.is_file():
                continue
            text = normalize_text(p.read_text(encoding="utf-8", errors="replace"))
            h = hash(text)
            if h in seen:
                continue
            seen.add(h)
            docs.append((k, text))
    return docs


def segment_stretches(text: str, cut: Any) -> list[tuple[int, list[str]]]:
    """(start offset, words) of each punctuation-free stretch of `text`."""
    out = []
    for s, e in stretches(text):
        out.append((s, [w for w in cut(text[s:e], HMM=False) if not w.isspace()]))
    return out


def build_features(
    root: Path, include_laws: bool, min_df: int = 2, min_freq: int = 2, single_doc_freq: int = 0
) -> dict[str, Any]:
    import jieba
    import jieba.posseg
    import wordfreq

    jieba.initialize()
    tagtab: dict[str, str] = jieba.posseg.dt.word_tag_tab
    docs = load_corpus(root, include_laws)
    log(f"{len(docs)} documents, {sum(len(t) for _, t in docs):,} chars")
    segmented = [(k, text, segment_stretches(text, jieba.cut)) for k, text in docs]
    total_tokens = sum(len(w) for _, _, st in segmented for _, w in st)
    log(f"segmented: {total_tokens:,} tokens")

    def tag(w: str) -> str:
        return tagtab.get(w, "x")

    # pass 1: frequency and document frequency of every candidate
    stats: dict[str, Stats] = {}
    for d, (_, text, st) in enumerate(segmented):
        for _, words in st:
            tags = [tag(w) for w in words]
            for i, j in candidate_spans(words, tags):
                t = "".join(words[i:j])
                s = stats.get(t)
                if s is None:
                    s = stats[t] = Stats()
                s.freq += 1
                if s.last_doc != d:
                    s.last_doc = d
                    s.doc_freq += 1
        for a, b in quoted_phrases(text):
            t = text[a:b]
            if t.isalnum():
                continue  # counted as a stretch already
            s = stats.get(t)
            if s is None:
                s = stats[t] = Stats()
            s.freq += 1
            s.quoted += 1
            if s.last_doc != d:
                s.last_doc = d
                s.doc_freq += 1
    log(f"pass 1: {len(stats):,} candidates")
    kept = {
        t: Stats()
        for t, s in stats.items()
        if (s.doc_freq >= min_df and s.freq >= min_freq) or (single_doc_freq and s.freq >= single_doc_freq)
    }
    del stats
    log(f"kept (df >= {min_df} and freq >= {min_freq}, or freq >= {single_doc_freq}): {len(kept):,}")

    # pass 2: contexts, edges, quotes, collections, token split of each kept candidate
    left: dict[str, Counter[str]] = defaultdict(Counter)
    right: dict[str, Counter[str]] = defaultdict(Counter)
    tokens_of: dict[str, tuple[str, ...]] = {}
    in_stretches: dict[str, set[int]] = defaultdict(set)
    for d, (coll, text, st) in enumerate(segmented):
        for off, words in st:
            sh = hash("".join(words))
            tags = [tag(w) for w in words]
            starts = [0]
            for w in words:
                starts.append(starts[-1] + len(w))
            for i, j in candidate_spans(words, tags):
                t = "".join(words[i:j])
                s = kept.get(t)
                if s is None:
                    continue
                s.freq += 1
                if s.last_doc != d:
                    s.last_doc = d
                    s.doc_freq += 1
                s.collections |= 1 << coll
                if t not in tokens_of:
                    tokens_of[t] = tuple(words[i:j])
                in_stretches[t].add(sh)
                if i == 0 and j == len(words):
                    s.both_edges += 1
                a, b = off + starts[i], off + starts[j]
                if a > 0 and text[a - 1] == "“" and b < len(text) and text[b] == "”":
                    s.quoted += 1
                if i == 0:
                    s.left_edge += 1
                    left[t][text[a - 1] if a > 0 else "<s>"] += 1
                else:
                    left[t][words[i - 1]] += 1
                if j == len(words):
                    s.right_edge += 1
                    right[t][text[b] if b < len(text) else "</s>"] += 1
                else:
                    right[t][words[j]] += 1
        for a, b in quoted_phrases(text):
            t = text[a:b]
            s = kept.get(t)
            if s is None or t.isalnum():
                continue
            s.freq += 1
            s.quoted += 1
            if s.last_doc != d:
                s.last_doc = d
                s.doc_freq += 1
            s.collections |= 1 << coll
            tokens_of.setdefault(t, (t,))
            in_stretches[t].add(hash(text[max(0, a - 30) : b + 30]))
            left[t]["“"] += 1
            right[t]["”"] += 1
    log("pass 2 done")

    # raw n-gram counts of the parts at every split point (for PMI)
    needed: set[str] = set()
    for toks in tokens_of.values():
        for k in range(1, len(toks)):
            needed.add("".join(toks[:k]))
            needed.add("".join(toks[k:]))
    raw: Counter[str] = Counter()
    for _, _, st in segmented:
        for _, words in st:
            n = len(words)
            for i in range(n):
                piece = ""
                for j in range(i, min(n, i + 8)):
                    piece += words[j]
                    if piece in needed:
                        raw[piece] += 1
    log(f"part counts: {len(raw):,}")

    # nesting: C-value and the most frequent longer candidate containing each term
    containers: dict[str, list[int]] = defaultdict(list)
    for t, toks in tokens_of.items():
        f = kept[t].freq
        n = len(toks)
        for i in range(n):
            for j in range(i + 1, n + 1):
                if j - i == n:
                    continue
                sub = "".join(toks[i:j])
                if sub in kept:
                    containers[sub].append(f)

    @cache
    def zipf(w: str) -> float:
        return wordfreq.zipf_frequency(w, "zh")

    terms: list[str] = []
    rows: list[list[float]] = []
    cats: list[tuple[int, int, str, str]] = []
    for t, toks in tokens_of.items():
        s = kept[t]
        cont = containers.get(t, [])
        pmis = [
            pmi(s.freq, raw["".join(toks[:k])], raw["".join(toks[k:])], total_tokens)
            for k in range(1, len(toks))
        ]
        rows.append(
            numeric_vector(
                term=t,
                tokens=toks,
                stats=s,
                cvalue=c_value(len(t), s.freq, cont),
                left=left[t],
                right=right[t],
                min_pmi=min(pmis) if pmis else 10.0,
                general_zipf=zipf(t),
                token_zipf=[zipf(w) for w in toks],
                total_tokens=total_tokens,
                superterm_freq=max(cont) if cont else 0,
                distinct_stretches=len(in_stretches[t]),
                both_edges=s.both_edges,
                token_tags=[tag(w) for w in toks],
                policy_head=head_category(t) is not None,
                tag_of=tag,
            )
        )
        terms.append(t)
        cats.append((bucket(toks[0]), bucket(toks[-1]), tag_group(tag(toks[0])), tag_group(tag(toks[-1]))))
    log(f"features: {len(terms):,} candidates")
    return {"terms": terms, "X": rows, "cats": cats, "last_char": [t[-1] for t in terms]}


# --------------------------------------------------------------------------- training


def design(cache: dict[str, Any], idx: list[int]) -> Any:
    """Sparse design matrix: standardised-later numeric features + one-hot POS edges + hashed tokens."""
    import numpy as np
    from scipy import sparse

    X = np.asarray(cache["X"], dtype=np.float64)[idx]
    n = len(idx)
    tg = {g: i for i, g in enumerate(TAG_GROUPS)}
    off_first_tag = 0
    off_last_tag = len(TAG_GROUPS)
    off_first = 2 * len(TAG_GROUPS)
    off_last = off_first + HASH_BUCKETS
    width = off_last + HASH_BUCKETS
    rows, cols = [], []
    for r, k in enumerate(idx):
        fb, lb, ft, lt = cache["cats"][k]
        rows += [r, r, r, r]
        cols += [off_first_tag + tg[ft], off_last_tag + tg[lt], off_first + fb, off_last + lb]
    C = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, width))
    return X, C


def gold_of(path: Path) -> tuple[set[str], dict[str, str]]:
    from kg.scoring import norm

    gold = json.loads(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    cat: dict[str, str] = {}
    for c in gold["concepts"]:
        for n in (c["name"], *c.get("aliases", [])):
            key = norm(normalize_term(n))
            names.add(key)
            cat[key] = c["category"]
    return names, cat


def gold_cover(text: str, names: set[str]) -> list[int]:
    """For each offset i, the furthest end of a gold-name occurrence starting at or before i."""
    reach = [0] * (len(text) + 1)
    for n in names:
        if len(n) < 2:
            continue
        start = text.find(n)
        while start >= 0:
            reach[start] = max(reach[start], start + len(n))
            start = text.find(n, start + 1)
    top = 0
    for i in range(len(reach)):
        top = max(top, reach[i])
        reach[i] = top
    return reach


def occurrences(text: str, index: dict[str, int], max_len: int = 20) -> dict[int, list[tuple[int, int]]]:
    """Candidates occurring anywhere in `text` as a substring: index -> [(offset, length)]."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    n = len(text)
    for i in range(n):
        for L in range(2, min(max_len, n - i) + 1):
            k = index.get(text[i : i + L])
            if k is not None:
                found[k].append((i, L))
    return found


def train(
    cache_path: Path,
    out: Path,
    extractor_mode: str,
    dump: Path | None = None,
    model_kind: str = "both",
    sets: tuple[Path, ...] = TRAIN_SETS,
    write_threshold: float | None = None,
    weak_out: Path | None = None,
) -> None:
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from bench.eval_corpus_terms import lodo_pipeline_scores

    cache = pickle.loads(cache_path.read_bytes())
    terms: list[str] = cache["terms"]
    index = {t: k for k, t in enumerate(terms)}
    docs = []
    for gpath in sorted(g for folder in sets for g in (folder / "gold").glob("*.json")):
        text_path = gpath.parent.parent / "texts" / f"{gpath.stem}.txt"
        text = normalize_text(text_path.read_text(encoding="utf-8"))
        names, cat = gold_of(gpath)
        where = occurrences(text, index)
        until = gold_cover(text, names)
        # training: leave out candidates seen only strictly inside gold names (shadowed by them)
        occ = sorted(
            k
            for k, places in where.items()
            if normalize_term(terms[k]) in names or any(until[i] < i + n for i, n in places)
        )
        y = [1 if normalize_term(terms[k]) in names else 0 for k in occ]
        every = sorted(where)  # LODO evaluation: every candidate the scan can meet
        reach = len({normalize_term(terms[k]) for k in occ} & names)
        log(f"{gpath.stem}: {len(occ)} candidates, {sum(y)} positive, {reach}/{len(names)} gold reachable")
        docs.append((gpath.stem, text, occ, np.array(y), cat, every))

    tg = {g: i for i, g in enumerate(TAG_GROUPS)}

    def dense(idx: list[int]) -> Any:
        X, _ = design(cache, idx)
        edges = np.array([[tg[cache["cats"][k][2]], tg[cache["cats"][k][3]]] for k in idx], dtype=np.float64)
        return np.c_[X, edges.reshape(-1, 2)]

    def fit(train_docs: list[Any]) -> Any:
        from sklearn.ensemble import HistGradientBoostingClassifier

        idx = [k for d in train_docs for k in d[2]]
        y = np.concatenate([d[3] for d in train_docs])
        X, C = design(cache, idx)
        scaler = StandardScaler().fit(X)
        M = sparse.hstack([sparse.csr_matrix(scaler.transform(X)), C]).tocsr()
        lr = LogisticRegression(C=0.3, max_iter=3000).fit(M, y) if model_kind != "hgb" else None
        width = len(NUMERIC_FEATURES)
        hgb = (
            HistGradientBoostingClassifier(
                max_iter=300,
                learning_rate=0.05,
                max_leaf_nodes=15,
                min_samples_leaf=20,
                l2_regularization=1.0,
                categorical_features=[width, width + 1],
                random_state=0,
            ).fit(dense(idx), y)
            if model_kind != "lr"
            else None
        )
        return scaler, lr, hgb

    def predict(fitted: Any, idx: list[int]) -> Any:
        scaler, lr, hgb = fitted
        out = []
        if lr is not None:
            X, C = design(cache, idx)
            M = sparse.hstack([sparse.csr_matrix(scaler.transform(X)), C]).tocsr()
            out.append(lr.predict_proba(M)[:, 1])
        if hgb is not None:
            out.append(hgb.predict_proba(dense(idx))[:, 1])
        return sum(out) / len(out)

    # leave-one-document-out probabilities
    lodo: dict[str, dict[str, float]] = {}
    for d in docs:
        fitted = fit([o for o in docs if o[0] != d[0]])
        p = predict(fitted, d[5])
        lodo[d[0]] = {terms[k]: float(v) for k, v in zip(d[5], p, strict=True)}
        auc = _auc(d[3], np.array([lodo[d[0]][terms[k]] for k in d[2]]))
        log(f"LODO {d[0]}: AUC {auc:.3f}")

    if dump is not None:
        dump.write_text(json.dumps(lodo, ensure_ascii=False), encoding="utf-8")
    thresholds = [x / 100 for x in range(10, 96, 5)]
    summaries = lodo_pipeline_scores(extractor_mode, lodo, [*thresholds, 2.0], sets)
    best = (0.0, 1.0)
    for thr in thresholds:
        c = summaries[thr].micro["concepts"]
        pairs = summaries[thr].micro["pairs"]
        log(
            f"threshold {thr:.2f}: LODO concepts P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
            f"  pairs F1 {pairs.f1:.3f}"
        )
        if c.f1 > best[0]:
            best = (c.f1, thr)
    c = summaries[2.0].micro["concepts"]
    log(
        f"extractor alone ({extractor_mode}): P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
        f"  pairs F1 {summaries[2.0].micro['pairs'].f1:.3f}"
    )
    log(f"best threshold over all sets {best[1]:.2f} (concepts F1 {best[0]:.3f})")

    # final model on all dev documents, applied to every candidate
    fitted = fit(docs)
    probs = predict(fitted, list(range(len(terms))))
    keep = CT_THRESHOLD if write_threshold is None else write_threshold
    chosen = [k for k in range(len(terms)) if probs[k] >= keep]
    categories = category_model(cache, docs, terms, chosen)
    lines = [
        "# corpus terms: mined by scripts/mine_terms.py (features + classifier trained on "
        + ", ".join(str(f.relative_to(ROOT)) for f in sets)
        + ");",
        f"# threshold {keep:.2f}"
        + (
            " (extractors.lodo.CT_THRESHOLD: the best dev nested leave-one-document-out concept F1"
            " with the concept filter, scripts/train_concept_filter.py --ct-threshold);"
            if write_threshold is None
            else " (given);"
        ),
        "# columns: term, category, score",
    ]
    for k in sorted(chosen, key=lambda k: -probs[k]):
        lines.append(f"{terms[k]}\t{categories[k]}\t{probs[k]:.3f}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"wrote {len(chosen):,} terms scored from {keep:.2f} to {out}")
    if weak_out is not None:
        weak = [k for k in range(len(terms)) if WEAK_FROM <= probs[k] < keep]
        header = [
            "# weak corpus terms: scored below the concept threshold by scripts/mine_terms.py;",
            f"# scores {WEAK_FROM:.2f} to {keep:.2f}: used only as the second end of a defining relation",
            "# (extractors/core.py relations_with_ends); columns: term, category, score",
        ]
        rows = [f"{terms[k]}\tidea\t{probs[k]:.3f}" for k in sorted(weak, key=lambda k: -probs[k])]
        weak_out.write_text("\n".join([*header, *rows]) + "\n", encoding="utf-8")
        log(f"wrote {len(weak):,} weak terms to {weak_out}")


def category_model(
    cache: dict[str, Any], docs: list[Any], terms: list[str], chosen: list[int]
) -> dict[int, str]:
    """Category of each chosen term: logistic regression on hashed last token/characters and POS edges."""
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    def rows(idx: list[int]) -> Any:
        X, C = design(cache, idx)
        lc = sparse.csr_matrix(
            (np.ones(len(idx)), (range(len(idx)), [bucket(terms[k][-1]) for k in idx])),
            shape=(len(idx), HASH_BUCKETS),
        )
        l2 = sparse.csr_matrix(
            (np.ones(len(idx)), (range(len(idx)), [bucket(terms[k][-2:]) for k in idx])),
            shape=(len(idx), HASH_BUCKETS),
        )
        num = np.c_[X[:, NUMERIC_FEATURES.index("is_formula")], X[:, NUMERIC_FEATURES.index("n_chars")] / 10]
        heads = [head_category(terms[k]) for k in idx]
        hc = np.array([[float(h is not None and str(h) == c) for c in CATEGORIES] for h in heads])
        num = np.c_[num, hc]
        return sparse.hstack([C, lc, l2, sparse.csr_matrix(num)]).tocsr()

    idx, y = [], []
    for _, _, occ, lab, cat, _ in docs:
        for k, v in zip(occ, lab, strict=True):
            if v:
                idx.append(k)
                y.append(cat[normalize_term(terms[k])])
    model = LogisticRegression(C=1.0, max_iter=3000).fit(rows(idx), y)
    pred = model.predict(rows(chosen)) if chosen else []
    return dict(zip(chosen, pred, strict=True))


def _auc(y: Any, p: Any) -> float:
    import numpy as np

    order = np.argsort(p)
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    pos = y == 1
    npos, nneg = pos.sum(), (~pos).sum()
    if not npos or not nneg:
        return math.nan
    return float((ranks[pos].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def weak_path(out: Path, given: str | None) -> Path | None:
    """Where the weak terms go: `given`, none, or next to the terms file (corpus_terms_weak.tsv)."""
    if given == "none":
        return None
    return Path(given) if given else out.with_name(f"{out.stem}_weak{out.suffix}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("features", "train"))
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--laws", action="store_true", help="mine the laws collection too")
    ap.add_argument("--min-df", type=int, default=2, help="documents a candidate must occur in")
    ap.add_argument("--min-freq", type=int, default=2, help="occurrences a candidate must have")
    ap.add_argument(
        "--single-doc-freq", type=int, default=3, help="also keep candidates of one document seen this often"
    )
    ap.add_argument("--cache", type=Path, default=Path("/tmp/corpus_terms_features.pkl"))
    ap.add_argument("--out", type=Path, default=ROOT / "extractors" / "data" / "corpus_terms.tsv")
    ap.add_argument(
        "--weak-out",
        help="where terms scored from 0.30 to the threshold go (relation ends only; default: next to"
        " --out, <stem>_weak.tsv; 'none' to skip)",
    )
    ap.add_argument("--model", choices=("lr", "hgb", "both"), default="both", help="classifier (both: mean)")
    ap.add_argument(
        "--sets",
        type=Path,
        nargs="+",
        default=list(TRAIN_SETS),
        help="annotated sets to learn from (folders with gold/ and texts/; the first is the dev set)",
    )
    ap.add_argument(
        "--write-threshold",
        type=float,
        help="write terms from this score (default: lodo.CT_THRESHOLD)",
    )
    ap.add_argument("--dump-lodo", type=Path, help="write the LODO scores of each dev document here (json)")
    ap.add_argument(
        "--extractor",
        choices=("full", "lodo", "strict"),
        default="strict",
        help="extractor output the threshold is tuned against (strict LODO is closest to unseen text)",
    )
    args = ap.parse_args(argv)
    if args.step == "features":
        data = build_features(args.corpus, args.laws, args.min_df, args.min_freq, args.single_doc_freq)
        args.cache.write_bytes(pickle.dumps(data))
        log(f"cache: {args.cache}")
    else:
        train(
            args.cache,
            args.out,
            args.extractor,
            args.dump_lodo,
            args.model,
            tuple(args.sets),
            args.write_threshold,
            weak_path(args.out, args.weak_out),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
