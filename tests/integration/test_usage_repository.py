"""The monthly message counter, and its limit, on both databases."""

import asyncio
from datetime import UTC, datetime

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from tests.integration.knowledge_helpers import add_tenant

PERIOD = datetime(2026, 12, 1, tzinfo=UTC)


async def count(database: Database, tenant_id: object, limit: int | None) -> bool:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        counted = await uow.usage.add_message(tenant_id, PERIOD, limit)  # type: ignore[arg-type]
        await uow.commit()
    return counted


async def used(database: Database, tenant_id: object) -> int:
    async with SqlAlchemyUnitOfWork(database) as uow:
        return await uow.usage.messages_used(tenant_id, PERIOD)  # type: ignore[arg-type]


async def test_messages_are_counted_up_to_the_limit(database: Database) -> None:
    tenant_id = await add_tenant(database)

    counted = [await count(database, tenant_id, 2) for _ in range(3)]

    assert counted == [True, True, False]
    assert await used(database, tenant_id) == 2


async def test_without_a_limit_every_message_counts(database: Database) -> None:
    tenant_id = await add_tenant(database)

    counted = [await count(database, tenant_id, None) for _ in range(3)]

    assert counted == [True, True, True]
    assert await used(database, tenant_id) == 3


async def test_zero_limit_counts_nothing(database: Database) -> None:
    tenant_id = await add_tenant(database)

    assert await count(database, tenant_id, 0) is False
    assert await used(database, tenant_id) == 0


async def test_concurrent_writers_do_not_pass_the_limit(database: Database) -> None:
    tenant_id = await add_tenant(database)
    await count(database, tenant_id, 5)  # the row exists, so writers race on its update

    counted = await asyncio.gather(*(count(database, tenant_id, 5) for _ in range(10)))

    assert sum(counted) == 4
    assert await used(database, tenant_id) == 5
