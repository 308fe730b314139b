#!/usr/bin/env python3
"""Extraction on pathological inputs: does any text shape make the extractor slow or superlinear?

The list and frame patterns (extractors/patterns.py, extractors/frame_parts.py) read lists of
items; without bounds, one long run of items can make each start re-read the whole run
(a 250,000-character run of 、-items ending in 的 took 204 s before the bounds `_MAX_ITEMS`
and `_LIST_REACH`). This benchmark builds each shape below at two sizes, extracts it with the
shipped extractor (single process, after warm-up) and prints:

* characters per second of each shape, and its ratio to ordinary policy text (the annotated
  fixtures, repeated to the same size);
* the growth exponent between the two sizes, log(t_large / t_small) / log(size ratio):
  1.0 is linear; the target is <= 1.3 for every shape (quadratic would read 2.0).

Usage: python -m bench.extraction_worst_case [--chars 100000] [--factor 4]
"""

from __future__ import annotations

import argparse
import math
import re
import time
from collections.abc import Callable

from bench._common import ROOT, BenchResult, command_line
from kg.model import Document
from kg.normalize import normalize_text

FIXTURE_TEXTS = ROOT / "tests" / "fixtures" / "eval" / "texts"


def _repeat(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _ordinary(chars: int) -> str:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURE_TEXTS.glob("*.txt")))
    return _repeat(normalize_text(text) + "\n", chars)


#: name -> builder of a text of about `chars` characters
SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary policy text (fixtures)": _ordinary,
    "the same text without sentence ends": lambda n: re.sub("[。！？；\n]", "，", _ordinary(n)),
    "the same text without any punctuation": lambda n: re.sub("[。！？；\n，、：]", "", _ordinary(n)),
    "one run of 、-items ending in 的…制度": lambda n: _repeat("公众参与、", n - 8) + "的重大行政决策程序。",
    "list after a verb, shared head": lambda n: "健全" + _repeat("吸纳民意、", n - 8) + "工作机制。",
    "list before 相结合": lambda n: "坚持" + _repeat("集体领导、", n - 8) + "相结合。",
    "role items 以X为主体、": lambda n: "建立" + _repeat("以企业为主体、", n - 10) + "的投入机制。",
    "runs of 由": lambda n: _repeat("由", n),
    "runs of 由X向Y转变": lambda n: _repeat("由传统农业向现代农业转变，", n),
    "runs of 、": lambda n: "坚持" + _repeat("、", n),
    "Han run without punctuation": lambda n: _repeat("全过程人民民主人民代表大会制度基层立法联系点", n),
    "nested quotes and titles": lambda n: _repeat("“《“", n // 2) + "四个意识" + _repeat("”》”", n // 2),
    "one sentence of 和-joined terms": lambda n: "推进" + _repeat("政党协商和", n - 8) + "基层协商。",
}


def time_extract(extract: Callable[[Document], object], text: str, label: str) -> float:
    doc = Document(id=f"worst-case-{abs(hash(label)) % 10**8}", title=label, text=text)
    t0 = time.perf_counter()
    extract(doc)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=100_000, help="size of the smaller text of each shape")
    ap.add_argument("--factor", type=int, default=4, help="the larger text is this many times bigger")
    args = ap.parse_args()
    if args.chars < 1_000 or args.factor < 2:
        ap.error("--chars must be >= 1000 and --factor >= 2")

    from kg.extraction import load_extractor

    extractor = load_extractor()
    extractor.extract(Document(id="warm-up", title="warm-up", text=_ordinary(5_000)))

    result = BenchResult("extraction-worst-case", command_line())
    small, large = args.chars, args.chars * args.factor
    print(f"== extraction on pathological inputs ({small:,} and {large:,} chars per shape)", flush=True)
    ordinary_cps = 0.0
    worst_exponent = 0.0
    for label, build in SHAPES.items():
        t_small = time_extract(extractor.extract, build(small), label)
        t_large = time_extract(extractor.extract, build(large), label)
        cps = large / t_large
        if not ordinary_cps:
            ordinary_cps = cps
        exponent = math.log(max(t_large, 1e-6) / max(t_small, 1e-6)) / math.log(args.factor)
        worst_exponent = max(worst_exponent, exponent)
        result.add(
            f"{label}: chars/s",
            round(cps),
            "chars/s",
            note=f"{cps / ordinary_cps:.2f} x ordinary text; {t_small:.2f} s -> {t_large:.2f} s",
        )
        result.add(f"{label}: growth exponent", round(exponent, 2), "", "<= 1.3")
    result.add("worst growth exponent", round(worst_exponent, 2), "", "<= 1.3")
    result.save()


if __name__ == "__main__":
    main()
