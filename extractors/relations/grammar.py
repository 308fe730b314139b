"""Regular-expression pieces shared by the cue families: adverbs (`_ADV`), modifiers of a
head noun (`_MODS`), doing verbs (`_DO_VERB` and the patterns built on it), the
alternations of the head-noun and verb cues (`_NOUN_RE`, `_VERB_RE`) and the frame
``以X为N`` (`_FRAME_RE`), read by both the frames and the guidance family."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.relations.cues import _FRAME_CUES, _NOUN_CUES, _VERB_CUES
from extractors.relations.masking import _G, _NP

_ADV = (
    "(?:要|必须|应当|应该|应|将|会|能够|能|可以|更好地|更好|更加|有力地|有力|有效地|有效|充分|集中|"
    "进一步|切实|不断|持续|积极|全面|深入|大力|努力|才能|就是要|就要|就|也|都|始终|已经|已|正在|"
    "真正|着力|加快|深刻地|深刻|生动地|生动|鲜明地|鲜明|共同|直接|有机|自觉|坚定|坚决|牢牢|"
    "全力|主动|广泛|逐步|稳步|逐渐|更|再|又|还|既|均|则|从而|进而)"
)


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True)) + ")"


_MODS = (
    "(?:最|根本|重要|基本|主要|本质|核心|首要|集中|生动|具体|特有|独特|最高|专门|有效|必然|"
    "直接|鲜明|显著|强大|坚强|有力|政治|制度|组织|历史|重大|重点|关键|总|新|伟大|唯一|一项|一个|"
    "一道|最后|一种|内在|科学|正确|强大|深厚|宝贵|广泛|真实|管用|不可或缺|不可分割|不可替代)*"
)
_DO_VERB = (
    "(?:推进|推动|加强|实施|推行|坚持|发展|深化|完善|健全|建设|抓好|做好|开展|加快|促进|构建|形成|实现|打好|打赢|开创|"
    "坚持和完善|加强和改进|坚持和发展|着力推进|全面推进|深入推进)"
)
#: text that ends with a doing verb: what follows is its object (推行|X, 做好|X)
_AFTER_DOING_VERB_RE = re.compile(f"{_DO_VERB}(?:好)?$")
#: a concept's growth or putting into effect named as a noun (国防实力的不断加强, 厂长负责制的推行)
_GROWTH = (
    "(?:的(?:不断|持续|日益|进一步|全面|普遍)?"
    "(?:加强|发展|完善|提高|巩固|壮大|深化|推行|实施|建立|推进|落实))"
)
_DONE_CLAUSE = re.compile(f"^{_NP}{{0,16}}?{_DO_VERB}({_G})[^的，,；;：:。！？!?（）()\ue000-\uf8ff]{{0,6}}$")
_NOUN_RE = re.compile(_alt(_NOUN_CUES))
_VERB_RE = _alt(_VERB_CUES)

# 以X为N, also with a verb on X (以铸牢X为主线)
_FRAME_RE = re.compile(
    f"以(?:[^的，,；;：:。！？!?（）()、\ue000-\uf8ff]{{1,3}}?)?({_G})为{_MODS}({_alt(_FRAME_CUES)})"
)
