"""The extraction steps shared by the spaCy components and the fast path.

`Analyzer.analyse(text)` runs sentence splitting, jieba segmentation, concept
finding and relation finding directly on a string, without building a spaCy
`Doc` (which costs more than segmentation itself). The spaCy components call
the same functions, so both give the same result (tests/extractors check it).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import jieba
import jieba.posseg

from extractors.action_heads import action_head_cut, coordinated_action_cut, listed_head_cut
from extractors.addressees import addressee_lines, only_addressees_dropped
from extractors.concepts import GENERIC, find_concepts
from extractors.copula_ends import copula_ends
from extractors.corpus_terms import CorpusTerms, load_corpus_terms, load_weak_terms, merge_corpus_terms
from extractors.formula_members import formula_members, member_relations
from extractors.frame_parts import frame_parts
from extractors.lexicon import Lexicon, normal_form
from extractors.nested_leaders import nested_leaders, organization_names
from extractors.new_kinds import with_new_kinds
from extractors.notices import notice_lines, outside_notices
from extractors.patterns import opening_title
from extractors.relations import TOPIC_MENTIONS, defining_relations, find_relations, has_defining_cue
from extractors.segmenter import segment_offsets, token_ending_at, token_starting_at
from extractors.sentences import clause_windows, spans_by_sentence, split_sentences
from extractors.span_rules import (
    LEADING_WORD_STARTS,
    function_word_cut,
    inside_generic_noun,
    instrument_verb_cut,
    joined_conjunct_start,
    leading_word_cut,
    names_party_members,
    person_led_clause,
    process_word_cut,
    refers_to_other,
    titled_person_cut,
    untitled_decision,
    with_activity_pair,
    with_organization_work,
    with_programme,
)
from extractors.spans import ConceptSpan, FoundRelation
from extractors.term_shape import shape_term
from kg.model import Category

#: modifiers that belong to the name they precede (现代公共法律服务体系, 重大决策程序制度)
NAME_MODIFIERS = frozenset({"现代", "重大", "当代", "大", "基层", "城乡", "党内", "网上"})
#: the modifier that makes a name China's own version of it (中国特色|社会主义司法制度)
_CHINESE_FEATURES = "中国特色"
#: characters before a span searched for the list item before it
_LIST_LOOKBACK = 16
#: jieba frequency given to lexicon terms so that segmentation keeps them whole
USER_WORD_FREQ = 50_000
#: jieba's own frequency of each word we raised (None: not in its dictionary)
_ORIGINAL_FREQ: dict[str, int | None] = {}


def add_user_words(lexicon: Lexicon) -> None:
    """Make jieba keep every lexicon surface form whole, but ministries (…部): raised, they
    would cut 交通运输部门 (transport departments) into 交通运输部|门; their lexicon match
    joins jieba's own tokens (交通运输|部)."""
    jieba.initialize()
    for surface in lexicon.surfaces:
        if len(surface) >= 3 and surface.endswith("部"):
            continue
        if len(surface) >= 2 and surface.isalnum() and surface not in _ORIGINAL_FREQ:
            _ORIGINAL_FREQ[surface] = jieba.dt.FREQ.get(surface) or None
            jieba.add_word(surface, USER_WORD_FREQ)


def remove_user_words(keep: Lexicon) -> None:
    """Give jieba back its own frequencies for the words `keep` does not list."""
    for surface in [w for w in _ORIGINAL_FREQ if w not in keep.surfaces]:
        freq = _ORIGINAL_FREQ.pop(surface)
        if freq is None:
            jieba.del_word(surface)
        else:
            jieba.add_word(surface, freq)


#: words jieba's dictionary tags as nouns that are adverbs in every use (全力|组织实施, 全力推进)
_ADVERBS = {"全力": "d"}


#: tags of the two halves of a four-character set phrase that make it a noun compound
_NOUN_HALVES = frozenset({"n", "vn", "nz", "b", "j", "ns"})


def is_noun_compound(word: str, tags: Mapping[str, str]) -> bool:
    """Whether a four-character word jieba tags as a set phrase (l) is two nominal halves, a noun:
    国民|教育, 生态|环境, 计划|生育, 体制|改革 (not 高度|重视, 积极|开展, 不断|完善) (pure)."""
    return len(word) == 4 and tags.get(word[2:]) in ("n", "vn", "nz") and tags.get(word[:2]) in _NOUN_HALVES


