"""The `svontai` command run as a user runs it: a subprocess with environment variables."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def _run(
    tmp_path: Path, *arguments: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "SVONTAI_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        "SVONTAI_ARGON2_MEMORY_KIB": "1024",
        "SVONTAI_ARGON2_TIME_COST": "1",
        **env,
    }
    command = [sys.executable, "-m", "svontai.entrypoints.cli", *arguments]
    return subprocess.run(  # noqa: S603 - our own command with fixed arguments
        command, input=stdin, capture_output=True, text=True, env=environ, cwd=tmp_path, timeout=60
    )


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    result = _run(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    return tmp_path


def _is_admin(tmp_path: Path, email: str) -> bool:
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        row = connection.execute(
            "SELECT is_platform_admin FROM users WHERE email = ?", (email,)
        ).fetchone()
    return bool(row and row[0])


def test_create_admin_reads_password_from_environment(migrated: Path) -> None:
    result = _run(migrated, "create-admin", "ops@example.com", SVONTAI_ADMIN_PASSWORD="long enough")

    assert result.returncode == 0, result.stderr
    assert "created platform admin" in result.stdout
    assert _is_admin(migrated, "ops@example.com")


def test_create_admin_reads_password_from_stdin(migrated: Path) -> None:
    result = _run(
        migrated, "create-admin", "ops@example.com", "--password-stdin", stdin="long enough\n"
    )

    assert result.returncode == 0, result.stderr
    assert _is_admin(migrated, "ops@example.com")


def test_create_admin_reports_short_password(migrated: Path) -> None:
    result = _run(migrated, "create-admin", "ops@example.com", SVONTAI_ADMIN_PASSWORD="short")

    assert result.returncode == 1
    assert "password" in result.stderr


def test_create_admin_without_password_says_how(
    migrated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SVONTAI_ADMIN_PASSWORD", raising=False)

    result = _run(migrated, "create-admin", "ops@example.com", stdin="")

    assert result.returncode == 1
    assert "no password given" in result.stderr
    assert "Traceback" not in result.stderr
    assert not _is_admin(migrated, "ops@example.com")


def test_invalid_setting_stops_with_its_name(tmp_path: Path) -> None:
    result = _run(tmp_path, "migrate", SVONTAI_PORT="eighty")

    assert result.returncode == 2
    assert "SVONTAI_PORT" in result.stderr


def test_serve_reports_unknown_default_plan_in_one_line(migrated: Path) -> None:
    result = _run(migrated, "serve", "--port", "1", SVONTAI_DEFAULT_PLAN="gold")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "svontai: SVONTAI_DEFAULT_PLAN is 'gold', but no plan has that code"
    ]


def test_serve_asks_for_migration_of_an_empty_database(tmp_path: Path) -> None:
    result = _run(tmp_path, "serve", "--port", "1")

    assert result.returncode == 2
    assert "run `svontai migrate` first" in result.stderr
    assert "Traceback" not in result.stderr
