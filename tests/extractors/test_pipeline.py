import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.components import SPAN_KEY
from extractors.pipeline import PolicyExtractor, build_pipeline, chunks
from extractors.spans import ConceptSpan
from kg.extraction import Extractor
from kg.model import Category, Document, RelationType, document_id
from kg.normalize import normalize_term, normalize_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"
SPEECH = FIXTURES / "texts" / "zhangqiu-npc-study-speech.txt"
NOTICE = FIXTURES / "texts" / "state-council-law-enforcement-2018.txt"


@pytest.fixture(scope="module")
def extractor() -> PolicyExtractor:
    return PolicyExtractor()


def _doc(text: str) -> Document:
    text = normalize_text(text)
    return Document(document_id(text), "t", text)


def test_implements_the_contract(extractor: PolicyExtractor) -> None:
    assert isinstance(extractor, Extractor)
    assert extractor.name == "policy-rules/1"


def test_records_carry_the_lexicons_aliases_and_the_gold_format_only_the_texts(
    extractor: PolicyExtractor,
) -> None:
    from kg.goldformat import to_gold_format

    ex = extractor.extract(_doc("人民代表大会制度是实现全过程人民民主的重要制度载体。人大制度要与时俱进。"))
    record = next(c for c in ex.concepts if c.name == "人民代表大会制度")
    assert "人大制度" in record.aliases  # named here
    alone = extractor.extract(_doc("人民代表大会制度是实现全过程人民民主的重要制度载体。"))
    record = next(c for c in alone.concepts if c.name == "人民代表大会制度")
    assert "人大制度" in record.aliases  # from the lexicon: the graph finds the concept by it
    gold = to_gold_format(alone, "t.txt")
    assert next(c for c in gold["concepts"] if c["name"] == "人民代表大会制度")["aliases"] == []
    gold = to_gold_format(ex, "t.txt")
    assert next(c for c in gold["concepts"] if c["name"] == "人民代表大会制度")["aliases"] == ["人大制度"]


def test_the_gold_format_names_a_concept_by_the_form_the_text_uses(extractor: PolicyExtractor) -> None:
    from kg.goldformat import to_gold_format

    ex = extractor.extract(_doc("人大制度是实现全过程人民民主的重要制度载体。"))
    assert "人民代表大会制度" in {c.name for c in ex.concepts}  # the graph folds the alias
    gold = to_gold_format(ex, "t.txt")
    names = {c["name"] for c in gold["concepts"]}
    assert "人大制度" in names and "人民代表大会制度" not in names
    assert ("人大制度", "CARRIER_OF", "全过程人民民主") in {
        (r["head"], r["type"], r["tail"]) for r in gold["relations"]
    }


def test_founding_speech_sentence(extractor: PolicyExtractor) -> None:
    sentence = "由此可见，人民代表大会制度是发展全过程人民民主、保证人民当家作主的重要途径和最高实现形式。"
    assert sentence in SPEECH.read_text(encoding="utf-8")
    doc = _doc(sentence)
    ex = extractor.extract(doc)
    names = {c.name for c in ex.concepts}
    assert {"人民代表大会制度", "全过程人民民主", "人民当家作主"} <= names
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.surface
        s, e = ex.sentences[m.sentence]
        assert s <= m.start < m.end <= e
    cats = {c.name: c.category for c in ex.concepts}
    assert cats["人民代表大会制度"] is Category.SYSTEM
    assert cats["全过程人民民主"] is Category.IDEA
    assert ex.extractor == "policy-rules/1"


def test_titles_aliases_and_formula_members(extractor: PolicyExtractor) -> None:
    text = "习近平总书记强调，坚持和完善人民代表大会制度。人大制度是根本政治制度。要树牢“四个意识”。"
    ex = extractor.extract(_doc(text))
    by_name = {c.name: c for c in ex.concepts}
    assert by_name["习近平"].category is Category.PERSON
    assert "人大制度" in by_name["人民代表大会制度"].aliases
    members = [
        (r.position, r.tail)
        for r in ex.relations
        if r.type is RelationType.HAS_MEMBER and r.head == "四个意识"
    ]
    assert members == [(1, "政治意识"), (2, "大局意识"), (3, "核心意识"), (4, "看齐意识")]
    evidence = next(r.evidence for r in ex.relations if r.type is RelationType.HAS_MEMBER)
    assert "四个意识" in evidence.sentence
    assert ex.document.text[evidence.start : evidence.end] == evidence.sentence
    assert "政治意识" not in by_name  # members are concepts only where the text names them


