"""Save the policy pipeline as a spaCy folder: `python -m extractors.save OUT_DIR`.

`spacy.load(OUT_DIR)` opens it again (the components are found through the
`spacy_factories` entry points of this package; the lexicon is read from the
installed package data unless `lexicon_paths` is set in the folder's config).
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractors.pipeline import build_pipeline


def save(out_dir: Path) -> Path:
    nlp = build_pipeline()
    nlp.meta["name"] = "policy_zh"
    nlp.meta["description"] = "Chinese policy concepts and relations (jieba + rules + lexicon)"
    nlp.to_disk(out_dir)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"saved to {save(Path(args[0]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
