import asyncio
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.tables import bots
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.pagination import PageRequest
from svontai.domain.bots import Bot
from tests.integration.knowledge_helpers import NOW, add_bot, add_tenant, make_bot


async def delete_bot(database: Database, bot: Bot) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.bots.delete(bot.tenant_id, bot.id, NOW + timedelta(hours=1))
        await uow.commit()


async def test_add_and_get_round_trip(database: Database) -> None:
    tenant_id = await add_tenant(database)
    bot = await add_bot(database, tenant_id)

    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.bots.get(tenant_id, bot.id)

    assert found == bot


async def test_get_hides_other_tenants_bot(database: Database) -> None:
    bot = await add_bot(database, await add_tenant(database))
    stranger = await add_tenant(database)

    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.bots.get(stranger, bot.id)

    assert found is None


async def test_get_by_public_key_finds_live_bot(database: Database) -> None:
    bot = await add_bot(database, await add_tenant(database))

    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.bots.get_by_public_key(bot.public_key)
        missing = await uow.bots.get_by_public_key("bot_unknown")

    assert found == bot
    assert missing is None


async def test_delete_hides_bot_and_keeps_its_row(database: Database) -> None:
    tenant_id = await add_tenant(database)
    bot = await add_bot(database, tenant_id)

    await delete_bot(database, bot)

    async with SqlAlchemyUnitOfWork(database) as uow:
        by_id = await uow.bots.get(tenant_id, bot.id)
        by_key = await uow.bots.get_by_public_key(bot.public_key)
        count = await uow.bots.count(tenant_id)
        page = await uow.bots.list_page(tenant_id, PageRequest())
        row = (await uow.execute(select(bots.c.deleted_at).where(bots.c.id == bot.id))).one()
    assert by_id is None
    assert by_key is None
    assert count == 0
    assert page.items == []
    assert row.deleted_at == NOW + timedelta(hours=1)


async def test_list_page_is_newest_first_with_total(database: Database) -> None:
    tenant_id = await add_tenant(database)
    created = [
        await add_bot(database, tenant_id, NOW + timedelta(minutes=index)) for index in range(4)
    ]
    await add_bot(database, await add_tenant(database))

    async with SqlAlchemyUnitOfWork(database) as uow:
        page = await uow.bots.list_page(tenant_id, PageRequest(skip=1, limit=2))

    assert [bot.id for bot in page.items] == [created[2].id, created[1].id]
    assert page.total == 4


async def test_count_is_per_tenant(database: Database) -> None:
    tenant_id = await add_tenant(database)
    await add_bot(database, tenant_id)
    await add_bot(database, tenant_id)
    await add_bot(database, await add_tenant(database))

    async with SqlAlchemyUnitOfWork(database) as uow:
        count = await uow.bots.count(tenant_id)

    assert count == 2


async def test_update_stores_fields_but_not_public_key(database: Database) -> None:
    tenant_id = await add_tenant(database)
    bot = await add_bot(database, tenant_id)
    changed = replace(
        bot,
        name="Satış",
        description="Türkçe açıklama",
        answer_threshold=0.8,
        widget_position="left",
        is_active=False,
        public_key="bot_changed",
        updated_at=NOW + timedelta(minutes=5),
    )

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.bots.update(changed)
        await uow.commit()
    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.bots.get(tenant_id, bot.id)

    assert found == replace(changed, public_key=bot.public_key)


async def test_update_ignores_other_tenants_bot(database: Database) -> None:
    bot = await add_bot(database, await add_tenant(database))
    forged = replace(bot, tenant_id=await add_tenant(database), name="Forged")

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.bots.update(forged)
        await uow.commit()
    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.bots.get(bot.tenant_id, bot.id)

    assert found == bot


async def test_count_for_update_makes_writers_take_turns(database: Database) -> None:
    tenant_id = await add_tenant(database)
    first = SqlAlchemyUnitOfWork(database)
    await first.begin_write()
    await first.bots.count(tenant_id, for_update=True)

    async def second_count() -> int:
        async with SqlAlchemyUnitOfWork(database) as second:
            await second.begin_write()
            return await second.bots.count(tenant_id, for_update=True)

    waiting = asyncio.create_task(second_count())
    await asyncio.sleep(0.3)
    blocked = not waiting.done()
    await first.bots.add(make_bot(tenant_id))
    await first.commit()
    counted = await asyncio.wait_for(waiting, timeout=10)

    assert blocked
    assert counted == 1


async def test_get_for_update_waits_for_deletion(database: Database) -> None:
    tenant_id = await add_tenant(database)
    bot = await add_bot(database, tenant_id)
    deleting = SqlAlchemyUnitOfWork(database)
    await deleting.begin_write()
    await deleting.bots.get(tenant_id, bot.id, for_update=True)

    async def locked_get() -> Bot | None:
        async with SqlAlchemyUnitOfWork(database) as adding:
            await adding.begin_write()
            return await adding.bots.get(tenant_id, bot.id, for_update=True)

    waiting = asyncio.create_task(locked_get())
    await asyncio.sleep(0.3)
    blocked = not waiting.done()
    await deleting.bots.delete(tenant_id, bot.id, NOW)
    await deleting.commit()
    found = await asyncio.wait_for(waiting, timeout=10)

    assert blocked
    assert found is None
