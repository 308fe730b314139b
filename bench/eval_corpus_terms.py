"""Concept scores of the extractor alone and merged with the mined corpus terms.

    python bench/eval_corpus_terms.py [--gold DIR --texts DIR] [--out PRED_DIR] [--terms TSV] [--json]

Runs the installed extractor (`kg.extraction.load_extractor()`) on every text
of the set, merges the spans of `extractors.corpus_terms.find_corpus_terms`
into its concepts (`merge_corpus_terms`: the extractor's spans win every
overlap, corpus terms fill the gaps), writes gold-format predictions
(`kg.goldformat.to_gold_format`) and scores them like `eval/score.py`
(kg.scoring). Default set: the dev fixtures (in-sample for the shipped terms,
which were trained on them: the honest dev figure is the leave-one-document-out
estimate that `scripts/mine_terms.py train` prints).

Also used by `scripts/mine_terms.py train` (`lodo_pipeline_scores`) to print the
pipeline's leave-one-document-out concept F1 at every classifier threshold (the shipped
threshold, extractors.lodo.CT_THRESHOLD, is chosen on the dev set with the concept filter:
scripts/train_concept_filter.py --ct-threshold).
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.corpus_terms import CorpusTerms, load_corpus_terms, merge_corpus_terms  # noqa: E402
from extractors.spans import ConceptSpan  # noqa: E402
from kg.goldformat import gold_json, to_gold_format  # noqa: E402
from kg.model import ConceptRecord, DocumentExtraction, Mention  # noqa: E402
from kg.scoring import DocumentScore, Summary, score_document, summarize  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "eval"


def spans_of(extraction: DocumentExtraction) -> list[ConceptSpan]:
    """The concept spans behind an extraction's mentions."""
    cat = {c.name: c.category for c in extraction.concepts}
    return [ConceptSpan(m.start, m.end, m.surface, m.name, cat[m.name]) for m in extraction.mentions]


def merged_extraction(extraction: DocumentExtraction, terms: CorpusTerms) -> DocumentExtraction:
    """`extraction` with its mentions replaced by the merge of its spans and the corpus terms."""
    text = extraction.document.text
    merged = merge_corpus_terms(spans_of(extraction), terms.find(text, 0, len(text)))
    starts = [s for s, _ in extraction.sentences]
    known = {c.name for c in extraction.concepts}
    concepts = list(extraction.concepts)
    mentions = []
    for s in merged:
        k = max(0, bisect.bisect_right(starts, s.start) - 1)
        mentions.append(Mention(s.name, s.surface, s.start, s.end, k))
        if s.name not in known:
            known.add(s.name)
            concepts.append(ConceptRecord(s.name, s.category))
    return dataclasses.replace(extraction, concepts=tuple(concepts), mentions=tuple(mentions))


# ---- used by scripts/mine_terms.py: concept F1 per threshold, leave-one-document-out ------------


