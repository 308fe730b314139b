"""All configuration in one place, read from the environment when asked (never at import)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings import SettingsError as EnvParseError


class ConfigError(ValueError):
    """A setting read from the environment is invalid; the message names the variable (one line)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    # storage
    store: Literal["networkx", "neo4j"] = Field("networkx", alias="KG_STORE")
    data_dir: Path = Field(Path("data/kg"), alias="KG_DATA_DIR")
    neo4j_uri: str = Field("bolt://127.0.0.1:7687", alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: str = Field("", alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")
    neo4j_timeout_s: float = Field(10.0, alias="NEO4J_TIMEOUT")
    # how long the driver retries a failing transaction and waits to connect: kept well under
    # request_timeout_s, so that an outage answers 503 rather than timing out
    neo4j_retry_s: float = Field(2.0, alias="NEO4J_RETRY_TIME")
    neo4j_connect_timeout_s: float = Field(3.0, alias="NEO4J_CONNECT_TIMEOUT")

    # API
    api_key: str | None = Field(None, alias="KG_API_KEY")
    # a JSON list (["https://a.org", "https://b.org"]) or a comma-separated list
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="KG_CORS_ORIGINS")
    host: str = Field("127.0.0.1", alias="KG_HOST")
    port: int = Field(8000, alias="KG_PORT")

    # request bounds
    max_depth: int = 3
    max_nodes: int = 500
    max_limit: int = 200
    max_path_hops: int = 6
    request_timeout_s: float = 10.0
    max_file_bytes: int = Field(20_000_000, alias="KG_MAX_FILE_BYTES")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origin_list(cls, value: Any) -> Any:
        """A JSON list of origins as it is, else a comma-separated list."""
        if not isinstance(value, str):
            return value
        if value.lstrip().startswith("["):
            try:
                return json.loads(value)
            except json.JSONDecodeError as e:
                raise ValueError(f"not a JSON list ({e.msg}); or give origins separated by commas") from None
        return [origin.strip() for origin in value.split(",") if origin.strip()]


def _describe(error: ValidationError) -> str:
    """One line naming each invalid variable, its value and what is accepted."""
    parts = []
    for e in error.errors():
        name = ".".join(str(x) for x in e["loc"]) or "settings"
        message = str(e["msg"]).removeprefix("Value error, ")
        parts.append(f"{name}={e['input']!r}: {message[:1].lower()}{message[1:]}")
    return "; ".join(parts)


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment with `overrides` (field names) on top; ConfigError, whose
    message names the variable, when a value is invalid (overridden variables are not read)."""
    try:
        return Settings(**overrides)
    except ValidationError as e:
        raise ConfigError(_describe(e)) from None
    except EnvParseError as e:  # a value pydantic-settings could not decode at all
        raise ConfigError(str(e)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
