"""Members of a numbered formula named next to it: PART_OF relations from the lexicon (pure).

A text that names a formula and, in the same sentence or the one after it, two or more of
its members states their membership (PART_OF, member -> formula, guidelines §2: "六个必须
includes 坚持党的领导"), as in 要把牢“四个机关”定位要求。……成为……的政治机关、……的国家权力机关、
……的工作机关、……的代表机关。 One member alone is not enough: a formula's member is often a
word of its own (创新 of 新发展理念) used without the formula in mind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from extractors.lexicon import Lexicon
from extractors.sentences import spans_by_sentence
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import RelationType

#: a sentence must name at least this many members of a formula
MIN_MEMBERS = 2


def formula_members(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Formula name -> the concept names of its members (as the lexicon names them)."""
    out: dict[str, frozenset[str]] = {}
    for name, entry in lexicon.entries.items():
        if entry.members:
            members = frozenset(lexicon.name_of(m) for m in entry.members) - {name}
            if len(members) >= MIN_MEMBERS:
                out[name] = members
    return out


def member_relations(
    sentences: Sequence[tuple[int, int]],
    spans: Iterable[ConceptSpan],
    formulas: Mapping[str, frozenset[str]],
) -> list[tuple[int, FoundRelation]]:
    """PART_OF (member -> formula) for each sentence naming two or more members of a formula
    that it, or the sentence before it, names; as (index of the members' sentence, relation)."""
    if not formulas:
        return []
    of_member: dict[str, list[str]] = {}
    for formula, members in formulas.items():
        for m in members:
            of_member.setdefault(m, []).append(formula)
    names = {k: {c.name for c in group} for k, group in spans_by_sentence(sentences, spans).items()}
    found: list[tuple[int, FoundRelation]] = []
    for k in sorted(names):
        here = names[k]
        named: dict[str, list[str]] = {}
        for n in here:
            for formula in of_member.get(n, ()):
                named.setdefault(formula, []).append(n)
        for formula, listed in sorted(named.items()):
            if len(listed) < MIN_MEMBERS:
                continue
            if formula not in here and formula not in names.get(k - 1, ()):
                continue
            found.extend((k, FoundRelation(m, RelationType.PART_OF, formula)) for m in sorted(listed))
    return found