@pytest.mark.parametrize("path", [SPEECH, NOTICE], ids=["speech", "notice-with-addressee-line"])
def test_spacy_path_equals_fast_path(extractor: PolicyExtractor, path: Path) -> None:
    slow = PolicyExtractor(extractor.nlp, use_spacy=True)
    doc = _doc(path.read_text(encoding="utf-8"))
    a, b = extractor.extract(doc), slow.extract(doc)
    assert a.mentions == b.mentions
    assert a.sentences == b.sentences
    assert a.relations == b.relations
    assert a.concepts == b.concepts


def test_saved_pipeline_loads_with_spacy_load(tmp_path: Path) -> None:
    nlp = build_pipeline()
    text = normalize_text(SPEECH.read_text(encoding="utf-8"))
    doc = nlp(text)
    before = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans[SPAN_KEY]]
    nlp.to_disk(tmp_path / "policy_zh")
    loaded = spacy.load(tmp_path / "policy_zh")
    assert loaded.pipe_names == [
        "policy_sentencizer_v1",
        "policy_concepts_v1",
        "policy_relations_v1",
        "policy_concept_filter_v1",
    ]
    doc2 = loaded(text)
    after = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc2.spans[SPAN_KEY]]
    assert before and after == before


def test_chunks_cut_at_line_breaks() -> None:
    text = "甲乙丙\n丁戊\n己庚辛壬\n"
    pieces = list(chunks(text, size=5))
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith("\n") for _, p in pieces)
    assert [o for o, _ in pieces] == [0, 4, 7]


def test_long_documents_keep_offsets(extractor: PolicyExtractor) -> None:
    text = normalize_text(SPEECH.read_text(encoding="utf-8"))
    doc = _doc("\n".join([text] * 8))
    ex = extractor.extract(doc)
    assert all(doc.text[m.start : m.end] == m.surface for m in ex.mentions)


_ALPHABET = "人民代表大会制度全过程民主习近平总书记四个意识“”、，。\n 　ＡＢ１２"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_any_text_gives_consistent_output(text: str) -> None:
    ex = PolicyExtractor()
    doc = _doc(text)
    out = ex.extract(doc)
    for m in out.mentions:
        assert doc.text[m.start : m.end] == m.surface
    for c in out.concepts:
        assert normalize_term(c.name) == c.name  # names are in comparable form
        assert c.name.strip()


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_normalisation_is_idempotent(text: str) -> None:
    assert normalize_text(normalize_text(text)) == normalize_text(text)
    assert normalize_term(normalize_term(text)) == normalize_term(text)


# ---- weak corpus terms as relation ends (core.relations_with_ends) ----


def _span(text: str, surface: str, category: Category = Category.IDEA) -> ConceptSpan:
    i = text.index(surface)
    return ConceptSpan(i, i + len(surface), surface, surface, category)


def test_a_weak_term_named_by_a_unification_becomes_a_concept() -> None:
    from extractors.core import relations_with_ends

    text = "坚持依法治国和以德治国相结合。"
    spans = [_span(text, "依法治国")]
    weak = [_span(text, "以德治国")]
    merged, found = relations_with_ends(text, [(0, len(text))], spans, weak)
    assert [c.name for c in merged] == ["依法治国", "以德治国"]
    assert [(r.head, r.type, r.tail) for _, r in found] == [
        ("依法治国", RelationType.UNIFIED_WITH, "以德治国")
    ]


@pytest.mark.parametrize(
    ("text", "known", "weak", "relation"),
    [
        ("把政治协商纳入决策程序。", "政治协商", "决策程序", ("政治协商", "决策程序")),
        ("公有制经济包括国有经济和集体经济。", "公有制经济", "国有经济", ("国有经济", "公有制经济")),
    ],
)
def test_a_weak_term_named_by_explicit_membership_becomes_a_concept(
    text: str, known: str, weak: str, relation: tuple[str, str]
) -> None:
    from extractors.core import relations_with_ends

    merged, found = relations_with_ends(text, [(0, len(text))], [_span(text, known)], [_span(text, weak)])
    assert weak in [c.name for c in merged]
    assert [(r.head, r.type, r.tail) for _, r in found] == [(relation[0], RelationType.PART_OF, relation[1])]


def test_a_weak_term_is_no_whole_of_a_list_closed_by_deng() -> None:
    from extractors.core import relations_with_ends

    text = "支持工会、共青团等群众团体开展工作。"  # 等C: C is often only a kind of thing
    spans = [_span(text, "工会"), _span(text, "共青团")]
    merged, found = relations_with_ends(text, [(0, len(text))], spans, [_span(text, "群众团体")])
    assert [c.name for c in merged] == ["工会", "共青团"] and found == []


def test_a_weak_term_is_no_end_of_a_weaker_cue() -> None:
    from extractors.core import relations_with_ends

    text = "以数字政府推动营商环境。"  # svo: a cue, but not one that defines its ends
    spans = [_span(text, "数字政府")]
    weak = [_span(text, "营商环境")]
    merged, found = relations_with_ends(text, [(0, len(text))], spans, weak)
    assert [c.name for c in merged] == ["数字政府"] and found == []


