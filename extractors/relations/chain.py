"""Verb chains ``V Y、V Z`` (`_verb_chain`): the typed objects of a run of cue verbs,
read after a subject, a means (``以/通过X…``), a carried topic or a stated purpose."""

from __future__ import annotations

import re

from extractors.relations.cues import _VERB_CUES
from extractors.relations.grammar import _ADV, _VERB_RE
from extractors.relations.masking import _G, _NP, _NPI, _ids, _Masked
from kg.model import RelationType

R = RelationType


_NOUN_USE = (
    "(?!干部|集体|小组|班子|体制|机制|人|职务|核心|地位|作用|权|下|之下|者|方式|水平|能力|制度|工作|部门"
    "|和|与|、|等|的|及)"
)
_ITEM_RE = re.compile(f"{_ADV}*({_VERB_RE}){_NOUN_USE}(?:了|着|出|好)?{_ADV}*")
#: verbs of improving: what a means is used for (运用X推进A、优化B、凝聚C; train_extra)
_MEANS_ITEM_RE = re.compile(
    f"{_ADV}*(加强|增强|提升|提高|优化|凝聚|创新|完善|深化|改善|扩大|强化|健全){_NOUN_USE}{_ADV}*"
)

_SKIP_ITEM_RE = re.compile(f"{_NP}{{1,12}}?(?=、)")
_CHAIN_OBJECT_RE = re.compile(f"({_NPI}{{0,6}}?)({_G})")
_NEXT_ITEM_RE = re.compile(f"{_NP}{{0,10}}?(?:、|并|和)")


def _verb_chain(
    m: _Masked, pos: int, end: int, means: bool = False
) -> list[tuple[RelationType, list[int], bool]]:
    """Items ``V Y、V Y`` starting at `pos` (before `end`): (type, objects, has 了).
    `means`: the chain says what a means is used for (以/通过/运用X …): a verb of improving
    (优化, 加强, 凝聚 …) then promotes its object too."""
    s = m.s
    items: list[tuple[RelationType, list[int], bool]] = []
    started = False
    while pos < end:
        im = _ITEM_RE.match(s, pos, end) or (_MEANS_ITEM_RE.match(s, pos, end) if means else None)
        if not im:
            vm = _SKIP_ITEM_RE.match(s, pos, end)
            if not vm or not started:
                break
            pos = vm.end() + 1  # 推进A、优化B、促进C: skip an item whose verb is no cue
            continue
        started = True
        typ = _VERB_CUES.get(im.group(1), R.PROMOTES)
        obj = _CHAIN_OBJECT_RE.match(s, im.end(), end)
        if obj and typ is R.TRANSFORMS_INTO and re.match(f"^(?:{_NP}{{0,12}}?之间)?的", s[obj.end() : end]):
            pos = obj.end()  # 转化为A和B之间的矛盾: the change is into the head noun, not into A or B
        elif obj and (len(obj.group(1)) <= 2 or re.match(f"^{_NPI}{{0,5}}的$", obj.group(1))):
            items.append((typ, _ids(obj.group(2)), "了" in s[im.start() : im.end()]))
            pos = obj.end()
        else:
            pos = im.end()
        nxt = _NEXT_ITEM_RE.match(s, pos, end)
        if not nxt:
            break
        pos = nxt.end()
    return items
