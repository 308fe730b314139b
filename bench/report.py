#!/usr/bin/env python3
"""Turn bench/results/results.json into a markdown table (bench/results/results.md).

Usage: python -m bench.report [--out FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench._common import RESULTS_DIR, RESULTS_JSON


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def render(data: dict[str, Any]) -> str:
    m = data.get("machine", {})
    lines = [
        "# policy-kg benchmark results",
        "",
        f"Machine: **{m.get('cores')} cores** ({m.get('cpu', '?')}), {m.get('memory_gib')} GiB, "
        f"Python {m.get('python')}, {m.get('platform')}. "
        f"Load average when the last benchmark started: {m.get('load_avg_at_start', 0):.2f} "
        "(the cores are shared with other work; figures are one run, not a controlled lab).",
        "",
    ]
    benches: dict[str, Any] = data.get("benchmarks", {})
    targets = [(name, met) for name, b in benches.items() for met in b["metrics"] if met.get("target")]
    if targets:
        lines += ["## Targets", "", "| benchmark | figure | value | target | met |", "|---|---|---|---|---|"]
        for name, met in targets:
            flag = {True: "yes", False: "**NO**", None: "n/a"}[met.get("met")]
            value = f"{fmt(met['value'])} {met.get('unit', '')}".strip()
            lines.append(
                f"| {name} | {fmt(met['name'])} | {value} | {met['target']} {met.get('unit', '')} | {flag} |"
            )
        lines.append("")
    for name, b in benches.items():
        lines += [f"## {name}", "", f"`{b['command']}` ({b['when']})", ""]
        lines += ["| figure | value | unit | target | note |", "|---|---|---|---|---|"]
        for met in b["metrics"]:
            flag = {True: " ✓", False: " ✗", None: ""}[met.get("met")]
            target = f"{met['target']}{flag}" if met.get("target") else ""
            cells = (fmt(met["name"]), fmt(met["value"]), met.get("unit", ""), target, fmt(met.get("note")))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=RESULTS_DIR / "results.md")
    args = ap.parse_args()
    data = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
    text = render(data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