def test_two_weak_terms_never_make_a_relation_alone() -> None:
    from extractors.core import relations_with_ends

    text = "坚持依法治国和以德治国相结合。"
    weak = [_span(text, "依法治国"), _span(text, "以德治国")]
    merged, found = relations_with_ends(text, [(0, len(text))], [], weak)
    assert merged == [] and found == []


def test_a_run_on_sentence_is_read_in_windows_and_keeps_its_relations() -> None:
    from extractors.core import RELATION_WINDOW, relation_windows, sentence_relations

    clause = "坚持依法治国和以德治国相结合，"
    text = clause * (RELATION_WINDOW // len(clause) + 5) + "完。"
    sentences = [(0, len(text))]
    windows, owner = relation_windows(text, sentences)
    assert len(windows) > 1 and set(owner) == {0}
    assert all(e - s <= RELATION_WINDOW and text[e - 1] == "，" for s, e in windows[:-1])
    spans = [
        ConceptSpan(m.start(), m.end(), m.group(), m.group(), Category.IDEA)
        for m in re.finditer("依法治国|以德治国", text)
    ]
    found = sentence_relations(text, sentences, spans)
    # the relation is stated in every clause: found in every window, reported once for the sentence
    assert [(k, r.head, r.type, r.tail) for k, r in found] == [
        (0, "依法治国", RelationType.UNIFIED_WITH, "以德治国")
    ]


def test_document_topics_are_named_in_the_opening() -> None:
    from extractors.core import document_topics
    from extractors.sentences import split_sentences

    text = (
        "关于推进智慧城市\n治理体系建设的意见\n现提出如下意见。\n"
        "智慧城市治理体系建设要统筹推进。智慧城市治理体系是方向。政务服务要优化。数字乡村要发展。"
    )
    body = text.index("现提出")

    def at(name: str, start: int = 0) -> ConceptSpan:
        i = text.index(name, start)
        return ConceptSpan(i, i + len(name), name, name, Category.IDEA)

    first = at("智慧城市治理体系", body)
    spans = [
        at("智慧城市"),
        at("治理体系"),
        first,
        at("智慧城市治理体系", first.end),
        at("政务服务"),
        at("数字乡村"),
    ]
    topics = document_topics(text, split_sentences(text), spans)
    # the title, broken over two lines, names the topic in parts
    assert topics == {"智慧城市": 1, "治理体系": 1, "智慧城市治理体系": 2}


def test_campaigns_named_as_battles_are_events(extractor: PolicyExtractor) -> None:
    ex = extractor.__class__()
    ex.set_concept_filter(None)
    text = "我们打赢了城市保卫战，又打好了乡村歼灭战。"
    found = {(c.name, c.category) for c in ex.extract(_doc(text)).concepts}
    assert ("城市保卫战", Category.EVENT) in found
    assert ("乡村歼灭战", Category.EVENT) in found


@pytest.mark.parametrize(("width", "indent"), [(72, ""), (80, "\u3000\u3000")])
def test_a_hard_wrapped_copy_of_a_document_gives_what_the_document_gives(
    extractor: PolicyExtractor, width: int, indent: str
) -> None:
    from kg.line_wrap import hard_wrap

    text = SPEECH.read_text(encoding="utf-8")
    wrapped = hard_wrap(text, width, indent=indent)  # as copied out of a PDF
    assert wrapped.count("\n") > 2 * text.count("\n")
    want, got = extractor.extract(_doc(text)), extractor.extract(_doc(wrapped))
    assert {c.name for c in got.concepts} == {c.name for c in want.concepts}
    assert {(r.head, r.type, r.tail) for r in got.relations} == {
        (r.head, r.type, r.tail) for r in want.relations
    }


@pytest.mark.parametrize("spaced", [False, True], ids=["ascii", "ascii-spaced"])
def test_a_copy_typed_with_ascii_punctuation_gives_what_the_document_gives(
    extractor: PolicyExtractor, spaced: bool
) -> None:
    from kg.cjk_punctuation import ascii_punctuation

    text = SPEECH.read_text(encoding="utf-8")
    typed = ascii_punctuation(text, spaced=spaced)  # ， 。 “ ” （ ） as , . " " ( )
    assert "，" not in typed and "“" not in typed
    want, got = extractor.extract(_doc(text)), extractor.extract(_doc(typed))
    assert {c.name for c in got.concepts} == {c.name for c in want.concepts}
    assert {(r.head, r.type, r.tail) for r in got.relations} == {
        (r.head, r.type, r.tail) for r in want.relations
    }
