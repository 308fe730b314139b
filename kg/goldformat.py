"""Convert an extraction to the file format of the annotation guidelines (pure)."""

from __future__ import annotations

import json
from typing import Any

from kg.model import GUIDELINE_TYPES, DocumentExtraction
from kg.normalize import normalize_term


def to_gold_format(extraction: DocumentExtraction, document_name: str) -> dict[str, Any]:
    """One document's concepts and guideline relations, as `gold/<stem>.json` holds them."""
    # only concepts the text names (a formula's members may be recorded without being named),
    # with only the aliases the text uses (a record may also carry a lexicon's aliases)
    named: dict[str, set[str]] = {}
    for m in extraction.mentions:
        named.setdefault(m.name, set()).add(normalize_term(m.surface))
    concepts = [
        {"name": c.name, "category": str(c.category), "aliases": [a for a in c.aliases if a in named[c.name]]}
        for c in extraction.concepts
        if c.name in named
    ]
    mentioned = named.keys()
    seen: set[tuple[str, str, str]] = set()
    relations = []
    for r in extraction.relations:
        if r.type not in GUIDELINE_TYPES or r.head not in mentioned or r.tail not in mentioned:
            continue
        key = (r.head, str(r.type), r.tail)
        if key in seen:
            continue
        seen.add(key)
        relations.append(
            {"head": r.head, "type": str(r.type), "tail": r.tail, "evidence": r.evidence.sentence}
        )
    return {"document": document_name, "concepts": concepts, "relations": relations}


def gold_json(data: dict[str, Any]) -> str:
    """The text of a `gold/<stem>.json` file holding `data` (UTF-8 characters as they are)."""
    return json.dumps(data, ensure_ascii=False, indent=1)
