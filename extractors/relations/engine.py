"""The finder: masks a sentence, splits it into clauses and runs every cue family in turn
(`explain_relations`), or only the constructions of `END_RULES` (`defining_relations`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from extractors.relations.change import _change
from extractors.relations.collect import _Out
from extractors.relations.copula import _COPULA_RE, _copula
from extractors.relations.cues import _UNITY_CUES
from extractors.relations.frames import _frames
from extractors.relations.grammar import _alt
from extractors.relations.guidance import _guidance, _requirements
from extractors.relations.masking import _clauses, _mask
from extractors.relations.membership import _membership
from extractors.relations.roles import _roles
from extractors.relations.rules import END_RULES, RULES
from extractors.relations.unification import _unity
from extractors.relations.verbs import _verbs
from extractors.spans import ConceptSpan, FoundRelation


def find_relations(
    text: str,
    sentence: tuple[int, int],
    spans: Sequence[ConceptSpan],
    topics: Mapping[str, int] | None = None,
    titled: frozenset[str] = frozenset(),
) -> list[FoundRelation]:
    """Typed relations stated in one sentence between its concept mentions; `topics` (the
    concepts the document is about, with their mentions: `extractors.core.document_topics`)
    and `titled` (those its official title names) let a guiding-principles sentence point at
    the document's topic."""
    return [r for r, _ in explain_relations(text, sentence, spans, topics=topics, titled=titled)]


def explain_relations(
    text: str,
    sentence: tuple[int, int],
    spans: Sequence[ConceptSpan],
    exclude: frozenset[str] = frozenset(),
    topics: Mapping[str, int] | None = None,
    titled: frozenset[str] = frozenset(),
) -> list[tuple[FoundRelation, str]]:
    """`find_relations` with the rule (a key of `RULES`) that found each
    relation; the rules in `exclude` are switched off (for ablations)."""
    m = _mask(text, sentence, spans)
    if len(m.spans) < 2:
        return []
    out = _Out(m, exclude, topics, titled)
    clauses = _clauses(m.s)
    _copula(m, clauses, out)
    _frames(m, clauses, out)
    _guidance(m, clauses, out)
    _requirements(m, clauses, out)
    _verbs(m, clauses, out)
    _roles(m, clauses, out)
    _unity(m, out)
    _membership(m, out)
    _change(m, out)
    return out.result()


def has_defining_cue(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a word that can trigger one of the END_RULES."""
    return _DEFINING_CUE_RE.search(text, start, end) is not None


def defining_relations(
    text: str, sentence: tuple[int, int], spans: Sequence[ConceptSpan]
) -> list[tuple[FoundRelation, str]]:
    """Only the relations of the constructions in `END_RULES` (definitions, unification lists
    and explicit membership), with their rules: the cheap pass that may promote weak terms to
    concepts."""
    if not has_defining_cue(text, sentence[0], sentence[1]):
        return []  # no copula, unification or membership cue: none of the END_RULES can apply
    m = _mask(text, sentence, spans)
    if len(m.spans) < 2:
        return []
    out = _Out(m, frozenset(RULES) - END_RULES)
    _copula(m, _clauses(m.s), out)
    _unity(m, out)
    _membership(m, out)
    return out.result()


#: every word that can trigger one of the END_RULES: a copula (_COPULA_RE), a unification cue
#: (_UNITY_CUES, 双向发力), advancing together (_JOINTLY_RE) or membership (纳入, 包括, 组成 …)
_DEFINING_CUE_RE = re.compile(
    f"{_COPULA_RE.pattern}|{_alt(_UNITY_CUES)}|双向发力|(?:协同|一体|同步)(?:推进|推动|发展)"
    "|纳入|列入|包括|包含|涵盖|组成|构成"
)
