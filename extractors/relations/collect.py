"""The collector of the relations one sentence yields (`_Out`), shared by the engine and
every cue family."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from extractors.relations.masking import _Masked
from extractors.spans import FoundRelation
from kg.model import Category, RelationType

R = RelationType

_BODIES = frozenset({Category.ORGANIZATION, Category.PERSON})
#: categories that cannot be the tail of a type: what is advanced, guaranteed, carried or
#: embodied is an idea, a system or a practice, never a body or a person (推动三级公立医院…,
#: 反映了政府…: no relation); a person has no defining feature, an organization may have one
#: (先进性是马克思主义政党的生命所系). No annotated relation has such a tail.
NO_TAIL: dict[RelationType, frozenset[Category]] = {
    R.PROMOTES: _BODIES,
    R.GUARANTEES: _BODIES,
    R.CARRIER_OF: _BODIES,
    R.EMBODIES: _BODIES,
    R.ESSENTIAL_FEATURE_OF: frozenset({Category.PERSON}),
}


class _Out:
    """Collects relations between span indices, without duplicates, self-loops or tails of a
    category the type bars (`NO_TAIL`), with the rule that found each first; rules in
    `exclude` are switched off.
    `topics`: the document's topic concepts with their mentions (document-level cues);
    `titled`: those of them its official title names."""

    def __init__(
        self,
        m: _Masked,
        exclude: frozenset[str],
        topics: Mapping[str, int] | None = None,
        titled: frozenset[str] = frozenset(),
    ) -> None:
        self.m = m
        self.exclude = exclude
        self.topics: Mapping[str, int] = topics or {}
        self.titled = titled
        self.items: dict[tuple[str, RelationType, str], str] = {}

    def add(self, heads: Iterable[int], typ: RelationType, tails: Iterable[int], rule: str) -> None:
        if rule in self.exclude:
            return
        barred = NO_TAIL.get(typ, frozenset())
        tails = [t for t in tails if self.m.spans[t].category not in barred]
        for h in heads:
            for t in tails:
                hn, tn = self.m.spans[h].name, self.m.spans[t].name
                if hn == tn:
                    continue
                if typ in (R.UNIFIED_WITH,) and (tn, typ, hn) in self.items:
                    continue
                self.items.setdefault((hn, typ, tn), rule)

    def result(self) -> list[tuple[FoundRelation, str]]:
        return [(FoundRelation(h, t, tl), rule) for (h, t, tl), rule in self.items.items()]
