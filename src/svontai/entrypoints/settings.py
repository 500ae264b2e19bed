"""Settings from `SVONTAI_*` environment variables, parsed and checked once at start-up."""

import ipaddress
import os
import secrets
import stat
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import msgspec
import structlog
from cryptography.fernet import Fernet
from limits import parse

PREFIX = "SVONTAI_"
_MIN_JWT_SECRET_BYTES = 32


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class LogFormat(StrEnum):
    AUTO = "auto"
    JSON = "json"
    CONSOLE = "console"


class LogLevel(StrEnum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    CRITICAL = "critical"


Positive = Annotated[int, msgspec.Meta(ge=1)]
Seconds = Annotated[float, msgspec.Meta(gt=0)]


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    """Every setting with its default; the field `x` is read from `SVONTAI_X`."""

    env: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite+aiosqlite:///./svontai.db"
    jwt_secret: str = ""
    encryption_key: str = ""
    redis_url: str | None = None
    default_plan: str = "free"
    public_base_url: str = "http://localhost:8000"
    allow_private_webhooks: bool | None = None
    whatsapp_graph_url: str = "https://graph.facebook.com/v21.0"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout_seconds: Seconds = 8.0
    trusted_proxies: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 8000
    access_token_ttl_seconds: Positive = 900
    refresh_token_ttl_days: Positive = 30
    login_max_failures: Positive = 5
    login_failure_window_seconds: Positive = 900
    rate_limit_auth_per_ip: str = "30/minute"
    rate_limit_widget_per_ip: str = "120/minute"
    rate_limit_widget_per_conversation: str = "30/minute"
    log_format: LogFormat = LogFormat.AUTO
    log_level: LogLevel = LogLevel.INFO
    # At 128 concurrent bot lists on a 2-CPU machine, a pool of twenty PostgreSQL connections
    # served 10 % fewer requests than ten. With the overflow and PostgreSQL's read pool, one
    # process opens at most 30 connections (see README).
    db_pool_size: Positive = 10
    db_max_overflow: Annotated[int, msgspec.Meta(ge=0)] = 10
    db_pool_timeout_seconds: Seconds = 10.0
    hasher_threads: Positive = 1
    hasher_max_waiting: Positive = 256
    argon2_time_cost: Positive = 2
    argon2_memory_kib: Annotated[int, msgspec.Meta(ge=1024)] = 19_456
    argon2_parallelism: Positive = 1
    secrets_dir: str = ".svontai"

    @property
    def private_webhooks_allowed(self) -> bool:
        if self.allow_private_webhooks is not None:
            return self.allow_private_webhooks
        return self.env is Environment.DEVELOPMENT

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


class SettingsError(ValueError):
    """A setting is missing or invalid; the message names the variable."""


_LIST_FIELDS = {"trusted_proxies", "cors_origins"}
_RATE_FIELDS = ("rate_limit_auth_per_ip", "rate_limit_widget_per_ip")
# The async drivers the service ships with, one per supported database.
_DATABASE_SCHEMES = ("sqlite+aiosqlite://", "postgresql+psycopg://")
_URL_FIELDS = ("public_base_url", "whatsapp_graph_url", "llm_base_url")


def load_settings(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Settings:
    """Build settings from the environment, then fill or check the secrets."""
    environ = os.environ if environ is None else environ
    settings = _parse(environ)
    _check_database_url(settings.database_url)
    _check_rate_limits(settings)
    _check_trusted_proxies(settings.trusted_proxies)
    _check_urls(settings)
    if settings.encryption_key:
        _check_fernet_keys(settings.encryption_key)
    return _with_secrets(settings, cwd or Path.cwd())


def _parse(environ: Mapping[str, str]) -> Settings:
    raw: dict[str, object] = {}
    for name in Settings.__struct_fields__:
        value = environ.get(PREFIX + name.upper())
        if value is None or (value == "" and name not in ("jwt_secret", "encryption_key")):
            continue
        if name in _LIST_FIELDS:
            raw[name] = _split(value)
        else:
            raw[name] = value.lower() if name == "log_level" else value
    try:
        return msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as error:
        raise SettingsError(_explain(str(error))) from None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _explain(message: str) -> str:
    """Rewrite msgspec's `... - at `$.port`` into a message naming the variable."""
    text, _, path = message.rpartition(" - at `$.")
    if not path:
        return f"Invalid settings: {message}"
    field = path.rstrip("`").split("[")[0]
    return f"Invalid value for {PREFIX}{field.upper()}: {text}"


def _check_database_url(url: str) -> None:
    if not url.startswith(_DATABASE_SCHEMES):
        raise SettingsError(
            f"Invalid value for {PREFIX}DATABASE_URL: {url.split(':', 1)[0]!r} is not a "
            "supported database; use sqlite+aiosqlite:///PATH or "
            "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE"
        )


def _check_urls(settings: Settings) -> None:
    for name in _URL_FIELDS:
        value = getattr(settings, name)
        if value is None:
            continue
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SettingsError(
                f"Invalid value for {PREFIX}{name.upper()}: {value!r} is not an absolute http "
                "or https URL such as https://example.com"
            )


def _check_trusted_proxies(proxies: tuple[str, ...]) -> None:
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise SettingsError(
                f"Invalid value for {PREFIX}TRUSTED_PROXIES: {proxy!r} is not an IP address "
                "or network such as 10.0.0.1 or 10.0.0.0/8"
            ) from None


def _check_rate_limits(settings: Settings) -> None:
    for name in (*_RATE_FIELDS, "rate_limit_widget_per_conversation"):
        value = getattr(settings, name)
        try:
            parse(value)
        except ValueError:
            raise SettingsError(
                f"Invalid value for {PREFIX}{name.upper()}: {value!r} is not a rate limit "
                "such as '60/minute' or '5/15 seconds'"
            ) from None


def _with_secrets(settings: Settings, cwd: Path) -> Settings:
    if settings.env is Environment.PRODUCTION:
        _check_production_secrets(settings)
        return settings
    if settings.jwt_secret and settings.encryption_key:
        _check_jwt_secret(settings.jwt_secret)
        return settings
    stored = _stored_secrets(cwd / settings.secrets_dir / "secrets")
    jwt_secret = settings.jwt_secret or stored["jwt_secret"]
    _check_jwt_secret(jwt_secret)
    encryption_key = settings.encryption_key or stored["encryption_key"]
    return msgspec.structs.replace(settings, jwt_secret=jwt_secret, encryption_key=encryption_key)


def _check_production_secrets(settings: Settings) -> None:
    if not settings.jwt_secret:
        raise SettingsError(f"{PREFIX}JWT_SECRET is required when {PREFIX}ENV=production")
    if not settings.encryption_key:
        raise SettingsError(f"{PREFIX}ENCRYPTION_KEY is required when {PREFIX}ENV=production")
    _check_jwt_secret(settings.jwt_secret)
    _check_fernet_keys(settings.encryption_key)


def _check_jwt_secret(secret: str) -> None:
    if len(secret.encode()) < _MIN_JWT_SECRET_BYTES:
        raise SettingsError(
            f"{PREFIX}JWT_SECRET must be at least {_MIN_JWT_SECRET_BYTES} bytes long"
        )


def _check_fernet_keys(value: str) -> None:
    for key in _split(value):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise SettingsError(
                f"Invalid value for {PREFIX}ENCRYPTION_KEY: each comma-separated key must be "
                "a Fernet key (32 url-safe base64-encoded bytes)"
            ) from None


def _stored_secrets(path: Path) -> dict[str, str]:
    """Read the development secrets file, creating it with fresh secrets on first use."""
    if path.exists():
        values = dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
        if values.get("jwt_secret") and values.get("encryption_key"):
            return values
    values = {
        "jwt_secret": secrets.token_urlsafe(48),
        "encryption_key": Fernet.generate_key().decode(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(descriptor, "w") as file:
        file.write("".join(f"{key}={value}\n" for key, value in values.items()))
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    structlog.get_logger().warning("development_secrets_generated", path=str(path))
    return values
