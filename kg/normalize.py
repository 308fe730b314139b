"""Pure text normalisation shared by extractors, stores and queries."""

from __future__ import annotations

import re
import unicodedata

from kg.cjk_punctuation import fullwidth_punctuation
from kg.line_wrap import unwrap_lines

# quotes and book-title marks are not part of a concept's name (as in the scorer)
_QUOTES = str.maketrans("", "", "“”‘’\"'《》〈〉「」『』")
_SPACE = re.compile(r"\s+")
#: invisible characters that web pages and editors put inside words (zero-width space, non-joiner
#: and joiner, word joiner, a byte-order mark past the start): they are not white space to Python,
#: so left in they split a term (全过程\u200b人民民主) and hide a blank line
_ZERO_WIDTH = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff")
#: the other characters str.splitlines breaks at (a page break of pdftotext's output, Unicode's
#: line and paragraph separators, NEL, a vertical tab): line ends like \n
_LINE_BREAKS = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def to_halfwidth(text: str) -> str:
    """Full-width ASCII letters and digits to half-width; Chinese punctuation kept."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif code == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def normalize_term(name: str) -> str:
    """The comparable form of a concept name: NFC, half-width alphanumerics,
    no quotes, no white space nor zero-width characters. Idempotent."""
    text = unicodedata.normalize("NFC", name)
    text = to_halfwidth(text)
    text = _SPACE.sub("", text.translate(_QUOTES).translate(_ZERO_WIDTH))
    # removing quotes or spaces can join combining marks: compose again
    return unicodedata.normalize("NFC", text)


def normalize_text(text: str) -> str:
    """Normalise a whole document before extraction: NFC, unified line ends (CR LF, CR and the
    other breaks of str.splitlines become LF), no BOM nor other zero-width characters, no
    trailing white space on lines, ASCII marks in Chinese context turned into Chinese ones
    (cjk_punctuation.py), hard line wraps joined (line_wrap.py). Offsets refer to this form."""
    text = unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return unwrap_lines(fullwidth_punctuation(text))
