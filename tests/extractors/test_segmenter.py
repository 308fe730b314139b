"""The fused segmenter gives exactly jieba's tokens (HMM off), user words included."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from extractors.pipeline import shared_pipeline
from extractors.segmenter import segment_offsets, token_ending_at, token_index_at, token_starting_at

ROOT = Path(__file__).resolve().parent.parent.parent
TEXTS = sorted(
    [
        *(ROOT / "tests" / "fixtures").glob("*/texts/*.txt"),
        *(ROOT / "data" / "samples").glob("*.txt"),
    ]
)
TRICKY = [
    "",
    "   \n\t",
    "abc 12３ x+y=z  GDP增长6.5%左右，CPI\r\n涨幅3%。",
    "COVID-19疫情　全角空格、a、b、1、2",
    "坚持和完善人民代表大会制度，发展全过程人民民主。",
    "𠮷野家（CJK扩展B）与emoji😀混排",
]


def jieba_offsets(text: str) -> list[tuple[int, int]]:
    return [(s, e) for w, s, e in jieba.tokenize(text, HMM=False) if not w.isspace()]


@pytest.fixture(scope="module", autouse=True)
def lexicon_words() -> None:
    shared_pipeline()  # the project's lexicon terms are jieba user words, as in extraction


def test_corpus_texts_are_found() -> None:
    assert len(TEXTS) >= 20


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_same_tokens_as_jieba_on_corpus_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert segment_offsets(text) == jieba_offsets(text)


@pytest.mark.parametrize("text", TRICKY)
def test_same_tokens_as_jieba_on_edge_cases(text: str) -> None:
    assert segment_offsets(text) == jieba_offsets(text)


def test_user_words_are_honoured() -> None:
    word = "测试用政策新词甲乙"
    text = f"推进{word}落地。"
    assert text[2 : 2 + len(word)] not in {text[s:e] for s, e in segment_offsets(text)}
    jieba.add_word(word, 50_000)
    try:
        assert (2, 2 + len(word)) in segment_offsets(text)
        assert segment_offsets(text) == jieba_offsets(text)
    finally:
        jieba.del_word(word)


def test_token_lookups_by_offset() -> None:
    tokens = [(0, 2), (2, 3), (3, 7)]
    assert [token_index_at(tokens, k) for k in (0, 1, 2, 3, 7)] == [0, None, 1, 2, None]
    assert [token_starting_at(tokens, k) for k in (0, 1, 3)] == [True, False, True]
    assert [token_ending_at(tokens, k) for k in (2, 3, 5, 7)] == [0, 1, None, 2]
