"""Whole-graph exports: GraphML, GEXF (both read by Gephi), JSON and CSV, with evidence and stable ids.

Ids are the store's: concepts `kg.model.concept_id(name)`, edges
``"<head id>|<TYPE>|<tail id>"`` (one per aggregated relation, stable across
exports). Symmetric relations (UNIFIED_WITH, CO_OCCURS_WITH) are written once,
head id < tail id, with ``symmetric=true``. Edge ``weight`` is the evidence
count (Gephi wants positive weights); the co-occurrence PMI is in ``pmi``.

Text that XML cannot hold (control characters of an ingested text) is written as spaces in
GraphML and GEXF (`xml_safe`) and kept as it is in JSON and CSV.

`to_networkx`, `xml_safe_graph`, `to_json_dict` and the CSV row builders are pure; `write_export`
reads the store and writes the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.model import SYMMETRIC_TYPES, Concept, DocumentInfo, Relation
from kg.store.base import GraphStore

FORMATS = ("graphml", "gexf", "json", "csv")
MEDIA_TYPES = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
    "csv": "application/zip",
}
ZIP_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can record
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "csv": ".zip"}
JSON_FORMAT = "policy-kg-graph/1"
EVIDENCE_SEPARATOR = "\n"
# characters XML 1.0 cannot hold, even escaped: C0 controls other than tab, line feed and carriage
# return, lone surrogates, U+FFFE and U+FFFF (an ingested text may contain them; JSON and CSV can)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def edge_id(rel: Relation) -> str:
    return f"{rel.head}|{rel.type}|{rel.tail}"


def _node_attrs(c: Concept) -> dict[str, Any]:
    return {
        "label": c.name,
        "name": c.name,
        "category": str(c.category),
        "aliases": "|".join(c.aliases),
        "members": "|".join(c.members),
        "mention_count": c.mention_count,
        "document_count": c.document_count,
    }


def _edge_attrs(r: Relation) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "label": str(r.type),
        "relation": str(r.type),
        "symmetric": r.type in SYMMETRIC_TYPES,
        "count": r.count,
        "weight": float(r.count),
        "evidence": EVIDENCE_SEPARATOR.join(e.sentence for e in r.evidence),
        "evidence_refs": " ".join(f"{e.document_id}:{e.start}-{e.end}" for e in r.evidence),
    }
    if r.pmi is not None:
        attrs["pmi"] = float(r.pmi)
    if r.position is not None:
        attrs["position"] = r.position
    return attrs


def to_networkx(concepts: Iterable[Concept], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by concept id, one keyed edge (key = edge id) per aggregated relation."""
    g = nx.MultiDiGraph(name="policy-kg")
    for c in concepts:
        g.add_node(c.id, **_node_attrs(c))
    for r in relations:
        if r.head in g and r.tail in g:
            g.add_edge(r.head, r.tail, key=edge_id(r), **_edge_attrs(r))
    return g


def xml_safe(text: str) -> str:
    """`text` with each character XML cannot hold replaced by a space (lengths, so offsets, kept)."""
    return _XML_ILLEGAL.sub(" ", text)


def _xml_safe_value(value: Any) -> Any:
    return xml_safe(value) if isinstance(value, str) else value


def _xml_safe_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {xml_safe(k): _xml_safe_value(v) for k, v in attrs.items()}


