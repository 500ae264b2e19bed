"""Migrations on both databases: what they change, and that they go down and up again."""

import asyncio

from alembic import command
from sqlalchemy import text

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.entrypoints.migrate import alembic_config, upgrade

_INDEX_OPTIONS = text(
    "SELECT reloptions FROM pg_class WHERE relname = 'ix_knowledge_items_search_vector'"
)


async def _gin_options(database: Database) -> list[str] | None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        options: list[str] | None = (await uow.execute(_INDEX_OPTIONS)).scalar_one()
    return options


async def test_search_index_has_no_pending_list(database: Database) -> None:
    if database.is_sqlite:
        return  # FTS5 has no pending list

    assert await _gin_options(database) == ["fastupdate=off"]


async def test_latest_migration_goes_down_and_up(database: Database, database_url: str) -> None:
    config = alembic_config(database_url)

    # Alembic's environment runs its own event loop, so it runs in a thread here.
    await asyncio.to_thread(command.downgrade, config, "-1")
    if not database.is_sqlite:
        assert await _gin_options(database) is None
    await asyncio.to_thread(upgrade, database_url)

    if not database.is_sqlite:
        assert await _gin_options(database) == ["fastupdate=off"]
