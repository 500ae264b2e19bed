from datetime import timedelta

import pytest

from svontai.application.bots.get_bot import GetBot
from svontai.application.bots.list_bots import ListBots
from svontai.application.pagination import PageRequest
from svontai.domain.errors import NotFoundError
from svontai.domain.roles import Role
from tests.unit.bots.builders import CREATED, add_bot, make_context, with_role
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def test_get_bot_returns_the_tenants_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    found = await GetBot(uow).execute(with_role(context, Role.VIEWER), bot.id)

    assert found == bot


async def test_get_bot_hides_other_tenants_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_bot(uow, await make_context(uow))

    with pytest.raises(NotFoundError):
        await GetBot(uow).execute(context, foreign.id)


async def test_get_bot_hides_deleted_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context, deleted_at=CREATED)

    with pytest.raises(NotFoundError):
        await GetBot(uow).execute(context, bot.id)


async def test_list_bots_is_newest_first_with_total() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bots = [await add_bot(uow, context, CREATED + timedelta(minutes=index)) for index in range(4)]

    page = await ListBots(uow).execute(context, PageRequest(skip=1, limit=2))

    assert [bot.id for bot in page.items] == [bots[2].id, bots[1].id]
    assert page.total == 4


async def test_list_bots_leaves_out_deleted_and_foreign_bots() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    live = await add_bot(uow, context)
    await add_bot(uow, context, deleted_at=CREATED)
    await add_bot(uow, await make_context(uow))

    page = await ListBots(uow).execute(context, PageRequest())

    assert [bot.id for bot in page.items] == [live.id]
    assert page.total == 1
