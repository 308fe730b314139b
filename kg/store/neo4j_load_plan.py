"""Load planning for the Neo4j store: the rows that store (or remove) a batch of documents.

One job: turn document extractions into the parameter rows the write queries of
`kg.store.cypher` take (documents, mentions, per-document facts, the aggregated
edges and links), the concept aggregates those documents change
(`ConceptDelta`, `concept_props`), and the batches they are written in. Pure:
no driver, no I/O; `kg.store.neo4j.Neo4jStore` runs the rows in its transactions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from kg.cooccurrence import cooccurrence_pairs, sentence_concepts
from kg.model import Category, DocumentExtraction, Evidence, Mention, RelationType, concept_id
from kg.normalize import normalize_term

T = TypeVar("T")
Row = dict[str, Any]
CO = RelationType.CO_OCCURS_WITH
SYMMETRIC = frozenset({RelationType.UNIFIED_WITH, RelationType.CO_OCCURS_WITH})
#: categories in a fixed order: the layout of Concept.cat_counts
CATEGORIES: tuple[Category, ...] = tuple(Category)


def pick_category(counts: Mapping[str, int]) -> Category:
    """The most frequent category; ties broken by name order; IDEA when none."""
    live = [(-n, cat) for cat, n in counts.items() if n > 0]
    return Category(min(live)[1]) if live else Category.IDEA


def edge_key(head: str, rtype: RelationType, tail: str) -> tuple[str, RelationType, str]:
    if rtype in SYMMETRIC and tail < head:
        head, tail = tail, head
    return (head, rtype, tail)


@dataclass
class ConceptDelta:
    """What some documents add to (or, negated, remove from) one concept."""

    name: str
    records: int = 0
    mentions: int = 0
    sentences: int = 0
    documents: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    members: tuple[str, ...] = ()


@dataclass
class LoadPlan:
    """The rows that store a batch of documents (pure data, built by `plan_documents`)."""

    documents: list[Row] = field(default_factory=list)
    deltas: dict[str, ConceptDelta] = field(default_factory=dict)
    mentions: list[Row] = field(default_factory=list)
    facts: dict[RelationType, list[Row]] = field(default_factory=lambda: defaultdict(list))
    links: set[tuple[str, str]] = field(default_factory=set)

    def edge_rows(self) -> list[Row]:
        """What these documents add to each aggregated edge (head, type, tail): their summed
        count, the first evidence item of the first of them by id (`first_doc`, `sentence`,
        `start`, `end`), and the first position by document id (`position_doc`, `position`)."""
        edges: dict[tuple[str, str, str], Row] = {}
        for rtype, rows in self.facts.items():
            for r in rows:
                props = r["props"]
                key = (r["head"], str(rtype), r["tail"])
                e = edges.get(key)
                if e is None:
                    e = edges[key] = {"head": key[0], "type": key[1], "tail": key[2], "count": 0}
                    e.update(first_doc=None, sentence=None, start=None, end=None)
                    e.update(position_doc=None, position=None)
                e["count"] += props["count"]
                if props["ev_sentences"] and (e["first_doc"] is None or r["doc"] < e["first_doc"]):
                    e.update(first_doc=r["doc"], sentence=props["ev_sentences"][0])
                    e.update(start=props["ev_starts"][0], end=props["ev_ends"][0])
                if props["position"] is not None and (
                    e["position_doc"] is None or r["doc"] < e["position_doc"]
                ):
                    e.update(position_doc=r["doc"], position=props["position"])
        return [edges[k] for k in sorted(edges)]

    @property
    def relationship_count(self) -> int:
        """Relationships this plan writes (MENTIONS, facts, EDGE, LINKED)."""
        facts = sum(len(r) for r in self.facts.values())
        return len(self.mentions) + facts + len(self.edge_rows()) + len(self.links)


def plan_documents(extractions: Iterable[DocumentExtraction]) -> LoadPlan:
    """Rows for some new documents; the concept deltas sum what each document adds."""
    plan = LoadPlan()
    for x in extractions:
        _plan_one(plan, x)
    return plan


def _plan_one(plan: LoadPlan, x: DocumentExtraction) -> None:
    doc = x.document
    mention_counts = Counter(m.name for m in x.mentions)
    per_sentence = sentence_concepts(x.mentions)
    sentence_counts: Counter[str] = Counter(n for ns in per_sentence.values() for n in ns)
    records = {c.name: c for c in x.concepts}
    names = set(records) | set(mention_counts) | {r.head for r in x.relations} | {r.tail for r in x.relations}
    plan.documents.append(
        {
            "id": doc.id,
            "props": {
                "title": doc.title,
                "text": doc.text,
                "date": doc.date,
                "source": doc.source,
                "chars": len(doc.text),
                "extractor": x.extractor,
                "sentence_count": len(x.sentences),
                "mention_count": len(x.mentions),
                "concept_count": len(mention_counts),
            },
        }
    )
    by_name: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    for i, m in enumerate(x.mentions):
        by_name[m.name].append((i, m))
    for name in sorted(names):
        cid = concept_id(name)
        delta = plan.deltas.setdefault(cid, ConceptDelta(name))
        delta.records += 1
        delta.mentions += mention_counts[name]
        delta.sentences += sentence_counts[name]
        delta.documents += 1 if mention_counts[name] else 0
        rec = records.get(name)
        aliases = [a for a in rec.aliases if a != name] if rec else []
        if rec is not None:
            delta.categories[str(rec.category)] += 1
            if rec.members:
                delta.members = rec.members
            for alias in aliases:
                delta.aliases[alias] += 1
        ms = by_name.get(name, [])
        plan.mentions.append(
            {
                "doc": doc.id,
                "concept": cid,
                "props": {
                    "count": mention_counts[name],
                    "sentence_count": sentence_counts[name],
                    "category": str(rec.category) if rec else None,
                    "aliases": aliases,
                    "surfaces": [m.surface for _, m in ms],
                    "starts": [m.start for _, m in ms],
                    "ends": [m.end for _, m in ms],
                    "sentences": [m.sentence for _, m in ms],
                    "order": [i for i, _ in ms],
                },
            }
        )

    facts: dict[tuple[str, RelationType, str], dict[str, Any]] = {}
    for rel in x.relations:
        key = edge_key(concept_id(rel.head), rel.type, concept_id(rel.tail))
        if key[0] == key[2]:
            continue
        fact = facts.setdefault(key, {"count": 0, "position": rel.position, "evidence": []})
        fact["count"] += 1
        fact["evidence"].append(rel.evidence)
    for (a, b), idx in cooccurrence_pairs(x.mentions).items():
        key = edge_key(concept_id(a), CO, concept_id(b))
        s0, s1 = x.sentences[idx[0]]
        facts[key] = {
            "count": len(idx),
            "position": None,
            "evidence": [Evidence(doc.id, doc.text[s0:s1], s0, s1)],
        }
    for (head, rtype, tail), fact in facts.items():
        evidence: list[Evidence] = sorted(fact["evidence"], key=lambda e: e.start)
        plan.facts[rtype].append(
            {
                "doc": doc.id,
                "head": head,
                "tail": tail,
                "props": {
                    "count": fact["count"],
                    "position": fact["position"],
                    "ev_sentences": [e.sentence for e in evidence],
                    "ev_starts": [e.start for e in evidence],
                    "ev_ends": [e.end for e in evidence],
                },
            }
        )
        plan.links.add((head, tail) if head < tail else (tail, head))


def concept_props(state: Row | None, delta: ConceptDelta, sign: int) -> Row:
    """New aggregate properties of a concept: its stored `state` plus (sign=1) or minus (-1) `delta`."""
    state = state or {}
    cat_counts = list(state.get("cat_counts") or [0] * len(CATEGORIES))
    for i, cat in enumerate(CATEGORIES):
        cat_counts[i] += sign * delta.categories.get(str(cat), 0)
    aliases = Counter(dict(zip(state.get("alias_names") or [], state.get("alias_counts") or [], strict=True)))
    for alias, n in delta.aliases.items():
        aliases[alias] += sign * n
    aliases = +aliases
    members = list(state.get("members") or [])
    if sign > 0 and delta.members:
        members = list(delta.members)
    name = delta.name
    live = sorted(aliases)
    return {
        "name": name,
        "records": (state.get("records") or 0) + sign * delta.records,
        "mention_count": (state.get("mention_count") or 0) + sign * delta.mentions,
        "sentence_count": (state.get("sentence_count") or 0) + sign * delta.sentences,
        "document_count": (state.get("document_count") or 0) + sign * delta.documents,
        "cat_counts": cat_counts,
        "category": str(pick_category({str(c): n for c, n in zip(CATEGORIES, cat_counts, strict=True)})),
        "alias_names": list(aliases),
        "alias_counts": list(aliases.values()),
        "aliases": live,
        "members": members,
        "forms": sorted({normalize_term(name), *(normalize_term(a) for a in live)}),
    }


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter when they run out)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def document_batches(
    extractions: Iterable[DocumentExtraction], size: int, max_chars: int
) -> Iterator[list[DocumentExtraction]]:
    """At most `size` documents per batch, and no more text than `max_chars` unless
    one document alone is longer (keeps a transaction within the server's memory cap)."""
    batch: list[DocumentExtraction] = []
    chars = 0
    for x in extractions:
        n = len(x.document.text)
        if batch and (len(batch) >= size or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(x)
        chars += n
    if batch:
        yield batch


__all__ = [
    "CATEGORIES",
    "ConceptDelta",
    "LoadPlan",
    "batched",
    "concept_props",
    "document_batches",
    "edge_key",
    "pick_category",
    "plan_documents",
]
