"""Extraction scores on the annotated documents laid out and typed as users bring them.

    python -m bench.layout_robustness [--sets eval heldout train_extra]

The annotated texts are one paragraph per line. Users also bring texts copied out of a PDF or
a fixed-width editor: paragraphs broken into lines of one width, first lines indented; and texts
typed on an English keyboard, with ASCII marks (, . " ( )) for the Chinese ones. Each layout
below is made from the annotated text (kg.line_wrap.hard_wrap,
kg.cjk_punctuation.ascii_punctuation), read through the same normalisation as `kg extract`
(kg.normalize.normalize_text) and scored against the same gold; the figure to watch is the
difference from the text as annotated (0 when the layout is undone).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.eval_extraction import load_set, score_one
from extractors.pipeline import PolicyExtractor
from kg.cjk_punctuation import ascii_punctuation
from kg.line_wrap import char_width, hard_wrap
from kg.normalize import normalize_text
from kg.scoring import MEASURES, Summary, summarize

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
INDENT = "\u3000\u3000"

#: name -> how the annotated text is laid out
LAYOUTS: dict[str, Callable[[str], str]] = {
    "as annotated": lambda t: t,
    "paragraphs indented": lambda t: "\n".join(INDENT + p if p.strip() else p for p in t.split("\n")),
    "PDF, 80 columns, indented": lambda t: hard_wrap(t, 80, indent=INDENT),
    "PDF, 52 columns": lambda t: hard_wrap(t, 52),
    "editor, 36 characters": lambda t: hard_wrap(t, 72, measure=char_width),
    "editor, 60 characters, indented": lambda t: hard_wrap(t, 120, measure=char_width, indent=INDENT),
    "ASCII punctuation": ascii_punctuation,
    "ASCII punctuation, spaced": lambda t: ascii_punctuation(t, spaced=True),
    "ASCII punctuation, PDF, 52 columns": lambda t: hard_wrap(ascii_punctuation(t), 52),
}


def score_layout(
    ex: PolicyExtractor, docs: list[tuple[str, dict[str, Any], str]], layout: Callable[[str], str]
) -> Summary:
    return summarize(score_one(ex, stem, gold, normalize_text(layout(text))) for stem, gold, text in docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["eval", "heldout", "train_extra"])
    args = ap.parse_args(argv)
    ex = PolicyExtractor()
    worst = 0.0
    for name in args.sets:
        docs = load_set(FIXTURES / name / "gold", FIXTURES / name / "texts")
        lines = sum(t.count("\n") + 1 for _, _, t in docs)
        print(f"{name}: {len(docs)} documents, {lines} lines as annotated")
        base: Summary | None = None
        for layout_name, layout in LAYOUTS.items():
            wrapped_lines = sum(layout(t).count("\n") + 1 for _, _, t in docs)
            s = score_layout(ex, docs, layout)
            base = base or s
            f1 = {m: s.micro[m].f1 for m in MEASURES}
            delta = {m: f1[m] - base.micro[m].f1 for m in MEASURES}
            worst = min(worst, *delta.values())
            shown = "  ".join(f"{m} {f1[m]:.3f} ({delta[m]:+.3f})" for m in MEASURES)
            print(f"  {layout_name:<34} {wrapped_lines:>5} lines  {shown}")
    print(f"largest drop from the text as annotated: {worst:+.3f} F1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
