#!/usr/bin/env python3
"""Extraction speed: the full extractor against bare jieba on the same text, and ingest scaling.

1. A deterministic sample of the shared corpus (every collection, about
   --chars characters, normalised exactly as `kg ingest` reads it).
2. Per document, interleaved so that machine noise hits both alike: bare
   `jieba.lcut(text)` and `load_extractor().extract(document)` (single process,
   after warm-up). Figures: characters per second of each and their ratio
   (target: extractor / jieba >= 0.5).
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


def stage_breakdown(extractor: Any, docs: list[Document], max_chars: int) -> dict[str, float]:
    """Seconds per spaCy stage (tokenizer, each pipe) and the rest of extract(), on a prefix of docs."""
    nlp = getattr(extractor, "nlp", None)
    if nlp is None:
        return {}
    try:
        from extractors.pipeline import chunks
    except ImportError:
        return {}
    stages: dict[str, float] = {"tokenizer (jieba in spaCy)": 0.0}
    for name, _ in nlp.pipeline:
        stages[name] = 0.0
    chars = 0
    total_extract = 0.0
    for d in docs:
        if chars >= max_chars:
            break
        chars += len(d.text)
        for _, piece in chunks(d.text):
            t0 = time.perf_counter()
            doc = nlp.make_doc(piece)
            stages["tokenizer (jieba in spaCy)"] += time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                stages[name] += time.perf_counter() - t0
        t0 = time.perf_counter()
        extractor.extract(d)
        total_extract += time.perf_counter() - t0
    stages["rest of extract() (assembly)"] = max(0.0, total_extract - sum(stages.values()))
    stages["_chars"] = float(chars)
    stages["_extract_total"] = total_extract
    return stages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add = ap.add_argument
    add("--chars", type=int, default=1_500_000, help="size of the corpus sample (characters)")
    add("--breakdown-chars", type=int, default=300_000, help="sample prefix for the stage breakdown")
    add("--skip-ingest", action="store_true", help="skip the kg ingest --workers scaling runs")
    add("--workers-max", type=int, default=os.cpu_count() or 1, help="workers of the parallel run")
    add("--profile", action="store_true", help="cProfile the extractor and print the top functions")
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
        "documents": len(docs), "chars": n_chars, "chars_by_collection": by_collection
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

    jieba_s = 0.0
    extract_s = 0.0
    for d in docs:  # interleaved: contention from other processes hits both measurements alike
        t0 = time.perf_counter()
        jieba.lcut(d.text)
        t1 = time.perf_counter()
        extractor.extract(d)
        t2 = time.perf_counter()
        jieba_s += t1 - t0
        extract_s += t2 - t1
    jieba_cps = n_chars / jieba_s
    extract_cps = n_chars / extract_s
    result.add("sample chars", n_chars, "chars")
    result.add("extractor load time", round(load_s, 2), "s", note=f"jieba dictionary load {jieba_init:.2f} s")
    result.add("bare jieba.lcut", round(jieba_cps), "chars/s")
    result.add("full extractor (1 process)", round(extract_cps), "chars/s")
    result.add("extractor / jieba speed ratio", round(extract_cps / jieba_cps, 3), "", ">= 0.5")

    stages = stage_breakdown(extractor, docs, args.breakdown_chars)
    if stages:
        chars = stages.pop("_chars")
        total = stages.pop("_extract_total")
        print(f"  stage breakdown over {chars:,.0f} chars (extract() total {total:.2f} s):", flush=True)
        result.details["stage_breakdown_s"] = {k: round(v, 3) for k, v in stages.items()}
        result.details["stage_breakdown_chars"] = chars
        for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
            share = sec / total if total else 0.0
            print(f"    {name:<40} {sec:8.2f} s  {share:6.1%}", flush=True)
            result.add(f"stage share: {name}", round(share, 3), "of extract()")

    if args.profile:
        pr = cProfile.Profile()
        pr.enable()
        budget = 0
        for d in docs:
            extractor.extract(d)
            budget += len(d.text)
            if budget >= args.breakdown_chars:
                break
        pr.disable()
        buf = io.StringIO()
        pstats.Stats(pr, stream=buf).sort_stats("tottime").print_stats(20)
        print(buf.getvalue())
        result.details["profile_top_tottime"] = buf.getvalue()

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
                f"speed-up --workers {workers_max} vs 1", round(speedup, 2), "x",
                note=f"ideal {workers_max}x on {os.cpu_count()} cores; machine shared with other work",
            )
            same = timings[1].stdout.splitlines()[-1:] == timings[workers_max].stdout.splitlines()[-1:]
            result.add("same graph from 1 and N workers", "yes" if same else "NO")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
