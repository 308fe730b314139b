"""Chinese punctuation typed as ASCII, back to the Chinese marks (pure).

Text that went through a web form, an OCR pass or an English keyboard often carries ASCII
marks where Chinese uses full-width ones, usually with an English-style space after them:
``坚持党的领导, 人民当家作主. 依法治国(一)"四个意识"``. The extractors split sentences and
clauses at ，。；：！？, read （一） as a list marker and “…” as a quoted term, so such a text
loses most of its relations (dev, every mark half-width with a space after it: relation
pairs 0.909 → 0.774).

`fullwidth_punctuation` turns a mark into its Chinese form only where Chinese surrounds it,
and drops the spaces typed around the marks it turns:

* ``, ; : ! ?`` when the text before it (spaces skipped) ends in Chinese, or the text after
  it starts with a Han character (``5%,比``). ``1,000`` and ``Note: see`` stay as they are;
* ``.`` when Chinese is before it and the sentence visibly ends: a Han character, a Chinese
  mark, a space, a line end or the end of the text after it. ``1.6万``, ``3.5%``, ``...``
  and a heading's number (``一.总体要求``) stay;
* ``( )`` around a text holding a Han character (``(一)``, ``(试行)``); ``(GDP)`` stays;
* ``"`` in a line with an even number of them, pairwise as “ ”, when a quoted text holds a
  Han character; a line with an odd number keeps its marks.

Already Chinese text comes back unchanged, so it is safe on every document.
"""

from __future__ import annotations

import re

#: Han ideographs (basic block and extension A) and the compatibility block
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Chinese punctuation: CJK symbols (、。〈〉《》「」『』…) and the full-width forms (，；：！？（）)
_CJK_MARK = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201d\u2026\u2014"
_CHINESE = f"[{_HAN}{_CJK_MARK}]"

_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", ".": "。"}

#: , ; : ! ? with the spaces around it, Chinese before it (spaces skipped) or Han after it
_CLAUSE_MARK = re.compile(f"(?<={_CHINESE})[ \t]*([,;:!?])[ \t]*|[ \t]*([,;:!?])[ \t]*(?=[{_HAN}])")
#: a full stop: Chinese before, and Chinese, a space, a line end or the text's end after (not
#: one dot of an ellipsis)
_FULL_STOP = re.compile(
    f"(?<={_CHINESE}|%)[ \t]*(?<!\\.)\\.(?!\\.)(?:[ \t]*(?={_CHINESE}|\n|$)|[ \t]+)|(?<=[{_HAN}])\\.(?=\\d)"
)
#: a pair of round brackets around a text without brackets that holds a Han character, or
#: right after Chinese (细颗粒物(PM2.5))
_BRACKETS = re.compile(f"[ \t]*\\(([^()\n]*[{_HAN}][^()\n]*)\\)[ \t]*|(?<={_CHINESE})\\(([^()\n]*)\\)[ \t]*")
#: a heading's number before a dot (一.总体要求 is 一、总体要求, not a sentence), at most 3 long
_HEADING_NUMERALS = frozenset("一二三四五六七八九十百")
#: the text between two straight quotes and the spaces around them
_QUOTED = re.compile(r'[ \t]*"[ \t]*([^"\n]*?)[ \t]*"[ \t]*')


_CHINESE_RE = re.compile(_CHINESE)
_HAN_RE = re.compile(f"[{_HAN}]")


def _is_chinese(ch: str) -> bool:
    return bool(_CHINESE_RE.fullmatch(ch))


def _clause_mark(m: re.Match[str]) -> str:
    return _FULLWIDTH[m.group(1) or m.group(2)]


def _full_stop(text: str, m: re.Match[str]) -> str:
    """。 for a full stop, but a heading's number (一.总体要求) keeps its dot."""
    start = m.start()
    first = start
    while first > 0 and start - first < 3 and text[first - 1] in _HEADING_NUMERALS:
        first -= 1
    if first < start and (first == 0 or text[first - 1] == "\n"):
        return m.group(0)
    return "。"


def _brackets(m: re.Match[str]) -> str:
    return f"（{(m.group(1) or m.group(2)).strip()}）"


def _beside(text: str, start: int, end: int) -> tuple[str, str]:
    """The characters just before and just after text[start:end] ("" at the text's ends)."""
    return text[start - 1 : start] if start > 0 else "", text[end : end + 1]


def _spaced(text: str, start: int, end: int, inner: str) -> str:
    """`inner`, keeping one space on a side of text[start:end] that meets a non-Chinese
    character (an English word next to a Chinese quote keeps its space)."""
    before, after = _beside(text, start, end)
    left = " " if text[start] in " \t" and before and not _is_chinese(before) else ""
    right = " " if text[end - 1] in " \t" and after and not _is_chinese(after) else ""
    return f"{left}{inner}{right}"


def _quotes_in_line(line: str) -> str:
    count = line.count('"')
    if count == 0 or count % 2:
        return line
    out: list[str] = []
    last = 0
    for m in _QUOTED.finditer(line):
        inner = m.group(1)
        # the match takes the spaces around the quotes: these are the characters beside them
        before, after = _beside(line, m.start(), m.end())
        if not _HAN_RE.search(inner + before + after):
            continue
        out.append(line[last : m.start()])
        out.append(_spaced(line, m.start(), m.end(), f"“{inner}”"))
        last = m.end()
    out.append(line[last:])
    return "".join(out)


def fullwidth_punctuation(text: str) -> str:
    """`text` with the ASCII marks that stand in Chinese context turned into Chinese marks
    (see the module's docstring). Idempotent; text without ASCII marks comes back as is."""
    if not re.search(r"[,;:!?.()\"]", text):
        return text
    if '"' in text:
        text = "\n".join(_quotes_in_line(line) for line in text.split("\n"))
    if "(" in text:
        original = text
        text = _BRACKETS.sub(lambda m: _spaced(original, m.start(), m.end(), _brackets(m)), original)
    text = _CLAUSE_MARK.sub(_clause_mark, text)
    return _FULL_STOP.sub(lambda m: _full_stop(text, m), text)


#: the Chinese marks and the ASCII marks a keyboard set to English types for them
_TO_ASCII = dict(zip("，。；：！？（）“”", ',.;:!?()""', strict=True))
_TO_ASCII_SPACED = {mark: f"{ascii} " if ascii in ",.;:!?)" else ascii for mark, ascii in _TO_ASCII.items()}


def ascii_punctuation(text: str, spaced: bool = False) -> str:
    """`text` typed on an English keyboard (the inverse of `fullwidth_punctuation`, for tests
    and benchmarks): Chinese marks as ASCII marks, followed by a space when `spaced` (as
    English sets ,.;:!? and a closing bracket)."""
    table = str.maketrans(_TO_ASCII_SPACED if spaced else _TO_ASCII)
    return "\n".join(line.translate(table).rstrip() for line in text.split("\n"))
