"""Corpus terms: the pure feature code, the shipped data file, the scan and the merge.

No test reads the shared corpus: inline texts and the shipped data file only."""

from collections import Counter

from extractors.corpus_terms import (
    DATA,
    CorpusTerms,
    find_corpus_terms,
    load_corpus_terms,
    merge_corpus_terms,
)
from extractors.spans import ConceptSpan
from extractors.term_features import (
    NUMERIC_FEATURES,
    Stats,
    bucket,
    c_value,
    candidate_spans,
    entropy,
    is_formula_head,
    numeric_vector,
    ok_first,
    ok_last,
    pmi,
    quoted_phrases,
    stretches,
)
from kg.model import Category


def span(start: int, end: int, text: str, cat: Category = Category.IDEA) -> ConceptSpan:
    return ConceptSpan(start, end, text[start:end], text[start:end], cat)


# ---- features ------------------------------------------------------------------------------------


def test_stretches_split_at_punctuation() -> None:
    text = "坚持人民代表大会制度，发展全过程人民民主。"
    assert [text[s:e] for s, e in stretches(text)] == ["坚持人民代表大会制度", "发展全过程人民民主"]


def test_quoted_phrases() -> None:
    text = "增强“四个意识”、坚定“不忘初心、牢记使命”。“这是一句很长的话，不算”"
    assert [text[s:e] for s, e in quoted_phrases(text)] == ["四个意识", "不忘初心、牢记使命"]


def test_edge_filters() -> None:
    assert not ok_first("加强", "v")  # leading action verb
    assert not ok_first("的", "uj")
    assert ok_first("两个", "m") and is_formula_head("两个")
    assert not ok_first("2018", "m")
    assert not ok_last("等", "u")
    assert ok_last("制度", "n")


def test_candidate_spans_do_not_start_with_actions_or_end_with_particles() -> None:
    words = ["坚持", "人民", "代表大会", "制度", "的"]
    tags = ["v", "n", "n", "n", "uj"]
    got = {"".join(words[i:j]) for i, j in candidate_spans(words, tags)}
    assert "人民代表大会制度" in got
    assert not any(g.startswith("坚持") or g.endswith("的") for g in got)


def test_entropy_and_cvalue_and_pmi() -> None:
    assert entropy(Counter()) == 0.0
    assert entropy(Counter({"a": 1, "b": 1})) == 1.0
    assert c_value(4, 10, []) == 20.0
    assert c_value(4, 10, [4, 6]) == 10.0  # nested: discounted by the mean container frequency
    assert pmi(99, 99, 99, 1000) > pmi(1, 99, 99, 1000)


def test_numeric_vector_shape_and_bucket() -> None:
    v = numeric_vector(
        term="人民代表大会制度",
        tokens=("人民代表大会", "制度"),
        stats=Stats(freq=10, doc_freq=5, quoted=1, left_edge=4, right_edge=6),
        cvalue=20.0,
        left=Counter({"坚持": 5, "<s>": 5}),
        right=Counter({"，": 10}),
        min_pmi=3.0,
        general_zipf=2.0,
        token_zipf=[3.0, 4.0],
        total_tokens=1_000_000,
        superterm_freq=2,
        distinct_stretches=8,
        both_edges=3,
        token_tags=["nt", "n"],
    )
    assert len(v) == len(NUMERIC_FEATURES)
    assert v[NUMERIC_FEATURES.index("left_entropy")] == 1.0
    assert v[NUMERIC_FEATURES.index("quote_share")] == 0.1
    assert 0 <= bucket("制度") < 512 and bucket("制度") == bucket("制度")


# ---- scan and merge ------------------------------------------------------------------------------


def test_scan_longest_match_non_overlapping() -> None:
    terms = CorpusTerms.from_terms(
        {"人民民主": ("idea", 0.9), "全过程人民民主": ("idea", 0.9), "民主选举": ("practice", 0.8)}
    )
    text = "发展全过程人民民主，推进民主选举"
    got = [(s.surface, s.start, s.category) for s in terms.find(text)]
    assert got == [("全过程人民民主", 2, Category.IDEA), ("民主选举", 12, Category.PRACTICE)]
    # a window: only text[start:end]
    assert [s.surface for s in terms.find(text, 10, len(text))] == ["民主选举"]
    assert terms.find(text, 2, 6) == []


