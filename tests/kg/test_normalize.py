from hypothesis import given
from hypothesis import strategies as st

from kg.normalize import normalize_term, normalize_text, to_halfwidth


@given(st.text())
def test_normalize_term_is_idempotent(s: str) -> None:
    assert normalize_term(normalize_term(s)) == normalize_term(s)


@given(st.text())
def test_normalize_text_is_idempotent(s: str) -> None:
    assert normalize_text(normalize_text(s)) == normalize_text(s)


def test_quotes_space_and_fullwidth_are_folded() -> None:
    assert normalize_term("“七一” 重要讲话") == "七一重要讲话"
    assert normalize_term("《宪法》") == "宪法"
    assert to_halfwidth("ＡＢＣ１２３") == "ABC123"
    assert normalize_term("５Ｇ") == "5G"


def test_line_ends_are_unified() -> None:
    assert normalize_text("\ufeff第一段\r\n第二段  \r\n") == "第一段\n第二段"
