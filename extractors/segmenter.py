"""jieba's segmentation without its HMM, as token offsets, in one pass per block.

`segment_offsets(text)` returns exactly the (start, end) offsets of the non-space
tokens of ``jieba.tokenize(text, HMM=False)`` — same dictionary (``jieba.dt.FREQ``,
user words included), same blocks (``jieba.re_han_default``), same
maximum-probability route with the same tie-breaking, same merging of single
ASCII letters and digits — but builds the word graph and the best route in one
backward loop instead of jieba's DAG dict, generator of tuples and ``max`` per
character, and yields offsets instead of strings. A test checks the identity on
corpus text; the spaCy pipeline keeps spaCy's own jieba tokenizer.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from math import log

import jieba

#: jieba's own patterns: runs it segments (Han, ASCII letters and digits, +#&._%-) and ASCII alnum
_HAN = jieba.re_han_default
_ENG = jieba.re_eng


def segment_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-space token jieba (HMM off) makes of `text`."""
    dt = jieba.dt
    dt.check_initialized()
    freq: dict[str, int] = dt.FREQ
    logtotal = log(dt.total)
    logp = _log_probabilities(logtotal)
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _HAN.finditer(text):
        a, b = m.span()
        _single_characters(text, pos, a, out)
        _cut_block(text[a:b], a, freq, logtotal, logp, out)
        pos = b
    _single_characters(text, pos, len(text), out)
    return out


def _single_characters(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Outside the blocks jieba yields every character on its own; white space is dropped."""
    for i in range(start, end):
        if not text[i].isspace():
            out.append((i, i + 1))


#: log(f) - log(total) per word frequency f, for one dictionary total (jieba's own sum)
_LOGP: dict[float, dict[int, float]] = {}


def _log_probabilities(logtotal: float) -> dict[int, float]:
    """The (filled as met) table of log(f) - logtotal: a few thousand distinct frequencies
    recur, so most log calls become one dict lookup; a new total starts a new table."""
    table = _LOGP.get(logtotal)
    if table is None:
        _LOGP.clear()
        table = _LOGP[logtotal] = {}
    return table


def _cut_block(
    s: str,
    offset: int,
    freq: dict[str, int],
    logtotal: float,
    logp: dict[int, float],
    out: list[tuple[int, int]],
) -> None:
    n = len(s)
    get = freq.get
    get_logp = logp.get
    best_p = [0.0] * (n + 1)
    best_end = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        best = 0.0
        end = -1
        i = k
        frag = s[k]
        while i < n:
            f = get(frag)
            if f is None:
                break
            if f:
                q = get_logp(f)
                if q is None:
                    q = logp[f] = log(f) - logtotal
                p = q + best_p[i + 1]  # the same sum as log(f) - logtotal + best_p[i + 1]
                if end < 0 or p >= best:  # max over (p, x): a tie goes to the longer word
                    best, end = p, i
            i += 1
            frag = s[k : i + 1]
        if end < 0:
            best, end = log(freq.get(s[k]) or 1) - logtotal + best_p[k + 1], k
        best_p[k] = best
        best_end[k] = end
    x = 0
    ascii_run = -1  # start of a run of single ASCII letters/digits, merged into one token
    while x < n:
        y = best_end[x] + 1
        if y - x == 1 and _ENG.match(s[x]):
            if ascii_run < 0:
                ascii_run = x
        else:
            if ascii_run >= 0:
                out.append((offset + ascii_run, offset + x))
                ascii_run = -1
            out.append((offset + x, offset + y))
        x = y
    if ascii_run >= 0:
        out.append((offset + ascii_run, offset + n))


def token_ending_at(tokens: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the token of `tokens` (sorted, non-overlapping) that ends at `offset`, if any:
    the last one starting before it ((offset,) sorts before every token starting there)."""
    k = bisect.bisect_left(tokens, (offset,)) - 1
    return k if k >= 0 and tokens[k][1] == offset else None


def token_index_at(tokens: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the token of `tokens` (sorted, non-overlapping) that starts at `offset`, if any."""
    k = bisect.bisect_left(tokens, (offset,))
    return k if k < len(tokens) and tokens[k][0] == offset else None


def token_starting_at(tokens: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether a token of `tokens` (sorted, non-overlapping) starts at `offset`."""
    return token_index_at(tokens, offset) is not None