def make_tagger(lexicon: Lexicon) -> Callable[[str], str]:
    """Part of speech of a word: LEX for lexicon terms, else jieba's dictionary tag (x if unknown),
    with the few adverbs it tags as nouns corrected, and its set phrases (l) that are noun
    compounds tagged n."""
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    surfaces = lexicon.surfaces

    def tag(word: str) -> str:
        if word in surfaces:
            return "LEX"
        pos = _ADVERBS.get(word) or tags.get(word, "x")
        return "n" if pos == "l" and is_noun_compound(word, tags) else pos

    return tag


def segment(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of jieba's non-space tokens of `text`.

    jieba's HMM guesses at unknown words are off: they cost a third of the time
    and change nothing measurable on the dev set (person names come from
    patterns on the raw text). The offsets come from `segmenter.segment_offsets`, jieba's
    algorithm and dictionary in one pass (the same tokens, twice as fast).
    """
    return segment_offsets(text)


#: the opening of a document ends with its first full sentence, or this many characters in
OPENING_CHARS = 120


def opening_end(text: str, sentences: Sequence[tuple[int, int]]) -> int:
    """Where the document's opening ends: its title lines and first sentence (or a heading and
    lead), at most OPENING_CHARS characters after the first sentence starts."""
    end = sentences[0][1]
    for _, e in sentences:
        end = e
        if text[e - 1] in "。！？!?" or e >= sentences[0][0] + OPENING_CHARS:
            break
    return end


def document_topics(
    text: str, sentences: Sequence[tuple[int, int]], spans: Sequence[ConceptSpan], title: str | None = None
) -> Counter[str]:
    """The concepts named in the document's opening (its title lines and first sentence, or a
    heading and lead), or containing a name of three characters or more named there, with
    their mentions in the whole document: what the document is about. `title`: the name of
    the official title opening it (`opening_title_name`; found here if not given)."""
    if not sentences:
        return Counter()
    end = opening_end(text, sentences)
    named = {c.name for c in spans if c.end <= end}
    title = opening_title_name(text) if title is None else title
    if title:  # one span covers an official title: what it names is named in the opening too
        named |= {c.name for c in spans if len(c.name) >= 2 and c.name in title}
    parts = [n for n in named if len(n) >= 3]  # a title broken over two lines names the topic in parts
    return Counter(c.name for c in spans if c.name in named or any(p in c.name for p in parts))


def opening_title_name(text: str) -> str:
    """The name of the official title opening the document (patterns.opening_title), or ""."""
    title = opening_title(text)
    return title[0].name if title else ""


def titled_topics(title: str, topics: Counter[str]) -> frozenset[str]:
    """The document's topics that the official title opening it (its name: `title`) names."""
    return frozenset(t for t in topics if t in title) if title else frozenset()


def sentence_relations(
    text: str, sentences: Sequence[tuple[int, int]], spans: Sequence[ConceptSpan]
) -> list[tuple[int, FoundRelation]]:
    """Relations found in each sentence among the concept spans inside it, as (sentence index, relation)."""
    return _window_relations(text, sentences, relation_windows(text, sentences), spans)


def _window_relations(
    text: str,
    sentences: Sequence[tuple[int, int]],
    windowed: tuple[list[tuple[int, int]], list[int]],
    spans: Sequence[ConceptSpan],
) -> list[tuple[int, FoundRelation]]:
    """`sentence_relations` with the sentences' `relation_windows` given."""
    found: list[tuple[int, FoundRelation]] = []
    title = opening_title_name(text)
    topics = document_topics(text, sentences, spans, title)
    titled = titled_topics(title, topics)
    windows, owner = windowed
    seen: set[tuple[int, FoundRelation]] = set()
    for j, members in sorted(spans_by_sentence(windows, spans).items()):
        if len(members) < 2:
            continue
        for rel in find_relations(text, windows[j], members, topics, titled):
            if (owner[j], rel) not in seen:
                seen.add((owner[j], rel))
                found.append((owner[j], rel))
    return found


#: relation rules read sentences in windows of at most this many characters (see clause_windows)
RELATION_WINDOW = 2_000


def relation_windows(
    text: str, sentences: Sequence[tuple[int, int]], limit: int = RELATION_WINDOW
) -> tuple[list[tuple[int, int]], list[int]]:
    """The windows relation rules read (each sentence, cut only when over `limit` characters)
    and the index of the sentence each window belongs to."""
    windows: list[tuple[int, int]] = []
    owner: list[int] = []
    for k, (start, end) in enumerate(sentences):
        for w in clause_windows(text, start, end, limit) if end - start > limit else [(start, end)]:
            windows.append(w)
            owner.append(k)
    return windows, owner


