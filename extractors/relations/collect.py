"""The collector of the relations one sentence yields (`_Out`), shared by the engine and
every cue family."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from extractors.relations.masking import _Masked
from extractors.spans import FoundRelation
from kg.model import RelationType

R = RelationType


class _Out:
    """Collects relations between span indices, without duplicates or self-loops,
    with the rule that found each first; rules in `exclude` are switched off.
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
        tails = list(tails)
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
