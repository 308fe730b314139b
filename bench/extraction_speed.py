#!/usr/bin/env python3
"""Extraction speed: the full extractor against bare jieba on the same text, and ingest scaling.

1. A deterministic sample of the shared corpus (every collection, about
   --chars characters, normalised exactly as `kg ingest` reads it).
2. Per document, interleaved so that machine noise hits both alike: bare
   `jieba.lcut(text)` and `load_extractor().extract(document)` (single process,
   after warm-up). Figures: characters per second of each and their ratio
   (target: extractor / jieba >= 0.5), and of the corpus-term scan alone
   (`CorpusTerms.find`, target: >= 5 x jieba).
3. Per stage of the spaCy pipeline (tokenizer = jieba inside spaCy, then each
   component) on up to --breakdown-chars of the sample, plus the rest of
   `extract` (turning the Doc into a DocumentExtraction).
4. `kg ingest --workers 1` and `--workers 2` (or --workers-max) of the same
   files into fresh stores: wall time, speed-up, cores kept busy, peak RSS.

Usage: python -m bench.extraction_speed [--chars 1500000] [--skip-ingest] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import (
    CORPUS,
    KG_CMD,
    BenchResult,
    command_line,
    kg_env,
    mib,
    run_timed,
    sample_files,
)
from kg.model import Document
from kg.sources import read_document


def load_sample(target_chars: int) -> tuple[list[Path], list[Document]]:
    files = sample_files(target_chars)
    docs = [read_document(p, max_bytes=50_000_000) for p in files]
    return files, docs


def _owner(filename: str) -> str:
    """Which part of the code a profiled function belongs to."""
    path = filename.replace("\\", "/")
    if "/jieba/" in path:
        return "jieba (segmentation, inside the extractor)"
    if "/spacy/" in path or "/thinc/" in path or path.endswith(".pyx"):
        return "spaCy"
    for package in ("extractors", "kg"):
        marker = f"/{package}/"
        if marker in path:
            module = f"{package}/{path.rsplit(marker, 1)[1]}"
            # a package of small modules is one part of the pipeline (extractors/relations/)
            return module.rsplit("/", 1)[0] + "/" if module.count("/") > 1 else module
    return "other (builtins, re, stdlib)"


def stage_breakdown(extractor: Any, docs: list[Document], max_chars: int) -> tuple[dict[str, float], str]:
    """Share of extract() time per module (cProfile self time, grouped by file), on a prefix of docs;
    and the top functions by self time."""
    pr = cProfile.Profile()
    chars = 0
    pr.enable()
    for d in docs:
        if chars >= max_chars:
            break
        chars += len(d.text)
        extractor.extract(d)
    pr.disable()
    st = pstats.Stats(pr)
    by_owner: dict[str, float] = {}
    raw: dict[Any, Any] = st.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, tottime, _, _) in raw.items():
        key = _owner(filename)
        by_owner[key] = by_owner.get(key, 0.0) + tottime
    total = sum(by_owner.values()) or 1.0
    buf = io.StringIO()
    pstats.Stats(pr, stream=buf).sort_stats("tottime").print_stats(15)
    shares = {k: v / total for k, v in sorted(by_owner.items(), key=lambda kv: -kv[1])}
    shares["_chars"] = float(chars)
    return shares, buf.getvalue()


def extractor_code_stamp() -> tuple[float, int]:
    """Latest modification time and count of the extractor's files (edited concurrently elsewhere)."""
    from bench._common import ROOT

    files = [p for p in (ROOT / "extractors").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return (max((p.stat().st_mtime for p in files), default=0.0), len(files))


def differing_documents(a: Path, b: Path) -> int:
    """How many per-document files differ between two embedded stores (or exist in one only)."""
    fa = {p.name: p.read_bytes() for p in (a / "documents").glob("*.json")}
    fb = {p.name: p.read_bytes() for p in (b / "documents").glob("*.json")}
    return sum(1 for k in fa.keys() | fb.keys() if fa.get(k) != fb.get(k))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add = ap.add_argument
    add("--chars", type=int, default=1_500_000, help="size of the corpus sample (characters)")
    add("--breakdown-chars", type=int, default=300_000, help="sample prefix for the time breakdown")
    add("--skip-ingest", action="store_true", help="skip the kg ingest --workers scaling runs")
    add("--workers-max", type=int, default=os.cpu_count() or 1, help="workers of the parallel run")
    add("--profile", action="store_true", help="also print the top functions of the profile")
    args = ap.parse_args()

    result = BenchResult("extraction", command_line())
    print(f"== extraction speed (sample of {CORPUS}, ~{args.chars:,} chars)", flush=True)
    files, docs = load_sample(args.chars)
    n_chars = sum(len(d.text) for d in docs)
    by_collection: dict[str, int] = {}
    for p, d in zip(files, docs, strict=True):
        key = p.relative_to(CORPUS).parts[0]
        by_collection[key] = by_collection.get(key, 0) + len(d.text)
    result.details["sample"] = {
        "documents": len(docs),
        "chars": n_chars,
        "chars_by_collection": by_collection,
    }
    print(f"  sample: {len(docs)} documents, {n_chars:,} chars", flush=True)

    import jieba

    from kg.extraction import load_extractor

    t0 = time.perf_counter()
    jieba.initialize()
    jieba_init = time.perf_counter() - t0
    t0 = time.perf_counter()
    extractor = load_extractor()
    load_s = time.perf_counter() - t0
    # warm-up: the first document of each kind once
    extractor.extract(docs[0])
    jieba.lcut(docs[0].text)

    from extractors.corpus_terms import load_corpus_terms

    corpus_terms = load_corpus_terms()
    jieba_s = 0.0
    extract_s = 0.0
    nohmm_s = 0.0
    scan_s = 0.0
    for d in docs:  # interleaved: contention from other processes hits every measurement alike
        t0 = time.perf_counter()
        jieba.lcut(d.text)
        t1 = time.perf_counter()
        extractor.extract(d)
        t2 = time.perf_counter()
        jieba.lcut(d.text, HMM=False)
        t3 = time.perf_counter()
        corpus_terms.find(d.text)
        t4 = time.perf_counter()
        jieba_s += t1 - t0
        extract_s += t2 - t1
        nohmm_s += t3 - t2
        scan_s += t4 - t3
    jieba_cps = n_chars / jieba_s
    extract_cps = n_chars / extract_s
    result.add("sample chars", n_chars, "chars")
    result.add("extractor load time", round(load_s, 2), "s", note=f"jieba dictionary load {jieba_init:.2f} s")
    result.add("bare jieba.lcut", round(jieba_cps), "chars/s")
    result.add("full extractor (1 process)", round(extract_cps), "chars/s")
    result.add("extractor / jieba speed ratio", round(extract_cps / jieba_cps, 3), "", ">= 0.5")
    result.add(
        "(reference) jieba.lcut(HMM=False)",
        round(n_chars / nohmm_s),
        "chars/s",
        note="the segmentation mode the extractor itself uses; not the target's baseline",
    )
    scan_cps = n_chars / scan_s
    result.add("corpus-term scan (CorpusTerms.find, one step of extract)", round(scan_cps), "chars/s")
    # the scan is a small share of extract(): it must stay several times faster than segmentation
    result.add("corpus-term scan / jieba speed ratio", round(scan_cps / jieba_cps, 1), "", ">= 5")

    shares, top = stage_breakdown(extractor, docs, args.breakdown_chars)
    chars = shares.pop("_chars")
    print(f"  where extract() spends its time (cProfile self time over {chars:,.0f} chars):", flush=True)
    result.details["time_share_by_module"] = {k: round(v, 3) for k, v in shares.items()}
    for name, share in list(shares.items())[:8]:
        result.add(f"time share: {name}", round(share, 3), "of extract()")
    result.details["profile_top_tottime"] = top
    if args.profile:
        print(top)

    if not args.skip_ingest:
        ingest_scaling(result, files, n_chars, args.workers_max)
    result.save()


def ingest_scaling(result: BenchResult, files: list[Path], n_chars: int, workers_max: int) -> None:
    """`kg ingest --workers 1` vs `--workers N` of the same files into fresh stores."""
    print(f"== kg ingest scaling on the same {len(files)} files", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-ingest-"))
    try:
        src = tmp / "input"
        src.mkdir()
        for i, p in enumerate(files):  # one flat folder of links, names kept unique
            (src / f"{i:04d}_{p.name}").symlink_to(p)
        timings: dict[int, Any] = {}
        code_before = extractor_code_stamp()
        for workers in (1, workers_max):
            data = tmp / f"store-w{workers}"
            cmd = [*KG_CMD, "--data-dir", str(data), "ingest", "--workers", str(workers), str(src)]
            t = run_timed(cmd, env=kg_env(), timeout_s=7200)
            if t.returncode != 0:
                raise SystemExit(f"kg ingest failed ({t.returncode}):\n{t.stderr[-2000:]}")
            summary = t.stdout.strip().splitlines()
            timings[workers] = t
            print(f"  --workers {workers}: {t.seconds:.1f} s; " + " | ".join(summary), flush=True)
            result.add(f"kg ingest --workers {workers} wall", round(t.seconds, 1), "s")
            result.add(f"kg ingest --workers {workers} throughput", round(n_chars / t.seconds), "chars/s")
            result.add(f"kg ingest --workers {workers} cores busy", round(t.cores_busy, 2), "cores")
            result.add(f"kg ingest --workers {workers} peak RSS (tree)", mib(t.peak_rss_bytes), "MiB")
            result.details[f"ingest_w{workers}_summary"] = summary
        if workers_max > 1:
            speedup = timings[1].seconds / timings[workers_max].seconds
            result.add(
                f"speed-up --workers {workers_max} vs 1",
                round(speedup, 2),
                "x",
                note=f"ideal {workers_max}x on {os.cpu_count()} cores; machine shared with other work",
            )
            differ = differing_documents(tmp / "store-w1", tmp / f"store-w{workers_max}")
            if extractor_code_stamp() != code_before:
                verdict, note = "not comparable", "the extractor's code changed between the two runs"
            else:
                verdict, note = ("yes", "") if not differ else ("NO", f"{differ} documents differ")
            result.add(f"same documents from 1 and {workers_max} workers", verdict, note=note)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