def xml_safe_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `g` whose ids, keys and text attributes XML can hold (see `xml_safe`), in the same
    order: GraphML and GEXF files of it always parse."""
    out = nx.MultiDiGraph(**_xml_safe_attrs(dict(g.graph)))
    for node, attrs in g.nodes(data=True):
        out.add_node(_xml_safe_value(node), **_xml_safe_attrs(attrs))
    for head, tail, key, attrs in g.edges(keys=True, data=True):
        out.add_edge(
            _xml_safe_value(head), _xml_safe_value(tail), key=_xml_safe_value(key), **_xml_safe_attrs(attrs)
        )
    return out


def _concept_dict(c: Concept) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "category": str(c.category),
        "aliases": list(c.aliases),
        "members": list(c.members),
        "mention_count": c.mention_count,
        "document_count": c.document_count,
    }


def _relation_dict(r: Relation) -> dict[str, Any]:
    return {
        "id": edge_id(r),
        "head": r.head,
        "type": str(r.type),
        "tail": r.tail,
        "symmetric": r.type in SYMMETRIC_TYPES,
        "count": r.count,
        "weight": r.weight,
        "pmi": r.pmi,
        "position": r.position,
        "evidence": [
            {"document_id": e.document_id, "start": e.start, "end": e.end, "sentence": e.sentence}
            for e in r.evidence
        ],
    }


def _document_dict(d: DocumentInfo) -> dict[str, Any]:
    return {"id": d.id, "title": d.title, "date": d.date, "source": d.source, "chars": d.chars}


def to_json_dict(
    concepts: Sequence[Concept], relations: Sequence[Relation], documents: Sequence[DocumentInfo] = ()
) -> dict[str, Any]:
    return {
        "format": JSON_FORMAT,
        "documents": [_document_dict(d) for d in documents],
        "concepts": [_concept_dict(c) for c in concepts],
        "relations": [_relation_dict(r) for r in relations],
    }


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def to_csv_tables(
    concepts: Sequence[Concept], relations: Sequence[Relation], documents: Sequence[DocumentInfo] = ()
) -> dict[str, str]:
    """File name -> CSV text: concepts, relations, evidence (one row per sentence), documents."""
    names = {c.id: c.name for c in concepts}
    return {
        "concepts.csv": _csv_text(
            ["id", "name", "category", "aliases", "members", "mention_count", "document_count"],
            (
                [
                    c.id,
                    c.name,
                    c.category,
                    "|".join(c.aliases),
                    "|".join(c.members),
                    c.mention_count,
                    c.document_count,
                ]
                for c in concepts
            ),
        ),
        "relations.csv": _csv_text(
            [
                "id",
                "head",
                "head_name",
                "type",
                "tail",
                "tail_name",
                "symmetric",
                "count",
                "weight",
                "pmi",
                "position",
            ],
            (
                [
                    edge_id(r),
                    r.head,
                    names.get(r.head),
                    r.type,
                    r.tail,
                    names.get(r.tail),
                    str(r.type in SYMMETRIC_TYPES).lower(),
                    r.count,
                    r.weight,
                    r.pmi,
                    r.position,
                ]
                for r in relations
            ),
        ),
        "evidence.csv": _csv_text(
            ["relation_id", "document_id", "start", "end", "sentence"],
            ([edge_id(r), e.document_id, e.start, e.end, e.sentence] for r in relations for e in r.evidence),
        ),
        "documents.csv": _csv_text(
            ["id", "title", "date", "source", "chars"],
            ([d.id, d.title, d.date, d.source, d.chars] for d in documents),
        ),
    }


def _all_documents(store: GraphStore) -> list[DocumentInfo]:
    out: list[DocumentInfo] = []
    while True:
        page = store.list_documents(offset=len(out), limit=500)
        out.extend(page)
        if len(page) < 500:
            return out


def write_export(store: GraphStore, fmt: str, path: Path | str, *, max_evidence: int = 3) -> Path:
    """Write the whole graph in `fmt` (graphml, gexf, json, csv) to `path`; returns the path written.

    csv writes a zip of concepts.csv, relations.csv, evidence.csv and documents.csv
    when `path` ends in .zip, and those four files into the folder `path` otherwise (a `path`
    ending in .csv is a ValueError: the user expects one file).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt == "csv" and path.suffix.lower() == ".csv":
        raise ValueError(
            f"csv writes four tables (concepts, relations, evidence, documents): give a folder or a "
            f".zip file, not {path}"
        )
    concepts = list(store.iter_concepts())
    relations = list(store.iter_relations(max_evidence=max_evidence))
    if fmt in ("graphml", "gexf"):
        path.parent.mkdir(parents=True, exist_ok=True)
        g = xml_safe_graph(to_networkx(concepts, relations))
        if fmt == "graphml":
            nx.write_graphml(g, path, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(g, path, encoding="utf-8", prettyprint=True)
        return path
    documents = _all_documents(store)
    if fmt == "json":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(to_json_dict(concepts, relations, documents), ensure_ascii=False), "utf-8")
        return path
    tables = to_csv_tables(concepts, relations, documents)
    if path.suffix == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in tables.items():
                # a fixed entry time: the same graph gives the same bytes (the API's ETag hashes them)
                entry = zipfile.ZipInfo(name, date_time=ZIP_ENTRY_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                zf.writestr(entry, "\ufeff" + text)  # BOM: Excel opens UTF-8 Chinese correctly
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (path / name).write_text("\ufeff" + text, encoding="utf-8")
    return path
