"""All configuration in one place, read from the environment when asked (never at import)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    cors_origins: list[str] = Field(default_factory=list, alias="KG_CORS_ORIGINS")
    host: str = Field("127.0.0.1", alias="KG_HOST")
    port: int = Field(8000, alias="KG_PORT")

    # request bounds
    max_depth: int = 3
    max_nodes: int = 500
    max_limit: int = 200
    max_path_hops: int = 6
    request_timeout_s: float = 10.0
    max_file_bytes: int = Field(20_000_000, alias="KG_MAX_FILE_BYTES")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
