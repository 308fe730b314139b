import re
import warnings
from pathlib import Path

import neo4j
import pytest

from kg.settings import (
    ConfigError,
    get_settings,
    load_settings,
    neo4j_uri_problem,
    notebook_settings,
    project_root,
)


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ('["https://a.org", "https://b.org"]', ["https://a.org", "https://b.org"]),
        ("https://a.org, https://b.org", ["https://a.org", "https://b.org"]),
        ("https://example.org", ["https://example.org"]),
        ("", []),
    ],
)
def test_cors_origins_are_a_json_list_or_comma_separated(
    monkeypatch: pytest.MonkeyPatch, value: str, origins: list[str]
) -> None:
    monkeypatch.setenv("KG_CORS_ORIGINS", value)
    assert load_settings().cors_origins == origins


def test_an_invalid_variable_is_a_config_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PORT", "eighty")
    with pytest.raises(ConfigError, match=r"^KG_PORT='eighty': input should be a valid integer"):
        load_settings()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_data_dir_is_refused_not_taken_for_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KG_DATA_DIR", value)
    with pytest.raises(ConfigError, match=rf"^KG_DATA_DIR={value!r}: .*empty; give a folder, or unset it"):
        load_settings()
    assert load_settings(data_dir="elsewhere").data_dir.name == "elsewhere"  # --data-dir still wins


def test_overrides_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", "bogus")
    assert load_settings(store="neo4j").store == "neo4j"


@pytest.mark.parametrize(
    "uri",
    [
        "bolt://127.0.0.1:7687",
        "bolt://localhost",
        "bolt+s://db.example.org:7687",
        "bolt+ssc://[::1]:7687",
        "neo4j://127.0.0.1:7687",
        "neo4j+s://abc.databases.neo4j.io",
        "neo4j+ssc://db.example.org/",
        "neo4j://db.example.org:7687?region=eu&policy=fast",
    ],
)
def test_a_neo4j_uri_is_accepted_when_the_driver_takes_it(uri: str) -> None:
    assert neo4j_uri_problem(uri) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even a deprecation warning (URI parts it would ignore)
        neo4j.GraphDatabase.driver(uri).close()  # parses the URI; connects only when used


@pytest.mark.parametrize(
    ("uri", "problem"),
    [
        ("foo://x", "bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc"),
        ("", "scheme://host[:port]"),
        ("nonsense", "scheme://host[:port]"),
        ("127.0.0.1:7687", "scheme://host[:port]"),
        ("http://127.0.0.1:7731", "bolt, bolt+s"),  # the driver's HTTP Query API needs aiohttp
        ("https://127.0.0.1:7731", "bolt, bolt+s"),
        ("bolt+routing://h", "bolt, bolt+s"),
        ("bolt://127.0.0.1:7731/extra?x=1", "no path"),
        ("bolt://127.0.0.1:7731?x=1", "routing context"),
        ("neo4j://h?region=", "each key once with a value"),
        ("neo4j://h?a=1&a=2", "each key once with a value"),
        ("bolt://h#part", "no path or fragment"),
        ("bolt://:7687", "a host and a port"),
        ("bolt://h:0", "a port from 1 to 65535"),
        ("bolt://h:70000", "a port from 1 to 65535"),
        ("bolt://h:port", "a port from 1 to 65535"),
        ("bolt://h:", "a port from 1 to 65535"),
        ("bolt://neo4j:secret@h", "NEO4J_USER and NEO4J_PASSWORD"),
    ],
)
def test_a_neo4j_uri_the_driver_cannot_use_is_refused_with_what_is_accepted(
    monkeypatch: pytest.MonkeyPatch, uri: str, problem: str
) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(ConfigError, match="^" + re.escape(f"NEO4J_URI={uri!r}: ")) as raised:
        load_settings()
    assert problem in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("variable", "value", "accepted"),
    [
        ("NEO4J_TIMEOUT", "-1", "greater than 0"),
        ("NEO4J_TIMEOUT", "0", "greater than 0"),
        ("NEO4J_TIMEOUT", "inf", "finite number"),
        ("NEO4J_RETRY_TIME", "-5", "greater than 0"),
        ("NEO4J_CONNECT_TIMEOUT", "0", "greater than 0"),
        ("KG_PORT", "70000", "less than or equal to 65535"),
        ("KG_PORT", "0", "greater than or equal to 1"),
        ("KG_MAX_FILE_BYTES", "-3", "greater than or equal to 1"),
        ("KG_MAX_FILE_BYTES", "0", "greater than or equal to 1"),
        ("MAX_LIMIT", "0", "greater than or equal to 1"),
        ("REQUEST_TIMEOUT_S", "-1", "greater than 0"),
    ],
)
def test_a_number_out_of_its_range_is_refused(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, accepted: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=rf"={value!r}: input should be") as raised:
        load_settings()
    assert accepted in str(raised.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("NEO4J_TIMEOUT", "0.5"),
        ("NEO4J_RETRY_TIME", "0.1"),
        ("KG_PORT", "1"),
        ("KG_PORT", "65535"),
        ("KG_MAX_FILE_BYTES", "1"),
    ],
)
def test_the_edges_of_the_ranges_are_accepted(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    load_settings()


def test_the_apps_settings_are_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """create_app() without settings reads them with get_settings: a ConfigError, not a traceback
    of pydantic's."""
    monkeypatch.setenv("KG_PORT", "70000")
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"^KG_PORT='70000'"):
            get_settings()
    finally:
        get_settings.cache_clear()


# ---- notebooks: a relative data folder is the repository's --------------------------------


def test_notebook_settings_take_a_relative_data_dir_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    assert notebook_settings(tmp_path / "notebooks").data_dir == tmp_path / "data" / "kg"
    assert notebook_settings(tmp_path).data_dir == tmp_path / "data" / "kg"
    monkeypatch.setenv("KG_DATA_DIR", "graphs/mine")
    assert notebook_settings(tmp_path / "notebooks").data_dir == tmp_path / "graphs" / "mine"
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path / "elsewhere"))
    assert notebook_settings(tmp_path / "notebooks").data_dir == tmp_path / "elsewhere"


def test_notebook_settings_outside_a_repository_leave_the_data_dir_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    if project_root(tmp_path) is not None:
        pytest.skip("the temporary folder lies inside a project")
    assert notebook_settings(tmp_path).data_dir == Path("data/kg")
