"""Shared fixtures: a migrated database of each kind, settings and an app per database.

Database tests run twice, on SQLite and on the PostgreSQL named by SVONTAI_TEST_POSTGRES_URL
(default: database `test` on 127.0.0.1:5432). An unreachable PostgreSQL fails the run; set
SVONTAI_TEST_SKIP_POSTGRES=1 to skip those tests on a machine without one.
"""

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import msgspec
import psycopg
import pytest

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.tables import metadata
from svontai.entrypoints.migrate import upgrade
from svontai.entrypoints.settings import Settings

POSTGRES_URL = os.environ.get(
    "SVONTAI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
KEPT_TABLES = {"plans", "alembic_version"}


def _reset_postgres_schema(url: str) -> None:
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    except psycopg.OperationalError as error:
        if os.environ.get("SVONTAI_TEST_SKIP_POSTGRES") == "1":
            pytest.skip(f"PostgreSQL unreachable and SVONTAI_TEST_SKIP_POSTGRES=1: {error}")
        pytest.fail(f"PostgreSQL at {url} is unreachable: {error}", pytrace=False)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "svontai.db"
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = POSTGRES_URL
        _reset_postgres_schema(url)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build_settings(database_url, tmp_path_factory.mktemp("work"))


def build_settings(database_url: str, workdir: Path, **overrides: object) -> Settings:
    """Settings for tests: cheap password hashing and limits that tests do not hit by accident."""
    values: dict[str, object] = {
        "database_url": database_url,
        "jwt_secret": "test-secret-that-is-long-enough-for-hs256-0123456789",
        "encryption_key": "cGFzc3dvcmQtZm9yLXRlc3RzLW9ubHktMDEyMzQ1Njc=",
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,
        "rate_limit_auth_per_ip": "100000/minute",
        "rate_limit_widget_per_ip": "100000/minute",
        "rate_limit_widget_per_conversation": "100000/minute",
        "log_level": "warning",
        "secrets_dir": str(workdir / ".svontai"),
        "llm_base_url": None,
    }
    values.update(overrides)
    return msgspec.convert(values, Settings, strict=False)


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Database]:
    database = Database(settings.database_url)
    yield database
    await database.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty every table but the seeded ones after each database test."""
    yield
    if "database_url" not in request.fixturenames:
        return
    url = request.getfixturevalue("database_url")
    _truncate(url)


def _truncate(url: str) -> None:
    names = [table.name for table in reversed(metadata.sorted_tables)]
    names = [name for name in names if name not in KEPT_TABLES]
    if url.startswith("postgresql"):
        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f"TRUNCATE {', '.join(names)} CASCADE")
        return
    import sqlite3

    path = url.split("///", 1)[1]
    with sqlite3.connect(path) as connection:
        for name in names:
            connection.execute(f"DELETE FROM {name}")  # noqa: S608 - names come from metadata
        for statement in EXTRA_SQLITE_CLEANUP:
            connection.execute(statement)


# Tables outside the SQLAlchemy metadata (the full-text index) are emptied here too.
EXTRA_SQLITE_CLEANUP: list[str] = [
    # The knowledge index is a contentless FTS5 table, which rejects DELETE.
    "INSERT INTO knowledge_fts (knowledge_fts) VALUES ('delete-all')",
]
