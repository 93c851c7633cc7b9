"""Service settings (pydantic-settings, prefix LUA_), validated at start-up."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-secret-change-me-0123456789abcdef"  # refused outside development
ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All configuration. Every field is documented in docs/configuration.md (a test checks)."""

    model_config = SettingsConfigDict(env_prefix="LUA_", env_file=None, extra="ignore")

    # --- service
    environment: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    data_dir: Path = ROOT / "data"
    database_url: str = ""  # empty → SQLite file under data_dir
    max_body_bytes: int = Field(262_144, ge=1024)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    ssl_certfile: Path | None = None  # serve HTTPS directly (with ssl_keyfile); HSTS is then sent
    ssl_keyfile: Path | None = None
    cors_origins: str = ""  # space-separated origins allowed by CORS; empty = none
    frame_ancestors: str = "'self'"  # CSP frame-ancestors: CRM origins that may embed the panel
    redis_url: str = ""  # rate limits and quotas in Redis; empty = in-process
    rate_user_per_minute: int = Field(120, ge=0)  # 0 turns a limit off
    rate_tenant_per_minute: int = Field(1200, ge=0)
    rate_tenant_per_day: int = Field(0, ge=0)
    rate_anonymous_per_minute: int = Field(60, ge=0)
    rate_tenant_concurrency: int = Field(32, ge=0)
    abuse_enumeration_distinct: int = Field(25, ge=0)
    abuse_enumeration_window_s: float = Field(60.0, gt=0)
    abuse_cooldown_s: int = Field(300, ge=1)

    # --- authentication
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_secret: str = DEV_SECRET
    jwt_public_key: str = ""  # PEM, for RS256
    jwt_jwks_url: str = ""  # alternative to jwt_public_key, for RS256
    jwt_audience: str = "lua-assistant"
    jwt_issuer: str = "lua-crm"
    jwt_ttl_seconds: int = Field(8 * 3600, ge=60)

    # --- privacy
    vault_key: str = DEV_SECRET  # master key; per-tenant keys are derived from it
    vault_ttl_hours: int = Field(24 * 30, ge=1)
    audit_key: str = DEV_SECRET  # signs retention checkpoints of the audit chain
    retention_interval_minutes: int = Field(60, ge=0)  # the service's periodic purge; 0 = off
    receipt_keep_prompt: bool = True  # keep the redacted prompt (placeholders only) with each receipt

    # --- llm
    llm_provider: Literal["local", "openai_compatible", "fake"] = "local"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_region: str = "eu"
    llm_trains_on_inputs: Literal["never", "opt_out", "yes"] = "never"
    llm_model_path: Path = ROOT / "data" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    llm_timeout_s: float = Field(120.0, gt=0)
    llm_max_tokens: int = Field(400, ge=16, le=8192)
    llm_threads: int = Field(2, ge=1, le=64)
    llm_context_tokens: int = Field(4096, ge=512)
    llm_retention_days: int = Field(0, ge=0)  # how long the default provider keeps data; 0 = none
    llm_no_training_params: dict[str, Any] | None = None  # JSON; None → {"store": false} for openai_compatible
    llm_providers_file: Path | None = None  # providers YAML for tenant overrides; None → built-in
    llm_retry_attempts: int = Field(3, ge=1, le=10)
    llm_breaker_failures: int = Field(5, ge=1)
    llm_breaker_reset_s: float = Field(30.0, gt=0)

    # --- notes search
    vector_backend: Literal["edge", "local", "server"] = "edge"
    vector_path: Path | None = None  # embedded vectors; default data_dir/vectors
    qdrant_url: str = ""  # for vector_backend=server
    qdrant_api_key: str = ""
    vector_max_open_shards: int = Field(16, ge=1)
    vector_idle_seconds: float = Field(60.0, gt=0)
    vector_hnsw_ef: int = Field(256, ge=16)  # HNSW search breadth, unfiltered queries
    vector_hnsw_ef_filtered: int = Field(1024, ge=16)  # queries with a branch or owner filter
    # HNSW graph of new shards/segments: more links and a wider build beam raise recall on hard
    # (high intrinsic dimension) vectors at a much higher build cost (docs/configuration.md).
    vector_hnsw_m: int = Field(16, ge=4, le=128)
    vector_ef_construct: int = Field(100, ge=16, le=2000)
    vector_memory: Literal["cold", "cached"] = "cold"  # Edge vectors: mmap read on demand, or loaded at open
    embedding_model: str = "minilm"  # "minilm", "multilingual-e5-small" or a sentence-transformers dir
    embedding_threads: int = Field(2, ge=1, le=64)
    index_interval_minutes: int = Field(10, ge=0)  # the service keeps note indexes current; 0 = off

    # --- demo
    demo_seed: int = 20261127

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, v: Path) -> Path:
        return v.expanduser().resolve()

    @model_validator(mode="after")
    def _no_dev_secrets_in_production(self) -> "Settings":
        if self.environment == "production":
            if self.jwt_algorithm == "HS256" and self.jwt_secret == DEV_SECRET:
                raise ValueError("LUA_JWT_SECRET must be set in production")
            if self.jwt_algorithm == "RS256" and not (self.jwt_public_key or self.jwt_jwks_url):
                raise ValueError("RS256 needs LUA_JWT_PUBLIC_KEY or LUA_JWT_JWKS_URL")
            if self.vault_key == DEV_SECRET:
                raise ValueError("LUA_VAULT_KEY must be set in production")
            if self.audit_key == DEV_SECRET:
                raise ValueError("LUA_AUDIT_KEY must be set in production")
        if bool(self.ssl_certfile) != bool(self.ssl_keyfile):
            raise ValueError("LUA_SSL_CERTFILE and LUA_SSL_KEYFILE go together")
        if self.jwt_algorithm == "HS256" and len(self.jwt_secret) < 32:
            raise ValueError("LUA_JWT_SECRET must be at least 32 characters")
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'lua.sqlite3'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
