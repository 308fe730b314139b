"""Convert an extraction to the file format of the annotation guidelines (pure)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from kg.model import GUIDELINE_TYPES, DocumentExtraction
from kg.normalize import normalize_term


def to_gold_format(extraction: DocumentExtraction, document_name: str) -> dict[str, Any]:
    """One document's concepts and guideline relations, as `gold/<stem>.json` holds them."""
    # only concepts the text names (a formula's members may be recorded without being named),
    # with only the aliases the text uses (a record may also carry a lexicon's aliases)
    named = used_forms(extraction)
    shown = gold_names(extraction, named)
    concepts = []
    for c in extraction.concepts:
        if c.name not in named:
            continue
        name = shown[c.name]
        aliases = [a for a in (c.name, *c.aliases) if a != name and a in named[c.name]]
        concepts.append({"name": name, "category": str(c.category), "aliases": list(dict.fromkeys(aliases))})
    seen: set[tuple[str, str, str]] = set()
    relations = []
    for r in extraction.relations:
        if r.type not in GUIDELINE_TYPES or r.head not in named or r.tail not in named:
            continue
        key = (shown[r.head], str(r.type), shown[r.tail])
        if key in seen:
            continue
        seen.add(key)
        relations.append({"head": key[0], "type": key[1], "tail": key[2], "evidence": r.evidence.sentence})
    return {"document": document_name, "concepts": concepts, "relations": relations}


def used_forms(extraction: DocumentExtraction) -> dict[str, dict[str, None]]:
    """Concept name -> the forms its mentions take in the text (normalised, in text order)."""
    named: dict[str, dict[str, None]] = {}
    for m in extraction.mentions:
        named.setdefault(m.name, {})[normalize_term(m.surface)] = None
    return named


def gold_names(
    extraction: DocumentExtraction, named: Mapping[str, Iterable[str]] | None = None
) -> dict[str, str]:
    """Concept name -> the name `to_gold_format` gives it, for the concepts the text names
    (`named`: `used_forms(extraction)`, when the caller has it already)."""
    if named is None:
        named = used_forms(extraction)
    return display_names(named, normalize_term(extraction.document.text))


def display_names(named: Mapping[str, Iterable[str]], text: str) -> dict[str, str]:
    """The name each concept goes by in the guidelines' format (pure), given the forms its mentions
    take and the text (in `normalize_term` form): its own name where the text uses it (习近平 of
    习近平总书记, 三公经费 of “三公”经费, 全过程人民民主 of 全过程人民民主建设), else the longest form
    of its mentions (a text that writes only 亲清政商关系 names the concept so, not by the lexicon's
    亲清新型政商关系), unless another concept already goes by that form."""
    out = {name: name for name in named}
    taken = set(out)
    for name, forms in named.items():
        forms = list(forms)
        # the text uses the name: inside a mention (most names), else anywhere (a long text is
        # searched only for the few names no mention holds)
        if not forms or any(name in f for f in forms) or name in text:
            continue
        best = max(forms, key=len)  # the first of the longest, in text order
        if best not in taken:
            out[name] = best
            taken.add(best)
    return out


def gold_json(data: dict[str, Any]) -> str:
    """The text of a `gold/<stem>.json` file holding `data` (UTF-8 characters as they are)."""
    return json.dumps(data, ensure_ascii=False, indent=1)
