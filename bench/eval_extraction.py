"""Dev scores, leave-one-document-out estimates and speed of the policy extractor.

    python bench/eval_extraction.py [--gold DIR] [--texts DIR] [--speed CORPUS_DIR] [--json]

* dev: the extractor as shipped, on every dev document.
* LODO: each document scored with the lexicon entries learnt from it
  (source ``dev:<stem>``) removed and the stoplist learnt without it: the
  honest estimate for what was fitted on the dev set.
* strict LODO: each document scored with every lexicon entry removed that
  names one of its gold concepts and no gold concept of another dev document
  — a pessimistic bound for a document whose special terms nobody listed.
* speed: characters per second of the full pipeline and of bare jieba
  segmentation on the same texts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jieba

from extractors.build_stoplist import predictions
from extractors.corpus_terms import CorpusTerms
from extractors.lexicon import Lexicon, make_lexicon
from extractors.lodo import CT_THRESHOLD, LodoTerms, lodo_lexicon
from extractors.pipeline import PolicyExtractor
from kg.goldformat import gold_json, to_gold_format
from kg.model import Document, document_id
from kg.normalize import normalize_text
from kg.scoring import MEASURES, DocumentScore, Summary, norm, score_document, summarize

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "eval"


def load_set(gold_dir: Path, text_dir: Path) -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = normalize_text((text_dir / f"{gpath.stem}.txt").read_text(encoding="utf-8"))
        out.append((gpath.stem, gold, text))
    return out


def score_one(
    ex: PolicyExtractor, stem: str, gold: dict[str, Any], text: str, write_to: Path | None = None
) -> DocumentScore:
    pred = to_gold_format(ex.extract(Document(document_id(text), stem, text)), f"{stem}.txt")
    if write_to is not None:
        write_to.mkdir(parents=True, exist_ok=True)
        (write_to / f"{stem}.json").write_text(gold_json(pred), "utf-8")
    return score_document(stem, gold, pred)


def gold_names(gold: dict[str, Any]) -> set[str]:
    return {norm(n) for c in gold["concepts"] for n in (c["name"], *c.get("aliases", []))}


def held_out(
    ex: PolicyExtractor,
    docs: list[tuple[str, dict[str, Any], str]],
    lexicon_for: Callable[[str], Lexicon],
    write_to: Path | None = None,
    terms_for: Callable[[str], CorpusTerms] | None = None,
) -> Summary:
    """Scores with the lexicon (and, if `terms_for` is given, the corpus terms) of each held-out document.

    The concept filter is off: it was trained on these documents (and records their names);
    its honest leave-one-document-out figure comes from scripts/train_concept_filter.py."""
    full = ex.lexicon
    shipped = ex.corpus_terms
    shipped_filter = ex.concept_filter
    ex.set_concept_filter(None)
    scores = []
    try:
        for stem, gold, text in docs:
            ex.set_lexicon(lexicon_for(stem))
            if terms_for is not None:
                ex.set_corpus_terms(terms_for(stem))
            scores.append(score_one(ex, stem, gold, text, write_to))
    finally:
        ex.set_lexicon(full)
        ex.set_corpus_terms(shipped)
        ex.set_concept_filter(shipped_filter)
    return summarize(scores)


def strict_lexicon(full: Lexicon, docs: list[tuple[str, dict[str, Any], str]], stem: str) -> Lexicon:
    own = next(gold_names(g) for s, g, _ in docs if s == stem)
    others: set[str] = set()
    for s, g, _ in docs:
        if s != stem:
            others |= gold_names(g)
    only_here = own - others
    return make_lexicon(e for e in full.entries.values() if not ({e.name, *e.aliases} & only_here))


def speed(ex: PolicyExtractor, texts: Iterable[str]) -> dict[str, float]:
    """Characters per second of the extractor and of bare jieba, timed text by text in turn
    (interleaved, so that load from other processes hits both alike)."""
    texts = list(texts)
    chars = sum(len(t) for t in texts)
    bare = full = 0.0
    for t in texts:
        t0 = time.perf_counter()
        for _ in jieba.cut(t):
            pass
        t1 = time.perf_counter()
        ex.extract(Document(document_id(t), "", t))
        t2 = time.perf_counter()
        bare += t1 - t0
        full += t2 - t1
    return {
        "chars": chars,
        "jieba_chars_per_s": chars / bare,
        "pipeline_chars_per_s": chars / full,
        "ratio": bare / full,
    }


def corpus_texts(root: Path, limit_chars: int) -> list[str]:
    out: list[str] = []
    total = 0
    for p in sorted(root.rglob("*")):
        if p.suffix in (".txt", ".md") and p.is_file():
            t = normalize_text(p.read_text(encoding="utf-8", errors="replace"))
            out.append(t)
            total += len(t)
            if total >= limit_chars:
                break
    return out


def row(name: str, s: Summary) -> str:
    cells = "  ".join(
        f"{k} P {s.micro[k].precision:.3f} R {s.micro[k].recall:.3f} F1 {s.micro[k].f1:.3f}" for k in MEASURES
    )
    return f"{name:12s} {cells}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=FIXTURES / "gold")
    ap.add_argument("--texts", type=Path, default=FIXTURES / "texts")
    ap.add_argument("--speed", type=Path, help="corpus folder to time (first --speed-chars characters)")
    ap.add_argument("--speed-chars", type=int, default=2_000_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--write-lodo", type=Path, help="write the LODO predictions (gold format) to this folder")
    ap.add_argument("--write-strict", type=Path, help="write the strict-LODO predictions to this folder")
    ap.add_argument(
        "--lodo-terms",
        type=Path,
        help="corpus-term probabilities per held-out document (scripts/mine_terms.py train --dump-lodo): "
        "LODO and strict LODO then use corpus terms not trained on the document (honest)",
    )
    ap.add_argument(
        "--threshold", type=float, default=CT_THRESHOLD, help="corpus-term threshold with --lodo-terms"
    )
    args = ap.parse_args(argv)
    docs = load_set(args.gold, args.texts)
    ex = PolicyExtractor()
    full = ex.lexicon
    dev = summarize(score_one(ex, s, g, t) for s, g, t in docs)
    raw = predictions(ex, args.gold, args.texts)

    terms_for = LodoTerms.load(args.lodo_terms, args.threshold).corpus_terms if args.lodo_terms else None
    lodo = held_out(ex, docs, lambda stem: lodo_lexicon(full, raw, stem), args.write_lodo, terms_for)
    strict = held_out(
        ex,
        docs,
        lambda stem: strict_lexicon(full, docs, stem).with_stop(lodo_lexicon(full, raw, stem).stop),
        args.write_strict,
        terms_for,
    )
    result: dict[str, Any] = {
        name: {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1} for k, v in s.micro.items()}
        for name, s in (("dev", dev), ("lodo", lodo), ("strict_lodo", strict))
    }
    result["dev_per_document"] = {d.name: {k: c.f1 for k, c in d.measures.items()} for d in dev.documents}
    result["lodo_per_document"] = {d.name: {k: c.f1 for k, c in d.measures.items()} for d in lodo.documents}
    result["category_recall_dev"] = {c: f / t for c, (f, t) in dev.category_recall.items()}
    result["category_recall_lodo"] = {c: f / t for c, (f, t) in lodo.category_recall.items()}
    if args.speed:
        result["speed"] = speed(ex, corpus_texts(args.speed, args.speed_chars))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for d, lo in zip(dev.documents, lodo.documents, strict=True):
        cells = "  ".join(f"{k} {d.measures[k].f1:.2f}/{lo.measures[k].f1:.2f}" for k in MEASURES)
        print(f"{d.name:40s} F1 dev/LODO  {cells}")
    print(row("dev", dev))
    print(row("LODO", lodo))
    print(row("strict LODO", strict))
    for which in ("dev", "lodo"):
        cells = ", ".join(f"{c} {v:.2f}" for c, v in result[f"category_recall_{which}"].items())
        print(f"recall per category ({which}): {cells}")
    if "speed" in result:
        sp = result["speed"]
        print(
            f"speed on {sp['chars']:,} chars: pipeline {sp['pipeline_chars_per_s']:,.0f} chars/s, "
            f"bare jieba {sp['jieba_chars_per_s']:,.0f} chars/s, ratio {sp['ratio']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
