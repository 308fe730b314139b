"""The README documents every CLI command and every setting (docs cannot drift)."""

import re
from pathlib import Path

from kg.cli import app
from kg.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    missing = [n for n in names if f"kg {n}" not in README]
    assert not missing, f"README lacks: {missing}"


def test_every_environment_setting_is_in_the_readme() -> None:
    aliases = [f.alias for f in Settings.model_fields.values() if f.alias]
    missing = [a for a in aliases if a not in README]
    assert not missing, f"README lacks: {missing}"


def test_readme_quick_start_names_the_scripts_that_exist() -> None:
    root = Path(__file__).parent.parent
    for script in ("scripts/quickstart", "scripts/test"):
        assert f"bash {script}" in README
        assert (root / script).is_file()
    assert "bash scripts/test" in (root / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_gives_the_order_of_related_terms_that_the_stores_use() -> None:
    # stores rank co-mentions by kg.cooccurrence.discounted_pmi, not by the PMI they report
    assert "co-mentions by discounted PMI" in README
    assert "co-mentions by PMI" not in README


def test_readme_gives_the_bounds_of_paths_that_the_api_enforces() -> None:
    from api.app import create_app

    schema = create_app(Settings()).openapi()

    def most(route: str) -> int:
        limit = next(p for p in schema["paths"][route]["get"]["parameters"] if p["name"] == "limit")
        return int(limit["schema"]["maximum"])

    assert most("/paths") == most("/views/path") == 20
    assert "paths ≤ 20" in README and "other limits ≤ 200" in README


def test_every_api_route_is_in_the_readme() -> None:
    # every address of /openapi.json, up to its first parameter, is in the README's route table
    from api.app import create_app

    schema = create_app(Settings()).openapi()
    missing = [p for p in schema["paths"] if not re.search(r"[\s`]" + re.escape(p.split("{")[0]), README)]
    assert not missing, f"README lacks: {missing}"
