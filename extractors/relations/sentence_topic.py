"""The sentence topic (`_topic`): the concept group a sentence opens with, which later
clauses may share as their subject (after a leading speech clause; never a person)."""

from __future__ import annotations

import re

from extractors.relations.masking import _G, _NP, _ids, _Masked
from extractors.term_shape import LEAD_VERBS
from kg.model import Category

_LEAD_GROUP_RE = re.compile(f"^({_NP}{{0,4}}?)({_G})")

_SPEECH = re.compile("(?:指出|强调|表示|认为|说|要求|提出)$")


#: doing verbs that term_shape.LEAD_VERBS leaves out (建设 also ends names; 办好 …: verbs of doing well)
_MORE_DOING_VERBS = frozenset({"建设", "扶持", "建好", "守好", "护好", "搞好", "讲好"})
#: a doing verb before the first concept, or any verb that opens a verb-object phrase
#: (term_shape.LEAD_VERBS): the concept is its object, not the sentence's subject
#: (支持非公产业园建设，…，引导小微企业…: the park guides nothing; 办好特殊教育、继续教育，引导…)
_DOING_BEFORE = re.compile(
    "|".join(
        sorted({*_MORE_DOING_VERBS, *(v for v in LEAD_VERBS if len(v) >= 2)}, key=lambda v: (-len(v), v))
    )
)


def _topic(m: _Masked, clauses: list[tuple[int, int]]) -> tuple[list[int], bool, bool]:
    """(ids, nominal, directive) of the sentence topic: a concept group within the
    first four characters of the sentence (after a leading speech clause)."""
    s = m.s
    for i, (a, b) in enumerate(clauses[:2]):
        cl = s[a:b]
        tm = _LEAD_GROUP_RE.match(cl)
        if not tm:
            return [], False, False
        pre = tm.group(1)
        if re.search("(?:对|在|把|将|以|用|通过|为|由|从|向|与|和|随着|根据|按照|围绕)", pre):
            return [], False, False
        rest = cl[tm.end() :]
        if _SPEECH.search(rest) and i == 0:
            continue  # 习近平在讲话中强调，…
        if re.match("(?:伊始|以来|期间|之际|时|中|后|以后|之后|前|之前|上|里|方面|领域|的|之)", rest):
            return [], False, False
        nominal = not _DOING_BEFORE.search(pre)
        directive = bool(re.match("^[^，,；;：:。！？!?]{0,12}?(?:要|必须|应当|应|务必|需要)", rest))
        ids = [k for k in _ids(tm.group(2)) if m.spans[k].category is not Category.PERSON]
        return ids, nominal, directive  # a person is the speaker, not the agent of every clause
    return [], False, False
