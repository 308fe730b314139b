"""Imports flow api -> kg <- extractors; kg imports neither FastAPI nor spaCy."""

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
