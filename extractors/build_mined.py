"""Build `extractors/data/mined.tsv` from a corpus: `python -m extractors.build_mined CORPUS_DIR...`.

Documents that overlap the evaluation texts (`--exclude-like DIR`, default
tests/fixtures/eval/texts) are left out, so mined terms never come from the
documents the extractor is scored on.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import jieba
import jieba.posseg

from extractors.core import add_user_words
from extractors.heads import head_category
from extractors.lexicon import data_path, load_lexicon
from extractors.mining import TermStats, mine_terms
from extractors.sentences import split_sentences
from kg.model import Category
from kg.normalize import normalize_text

SNIPPETS_PER_TEXT = 12
SNIPPET_CHARS = 18


def snippets(texts: list[str]) -> list[str]:
    """Distinctive pieces of each evaluation text, to recognise its source documents."""
    out: list[str] = []
    for text in texts:
        lines = [ln for ln in text.split("\n") if len(ln) > 3 * SNIPPET_CHARS]
        step = max(1, len(lines) // SNIPPETS_PER_TEXT)
        out += [ln[SNIPPET_CHARS : 2 * SNIPPET_CHARS] for ln in lines[::step]]
    return out


def corpus_files(roots: list[Path], exclude: list[str]) -> Iterator[tuple[Path, str]]:
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".txt", ".md") or not path.is_file():
                continue
            text = normalize_text(path.read_text(encoding="utf-8", errors="replace"))
            if sum(s in text for s in exclude) >= 2:
                print(f"excluded (overlaps an evaluation text): {path}", file=sys.stderr)
                continue
            yield path, text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--exclude-like", type=Path, default=Path("tests/fixtures/eval/texts"))
    ap.add_argument("--out", type=Path, default=data_path("mined.tsv"))
    args = ap.parse_args(argv)
    eval_texts = [p.read_text(encoding="utf-8") for p in sorted(args.exclude_like.glob("*.txt"))]
    lexicon = load_lexicon([data_path("lexicon.tsv")])
    add_user_words(lexicon)
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab

    def tag(w: str) -> str:
        return "LEX" if w in lexicon.surfaces else tags.get(w, "x")

    def documents() -> Iterator[list[list[str]]]:
        for _, text in corpus_files(args.corpus, snippets(eval_texts)):
            yield [jieba.lcut(text[s:e]) for s, e in split_sentences(text)]

    stats = mine_terms(documents(), tag)
    write(args.out, [s for s in stats if s.term not in lexicon.surfaces])
    print(f"{len(stats)} terms -> {args.out}", file=sys.stderr)
    return 0


def write(path: Path, stats: list[TermStats]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# mined by extractors/build_mined.py: name, category, -, -, source; stats in the comment\n")
        for s in stats:
            cat = head_category(s.term) or Category.IDEA
            fh.write(
                f"{s.term}\t{cat.value}\t\t\tmined\t# f={s.freq} df={s.doc_freq} "
                f"H={s.left_entropy:.2f}/{s.right_entropy:.2f} cv={s.c_value:.1f}\n"
            )


if __name__ == "__main__":
    sys.exit(main())
