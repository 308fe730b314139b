"""JSON-ready dicts for per-document extractions, and back (pure)."""

from __future__ import annotations

import json
from typing import Any

from kg.model import (
    Category,
    ConceptRecord,
    Document,
    DocumentExtraction,
    Evidence,
    Mention,
    RelationRecord,
    RelationType,
)

FORMAT_VERSION = 1


def extraction_to_dict(x: DocumentExtraction) -> dict[str, Any]:
    d = x.document
    return {
        "format": FORMAT_VERSION,
        "extractor": x.extractor,
        "document": {"id": d.id, "title": d.title, "date": d.date, "source": d.source, "text": d.text},
        "sentences": [list(s) for s in x.sentences],
        "concepts": [
            {
                "name": c.name,
                "category": str(c.category),
                "aliases": list(c.aliases),
                "members": list(c.members),
            }
            for c in x.concepts
        ],
        "mentions": [[m.name, m.surface, m.start, m.end, m.sentence] for m in x.mentions],
        "relations": [
            {
                "head": r.head,
                "type": str(r.type),
                "tail": r.tail,
                "position": r.position,
                "sentence": r.evidence.sentence,
                "start": r.evidence.start,
                "end": r.evidence.end,
            }
            for r in x.relations
        ],
    }


def extraction_from_dict(data: dict[str, Any]) -> DocumentExtraction:
    if data.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported extraction format {data.get('format')!r}")
    d = data["document"]
    doc = Document(
        id=d["id"], title=d["title"], text=d["text"], date=d.get("date"), source=d.get("source", "")
    )
    return DocumentExtraction(
        document=doc,
        concepts=tuple(
            ConceptRecord(
                c["name"], Category(c["category"]), tuple(c["aliases"]), tuple(c.get("members", ()))
            )
            for c in data["concepts"]
        ),
        mentions=tuple(Mention(n, s, a, b, i) for n, s, a, b, i in data["mentions"]),
        relations=tuple(
            RelationRecord(
                r["head"],
                RelationType(r["type"]),
                r["tail"],
                Evidence(doc.id, r["sentence"], r["start"], r["end"]),
                r.get("position"),
            )
            for r in data["relations"]
        ),
        sentences=tuple((a, b) for a, b in data["sentences"]),
        extractor=data.get("extractor", ""),
    )


class InvalidExtraction(ValueError):
    """Bytes that are not a stored extraction; the message says what is wrong, phrased to follow
    the file's name ("… is not valid JSON (line 1 col 2)")."""


def extraction_from_json(raw: bytes) -> DocumentExtraction:
    """The extraction that one stored file's bytes hold (UTF-8 JSON of `extraction_to_dict`);
    InvalidExtraction when they hold none."""
    if not raw.strip():
        raise InvalidExtraction("is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise InvalidExtraction(f"is not UTF-8 text (byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise InvalidExtraction(f"is not valid JSON (line {e.lineno} col {e.colno}: {e.msg})") from None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(data))
        raise InvalidExtraction(f"holds {kind or 'a number'} where a JSON object is needed")
    if "format" not in data:
        raise InvalidExtraction('has no "format" field: not a document kg wrote')
    if data["format"] != FORMAT_VERSION:
        found = json.dumps(data["format"], ensure_ascii=False)[:40]
        raise InvalidExtraction(f'has "format": {found}; this version of kg reads format {FORMAT_VERSION}')
    try:
        return extraction_from_dict(data)
    except KeyError as e:
        raise InvalidExtraction(f"lacks the field {e.args[0]!r} of a stored document") from None
    except (TypeError, ValueError, AttributeError) as e:
        raise InvalidExtraction(f"holds an invalid document ({e})") from None
