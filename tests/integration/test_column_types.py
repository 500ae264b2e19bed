"""UTC timestamps read back alike from both databases."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.types import UtcDateTime

_metadata = MetaData()
_stamps = Table(
    "utc_stamps_test",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime()),
)


@pytest.fixture
async def stamps(database: Database) -> AsyncIterator[Database]:
    async with database.engine.begin() as connection:
        await connection.run_sync(_metadata.drop_all)
        await connection.run_sync(_metadata.create_all)
    yield database
    async with database.engine.begin() as connection:
        await connection.run_sync(_metadata.drop_all)


@pytest.mark.parametrize(
    "value",
    [
        datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
        datetime(2026, 12, 4, 10, 0, 0, 123456, tzinfo=UTC),
        datetime(2026, 12, 4, 13, 0, tzinfo=timezone(timedelta(hours=3))),
    ],
)
async def test_timestamp_reads_back_as_aware_utc(stamps: Database, value: datetime) -> None:
    async with stamps.engine.begin() as connection:
        await connection.execute(insert(_stamps).values(id=1, at=value))
        stored = (await connection.execute(select(_stamps.c.at))).scalar_one()

    assert stored == value
    assert stored.tzinfo == UTC


async def test_timestamp_written_by_sql_reads_back_as_utc(stamps: Database) -> None:
    async with stamps.engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO utc_stamps_test (id, at) VALUES (1, '2026-12-04 10:00:00')")
        )
        stored = (await connection.execute(select(_stamps.c.at))).scalar_one()

    assert stored == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
