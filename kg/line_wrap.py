"""Undo hard line wrapping (pure).

Text copied out of a PDF, an e-mail or a fixed-width editor breaks every paragraph into lines
of one width, so a line break falls inside sentences and inside terms (全过程人民\\n民主). The
extractors end a sentence at every line break, so such a text loses most of its relations.

`unwrap_lines` finds the width most lines are broken at and joins a line to the next when it is
that wide, does not end a sentence, and the next line does not open a paragraph (indentation,
a heading or list marker). Width is measured two ways, as wrapping tools do: in display columns
(a CJK character is 2) and in characters. A text written one paragraph per line has no common
width and comes back unchanged; so do short lines (headings) and laid-out lines (tables,
signatures).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: a line narrower than this (in columns, a CJK character counting 2) is never a wrapped line
MIN_WRAP_COLUMNS = 30
#: nor is a line wider than this: no tool wraps prose at more than 120 CJK characters
MAX_WRAP_COLUMNS = 240
#: wrapped lines are within this many columns of the wrap width (a line breaker may move a
#: closing mark or a half-width word to the next line)
WIDTH_TOLERANCE = 4
#: a text is hard-wrapped when at least this many lines, and this share of the lines at least
#: MIN_WRAP_COLUMNS wide, are within the tolerance of one width
MIN_WRAPPED_LINES = 4
MIN_WRAPPED_SHARE = 0.4
#: and at most this share of those lines is wider than that width (a heading between paragraphs
#: written a line each is as short as many others, but the paragraphs are far wider)
MAX_WIDER_SHARE = 0.1

_SENTENCE_END = re.compile(r"[。！？；!?;…][”’」』）)》]*$")
#: how a paragraph, heading or list item opens: indentation, 一、 （一） 1. (1) 第三条 ① - • #
#: (not a decimal number: 1.6万吨 goes on a sentence)
_OPENS_PARAGRAPH = re.compile(
    r"\s|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]|\d+(?:[.．](?!\d)|[、)）])"
    r"|第[一二三四五六七八九十百千\d]+[条章节部分篇]|[①-⑳]|[-•·*#>]"
)
#: the characters one column wide: ASCII and the half-width forms
_NARROW = re.compile("[\x00-\x7f\uff61-\uffdc\uffe8-\uffee]")
#: a gap inside a line (an ideographic space, two spaces, a tab) aligns the columns of a table
#: or a signature: such a line is laid out, not wrapped prose
_LAYOUT_GAP = re.compile(r"\S(?:\u3000|  |\t)")


def display_width(line: str) -> int:
    """Columns `line` takes in a monospaced CJK font: every character but ASCII and the
    half-width forms counts 2 (Chinese text sets “”、…— full width too)."""
    return 2 * len(line) - len(_NARROW.findall(line))


def char_width(line: str) -> int:
    """`line` measured as a tool that wraps at a number of characters sees it, on the scale of
    `display_width` (2 per character)."""
    return 2 * len(line)


def wrap_width(widths: Sequence[int]) -> int | None:
    """The width a text's lines are hard-wrapped at, from their widths, or None when no single
    width holds enough of the lines and few are wider. Lines wider than MAX_WRAP_COLUMNS are
    paragraphs, never the wrap width."""
    wide = sorted(w for w in widths if w >= MIN_WRAP_COLUMNS)
    best_lo, best_hi = 0, -1  # the densest window of WIDTH_TOLERANCE columns: wide[best_lo : best_hi + 1]
    lo = 0
    for hi, w in enumerate(wide):
        if w > MAX_WRAP_COLUMNS:
            break
        while w - wide[lo] > WIDTH_TOLERANCE:
            lo += 1
        if hi - lo >= best_hi - best_lo:
            best_lo, best_hi = lo, hi
    count = best_hi + 1 - best_lo
    if count < MIN_WRAPPED_LINES or count < MIN_WRAPPED_SHARE * len(wide):
        return None
    wider = len(wide) - best_hi - 1  # lines longer than the wrap width: in wrapped text, hardly any
    if wider > MAX_WIDER_SHARE * len(wide):
        return None
    return wide[best_lo + count // 2]


def _wrapped_lines(lines: Sequence[str], laid_out: Sequence[bool], measure: Callable[[str], int]) -> set[int]:
    """Indexes of the lines as wide as the text's wrap width under `measure`. A laid-out line
    has no width (0); a line too long to be wrapped is not measured: its `char_width` is at least
    its width under either measure."""
    widths = [
        0 if gap else char_width(line) if len(line) > MAX_WRAP_COLUMNS else measure(line)
        for line, gap in zip(lines, laid_out, strict=True)
    ]
    wrap = wrap_width(widths)
    if wrap is None:
        return set()
    return {i for i, w in enumerate(widths) if w and abs(w - wrap) <= WIDTH_TOLERANCE}


def _runs_on(line: str, following: str) -> bool:
    """Whether a full-width `line` continues in `following`."""
    return (
        _SENTENCE_END.search(line) is None and following != "" and _OPENS_PARAGRAPH.match(following) is None
    )


def _unwrap_once(text: str) -> str:
    lines = text.split("\n")
    laid_out = [_LAYOUT_GAP.search(line) is not None for line in lines]
    full = _wrapped_lines(lines, laid_out, display_width) | _wrapped_lines(lines, laid_out, char_width)
    if not full:
        return text
    out = [[lines[0]]]  # the lines of each output line
    for i in range(1, len(lines)):
        if i - 1 in full and _runs_on(lines[i - 1], lines[i]):
            out[-1].append(lines[i])  # Chinese has no spaces between words; nor has a number cut short
        else:
            out.append([lines[i]])
    return "\n".join("".join(parts) for parts in out)


def unwrap_lines(text: str) -> str:
    """`text` with its hard line wraps joined (line ends must already be ``\\n``). Idempotent:
    joining is repeated until nothing more joins, and every pass shortens the text by lines."""
    while True:
        joined = _unwrap_once(text)
        if joined == text:
            return text
        text = joined


def hard_wrap(
    text: str, width: int, *, measure: Callable[[str], int] = display_width, indent: str = ""
) -> str:
    """The inverse: every line of `text` (a paragraph) broken into lines at most `width` wide
    under `measure` (`display_width`, or `char_width` for a tool that counts characters), the
    first line of each indented by `indent`: a text as copied out of a PDF, for tests and
    benchmarks of `unwrap_lines`."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in indent + paragraph if paragraph.strip() else paragraph:
            w = measure(ch)
            if line and used + w > width:
                out.append(line)
                line, used = "", 0
            line, used = line + ch, used + w
        out.append(line)
    return "\n".join(out)
