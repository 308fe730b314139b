from hypothesis import given
from hypothesis import strategies as st

from extractors.sentences import split_sentences


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
