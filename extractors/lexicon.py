"""The concept lexicon: canonical names, categories, aliases and formula members.

The lexicon is a TSV data file (`extractors/data/lexicon.tsv`), one concept a
line: ``name<TAB>category<TAB>aliases<TAB>members<TAB>source``; aliases and
members are separated by ``|``; lines starting with ``#`` are comments.
`source` says where the entry comes from (``general`` for public knowledge,
``mined`` for corpus statistics, ``dev:<stem>`` for an entry added while
studying one dev document, which the leave-one-document-out estimate drops
when that document is held out). A name with one 的 between two parts is also
found without it (人民对美好生活的向往 ~ 人民对美好生活向往: `without_de`).

`parse_lexicon` is pure; `load_lexicon` reads the packaged file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from extractors.heads import head_category
from kg.model import Category
from kg.normalize import normalize_term

#: `normalize_term` (pure) remembered per surface: the same surfaces recur in every document
normal_form = lru_cache(maxsize=1 << 17)(normalize_term)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    name: str
    category: Category
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    source: str = "general"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries by canonical name, and every surface form (name or alias) to its name."""

    entries: Mapping[str, LexiconEntry]
    surfaces: Mapping[str, str] = field(default_factory=dict)
    #: every proper prefix of every surface form (for early exit while matching)
    prefixes: frozenset[str] = frozenset()
    #: names never reported as concepts (learnt from the dev set: data/stoplist.tsv)
    stop: frozenset[str] = frozenset()

    @property
    def max_len(self) -> int:
        return max((len(s) for s in self.surfaces), default=0)

    def lookup(self, surface: str) -> LexiconEntry | None:
        name = self.surfaces.get(surface)
        return self.entries[name] if name is not None else None

    def name_of(self, surface: str) -> str:
        """The canonical name of a surface form: its lexicon name, else the normalised surface."""
        key = normal_form(surface)
        entry = self.lookup(key)
        return entry.name if entry is not None else key

    def without_sources(self, sources: Iterable[str]) -> Lexicon:
        """The lexicon without the entries of the given sources (for held-out evaluation)."""
        drop = set(sources)
        return make_lexicon((e for e in self.entries.values() if e.source not in drop), self.stop)

    def with_stop(self, stop: Iterable[str]) -> Lexicon:
        """The same lexicon with another stoplist."""
        return replace(self, stop=frozenset(stop))


def make_lexicon(entries: Iterable[LexiconEntry], stop: Iterable[str] = ()) -> Lexicon:
    """Index entries; a formula's members become entries too (named where the text names them)."""
    entries = list(entries)
    listed = {e.name for e in entries}
    members = [
        LexiconEntry(
            m.removeprefix("坚持"),
            head_category(m) or Category.IDEA,
            aliases=(m,) if m.startswith("坚持") else (),
            source=e.source,
        )
        for e in entries
        for m in e.members
        if m not in listed and 4 <= len(m) <= 12
    ]
    by_name: dict[str, LexiconEntry] = {}
    for e in [*entries, *members]:
        old = by_name.get(e.name)
        if old is not None:  # merge duplicates: first category wins, aliases united
            aliases = tuple(dict.fromkeys((*old.aliases, *e.aliases)))
            e = LexiconEntry(old.name, old.category, aliases, old.members or e.members, old.source)
        by_name[e.name] = e
    for name, e in by_name.items():  # a name maps to its own entry: it is no other entry's alias
        if any(a in by_name for a in e.aliases):
            by_name[name] = replace(e, aliases=tuple(a for a in e.aliases if a not in by_name))
    surfaces: dict[str, str] = {}
    for e in by_name.values():
        for alias in e.aliases:
            surfaces.setdefault(alias, e.name)
    for e in by_name.values():  # a canonical name always maps to itself
        surfaces[e.name] = e.name
    for name in by_name:  # a name without its 的 (人民对美好生活|的|向往)
        variant = without_de(name)
        if variant is not None:
            surfaces.setdefault(variant, name)
    prefixes = frozenset(s[:k] for s in surfaces for k in range(1, len(s)))
    return Lexicon(by_name, surfaces, prefixes, frozenset(stop))


def without_de(surface: str) -> str | None:
    """`surface` without the one 的 that joins two parts of two or more characters each
    (人民对美好生活的向往 → 人民对美好生活向往; 宗教的中国化方向 → 宗教中国化方向), else None:
    Chinese drops such a 的 freely, and the name stays the same."""
    if surface.count("的") != 1:
        return None
    left, _, right = surface.partition("的")
    return left + right if len(left) >= 2 and len(right) >= 2 else None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(normalize_term(x) for x in cell.split("|") if x.strip())


def parse_lexicon(lines: Iterable[str], default_source: str = "general") -> list[LexiconEntry]:
    """Parse lexicon TSV lines (pure). Raises ValueError on a bad category."""
    out: list[LexiconEntry] = []
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        cells += [""] * (5 - len(cells))
        name = normalize_term(cells[0])
        if not name:
            continue
        try:
            category = Category(cells[1].strip())
        except ValueError as exc:
            raise ValueError(f"bad category in lexicon line {line!r}") from exc
        out.append(
            LexiconEntry(
                name=name,
                category=category,
                aliases=tuple(a for a in _split(cells[2]) if a != name),
                members=_split(cells[3]),
                source=cells[4].strip() or default_source,
            )
        )
    return out


def data_path(name: str) -> Path:
    """Path of a packaged data file of the extractor."""
    return Path(__file__).resolve().parent / "data" / name


def load_lexicon(paths: Iterable[Path] | None = None) -> Lexicon:
    """Read the lexicon files (default: the packaged lexicon.tsv). Corpus-mined terms
    are separate: extractors/corpus_terms.py and data/corpus_terms.tsv."""
    if paths is None:
        paths = [data_path("lexicon.tsv")]
    entries: list[LexiconEntry] = []
    for path in paths:
        source = "mined" if path.name.startswith("mined") else "general"
        with path.open(encoding="utf-8") as fh:
            entries.extend(parse_lexicon(fh, default_source=source))
    stop_path = data_path("stoplist.tsv")
    stop = parse_stoplist(stop_path.read_text(encoding="utf-8").splitlines()) if stop_path.exists() else ()
    return make_lexicon(entries, stop)


def parse_stoplist(lines: Iterable[str]) -> frozenset[str]:
    """Names of a stoplist file: the first column of each non-comment line (pure)."""
    return frozenset(
        normalize_term(line.split("\t")[0]) for line in lines if line.strip() and not line.startswith("#")
    )
