import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.sentences import clause_windows, split_sentences


def test_splits_on_chinese_terminators_and_lines() -> None:
    text = "同志们：\n今天开会。“制度是载体。”由此可见！好；\n\n完"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["同志们：", "今天开会。", "“制度是载体。”", "由此可见！", "好；", "完"]


def test_ellipsis_run_is_one_boundary() -> None:
    text = "一是……二是"
    assert [text[s:e] for s, e in split_sentences(text)] == ["一是……", "二是"]


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n \n") == []


@given(st.text(alphabet="人大制度。！？；…“”\n 　a", max_size=80))
def test_sentences_are_ordered_trimmed_and_cover_the_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert "\n" not in text[s:e]
        last = e
    covered = "".join(text[s:e] for s, e in spans)
    assert [c for c in covered if not c.isspace()] == [c for c in text if not c.isspace()]


# ---- windows of over-long sentences (clause_windows) ----


def test_a_short_sentence_is_one_window() -> None:
    text = "坚持党的领导、人民当家作主、依法治国有机统一。"
    assert clause_windows(text, 0, len(text), 100) == [(0, len(text))]


def test_a_long_sentence_is_cut_after_clause_marks_first() -> None:
    text = "甲乙、丙丁，戊己、庚辛；壬癸"
    got = [text[s:e] for s, e in clause_windows(text, 0, len(text), 7)]
    assert got == ["甲乙、丙丁，", "戊己、庚辛；", "壬癸"]


def test_without_clause_marks_a_window_ends_after_a_list_mark_or_at_the_limit() -> None:
    text = "甲乙、丙丁戊己庚辛壬癸"
    assert [text[s:e] for s, e in clause_windows(text, 0, len(text), 5)] == ["甲乙、", "丙丁戊己庚", "辛壬癸"]


@given(st.text(alphabet="甲乙，、；", max_size=60), st.integers(min_value=1, max_value=12))
def test_windows_tile_the_sentence_within_the_limit(text: str, limit: int) -> None:
    windows = clause_windows(text, 0, len(text), limit)
    assert "".join(text[s:e] for s, e in windows) == text
    assert all(e - s <= limit for s, e in windows)
    assert all(s < e for s, e in windows) or text == ""


def test_a_window_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        clause_windows("甲乙", 0, 2, 0)
