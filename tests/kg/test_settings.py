import pytest

from kg.settings import ConfigError, load_settings


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


def test_overrides_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", "bogus")
    assert load_settings(store="neo4j").store == "neo4j"
