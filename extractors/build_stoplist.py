"""Write `extractors/data/stoplist.tsv`: `python -m extractors.build_stoplist [GOLD_DIR TEXT_DIR]`.

The stoplist is learnt from the dev gold (default tests/fixtures/eval): names
reported wrongly in two or more documents and never right, each document
extracted as if unseen (without the lexicon entries learnt from it). bench/eval_extraction.py
measures it leave-one-document-out (learnt without the held-out document).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extractors.lexicon import data_path
from extractors.pipeline import PolicyExtractor
from extractors.stoplist import learn_stoplist
from kg.goldformat import to_gold_format
from kg.model import Document, document_id
from kg.normalize import normalize_text
from kg.scoring import norm


def predictions(ex: PolicyExtractor, gold_dir: Path, text_dir: Path) -> dict[str, tuple[set[str], set[str]]]:
    """Per document stem: (predicted names, gold names and aliases), without any stoplist
    (and without the concept filter, which is trained after the stoplist)."""
    full = ex.lexicon
    shipped_filter = ex.concept_filter
    ex.set_lexicon(full.with_stop(()))
    ex.set_concept_filter(None)
    out: dict[str, tuple[set[str], set[str]]] = {}
    try:
        for gpath in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gpath.read_text(encoding="utf-8"))
            text = normalize_text((text_dir / f"{gpath.stem}.txt").read_text(encoding="utf-8"))
            pred = to_gold_format(ex.extract(Document(document_id(text), gpath.stem, text)), gpath.name)
            names = {norm(c["name"]) for c in pred["concepts"]}
            gold_names = {norm(n) for c in gold["concepts"] for n in (c["name"], *c.get("aliases", []))}
            out[gpath.stem] = (names, gold_names)
    finally:
        ex.set_lexicon(full)
        ex.set_concept_filter(shipped_filter)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "eval"
    gold_dir, text_dir = (Path(args[0]), Path(args[1])) if len(args) == 2 else (root / "gold", root / "texts")
    stop = learn_stoplist(predictions(PolicyExtractor(), gold_dir, text_dir).values())
    path = data_path("stoplist.tsv")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(
            "# learnt by extractors/build_stoplist.py from the dev gold: name, documents where it was wrong\n"
        )
        for name, n in stop.items():
            fh.write(f"{name}\t{n}\n")
    print(f"{len(stop)} names -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
