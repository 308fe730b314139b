"""Roles family: ``X对Y的引领作用``, ``X在促进Y中的积极作用``, ``发挥X…Y的保障作用``, ``发挥X作为Y的N作用``,
``(X)为Y提供保证/作出贡献/保驾护航``, ``把X落到实处，确保Y`` and
``X…，对促进Y具有…作用``."""

from __future__ import annotations

import re

from extractors.relations.chain import _ITEM_RE, _verb_chain
from extractors.relations.collect import _Out
from extractors.relations.cues import _NOUN_CUES, _ROLE_CUES, _VERB_CUES
from extractors.relations.grammar import _ADV, _DONE_CLAUSE, _GROWTH, _MODS, _NOUN_RE, _VERB_RE, _alt
from extractors.relations.masking import _BASE, _G, _NP, _NPI, _clause_of, _ids, _is_concept, _Masked
from extractors.relations.sentence_topic import _topic
from kg.model import RelationType

R = RelationType


_ENSURE_CLAUSE_RE = re.compile(f"^{_ADV}*(?:以)?确保({_NPI}{{0,4}}?)({_G})")

_ROLE_ALT = _alt(_ROLE_CUES)
_ROLE_OVER_RE = re.compile(
    f"({_G})(?:{_NP}{{0,2}})?(?:对|在)({_G}){_NP}{{0,6}}?(?:中|上|方面|领域)?"
    f"(?:的|起到?了?着?|发挥了?着?|具有)?{_MODS}的?({_ROLE_ALT})(?:作用|地位)"
)
_EXERT_RE = re.compile(f"发挥(?:好|出)?({_G})")
#: X在促进Y中的积极作用: the verb of the role is inside, before Y
_ROLE_IN_RE = re.compile(
    f"({_G})(?:[和与及]{_NPI}{{1,6}}?)?在({_VERB_RE})({_G}){_NP}{{0,4}}?(?:中|上|方面)的{_MODS}(?:积极|独特|特殊)?作用"
)
_EXERT_AS_RE = re.compile(f"发挥(?:好|出)?({_G})作为({_G})的?{_MODS}({_NOUN_RE.pattern})的?作用")
_FOR_RE = re.compile(
    f"为({_NP}{{0,4}}?)((?:{_G}{_NP}{{0,8}}?)+?)"
    f"(?:提供|作出|做出|贡献|注入|增添|奠定|夯实|创造|积蓄|汇聚|搭建|打造|构建)了?{_MODS}(?:{_NP}{{0,4}})?"
    "(保证|保障|支撑|动力|贡献|服务|助力|保驾护航|基础|条件|活力|动能|平台|载体|渠道)"
    f"|为({_NP}{{0,4}}?)((?:{_G}{_NP}{{0,8}}?)+?)(保驾护航)"
)
#: a clause naming a concept put into effect (经营责任制和厂长负责制的推行，为…创造了条件)
_PUT_INTO_EFFECT = re.compile(f"^{_NP}{{0,8}}?({_G}){_GROWTH}$")
_SIGNIFICANCE_RE = re.compile(f"^对{_ADV}*({_VERB_RE})")


def _not_modifiers(region: str) -> list[int]:
    """The concepts of `region` except those directly followed by another concept
    (决胜全面建成小康社会三大攻坚战: the first only modifies the second)."""
    return [
        ord(ch) - _BASE
        for i, ch in enumerate(region)
        if _is_concept(ch) and not (i + 1 < len(region) and _is_concept(region[i + 1]))
    ]


def _provider(m: _Masked, clauses: list[tuple[int, int]], pos: int) -> list[int]:
    """Who provides in ``X为Y提供保证``: X right before 为, or, when 为 opens its
    clause, the object of the previous clause ``推进X，为Y提供保证``."""
    s = m.s
    gm = re.search(f"({_G}){_ADV}*$", s[:pos])
    if gm:
        return _ids(gm.group(1))
    ci = _clause_of(clauses, pos)
    a = clauses[ci][0]
    if ci == 0 or not re.match(f"^{_ADV}*$", s[a:pos]):
        return []
    for j in (ci - 1, ci - 2):
        if j < 0:
            break
        prev = s[clauses[j][0] : clauses[j][1]]
        dm = _DONE_CLAUSE.match(prev) or _PUT_INTO_EFFECT.match(prev)
        if dm:
            return _ids(dm.group(1))
    topic, nominal, directive = _topic(m, clauses)
    return topic if nominal and not directive else []  # 中国政府和人民愿…，为世界和平作出新贡献