def lodo_pipeline_scores(
    mode: str,
    scores: Mapping[str, Mapping[str, float]],
    thresholds: Sequence[float],
    sets: Sequence[Path] = (FIXTURES,),
) -> dict[float, Summary]:
    """Scores of the integrated pipeline on each dev document, for every threshold.

    Each document is extracted with the corpus terms of ``scores[stem]`` (term ->
    probability from a classifier trained WITHOUT that document) that reach the
    threshold; threshold > 1 gives the rules and lexicon alone. `mode` is the
    lexicon the extractor runs with: `full` (as shipped, fitted on these
    documents), `lodo` (the entries learnt from the document and its stoplist
    share removed) or `strict` (also every entry naming a gold concept found
    only in it), as bench/eval_extraction.py defines them. `sets`: annotated folders
    (gold/, texts/); the first is the dev set the lexicon was fitted on, the others
    run with the lexicon as shipped (it was never fitted on them).
    """
    from bench.eval_extraction import load_set, strict_lexicon
    from extractors.build_stoplist import predictions
    from extractors.lodo import lodo_lexicon
    from extractors.pipeline import PolicyExtractor
    from kg.model import Document, document_id

    dev_set = sets[0]
    dev_docs = load_set(dev_set / "gold", dev_set / "texts")
    dev_stems = {stem for stem, _, _ in dev_docs}
    docs = [*dev_docs, *(d for folder in sets[1:] for d in load_set(folder / "gold", folder / "texts"))]
    ex = PolicyExtractor()
    ex.set_concept_filter(None)  # trained on these documents (scripts/train_concept_filter.py)
    shipped = ex.corpus_terms
    full = ex.lexicon
    ex.set_corpus_terms(None)
    raw = predictions(ex, dev_set / "gold", dev_set / "texts") if mode != "full" else {}
    per_threshold: dict[float, list[DocumentScore]] = {t: [] for t in thresholds}
    try:
        for stem, gold, text in docs:
            if mode != "full" and stem in dev_stems:
                lex = lodo_lexicon(full, raw, stem)
                if mode == "strict":
                    lex = strict_lexicon(full, dev_docs, stem).with_stop(lex.stop)
                ex.set_lexicon(lex)
            else:
                ex.set_lexicon(full)
            doc = Document(document_id(text), stem, text)
            for t in thresholds:
                ex.set_corpus_terms(
                    CorpusTerms.from_terms({n: ("idea", p) for n, p in scores[stem].items() if p >= t})
                )
                pred = to_gold_format(ex.extract(doc), f"{stem}.txt")
                per_threshold[t].append(score_document(stem, gold, pred))
    finally:
        ex.set_lexicon(full)
        ex.set_corpus_terms(shipped)
    return {t: summarize(v) for t, v in per_threshold.items()}


# ---- command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    from kg.extraction import load_extractor
    from kg.sources import read_document

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=FIXTURES / "gold")
    ap.add_argument("--texts", type=Path, default=FIXTURES / "texts")
    ap.add_argument("--out", type=Path, help="write merged gold-format predictions here")
    ap.add_argument("--terms", type=Path, help="corpus terms file (default: the shipped one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    terms = CorpusTerms.read(args.terms) if args.terms else load_corpus_terms()
    ex = load_extractor()
    set_terms = getattr(ex, "set_corpus_terms", None)
    alone, merged = [], []
    t_ex = t_scan = 0.0
    chars = 0
    for gpath in sorted(args.gold.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc = read_document(args.texts / f"{gpath.stem}.txt", max_bytes=50_000_000)
        chars += len(doc.text)
        if set_terms is not None:  # the pipeline merges the terms itself (extractors/core.py hook)
            set_terms(None)
            t0 = time.perf_counter()
            extraction = ex.extract(doc)
            t1 = time.perf_counter()
            set_terms(terms)
            both = ex.extract(doc)
            t2 = time.perf_counter()
            t_ex += t1 - t0
            t_scan += (t2 - t1) - (t1 - t0)  # integrated run minus bare run
        else:
            t0 = time.perf_counter()
            extraction = ex.extract(doc)
            t1 = time.perf_counter()
            both = merged_extraction(extraction, terms)
            t2 = time.perf_counter()
            t_ex += t1 - t0
            t_scan += t2 - t1
        pred_alone = to_gold_format(extraction, f"{gpath.stem}.txt")
        pred = to_gold_format(both, f"{gpath.stem}.txt")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{gpath.stem}.json").write_text(gold_json(pred), "utf-8")
        alone.append(score_document(gpath.stem, gold, pred_alone))
        merged.append(score_document(gpath.stem, gold, pred))
    result: dict[str, Any] = {"terms": len(terms), "chars": chars}
    for name, scores in (("extractor", alone), ("merged", merged)):
        s = summarize(scores)
        result[name] = {
            k: {"precision": c.precision, "recall": c.recall, "f1": c.f1} for k, c in s.micro.items()
        }
    result["seconds"] = {"extractor": t_ex, "corpus_scan_and_merge": t_scan}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(terms):,} corpus terms, {len(alone)} documents, {chars:,} chars")
    for name in ("extractor", "merged"):
        cells = "  ".join(
            f"{k} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}"
            for k, v in result[name].items()
        )
        print(f"{name:10s} {cells}")
    print(f"time: extractor {t_ex:.2f}s, corpus scan + merge {t_scan:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
