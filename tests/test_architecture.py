"""Imports flow api -> kg <- extractors; kg imports neither FastAPI nor spaCy; inside
extractors/relations/ only the engine imports the cue families."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FORBIDDEN = {
    "kg": {"api", "extractors", "fastapi", "starlette", "spacy", "jieba", "uvicorn"},
    "extractors": {"api", "fastapi", "starlette"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_import_direction(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    bad = {
        f"{f.relative_to(ROOT)} imports {name}"
        for f in files
        for name in imported_roots(f) & FORBIDDEN[package]
    }
    # kg.cli starts the web server through uvicorn, found via an entry point
    bad = {b for b in bad if not b.startswith("kg/cli.py imports uvicorn")}
    assert not bad, sorted(bad)


#: the cue families of extractors/relations/, one module each; extractors/relations/engine.py runs them
RELATION_FAMILIES = {"copula", "frames", "guidance", "verbs", "roles", "unification", "membership", "change"}


def test_relation_modules_import_no_family() -> None:
    """Inside extractors/relations/ only the engine imports the cue families: a family or a shared
    module (masking, cues, grammar …) imports neither a family, the engine nor the package itself."""
    bad = set()
    for f in sorted((ROOT / "extractors" / "relations").glob("*.py")):
        if f.stem in ("__init__", "engine"):
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[:2] != ["extractors", "relations"]:
                    continue
                if len(parts) == 2 or parts[2] in RELATION_FAMILIES | {"engine"}:
                    bad.add(f"{f.relative_to(ROOT)} imports {name}")
    assert not bad, sorted(bad)
