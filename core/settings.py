"""One Settings object for the whole app, read once in the composition root (cli/)."""
from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.errors import ConfigError


class DatabaseSettings(BaseModel):
    # Empty means "SQLite file inside data_dir", so the embedded default needs no configuration.
    url: str = ""
    echo: bool = False
    # How long a statement waits for a lock held by someone else (SQLite's busy timeout, PostgreSQL's
    # lock_timeout) before the request gives up with "busy, retry" (HTTP 503 with Retry-After).
    lock_timeout_seconds: float = Field(10.0, gt=0, le=600)


class ChromaSettings(BaseModel):
    # Empty host means embedded PersistentClient in data_dir/chroma.
    host: str = ""
    port: int = Field(8000, ge=1, le=65535)
    path: str = ""
    collection_prefix: str = "gc"


class TelegramSettings(BaseModel):
    token: SecretStr | None = None
    api_base: str = ""
    webhook_url: str = ""
    webhook_secret: SecretStr | None = None
    redis_url: str = ""
    bot_username: str = "GuideCopilotBot"


class LLMSettings(BaseModel):
    base_url: str = ""
    api_key: SecretStr | None = None
    model: str = "gpt-4o-mini"
    timeout_seconds: float = Field(20.0, gt=0)
    max_retries: int = Field(1, ge=0, le=5)
    temperature: float = Field(0.7, ge=0, le=2)

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


class APISettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    public_base_url: str = "http://127.0.0.1:8080"
    max_body_bytes: int = Field(1_000_000, ge=1024)  # refused (413) before it is read: an order of 1,000 lines fits
    # Orders pushed by webhook must be dated within this window around our clock: a little clock
    # skew into the future, and not older than the brand's history that webhooks serve.
    order_max_future_minutes: int = Field(10, ge=0, le=24 * 60)
    order_max_age_days: int = Field(400, ge=1)


class RankingSettings(BaseModel):
    horizon_days: int = Field(30, ge=1, le=365)
    daily_budget: int = Field(20, ge=1, le=500)
    fatigue_min_days: int = Field(3, ge=0)
    fatigue_max_per_30_days: int = Field(4, ge=1)
    quiet_start_hour: int = Field(21, ge=0, le=23)
    quiet_end_hour: int = Field(9, ge=0, le=23)
    silent_days: int = Field(90, ge=1)
    # VIP: tagged 'VIP' in the brand's data, or paid spend at least this much.
    vip_spend: float = Field(5000.0, ge=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GC_",
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    data_dir: Path = Path("./.guide-copilot")
    brand_code: str = "demo"
    timezone: str = "Asia/Shanghai"
    default_language: str = "zh"
    database: DatabaseSettings = DatabaseSettings()
    chroma: ChromaSettings = ChromaSettings()
    telegram: TelegramSettings = TelegramSettings()
    llm: LLMSettings = LLMSettings()
    api: APISettings = APISettings()
    ranking: RankingSettings = RankingSettings()

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("zh", "en"):
            raise ValueError("must be 'zh' or 'en'")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.data_dir / 'guide-copilot.db').resolve()}"

    @property
    def chroma_path(self) -> Path:
        return Path(self.chroma.path) if self.chroma.path else self.data_dir / "chroma"


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning pydantic's error into one that names the env variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            env_name = "GC_" + "__".join(str(part).upper() for part in err["loc"])
            problems.append(f"{env_name}: {err['msg']} (got {err.get('input')!r})")
        raise ConfigError("Invalid setting: " + "; ".join(problems)) from exc