def relations_with_ends(
    text: str,
    sentences: Sequence[tuple[int, int]],
    spans: Sequence[ConceptSpan],
    weak: Sequence[ConceptSpan],
    formulas: Mapping[str, frozenset[str]] | None = None,
    organizations: Mapping[str, str] | None = None,
) -> tuple[list[ConceptSpan], list[tuple[int, FoundRelation]]]:
    """Relations among the concept spans, plus those a defining construction (relations.END_RULES)
    states between a concept and a weak term (a phrase scored just below the concept threshold);
    such a weak term becomes a concept span too. `weak` must not overlap `spans`. `formulas`
    (formula_members.formula_members) adds the membership of formula members named next to
    their formula (formula_members.member_relations); `organizations` (nested_leaders.
    organization_names) the body named at the start of a name it leads (nested_leaders)."""
    windowed = relation_windows(text, sentences)
    found = _window_relations(text, sentences, windowed, spans)
    seen = set(found)
    extra: list[tuple[int, FoundRelation]] = []
    if formulas:
        extra += member_relations(sentences, spans, formulas)
    if organizations:
        leaders, led = nested_leaders(text, sentences, spans, organizations)
        if leaders:
            spans = sorted([*spans, *leaders], key=lambda c: (c.start, -c.end))
        extra += led
    extra = [kr for kr in dict.fromkeys(extra) if kr not in seen]
    if extra:
        found = sorted([*found, *extra], key=lambda kr: kr[0])
        seen.update(extra)
    known = {c.name for c in spans}
    weak = [c for c in weak if c.name not in known]
    if not weak:
        return list(spans), found
    names = {c.name for c in weak}
    windows, owner = windowed
    members = spans_by_sentence(windows, sorted([*spans, *weak], key=lambda c: (c.start, -c.end)))
    with_weak = {j for j, group in members.items() if any(c.name in names for c in group)}
    used: set[str] = set()
    for j in sorted(with_weak):
        if len(members[j]) < 2:
            continue
        k = owner[j]
        for r, _ in defining_relations(text, windows[j], members[j]):
            if (r.head in names) == (r.tail in names) or (k, r) in seen:
                continue
            found.append((k, r))
            seen.add((k, r))
            used.add(r.head if r.head in names else r.tail)
    if not used:
        return list(spans), found
    merged = sorted([*spans, *(c for c in weak if c.name in used)], key=lambda c: (c.start, -c.end))
    return merged, sorted(found, key=lambda kr: kr[0])


@dataclass(frozen=True, slots=True)
class Analysis:
    sentences: list[tuple[int, int]]
    spans: list[ConceptSpan]
    relations: list[tuple[int, FoundRelation]]


def _covered(text: str, spans: Iterable[ConceptSpan]) -> bytearray:
    """One byte per character of `text` (and one past its end), 1 where a span covers it."""
    covered = bytearray(len(text) + 1)
    for c in spans:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    return covered


#: tags of a word that can be a verb's object (jieba's nouns, abbreviations, lexicon terms)
_OBJECT_TAGS = frozenset({"n", "ng", "nr", "ns", "nt", "nz", "j", "LEX"})


