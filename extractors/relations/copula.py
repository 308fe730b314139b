"""Copula family: ``X是(…)Y的(…)N`` and its variants: the subject carried to later
``是`` clauses, to ``这也是`` and from a topic clause (``实施X，是…``), the reversed
``Y的N是X``, the copula of change ``X成为Y的N`` / ``把X打造成Y的N``, and the
``有利于`` clauses that follow a stated copula."""

from __future__ import annotations

import re

from extractors.relations.chain import _verb_chain
from extractors.relations.collect import _Out
from extractors.relations.cues import _DEV_NOUNS, _NOUN_CUES, _OWN_NOUNS
from extractors.relations.grammar import _GROWTH, _MODS, _NOUN_RE
from extractors.relations.masking import _G, _NP, _X, _ids, _Masked
from extractors.relations.predicate import _classify
from kg.model import RelationType

_SUBJ_GAP = re.compile(
    f"^(?:的?(?:建设|工作|实践|事业)|{_GROWTH})?(?:[和与及][^，,；;：:。！？!?的\ue000-\uf8ff]{{1,4}})?(?:也|就|都|正|才|更|则|既|又|还|同样|首先|本身|必然|始终|恰恰|仍然|依然|已经|"
    "本来|从来|一直|历来|无疑|确实|实际上|本质上|归根到底|说到底|不仅|不只|不但|不光|不单)*$"
)
_INHERIT_GAP = re.compile(
    "^(?:这|这也|这就|这更|这正|这既|这些|这都|它|它们|也|又|更|还|既|而且|同时|都|就|并且|且|而)*$"
)
_TOPIC_CLAUSE = re.compile(
    f"^{_NP}{{0,5}}({_G})(?:的?(?:建设|工作|实践|事业)|{_GROWTH})?"
    f"(?:(?:从|自|在){_NP}{{1,8}}(?:起|以来|来|中|时)|始终|一直|历来|从来)?$"
)
#: a clause saying what the topic bears on (…，直接关系经济社会发展，是…): no topic of its own
_BEARS_ON = re.compile("^(?:直接|深刻|紧密|密切)?(?:关系到?|关乎|事关|影响到?|决定|涉及|攸关)")


def _topic_clause(clause: str) -> re.Match[str] | None:
    """A clause that is only a topic (实施X), not one saying what a topic bears on."""
    return None if _BEARS_ON.match(clause) else _TOPIC_CLAUSE.match(clause)


_COPULA_RE = re.compile("是|成为|成了|堪称|不愧为|(?:打造|建设|建|培育|锻造|塑造|发展)成为?")
_BECOME_GAP = (
    "(?:的?(?:建设|工作|实践|事业))?(?:也|都|已经|已|将|要|必须|应当|应|能够|能|会|正在|逐步|日益|真正|"
    "切实|努力|更好地|更加|进一步|充分|始终|真正|继续)*"
)
#: a later clause stating what the copula's subject is good for (…是Y的必然要求，有利于维护Z)
_BENEFIT_RE = re.compile("^(?:也|还|更|并|既|又)?(?:有利于|有助于|有益于)")
_BAD_BEFORE_SHI = re.compile("(?:但|而|凡|总|于|只|要|或|不|真|像|倒|硬|可|即使|若|如果|不管|无论)$")

_REVERSED_SUBJECT_RE = re.compile(f"({_G})的?(?:{_MODS}的)?{_MODS}({_NOUN_RE.pattern})(?:也|就|都|正|则)?$")
_SUBJECT_BEFORE_RE = re.compile(f"({_G})({_NP}*)$")
_REVERSED_HEAD_RE = re.compile(f"^(?:坚持|实行|实现)?({_G})")
_BECOME_SUBJECT_RE = re.compile(f"{_X}{_BECOME_GAP}$")