_FULFIL = "(?:落到实处|落实到位|落地见效|抓实抓好|贯彻到底)"
_FULFIL_CLAUSE_RE = re.compile(f"^{_NP}{{0,6}}?(?:把|将)({_G}){_NP}{{0,2}}{_FULFIL}$")


def _roles(m: _Masked, clauses: list[tuple[int, int]], out: _Out) -> None:
    s = m.s
    for rm in _ROLE_OVER_RE.finditer(s) if "作用" in s or "地位" in s else ():
        out.add(_ids(rm.group(1)), _ROLE_CUES[rm.group(3)], _ids(rm.group(2)), "role_over")
    for rm in _ROLE_IN_RE.finditer(s) if "作用" in s else ():
        out.add(_ids(rm.group(1)), _VERB_CUES[rm.group(2)], _ids(rm.group(3)), "role_in")
    exerts = "发挥" in s
    for em in _EXERT_RE.finditer(s) if exerts else ():
        ci = _clause_of(clauses, em.end())
        end = clauses[ci][1]
        seg = s[em.end() : end]
        for im in re.finditer(f"({_G})的{_MODS}({_ROLE_ALT})作用", seg):
            out.add(_ids(em.group(1)), _ROLE_CUES[im.group(2)], _ids(im.group(1)), "exert_role")
    # 发挥X作为Y(的)重要渠道(的)作用: X is what the noun says of Y
    for am in _EXERT_AS_RE.finditer(s) if exerts else ():
        out.add(_ids(am.group(1)), _NOUN_CUES[am.group(3)], _ids(am.group(2)), "exert_as")
    for fm in _FOR_RE.finditer(s) if "为" in s else ():
        if s.startswith("的", fm.end()):
            continue  # 为Y作出贡献的Z: a relative clause about Z
        cue = fm.group(3) or fm.group(6)
        typ = (
            R.GUARANTEES
            if cue in ("保证", "保障", "保驾护航", "基础")
            else R.CARRIER_OF
            if cue in ("平台", "载体", "渠道")
            else R.PROMOTES
        )
        rule = "provides_guarantee" if typ is R.GUARANTEES else "contributes_to"
        out.add(_provider(m, clauses, fm.start()), typ, _not_modifiers(fm.group(2) or fm.group(5)), rule)
    # 把X落到实处，确保Y
    for ci, (a, b) in enumerate(clauses[1:] if "确保" in s else [], start=1):
        um = _ENSURE_CLAUSE_RE.match(s[a:b])
        if not um or "的" in um.group(1):
            continue
        prev = s[clauses[ci - 1][0] : clauses[ci - 1][1]]
        pm = _FULFIL_CLAUSE_RE.match(prev)
        if pm:
            out.add(_ids(pm.group(1)), R.GUARANTEES, _ids(um.group(2)), "ensure_purpose")
    # X…，对促进Y具有…作用，对保障Z、维护W具有重要意义
    in_scope = False
    head: list[int] = []
    for i, (a, b) in enumerate(clauses if "对" in s else []):
        cl = s[a:b]
        sm = _SIGNIFICANCE_RE.match(cl)
        if sm:
            j = i - 1
            while j >= 0 and _SIGNIFICANCE_RE.match(s[clauses[j][0] : clauses[j][1]]):
                j -= 1
            if j < 0:
                continue
            prev = s[clauses[j][0] : clauses[j][1]]
            # X作为Y的N，对促进…: X is the subject, not Y (政府网站作为电子政务建设的重要内容)
            prev = prev[: prev.index("作为")] if "作为" in prev else prev
            groups = list(re.finditer(_G, prev))
            head = _ids(groups[-1].group(0)) if groups else []
            in_scope = True
            start = a + 1
        elif in_scope and _ITEM_RE.match(s, a, b):
            start = a
        else:
            in_scope = False
            continue
        if not head:
            continue
        if not re.search("(?:具有|有着|发挥|起到)", s[a:]):
            in_scope = False
            continue
        for typ, objs, _ in _verb_chain(m, start, b):
            out.add(head, typ, objs, "significance")
        if re.search("(?:具有|有着|发挥|起到)", cl):
            in_scope = False