class Analyzer:
    """Concepts and relations of a text with one lexicon (jieba keeps its terms whole)."""

    def __init__(self, lexicon: Lexicon, corpus_terms: CorpusTerms | None = None) -> None:
        self.lexicon = lexicon
        self.tag = make_tagger(lexicon)
        #: the shape of each corpus term met (term_shape.py), for this lexicon and these terms
        self._shapes: dict[str, tuple[int, int] | None] = {}
        self.set_lexicon(lexicon)
        self._corpus_terms = load_corpus_terms() if corpus_terms is None else corpus_terms
        #: terms scored just below the threshold (data/corpus_terms_weak.tsv): relation ends only
        self.weak_terms = load_weak_terms()

    @property
    def corpus_terms(self) -> CorpusTerms:
        """Terms mined from the corpus (data/corpus_terms.tsv); an empty set turns them off."""
        return self._corpus_terms

    @corpus_terms.setter
    def corpus_terms(self, terms: CorpusTerms) -> None:
        self._corpus_terms = terms
        self._shapes = {}  # a term's shape depends on which terms are known

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._shapes = {}
        remove_user_words(lexicon)
        add_user_words(lexicon)
        self.tag = make_tagger(lexicon)
        #: each formula's members (formula_members.py), for the relations of members named near it
        self.formulas = formula_members(lexicon)
        #: the organizations' surface forms, for a leading body named inside a name (nested_leaders.py)
        self.organizations = organization_names(lexicon)

    def concepts(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[ConceptSpan]:
        spans = find_concepts(text, tokens, self.lexicon, self.tag)
        if self.corpus_terms:
            spans = self._with_corpus_terms(text, tokens, spans)
        spans = self._without_action_heads(text, self._with_modifiers(text, tokens, spans))
        spans = with_new_kinds(text, tokens, spans, self.lexicon.name_of)
        addressed = addressee_lines(text)
        if addressed:  # 各省、自治区、直辖市人民政府，国务院各部委、各直属机构： names receivers
            spans = only_addressees_dropped(text, spans, addressed)
        notices = notice_lines(text)
        if notices:  # 本作品是中华人民共和国的法律…属于公有领域。: a note on the copy
            spans = outside_notices(spans, notices)
        out: list[ConceptSpan] = []
        seen: set[tuple[int, int]] = set()
        starts = {c.start for c in spans}
        ends = {c.end for c in spans}
        person_ends = {c.start: c.end for c in spans if c.category is Category.PERSON}
        for c in spans:
            if (
                inside_generic_noun(text, c)
                or names_party_members(text, c)
                or untitled_decision(text, c, self.lexicon)
                or person_led_clause(c, person_ends, self.lexicon.entries)
            ):
                continue
            if c.surface[:1] in LEADING_WORD_STARTS:  # most spans start otherwise: one test
                if refers_to_other(c):
                    continue
                lead = leading_word_cut(c, self.lexicon.entries) or function_word_cut(
                    text, tokens, c, self.lexicon.entries
                )
                if lead:
                    c = self._respan(text, c, c.start + lead, c.end)
            titled = titled_person_cut(c, self.lexicon.entries)
            if titled:  # 周恩来同志 → the person 周恩来
                person = c.surface[:-titled]
                c = ConceptSpan(
                    c.start, c.end - titled, person, self.lexicon.name_of(person), Category.PERSON
                )
            c = with_activity_pair(text, with_programme(text, c, self.lexicon), self.lexicon)
            c = with_organization_work(text, tokens, self.tag, c, self.lexicon)
            joined = joined_conjunct_start(
                text, tokens, self.tag, c, ends, self.lexicon.entries, self.lexicon.stop
            )
            if joined is not None:
                c = self._respan(text, c, joined, c.end)
            cut = instrument_verb_cut(text, c, c.end in starts) or process_word_cut(text, c)
            if cut:
                c = self._respan(text, c, c.start, c.end - cut)
            if (c.start, c.end) not in seen:  # a nested known term may have been extended too
                seen.add((c.start, c.end))
                out.append(c)
        return frame_parts(text, tokens, self.tag, out, self.lexicon.name_of)

    def _respan(self, text: str, c: ConceptSpan, start: int, end: int) -> ConceptSpan:
        """`c` moved to text[start:end], named as the lexicon names that surface."""
        surface = text[start:end]
        return ConceptSpan(start, end, surface, self.lexicon.name_of(surface), c.category)

    def _without_action_heads(self, text: str, spans: list[ConceptSpan]) -> list[ConceptSpan]:
        """Spans cut before a generic action head on the thing they name (服务型政府建设 →
        服务型政府, extractors/action_heads.py), or before the first of two coordinated actions
        (群团组织改革|和建设，); lexicon terms and persons are left whole."""
        out: list[ConceptSpan] = []
        taken = {(c.start, c.end) for c in spans}
        for c in spans:
            cut = (
                0
                if c.category is Category.PERSON or c.name in self.lexicon.entries
                else action_head_cut(c.surface)
                or coordinated_action_cut(c.surface, text[c.end : c.end + 4])
                or listed_head_cut(
                    c.surface, text[max(0, c.start - _LIST_LOOKBACK) : c.start], text[c.end : c.end + 1]
                )
            )
            if not cut:
                out.append(c)
            elif (c.start, c.end - cut) not in taken:  # a known term nested there stays alone
                out.append(self._respan(text, c, c.start, c.end - cut))
        return out

    def _with_modifiers(
        self, text: str, tokens: Sequence[tuple[int, int]], spans: list[ConceptSpan]
    ) -> list[ConceptSpan]:
        """Spans extended over a name-forming modifier right before them (the longest natural
        name): 现代|公共法律服务体系, 重大|决策程序制度, 大|统战工作格局, 党的|民族工作,
        中国特色|社会主义司法制度."""
        if not spans:
            return spans
        taken = {(c.start, c.end) for c in spans}
        out: list[ConceptSpan] = []
        for c in spans:
            k = token_ending_at(tokens, c.start)
            new_start = None
            if k is not None and c.category is not Category.PERSON and c.name not in GENERIC:
                s, e = tokens[k]
                word = text[s:e]
                if word in NAME_MODIFIERS and (
                    word != "大" or c.name.endswith(("格局", "机制", "体系", "平台"))
                ):
                    new_start = s
                elif word == "的" and k >= 1 and text[tokens[k - 1][0] : tokens[k - 1][1]] == "党":
                    new_start = tokens[k - 1][0]
                elif text.endswith(_CHINESE_FEATURES, 0, c.start) and token_starting_at(
                    tokens, c.start - len(_CHINESE_FEATURES)
                ):
                    new_start = c.start - len(_CHINESE_FEATURES)
                if new_start is not None and (new_start, c.end) in taken:
                    new_start = None
            if new_start is None:
                out.append(c)
                continue
            out.append(self._respan(text, c, new_start, c.end))
        return out

    # ---- hook: mined corpus terms (extractors/corpus_terms.py, built by scripts/mine_terms.py) ----

    def _with_corpus_terms(
        self, text: str, tokens: Sequence[tuple[int, int]], spans: list[ConceptSpan]
    ) -> list[ConceptSpan]:
        """Merge the corpus terms found in `text` into the rule/lexicon spans (longest match wins:
        a term fills a gap or replaces the spans it strictly contains, except known lexicon terms,
        and never cuts one). Terms are shaped by the guidelines (term_shape.py); terms the shape
        refuses or the stoplist or the generic words name are left out, and a shorter term in
        their place may match; lexicon terms take their lexicon name."""

        def keep(c: ConceptSpan) -> ConceptSpan | None:
            cut = self._shape(text, tokens, c)
            if cut is None or self._verb_cut_from_object(text, tokens, c.end):
                return None
            if cut != (0, 0):
                surface = c.surface[cut[0] : len(c.surface) - cut[1]]
                start, end = c.start + cut[0], c.end - cut[1]
                c = ConceptSpan(start, end, surface, normal_form(surface), c.category)
            if self._never_a_concept(c.name):
                return None
            entry = self.lexicon.lookup(c.name)
            if entry is not None:
                c = ConceptSpan(c.start, c.end, c.surface, entry.name, entry.category)
            return c

        found = self.corpus_terms.find_on_tokens(text, tokens, keep)
        # a known (lexicon) term inside a longer corpus term is kept too, as find_concepts does
        known = self.lexicon.entries
        return merge_corpus_terms(spans, found, lambda s: s.name in known)

    def _verb_cut_from_object(self, text: str, tokens: Sequence[tuple[int, int]], end: int) -> bool:
        """Whether a span ending at `end` ends in a one-character verb that makes a word with the
        one-character noun after it (依法|治|港…: 治港, the term stops inside a verb-object word;
        not 互利共|赢|的, not 西气东|输|工程 where a head noun follows)."""
        k = token_ending_at(tokens, end)
        if k is None or k + 1 >= len(tokens) or tokens[k][1] - tokens[k][0] != 1:
            return False
        if tokens[k + 1] != (end, end + 1):
            return False
        if not self.tag(text[tokens[k][0] : end]).startswith("v"):
            return False
        return self.tag(text[end : tokens[k + 1][1]]) in _OBJECT_TAGS

    def _shape(self, text: str, tokens: Sequence[tuple[int, int]], c: ConceptSpan) -> tuple[int, int] | None:
        """Characters to cut at each end of a corpus term (None: no concept), see term_shape.py."""
        key = c.surface
        if key in self._shapes:
            return self._shapes[key]
        if self.lexicon.lookup(c.name) is not None:
            cut: tuple[int, int] | None = (0, 0)
        else:
            i = bisect.bisect_left(tokens, (c.start,))  # the first token starting at c.start or later
            words = []
            while i < len(tokens) and tokens[i][1] <= c.end:
                words.append(text[tokens[i][0] : tokens[i][1]])
                i += 1
            terms, lookup = self.corpus_terms, self.lexicon.lookup
            cut = shape_term(words, lambda n: n in terms or lookup(n) is not None)
        self._shapes[key] = cut
        return cut

    def _with_salient_weak_terms(
        self,
        text: str,
        tokens: Sequence[tuple[int, int]],
        sentences: Sequence[tuple[int, int]],
        spans: list[ConceptSpan],
    ) -> list[ConceptSpan]:
        """Weak corpus terms that are what the document is about become concepts: named in its
        opening (title and first sentence) and mentioned TOPIC_MENTIONS times or more, outside
        every concept span (关于深入开展消费扶贫…的指导意见 with 19 mentions of 消费扶贫)."""
        if not self.weak_terms or not sentences:
            return spans
        end = opening_end(text, sentences)
        weak = self.weak_terms
        opening = {c.surface for c in weak.find_on_tokens(text, tokens[: bisect.bisect_left(tokens, (end,))])}
        topical = [
            t for t in opening if text.count(t) >= TOPIC_MENTIONS and not self._never_a_concept(weak.names[t])
        ]
        if not topical:
            return spans
        covered = _covered(text, spans)
        salient: list[ConceptSpan] = []
        for t in sorted(topical):
            found = []
            i = text.find(t)
            while i >= 0:
                j = i + len(t)
                # whole tokens, outside every concept span
                if (
                    token_starting_at(tokens, i)
                    and token_ending_at(tokens, j) is not None
                    and not any(covered[i:j])
                ):
                    found.append(ConceptSpan(i, j, t, weak.names[t], weak.terms[t][0]))
                i = text.find(t, j)
            # shaped as a corpus term is (term_shape.py), it must stay whole: 作出|重要指示 is an act
            if len(found) >= TOPIC_MENTIONS and self._shape(text, tokens, found[0]) == (0, 0):
                salient += found
        return sorted([*spans, *salient], key=lambda c: (c.start, -c.end)) if salient else spans

    def weak_spans(
        self,
        text: str,
        tokens: Sequence[tuple[int, int]],
        spans: Sequence[ConceptSpan],
        sentences: Sequence[tuple[int, int]],
    ) -> list[ConceptSpan]:
        """Weak corpus terms outside every concept span, in the sentences where a defining
        construction could name them (a concept and a cue word in the sentence), and the
        plain noun phrases at the ends of 是 there (copula_ends.py) that no weak term overlaps."""
        if not spans:
            return []
        # each sentence with a concept and a defining cue, with its tokens
        defining = [
            ((a, b), tokens[bisect.bisect_left(tokens, (a,)) : bisect.bisect_left(tokens, (b,))])
            for a, b in (sentences[k] for k in sorted(spans_by_sentence(sentences, spans)))
            if has_defining_cue(text, a, b)
        ]
        if not defining:
            return []
        covered = _covered(text, spans)
        out: list[ConceptSpan] = []
        if self.weak_terms and self.corpus_terms:
            picked = [t for _, words in defining for t in words]
            out = [
                c
                for c in self.weak_terms.find_on_tokens(text, picked)
                if not any(covered[c.start : c.end])
                and not self._never_a_concept(c.name)
                and not inside_generic_noun(text, c)
            ]
        taken = _covered(text, out)
        for sentence, words in defining:
            if "是" not in text[sentence[0] : sentence[1]]:
                continue
            out += [
                c
                for c in copula_ends(text, sentence, words, self.tag, covered, self._never_a_concept)
                if not any(taken[c.start : c.end])
            ]
        return sorted(out, key=lambda c: (c.start, -c.end))

    def _never_a_concept(self, name: str) -> bool:
        """Whether `name` is stoplisted (learnt wrong from the dev gold) or a generic word."""
        return name in self.lexicon.stop or name in GENERIC

    def analyse(self, text: str) -> Analysis:
        sentences = split_sentences(text)
        tokens = segment(text)
        spans = self.concepts(text, tokens)
        spans = self._with_salient_weak_terms(text, tokens, sentences, spans)
        weak = self.weak_spans(text, tokens, spans, sentences)
        spans, relations = relations_with_ends(
            text, sentences, spans, weak, self.formulas, self.organizations
        )
        return Analysis(sentences, spans, relations)
