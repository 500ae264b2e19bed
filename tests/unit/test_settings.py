import stat
from pathlib import Path

import pytest

from svontai.entrypoints.settings import SettingsError, load_settings

GOOD_KEY = "cGFzc3dvcmQtZm9yLXRlc3RzLW9ubHktMDEyMzQ1Njc="


def test_defaults_follow_the_documented_values(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path)

    assert settings.database_url == "sqlite+aiosqlite:///./svontai.db"
    assert settings.port == 8000
    assert settings.default_plan == "free"
    assert settings.private_webhooks_allowed is True


def test_development_secrets_are_generated_once(tmp_path: Path) -> None:
    first = load_settings({}, tmp_path)
    second = load_settings({}, tmp_path)

    assert first.jwt_secret == second.jwt_secret
    assert first.encryption_key == second.encryption_key


def test_development_secrets_file_is_private(tmp_path: Path) -> None:
    load_settings({}, tmp_path)

    mode = (tmp_path / ".svontai" / "secrets").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_production_requires_jwt_secret(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="SVONTAI_JWT_SECRET"):
        load_settings({"SVONTAI_ENV": "production", "SVONTAI_ENCRYPTION_KEY": GOOD_KEY}, tmp_path)


def test_production_rejects_short_jwt_secret(tmp_path: Path) -> None:
    environ = {
        "SVONTAI_ENV": "production",
        "SVONTAI_JWT_SECRET": "too-short",
        "SVONTAI_ENCRYPTION_KEY": GOOD_KEY,
    }

    with pytest.raises(SettingsError, match="at least 32 bytes"):
        load_settings(environ, tmp_path)


def test_production_rejects_bad_fernet_key(tmp_path: Path) -> None:
    environ = {
        "SVONTAI_ENV": "production",
        "SVONTAI_JWT_SECRET": "x" * 40,
        "SVONTAI_ENCRYPTION_KEY": "not-a-key",
    }

    with pytest.raises(SettingsError, match="SVONTAI_ENCRYPTION_KEY"):
        load_settings(environ, tmp_path)


def test_production_disallows_private_webhooks_by_default(tmp_path: Path) -> None:
    environ = {
        "SVONTAI_ENV": "production",
        "SVONTAI_JWT_SECRET": "x" * 40,
        "SVONTAI_ENCRYPTION_KEY": GOOD_KEY,
    }

    assert load_settings(environ, tmp_path).private_webhooks_allowed is False


def test_explicit_false_wins_in_development(tmp_path: Path) -> None:
    settings = load_settings({"SVONTAI_ALLOW_PRIVATE_WEBHOOKS": "false"}, tmp_path)

    assert settings.private_webhooks_allowed is False


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SVONTAI_PORT", "eighty"),
        ("SVONTAI_PORT", "70000"),
        ("SVONTAI_ENV", "staging"),
        ("SVONTAI_ACCESS_TOKEN_TTL_SECONDS", "0"),
        ("SVONTAI_RATE_LIMIT_WIDGET_PER_IP", "lots"),
        ("SVONTAI_TRUSTED_PROXIES", "10.0.0.1,notanip"),
        ("SVONTAI_LOG_LEVEL", "loud"),
        ("SVONTAI_DATABASE_URL", "mysql://x/y"),
        ("SVONTAI_DATABASE_URL", "postgresql://postgres@127.0.0.1/svontai"),
        ("SVONTAI_ENCRYPTION_KEY", "bad"),
        ("SVONTAI_PUBLIC_BASE_URL", "notaurl"),
        ("SVONTAI_PUBLIC_BASE_URL", "ftp://example.com"),
        ("SVONTAI_WHATSAPP_GRAPH_URL", "graph.facebook.com/v21.0"),
        ("SVONTAI_LLM_BASE_URL", "http://"),
    ],
)
def test_invalid_value_names_the_variable(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings({name: value}, tmp_path)


def test_lists_are_comma_separated(tmp_path: Path) -> None:
    settings = load_settings({"SVONTAI_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.0/8"}, tmp_path)

    assert settings.trusted_proxies == ("10.0.0.1", "10.0.0.0/8")


def test_log_level_ignores_case(tmp_path: Path) -> None:
    settings = load_settings({"SVONTAI_LOG_LEVEL": "WARNING"}, tmp_path)

    assert settings.log_level == "warning"
