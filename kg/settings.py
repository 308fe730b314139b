"""All configuration in one place, read from the environment when asked (never at import)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings import SettingsError as EnvParseError


class ConfigError(ValueError):
    """A setting read from the environment is invalid; the message names the variable (one line)."""


# the Bolt schemes of the driver: bolt (one server), neo4j (routing: a cluster or Aura), each plain,
# +s (TLS) or +ssc (TLS with a self-signed certificate); its http(s) Query API is not used here
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc")
NEO4J_URI_SCHEMES = (*BOLT_SCHEMES, "neo4j", "neo4j+s", "neo4j+ssc")
_URI_FORM = "scheme://host[:port] with scheme " + ", ".join(NEO4J_URI_SCHEMES) + " (bolt://127.0.0.1:7687)"


def neo4j_uri_problem(uri: str) -> str | None:
    """Why the driver cannot use `uri` for this store, or None: one of NEO4J_URI_SCHEMES, a host,
    a port from 1 to 65535, no user, path or fragment; a routing context (?key=value&...) only
    for neo4j schemes."""
    parts = urlsplit(uri.strip())
    if parts.scheme not in NEO4J_URI_SCHEMES or not parts.netloc:
        return f"expected {_URI_FORM}"
    try:
        port = parts.port
    except ValueError:
        port = 0
    if not parts.hostname or port == 0 or parts.netloc.endswith(":"):
        return f"expected a host and a port from 1 to 65535: {_URI_FORM}"
    if parts.username is not None or parts.password is not None:
        return "no user in the URI; set NEO4J_USER and NEO4J_PASSWORD"
    if parts.path not in ("", "/") or parts.fragment:
        return f"no path or fragment after host[:port]: {_URI_FORM}"
    if parts.query:
        if parts.scheme in BOLT_SCHEMES:
            return "a routing context (?key=value) needs a neo4j scheme (neo4j://host[:port]?key=value)"
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        keys = [key for key, _ in pairs]
        if not pairs or any(not key or not value for key, value in pairs) or len(set(keys)) < len(keys):
            return "the routing context must be ?key=value&..., each key once with a value"
    return None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    # storage
    store: Literal["networkx", "neo4j"] = Field("networkx", alias="KG_STORE")
    data_dir: Path = Field(Path("data/kg"), alias="KG_DATA_DIR")
    neo4j_uri: str = Field("bolt://127.0.0.1:7687", alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: str = Field("", alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")
    neo4j_timeout_s: float = Field(10.0, alias="NEO4J_TIMEOUT", gt=0, allow_inf_nan=False)
    # how long the driver retries a failing transaction and waits to connect: kept well under
    # request_timeout_s, so that an outage answers 503 rather than timing out
    neo4j_retry_s: float = Field(2.0, alias="NEO4J_RETRY_TIME", gt=0, allow_inf_nan=False)
    neo4j_connect_timeout_s: float = Field(3.0, alias="NEO4J_CONNECT_TIMEOUT", gt=0, allow_inf_nan=False)

    # API
    api_key: str | None = Field(None, alias="KG_API_KEY")
    # a JSON list (["https://a.org", "https://b.org"]) or a comma-separated list
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, alias="KG_CORS_ORIGINS")
    host: str = Field("127.0.0.1", alias="KG_HOST")
    port: int = Field(8000, alias="KG_PORT", ge=1, le=65535)

    # request bounds
    max_depth: int = Field(3, ge=1)
    max_nodes: int = Field(500, ge=1)
    max_limit: int = Field(200, ge=1)
    max_path_hops: int = Field(6, ge=1)
    request_timeout_s: float = Field(10.0, gt=0, allow_inf_nan=False)
    # GET /export/…: the whole graph, written once per graph state and then served from a cache
    export_timeout_s: float = Field(300.0, alias="KG_EXPORT_TIMEOUT", gt=0, allow_inf_nan=False)
    max_file_bytes: int = Field(20_000_000, alias="KG_MAX_FILE_BYTES", ge=1)

    @field_validator("data_dir", mode="before")
    @classmethod
    def _data_dir(cls, value: Any) -> Any:
        """An empty KG_DATA_DIR is a mistake (an unset shell variable), not the current folder."""
        if isinstance(value, str) and not value.strip():
            raise ValueError("empty; give a folder, or unset it for the default data/kg")
        return value

    @field_validator("neo4j_uri")
    @classmethod
    def _neo4j_uri(cls, value: str) -> str:
        """A URI the driver takes (checked here, so every command and the API refuse it at start)."""
        problem = neo4j_uri_problem(value)
        if problem:
            raise ValueError(problem)
        return value.strip()

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
    """The settings from the environment, read once; ConfigError when a value is invalid."""
    return load_settings()


def project_root(start: Path) -> Path | None:
    """The nearest folder holding a pyproject.toml, from `start` up (the repository), or None."""
    start = start.absolute()
    return next((p for p in (start, *start.parents) if (p / "pyproject.toml").is_file()), None)


def notebook_settings(cwd: Path | None = None, **overrides: Any) -> Settings:
    """Settings for a notebook. Jupyter runs a notebook in its own folder (notebooks/), where the
    default data folder `data/kg` would be notebooks/data/kg: a relative data folder (the default,
    or a relative KG_DATA_DIR) is therefore taken from the repository root (`project_root` of
    `cwd`, the working directory by default), as the `kg` command run there takes it. An absolute
    KG_DATA_DIR is used as it is, and so is a relative one outside a repository."""
    settings = load_settings(**overrides)
    root = None if settings.data_dir.is_absolute() else project_root(cwd or Path.cwd())
    if root is None:
        return settings
    return settings.model_copy(update={"data_dir": root / settings.data_dir})
