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
    # every break str.splitlines knows (a title is read with it) is a line end of the text too:
    # pdftotext's page break, Unicode's line and paragraph separators, NEL, a vertical tab
    text = "第一页\n\x0c第二页\u2028第三行\u2029第四段\x85第五行\x0b第六行"
    assert (
        normalize_text(text)
        == "\n".join(text.splitlines())
        == "第一页\n\n第二页\n第三行\n第四段\n第五行\n第六行"
    )


def test_zero_width_characters_copied_from_web_pages_are_dropped() -> None:
    # invisible, and not white space to Python: left in, they split a term and hide a blank line
    assert normalize_text("全过程\u200b人民民主\n\u200b\n坚持\u2060党的\u200d领导\ufeff。") == (
        "全过程人民民主\n\n坚持党的领导。"
    )
    assert normalize_term("全过程\u200b人民\u200c民主") == "全过程人民民主"