def test_merge_fills_gaps_and_longest_wins() -> None:
    text = "坚持人民代表大会制度和全过程人民民主"
    ext = [span(2, 8, text), span(11, 18, text)]  # 人民代表大会, 全过程人民民主
    corpus = [span(2, 10, text), span(14, 18, text), span(0, 2, text)]  # 人民代表大会制度, 人民民主, 坚持
    got = [(s.start, s.end) for s in merge_corpus_terms(ext, corpus)]
    # 人民代表大会制度 replaces the fragment, 人民民主 inside an extractor span is dropped, the gap is filled
    assert got == [(0, 2), (2, 10), (11, 18)]


def test_merge_never_cuts_an_extractor_span() -> None:
    text = "全过程人民民主制度"
    ext = [span(0, 7, text)]
    assert merge_corpus_terms(ext, [span(3, 9, text)]) == ext
    assert merge_corpus_terms(ext, [span(0, 7, text)]) == ext  # equal: the extractor's name stays
    assert merge_corpus_terms([], [span(3, 9, text)]) == [span(3, 9, text)]


# ---- the shipped data ----------------------------------------------------------------------------


def test_shipped_file_loads_with_categories_and_scores() -> None:
    assert DATA.exists()
    terms = load_corpus_terms()
    assert len(terms) > 1000
    assert all(0.0 < score <= 1.0 for _, score in terms.terms.values())
    assert {c for c, _ in terms.terms.values()} <= set(Category)
    assert all(len(t) >= 2 for t in terms.terms)


def test_shipped_scan_finds_policy_terms() -> None:
    text = "全面推进社会治理，深化行政体制改革和政治体制改革。"
    names = {s.name for s in find_corpus_terms(text)}
    assert names & {"社会治理", "行政体制改革", "政治体制改革"}
    for s in find_corpus_terms(text):
        assert text[s.start : s.end] == s.surface


def test_a_long_text_is_scanned_whole() -> None:
    # its speed is a benchmark figure (python -m bench.extraction_speed: corpus-term scan)
    terms = load_corpus_terms()
    unit = "坚持以人民为中心的发展思想，推进国家治理体系和治理能力现代化，加强社会治理。"
    one = [(s.start, s.name) for s in terms.find(unit)]
    text = unit * 20_000
    found = terms.find(text)
    assert one
    assert len(found) == 20_000 * len(one)
    assert [(s.start - (k // len(one)) * len(unit), s.name) for k, s in enumerate(found)] == one * 20_000


def test_token_scan_respects_token_boundaries() -> None:
    terms = CorpusTerms.from_terms({"国家治理": ("idea", 0.9), "治理体系": ("system", 0.9)})
    text = "推进国家治理体系"
    tokens = [(0, 2), (2, 4), (4, 6), (6, 8)]  # 推进|国家|治理|体系
    assert [s.surface for s in terms.find_on_tokens(text, tokens)] == ["国家治理"]
    # a term may not start or end inside a token
    assert terms.find_on_tokens(text, [(0, 2), (2, 5), (5, 8)]) == []


def test_pipeline_hook_adds_corpus_terms_and_can_be_turned_off() -> None:
    from extractors.pipeline import PolicyExtractor
    from kg.model import Document, document_id

    ex = PolicyExtractor()
    shipped = ex.corpus_terms
    assert len(shipped) == len(load_corpus_terms())
    text = "会议强调，要扎实推进苟日新工程和日日新机制。"
    mine = CorpusTerms.from_terms({"苟日新工程": ("practice", 0.9), "日日新机制": ("system", 0.9)})
    try:
        ex.set_corpus_terms(None)
        without = {c.name for c in ex.extract(Document(document_id(text), "t", text)).concepts}
        ex.set_corpus_terms(mine)
        extraction = ex.extract(Document(document_id(text), "t", text))
        with_terms = {c.name for c in extraction.concepts}
    finally:
        ex.set_corpus_terms(shipped)
    assert "苟日新工程" not in without
    assert {"苟日新工程", "日日新机制"} <= with_terms
    for m in extraction.mentions:
        assert text[m.start : m.end] == m.surface


def test_merge_keeps_nested_known_terms_when_asked() -> None:
    text = "坚持和完善人民代表大会制度"
    ext = [span(5, 13, text)]  # 人民代表大会制度 (a known term)
    corpus = [span(2, 13, text)]  # 完善人民代表大会制度
    assert merge_corpus_terms(ext, corpus) == corpus
    both = merge_corpus_terms(ext, corpus, keep_nested=lambda s: s.surface == "人民代表大会制度")
    assert [(s.start, s.end) for s in both] == [(2, 13), (5, 13)]
