"""In-memory aggregation of per-document facts into a concept graph (pure, no I/O).

`GraphAggregate` adds and subtracts whole documents, so that the aggregated
counts always equal what the stored documents support: deleting a document
is the exact inverse of adding it.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import networkx as nx

from kg.cooccurrence import cooccurrence_pairs, discounted_pmi, edge_scores, sentence_concepts
from kg.model import (
    Category,
    Concept,
    DocumentExtraction,
    Evidence,
    Relation,
    RelationType,
    concept_id,
)
from kg.normalize import normalize_term

CO = RelationType.CO_OCCURS_WITH
SYMMETRIC = {RelationType.UNIFIED_WITH, RelationType.CO_OCCURS_WITH}
EdgeKey = tuple[str, RelationType, str]  # (head id, type, tail id); symmetric: head < tail


@dataclass
class _ConceptAgg:
    name: str
    records: int = 0  # documents holding a record of it (or naming it as a relation end)
    mentions: int = 0
    sentences: int = 0  # sentences mentioning it (for PMI)
    documents: set[str] = field(default_factory=set)  # documents that mention it
    categories: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    members: tuple[str, ...] = ()


@dataclass
class _EdgeAgg:
    # per document: evidence items (typed) or co-mention sentence count + first evidence
    by_doc: dict[str, list[Evidence]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    position: int | None = None
    total: int = 0  # sum of `counts`, kept up to date by GraphAggregate._edge

    @property
    def count(self) -> int:
        return self.total


def edge_key(head_id: str, rtype: RelationType, tail_id: str) -> EdgeKey:
    if rtype in SYMMETRIC and tail_id < head_id:
        head_id, tail_id = tail_id, head_id
    return (head_id, rtype, tail_id)


def _pick_category(counts: Counter[str]) -> Category:
    if not counts:
        return Category.IDEA
    best = max(counts.items(), key=lambda kv: (kv[1], [-ord(ch) for ch in kv[0]]))
    return Category(best[0])


class GraphAggregate:
    def __init__(self) -> None:
        self.concepts: dict[str, _ConceptAgg] = {}
        self.edges: dict[EdgeKey, _EdgeAgg] = {}
        self.alias_index: dict[str, Counter[str]] = defaultdict(Counter)  # normalised form -> concept ids
        self.adjacency = nx.Graph()  # concept ids; edge attr "keys": set of EdgeKey
        self.total_sentences = 0
        self._ids: dict[str, str] = {}  # canonical name -> concept id (a hash: memoised)

    def _cid(self, name: str) -> str:
        cid = self._ids.get(name)
        if cid is None:
            cid = self._ids[name] = concept_id(name)
        return cid

    # ---- add / remove one document ---------------------------------------------

    def add(self, x: DocumentExtraction) -> None:
        self._apply(x, +1)

    def remove(self, x: DocumentExtraction) -> None:
        self._apply(x, -1)

    def _touch(self, name: str) -> _ConceptAgg:
        cid = self._cid(name)
        agg = self.concepts.get(cid)
        if agg is None:
            agg = self.concepts[cid] = _ConceptAgg(name)
            self.adjacency.add_node(cid)
            self.alias_index[normalize_term(name)][cid] += 1
        return agg

    def _release(self, cid: str) -> None:
        agg = self.concepts[cid]
        if agg.records > 0:
            return
        del self.concepts[cid]
        self.adjacency.remove_node(cid)
        self._unindex(normalize_term(agg.name), cid)

    def _unindex(self, form: str, cid: str, n: int = 1) -> None:
        bucket = self.alias_index.get(form)
        if bucket is None:
            return
        bucket[cid] -= n
        if bucket[cid] <= 0:
            del bucket[cid]
        if not bucket:
            del self.alias_index[form]

    def _apply(self, x: DocumentExtraction, sign: int) -> None:
        doc_id = x.document.id
        self.total_sentences += sign * len(x.sentences)
        names = {c.name for c in x.concepts} | {m.name for m in x.mentions}
        names |= {r.head for r in x.relations} | {r.tail for r in x.relations}
        records = {c.name: c for c in x.concepts}
        mention_counts = Counter(m.name for m in x.mentions)
        per_sentence = sentence_concepts(x.mentions)
        sentence_counts: Counter[str] = Counter(n for ns in per_sentence.values() for n in ns)

        for name in sorted(names):
            agg = self._touch(name) if sign > 0 else self.concepts[self._cid(name)]
            cid = self._cid(name)
            agg.records += sign
            agg.mentions += sign * mention_counts[name]
            agg.sentences += sign * sentence_counts[name]
            if mention_counts[name]:
                if sign > 0:
                    agg.documents.add(doc_id)
                else:
                    agg.documents.discard(doc_id)
            rec = records.get(name)
            if rec is not None:
                agg.categories[str(rec.category)] += sign
                if rec.members and sign > 0:
                    agg.members = rec.members
                for alias in rec.aliases:
                    if alias == name:
                        continue
                    agg.aliases[alias] += sign
                    if sign > 0:
                        self.alias_index[normalize_term(alias)][cid] += 1
                    else:
                        self._unindex(normalize_term(alias), cid)
                if sign < 0:  # drop the counts a removal brought to zero (an addition cannot)
                    agg.categories = +agg.categories
                    agg.aliases = +agg.aliases

        for rel in x.relations:
            key = edge_key(self._cid(rel.head), rel.type, self._cid(rel.tail))
            if key[0] == key[2]:
                continue
            self._edge(key, doc_id, sign, evidence=rel.evidence, count=1, position=rel.position)

        sentences = x.sentences
        for (a, b), idx in cooccurrence_pairs(x.mentions).items():
            key = edge_key(self._cid(a), CO, self._cid(b))
            s0, s1 = sentences[idx[0]]
            first = Evidence(doc_id, x.document.text[s0:s1], s0, s1)
            self._edge(key, doc_id, sign, evidence=first, count=len(idx), position=None)

        if sign < 0:
            for name in sorted(names):
                self._release(self._cid(name))

    def _edge(
        self, key: EdgeKey, doc_id: str, sign: int, *, evidence: Evidence, count: int, position: int | None
    ) -> None:
        if sign > 0:
            agg = self.edges.get(key)
            if agg is None:
                agg = self.edges[key] = _EdgeAgg(position=position)
                a, _, b = key
                if self.adjacency.has_edge(a, b):
                    self.adjacency[a][b]["keys"].add(key)
                else:
                    self.adjacency.add_edge(a, b, keys={key})
            items = agg.by_doc.setdefault(doc_id, [])
            if key[1] != CO or not items:
                items.append(evidence)
            agg.counts[doc_id] = agg.counts.get(doc_id, 0) + count
            agg.total += count
            return
        agg = self.edges.get(key)
        if agg is None or doc_id not in agg.counts:
            return
        agg.total -= agg.counts.pop(doc_id)
        agg.by_doc.pop(doc_id, None)
        if not agg.counts:
            del self.edges[key]
            a, _, b = key
            if self.adjacency.has_edge(a, b):
                keys = self.adjacency[a][b]["keys"]
                keys.discard(key)
                if not keys:
                    self.adjacency.remove_edge(a, b)

    # ---- reads -------------------------------------------------------------------

    def concept(self, cid: str) -> Concept | None:
        agg = self.concepts.get(cid)
        if agg is None:
            return None
        return Concept(
            id=cid,
            name=agg.name,
            category=_pick_category(agg.categories),
            aliases=tuple(sorted(agg.aliases)),
            mention_count=agg.mentions,
            document_count=len(agg.documents),
            members=agg.members,
        )

    def relation(self, key: EdgeKey, max_evidence: int) -> Relation:
        agg = self.edges[key]
        head, rtype, tail = key
        evidence: list[Evidence] = []
        if max_evidence > 0:
            # each document holds at least one item: the first `max_evidence` ids are enough
            first_docs = (
                sorted(agg.by_doc) if len(agg.by_doc) <= 64 else heapq.nsmallest(max_evidence, agg.by_doc)
            )
            for doc_id in first_docs:
                evidence.extend(sorted(agg.by_doc[doc_id], key=lambda e: e.start))
                if len(evidence) >= max_evidence:
                    break
        count = agg.count
        score, weight = edge_scores(
            rtype, count, self.concepts[head].sentences, self.concepts[tail].sentences, self.total_sentences
        )
        return Relation(
            head=head,
            type=rtype,
            tail=tail,
            count=count,
            weight=weight,
            evidence=tuple(evidence[:max_evidence]),
            pmi=score,
            position=agg.position,
        )

    def incident(self, cid: str, types: Collection[RelationType] | None = None) -> Iterator[EdgeKey]:
        if cid not in self.adjacency:
            return
        for other in self.adjacency[cid]:
            for key in self.adjacency[cid][other]["keys"]:
                if types is None or key[1] in types:
                    yield key

    def edge_rank(self, key: EdgeKey, cid: str) -> tuple[int, float, str, str, str]:
        """The order of `relations` for the edge `key` seen from `cid`, without building the Relation:
        equal to `(*rank_key(relation(key, 0), other's name), str(type), head id)` (the head id
        orders the two directions of one typed relation between the same concepts)."""
        head, rtype, tail = key
        agg = self.edges[key]
        other = self.concepts[tail if head == cid else head].name
        if rtype == CO:
            weight = discounted_pmi(
                agg.total, self.concepts[head].sentences, self.concepts[tail].sentences, self.total_sentences
            )
            return (1, -weight, other, str(rtype), head)
        return (0, -float(agg.total), other, str(rtype), head)

    def rank_key(self, rel: Relation, other_name: str) -> tuple[int, float, str]:
        """Typed relations first by count, then co-mentions by discounted PMI; ties by name."""
        if rel.type == CO:
            return (1, -rel.weight, other_name)
        return (0, -float(rel.count), other_name)
