"""The Neo4j store's reads without the driver: rows in, model objects out.

One job: turn the rows the read queries of `kg.store.cypher` return into
`kg.model` objects (concepts, document infos, relations with their scores and
evidence) and rank a concept's edges in the exact order of
`GraphStore.relations`; plus the two values those queries take as parameters
(relation type names, a full-text phrase). Pure: no driver, no I/O;
`kg.store.neo4j.Neo4jStore` runs the queries and calls these.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from kg.cooccurrence import edge_scores
from kg.model import Category, Concept, DocumentInfo, Evidence, Relation, RelationType

Row = dict[str, Any]
CO = RelationType.CO_OCCURS_WITH

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")


def fulltext_phrase(key: str) -> str | None:
    """A Lucene phrase query matching every form containing `key`, when the cjk
    analyzer can answer it exactly (two or more Han characters); else None."""
    return f'"{key}"' if _HAN.match(key) else None


def relation_type_names(types: Collection[RelationType] | None) -> list[str] | None:
    """The read queries' `$types`: the names of `types`, sorted; None (every type) for None."""
    return None if types is None else sorted(str(RelationType(t)) for t in types)


def concept_from_row(row: Mapping[str, Any]) -> Concept:
    return Concept(
        id=row["id"],
        name=row["name"],
        category=Category(row["category"]),
        aliases=tuple(row["aliases"] or ()),
        mention_count=row["mention_count"] or 0,
        document_count=row["document_count"] or 0,
        members=tuple(row["members"] or ()),
    )


def info_from_row(row: Mapping[str, Any]) -> DocumentInfo:
    return DocumentInfo(
        id=row["id"],
        title=row["title"],
        date=row["date"],
        source=row["source"] or "",
        chars=row["chars"] or 0,
        mention_count=row["mention_count"] or 0,
        concept_count=row["concept_count"] or 0,
    )


def relation_from_row(row: Mapping[str, Any], total_sentences: int, max_evidence: int) -> Relation:
    rtype = RelationType(row["type"])
    evidence: list[Evidence] = []
    for doc_id, sentences, starts, ends in sorted(row["evidence"] or [], key=lambda e: e[0]):
        evidence.extend(Evidence(doc_id, s, a, b) for s, a, b in zip(sentences, starts, ends, strict=True))
        if len(evidence) >= max_evidence:
            break
    count = int(row["count"])
    # sentence counts matter only for co-mentions (a typed edge's concepts may have none stored)
    n_head, n_tail = int(row["n_head"] or 0), int(row["n_tail"] or 0)
    score, weight = edge_scores(rtype, count, n_head, n_tail, total_sentences)
    return Relation(
        head=row["head"],
        type=rtype,
        tail=row["tail"],
        count=count,
        weight=weight,
        evidence=tuple(evidence[: max(max_evidence, 0)]),
        pmi=score,
        position=row["position"],
    )


_TYPE_BY_NAME = {t.value: t for t in RelationType}


def ego_edge(values: Sequence[Any], total_sentences: int) -> Relation:
    """An edge of `cypher.ego_graph` (a list in the order EGO_EDGE_FIELDS) with its first
    evidence item: `relation_from_row` for one item, built directly (a map has thousands)."""
    head, type_name, tail, n_head, n_tail, count, position, doc_id, sentence, start, end = values
    rtype = _TYPE_BY_NAME[type_name]
    score, weight = edge_scores(rtype, int(count), int(n_head or 0), int(n_tail or 0), total_sentences)
    return Relation(
        head=head,
        type=rtype,
        tail=tail,
        count=int(count),
        weight=weight,
        evidence=(Evidence(doc_id, sentence, start, end),) if doc_id else (),
        pmi=score,
        position=position,
    )


def rank_key(rel: Relation, other_name: str) -> tuple[int, float, str, str, str]:
    """GraphStore.relations order: typed by count, then co-mentions by weight
    (discounted PMI); ties by the other end's name, then type, then head id (the two
    directions of one typed relation between the same concepts)."""
    if rel.type == CO:
        return (1, -rel.weight, other_name, str(rel.type), rel.head)
    return (0, -float(rel.count), other_name, str(rel.type), rel.head)


def rank_rows(rows: Iterable[Row], concept_id: str, max_evidence: int) -> list[tuple[Relation, Row]]:
    """Edge rows of one concept (with `total`, the sentence count) as relations, in the exact
    order of `GraphStore.relations` (the rows may hold more than are wanted: Cypher cuts
    its ranking with some slack)."""
    ranked = []
    for r in rows:
        rel = relation_from_row(r, int(r["total"]), max_evidence)
        other = r["tail_name"] if r["head"] == concept_id else r["head_name"]
        ranked.append((rank_key(rel, other), rel, r))
    ranked.sort(key=lambda t: t[0])
    return [(rel, r) for _, rel, r in ranked]


__all__ = [
    "concept_from_row",
    "ego_edge",
    "fulltext_phrase",
    "info_from_row",
    "rank_key",
    "rank_rows",
    "relation_from_row",
    "relation_type_names",
]
