"""The licence notice a text's source appends is no part of the document's concepts."""

from __future__ import annotations

from extractors.notices import notice_lines, outside_notices
from extractors.pipeline import PolicyExtractor
from extractors.spans import ConceptSpan
from kg.model import Category, Document, document_id

NOTICE = (
    "本作品是中华人民共和国的法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，"
    "及其官方正式译文。根据《中华人民共和国著作权法》第五条第一项，本作品不适用于该法，在中国大陆，"
    "也可能在其他管辖区，属于公有领域。\n"
    "注：中文维基文库社群认为，中华人民共和国公务演讲，不总是具有立法、行政、司法性质的文件。\n"
    "Public domainPublic domainfalsefalse\n"
)
BODY = "坚持全面依法治国，推进法治中国建设。\n"


def test_the_lines_of_a_notice_are_found() -> None:
    text = BODY + NOTICE
    lines = [text[a:b] for a, b in notice_lines(text)]
    assert len(lines) == 3
    assert lines[0].startswith("本作品是") and lines[1].startswith("注：") and lines[2].startswith("Public")
    assert notice_lines(BODY) == []


def test_a_law_named_in_the_body_is_no_notice() -> None:
    text = "依照《中华人民共和国著作权法》保护作者权益。\n"
    assert notice_lines(text) == []


def test_spans_inside_a_notice_are_dropped() -> None:
    text = BODY + NOTICE
    law = text.index("中华人民共和国著作权法")
    inside = ConceptSpan(law, law + 11, "中华人民共和国著作权法", "中华人民共和国著作权法", Category.EVENT)
    body = ConceptSpan(2, 8, "全面依法治国", "全面依法治国", Category.IDEA)
    assert outside_notices([body, inside], notice_lines(text)) == [body]


def test_the_pipeline_takes_no_concept_from_a_notice() -> None:
    text = BODY + NOTICE
    names = {c.name for c in PolicyExtractor().extract(Document(document_id(text), "t", text)).concepts}
    assert "全面依法治国" in names
    assert not {"中华人民共和国著作权法", "国家机关", "维基文库"} & names


def test_a_notice_run_into_the_text_takes_only_itself() -> None:
    # a text whose paragraphs were run into one line: the body before the notice is kept
    text = (BODY + NOTICE).replace("\n", "")
    (stretch,) = notice_lines(text)
    assert text[stretch[0] :].startswith("本作品是") and stretch[1] == len(text)
    names = {c.name for c in PolicyExtractor().extract(Document(document_id(text), "t", text)).concepts}
    assert "全面依法治国" in names
    assert not {"中华人民共和国著作权法", "维基文库"} & names


def test_without_its_opening_a_notice_starts_at_its_sentence() -> None:
    text = "坚持全面依法治国。根据《中华人民共和国著作权法》第五条第一项，本作品不适用于该法。"
    (stretch,) = notice_lines(text)
    assert text[stretch[0] :].startswith("根据")
