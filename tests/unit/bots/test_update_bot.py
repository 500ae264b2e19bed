import pytest

from svontai.application.bots.fields import BotFields
from svontai.application.bots.update_bot import UpdateBot
from svontai.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from svontai.domain.roles import Role
from tests.unit.bots.builders import CREATED, add_bot, make_clock, make_context, with_role
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def test_update_bot_changes_only_sent_fields() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context, description="Eski", answer_threshold=0.3)

    updated = await UpdateBot(uow, make_clock()).execute(
        context, bot.id, BotFields(name=" Yeni ", answer_threshold=0.7)
    )

    stored = uow.bots.rows[bot.id]
    assert stored == updated
    assert stored.name == "Yeni"
    assert stored.answer_threshold == 0.7
    assert stored.description == "Eski"
    assert stored.public_key == bot.public_key
    assert stored.created_at == CREATED
    assert stored.updated_at == make_clock().now()
    assert uow.committed == 1


async def test_update_bot_clears_description_with_none() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context, description="Eski")

    await UpdateBot(uow, make_clock()).execute(context, bot.id, BotFields(description=None))

    assert uow.bots.rows[bot.id].description is None


async def test_update_bot_rejects_invalid_value() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    with pytest.raises(ValidationError):
        await UpdateBot(uow, make_clock()).execute(context, bot.id, BotFields(name=""))

    assert uow.bots.rows[bot.id].name == "Destek"


async def test_update_bot_hides_other_tenants_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_bot(uow, await make_context(uow))

    with pytest.raises(NotFoundError):
        await UpdateBot(uow, make_clock()).execute(context, foreign.id, BotFields(name="X"))

    assert uow.bots.rows[foreign.id].name == "Destek"


async def test_update_bot_hides_deleted_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context, deleted_at=CREATED)

    with pytest.raises(NotFoundError):
        await UpdateBot(uow, make_clock()).execute(context, bot.id, BotFields(name="X"))


@pytest.mark.parametrize("role", [Role.AGENT, Role.VIEWER])
async def test_update_bot_rejects_role_without_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    with pytest.raises(PermissionDeniedError):
        await UpdateBot(uow, make_clock()).execute(
            with_role(context, role), bot.id, BotFields(name="X")
        )

    assert uow.bots.rows[bot.id].name == "Destek"
