#!/usr/bin/env python3
"""Relation quality with oracle concepts.

For every gold document in EVAL_DIR (default /work/shared/eval), build
ConceptSpans from the GOLD concepts (every occurrence of a gold name or alias
in a sentence, longest match first, no overlaps), run
`extractors.relations.find_relations` (extractors/relations/engine.py) per
sentence (sentences split on 。！？； and line breaks) and score the found
relations against the gold relations: unordered pairs and typed triples
(UNIFIED_WITH symmetric), micro P/R/F1, per document and per type.

Usage: python bench/eval_relations.py [EVAL_DIR] [--errors] [--doc STEM] [--no-dev-rules] [--heldout]

--errors lists false positives (~ when the pair is right but not the type) and
false negatives; --no-dev-rules switches off every rule generalised from a
dev sentence (`extractors.relations.DEV_RULES`, from the source that
extractors/relations/rules.py gives each rule): what the guideline, brief and
own-knowledge rules alone achieve, an honesty check for unseen documents. The
per-rule table shows which rule found the true and false positives.

--heldout scores bench/data/heldout_relations*.json instead: corpus sentences
outside the dev set, annotated by hand (see each file's "about" and "first_run").
Set E (heldout_relations_e.json, xi-articles and xi-speeches-2020) has concepts
chosen by its annotator rather than dev-gold names, and was scored first after the
broader-cue commits; its first run is the clean unseen figure.

This isolates relation quality from concept quality. Only this script reads
the shared eval folder; the unit tests never do.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.relations import DEV_RULES, RULES, explain_relations
from extractors.spans import ConceptSpan
from kg.model import Category, RelationType
from kg.normalize import normalize_text

_SENT = re.compile(r"[^。！？；\n]+[。！？；]*")
_QUOTES = str.maketrans("", "", "“”‘’\"'《》〈〉「」『』")

Triple = tuple[str, str, str]


def norm(name: str) -> str:
    return "".join(name.split()).translate(_QUOTES)


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def oracle_spans(
    text: str, sent: tuple[int, int], forms: list[tuple[str, str, Category]]
) -> list[ConceptSpan]:
    """Gold concept occurrences in one sentence, longest form first, no overlaps."""
    s, e = sent
    taken = [False] * (e - s)
    spans: list[ConceptSpan] = []
    for form, name, cat in forms:
        start = text.find(form, s, e)
        while start != -1 and start + len(form) <= e:
            a, b = start - s, start - s + len(form)
            if not any(taken[a:b]):
                for i in range(a, b):
                    taken[i] = True
                spans.append(ConceptSpan(start, start + len(form), form, name, cat))
            start = text.find(form, start + 1, e)
    return sorted(spans, key=lambda x: x.start)


def typed_key(h: str, t: str, typ: str) -> Triple:
    if typ == RelationType.UNIFIED_WITH:
        h, t = sorted((h, t))
    return (h, typ, t)


def prf(tp: int, np_: int, ng: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else (1.0 if ng == 0 else 0.0)
    r = tp / ng if ng else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def heldout(exclude: frozenset[str], show_errors: bool) -> int:
    for path in sorted((Path(__file__).parent / "data").glob("heldout_relations*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tp = npred = ngold = ptp = npp = ngp = 0
        for item in data["sentences"]:
            text = item["text"]
            forms = sorted(
                ((sp["surface"], sp["name"], Category(sp["category"])) for sp in item["spans"]),
                key=lambda x: -len(x[0]),
            )
            spans = oracle_spans(text, (0, len(text)), forms)
            pred = {
                typed_key(r.head, r.tail, r.type): rule
                for r, rule in explain_relations(text, (0, len(text)), spans, exclude)
            }
            gold = {typed_key(r["head"], r["tail"], r["type"]) for r in item["relations"]}
            pp = {frozenset((h, t)) for h, _, t in pred}
            gp = {frozenset((h, t)) for h, _, t in gold}
            tp, npred, ngold = tp + len(gold & set(pred)), npred + len(pred), ngold + len(gold)
            ptp, npp, ngp = ptp + len(gp & pp), npp + len(pp), ngp + len(gp)
            if show_errors:
                for k in set(pred) - gold:
                    print(f"   + FP {k[0]} -{k[1]}-> {k[2]}  [{pred[k]}]  || {text[:100]}")
                for k in gold - set(pred):
                    print(f"   - FN {k[0]} -{k[1]}-> {k[2]}  || {text[:100]}")
        print(f"{path.name}: {len(data['sentences'])} sentences")
        for key, (a, b, c) in (("pair", (ptp, npp, ngp)), ("typed", (tp, npred, ngold))):
            p, rc, f = prf(a, b, c)
            print(f"  heldout {key:6s} P {p:.3f}  R {rc:.3f}  F1 {f:.3f}  ({a}/{b}/{c})")
        fr = data["first_run"]
        p, rc, f = prf(fr["typed_tp"], fr["predicted"], fr["gold"])
        print(f"  first run (before any change for this set): typed P {p:.3f}  R {rc:.3f}  F1 {f:.3f}")
    return 0


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    show_errors = "--errors" in argv
    exclude = DEV_RULES if "--no-dev-rules" in argv else frozenset()
    if "--heldout" in argv:
        return heldout(exclude, show_errors)
    rule_of: dict[Triple, str] = {}
    rule_stats: dict[str, Counter[str]] = {}
    only = None
    if "--doc" in argv:
        only = argv[argv.index("--doc") + 1]
        args = [a for a in args if a != only]
    root = Path(args[0]) if args else Path("/work/shared/eval")
    tot = Counter[str]()
    by_type: dict[str, Counter[str]] = {}
    for gpath in sorted((root / "gold").glob("*.json")):
        if only and gpath.stem != only:
            continue
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = normalize_text((root / "texts" / gold["document"]).read_text(encoding="utf-8"))
        canon: dict[str, str] = {}
        forms: list[tuple[str, str, Category]] = []
        for c in gold["concepts"]:
            for f in [c["name"], *c.get("aliases", [])]:
                canon[norm(f)] = norm(c["name"])
                forms.append((f, c["name"], Category(c["category"])))
        forms.sort(key=lambda x: -len(x[0]))
        pred: dict[Triple, str] = {}
        for sent in sentences(text):
            spans = oracle_spans(text, sent, forms)
            for r, rule in explain_relations(text, sent, spans, exclude):
                k = typed_key(
                    canon.get(norm(r.head), norm(r.head)), canon.get(norm(r.tail), norm(r.tail)), r.type
                )
                pred.setdefault(k, text[sent[0] : sent[1]])
                rule_of.setdefault(k, rule)
        gtyped = {
            typed_key(norm(r["head"]), norm(r["tail"]), r["type"]): r["evidence"] for r in gold["relations"]
        }
        gpairs = {frozenset((h, t)) for h, _, t in gtyped if h != t}
        ppairs = {frozenset((h, t)) for h, _, t in pred if h != t}
        tp_typed = set(gtyped) & set(pred)
        for k in pred:
            st = rule_stats.setdefault(rule_of[k], Counter())
            st["tp" if k in tp_typed else "pair" if frozenset((k[0], k[2])) in gpairs else "fp"] += 1
        tot["pair_tp"] += len(gpairs & ppairs)
        tot["pair_p"] += len(ppairs)
        tot["pair_g"] += len(gpairs)
        tot["typed_tp"] += len(tp_typed)
        tot["typed_p"] += len(pred)
        tot["typed_g"] += len(gtyped)
        for typ in RelationType:
            c = by_type.setdefault(typ.value, Counter())
            c["tp"] += sum(1 for k in tp_typed if k[1] == typ)
            c["p"] += sum(1 for k in pred if k[1] == typ)
            c["g"] += sum(1 for k in gtyped if k[1] == typ)
        pf = prf(len(gpairs & ppairs), len(ppairs), len(gpairs))[2]
        tf = prf(len(tp_typed), len(pred), len(gtyped))[2]
        print(
            f"{gpath.stem:45s} pairs F1 {pf:.2f}  typed F1 {tf:.2f}  (pred {len(pred)}, gold {len(gtyped)})"
        )
        if show_errors:
            for k in sorted(set(pred) - set(gtyped)):
                mark = "~" if frozenset((k[0], k[2])) in gpairs else "+"
                print(f"   {mark} FP {k[0]} -{k[1]}-> {k[2]}  [{rule_of[k]}]  || {pred[k][:120]}")
            for k in sorted(set(gtyped) - set(pred)):
                print(f"   - FN {k[0]} -{k[1]}-> {k[2]}   || {gtyped[k][:120]}")
    print()
    print(f"{'type':22s} {'P':>6s} {'R':>6s} {'F1':>6s}  tp/pred/gold")
    for tname, c in by_type.items():
        if c["p"] or c["g"]:
            p, rc, f = prf(c["tp"], c["p"], c["g"])
            print(f"{tname:22s} {p:6.3f} {rc:6.3f} {f:6.3f}  {c['tp']}/{c['p']}/{c['g']}")
    print()
    print(f"{'rule':24s} {'origin':10s} tp  pair-only  fp")
    for rule in sorted(rule_stats, key=lambda x: (-rule_stats[x]["tp"], x)):
        st = rule_stats[rule]
        print(f"{rule:24s} {RULES[rule].split(':')[0]:10s} {st['tp']:3d} {st['pair']:5d} {st['fp']:7d}")
    if exclude:
        print(f"\n(rules switched off: {', '.join(sorted(exclude))})")
    for key in ("pair", "typed"):
        p, rc, f = prf(tot[f"{key}_tp"], tot[f"{key}_p"], tot[f"{key}_g"])
        print(
            f"micro {key:6s} P {p:.3f}  R {rc:.3f}  F1 {f:.3f}  "
            f"({tot[f'{key}_tp']}/{tot[f'{key}_p']}/{tot[f'{key}_g']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