def _copula(m: _Masked, clauses: list[tuple[int, int]], out: _Out) -> None:
    s = m.s
    if not _COPULA_RE.search(s):
        return  # no copula in any clause (the 有利于 clauses follow a copula's subject)
    last_subject: list[int] = []
    prev_clause = ""
    stated: list[int] = []  # the subject of this sentence's copula, for later 有利于 clauses
    # the topics of the clauses that open the sentence, while each is one (加强A，推进B，是…)
    opening_topics: list[int] | None = []
    for ci, (a, b) in enumerate(clauses):
        clause = s[a:b]
        if s[a - 1 : a] in "（(" and s[b : b + 1] in "）)" and a > 0 and not _ids(clause):
            continue  # a note in brackets (办公厅（室）是…): the subject carries over it
        bm = _BENEFIT_RE.match(clause)
        if stated and bm:
            for typ, objs, _ in _verb_chain(m, a + bm.end(), b):
                out.add(stated, typ, [o for o in objs if o not in stated], "benefit_of_subject")
        p = -1
        become = False  # X成为Y的N, 把X打造成Y的N: a copula of change
        for sm in _COPULA_RE.finditer(clause):
            q = sm.start()
            if sm.group(0) != "是":
                if _ids(clause[:q]) and _BECOME_SUBJECT_RE.search(clause[:q]):
                    p, plen, become = q, len(sm.group(0)), True
                    break
                continue
            if _BAD_BEFORE_SHI.search(clause[:q]) or re.match("是(?:否|不是|非|要|说|因为|由于)", clause[q:]):
                continue
            if clause[:q].endswith("就") and re.match("是(?:要|在)", clause[q:]):
                continue
            p, plen = q, 1
            break
        if p < 0:
            last_subject = [] if _ids(clause) else last_subject
            prev_clause = clause
            tm = _topic_clause(clause)
            opening_topics = opening_topics + _ids(tm.group(1)) if tm and opening_topics is not None else None
            continue
        before, pred = clause[:p], clause[p + plen :]
        # reversed: Y的N是X
        rev = _REVERSED_SUBJECT_RE.search(before)
        gm = _SUBJECT_BEFORE_RE.search(before)
        subject: list[int] = []
        carried = False
        if rev and _REVERSED_HEAD_RE.match(pred):
            head_m = _REVERSED_HEAD_RE.match(pred)
            assert head_m is not None
            typ = _NOUN_CUES[rev.group(2)]
            out.add(_ids(head_m.group(1)), typ, _ids(rev.group(1)), "copula_reversed")
            last_subject = []
            prev_clause = clause
            continue
        if become:
            subject = _ids(re.search(f"({_G}){_BECOME_GAP}$", before).group(1))  # type: ignore[union-attr]
        elif gm and _SUBJ_GAP.match(gm.group(2)):
            subject = _ids(gm.group(1))
        elif _INHERIT_GAP.match(before):
            carried = True
            if last_subject:
                subject = last_subject
            elif opening_topics and ci >= 2:
                subject = opening_topics  # 加强A，推进B，是Y的保证: each opening topic
            else:
                tm = _topic_clause(prev_clause)
                if tm and not re.search("(?:指出|强调|表示|认为|说)$", prev_clause):
                    subject = _ids(tm.group(1))
        if subject:
            found = _classify(pred) or _continued(s, clauses, ci, pred)
            if found:
                rule = (
                    "copula_become"
                    if become
                    else "copula_carried_subject"
                    if carried
                    else "copula_generic_noun"
                    if found[2].startswith("verb:")
                    else "copula_dev_noun"
                    if found[2] in _DEV_NOUNS
                    else "copula_broad_noun"
                    if found[2] in _OWN_NOUNS
                    else "copula"
                )
                out.add(subject, found[0], [t for t in found[1] if t not in subject], rule)
                stated = subject
            last_subject = subject
        else:
            last_subject = []
        prev_clause = clause
        opening_topics = None


#: how many later clauses a copula's predicate may run over before its head noun
#: (是凝聚…，促进…的和谐，夺取…的重要法宝)
_MAX_CONTINUATION = 3


def _continued(
    s: str, clauses: list[tuple[int, int]], ci: int, pred: str
) -> tuple[RelationType, list[int], str] | None:
    """The predicate of clause ``ci``, a verb phrase without 的, read on into the next
    clauses (none with 是) up to the first reading that classifies (这也是…会上，…提出的
    “六个必须”的首要内容; 是凝聚…，促进Y的和谐，…的重要法宝); the tail must be named in
    the continuation."""
    if "的" in pred:
        return None  # the predicate has its own head noun (是…的共同任务，中央和…)
    for a, b in clauses[ci + 1 : ci + 1 + _MAX_CONTINUATION]:
        nxt = s[a:b]
        if "是" in nxt:
            return None
        continuation = s[clauses[ci][1] : b]  # with the commas: a possessor's noun ends its clause
        if "的" not in nxt:
            continue
        found = _classify(pred + continuation)
        if found:
            return found if set(found[1]) & set(_ids(continuation)) else None
    return None
