import uuid

import pytest

from svontai.application.bots.delete_bot import DeleteBot
from svontai.domain.conversations import Channel, Conversation, ConversationStatus
from svontai.domain.errors import NotFoundError, PermissionDeniedError
from svontai.domain.roles import Role
from tests.unit.bots.builders import CREATED, add_bot, add_item, make_clock, make_context, with_role
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


def add_conversation(uow: FakeUnitOfWork, bot_id: uuid.UUID, tenant_id: uuid.UUID) -> uuid.UUID:
    conversation = Conversation(
        uuid.uuid4(),
        tenant_id,
        bot_id,
        Channel.WEB,
        "visitor-1",
        ConversationStatus.AI_ACTIVE,
        CREATED,
        CREATED,
    )
    uow.conversations.rows[conversation.id] = conversation
    return conversation.id


async def test_delete_bot_marks_bot_deleted_and_keeps_row() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    await DeleteBot(uow, make_clock()).execute(context, bot.id)

    assert uow.bots.rows[bot.id].deleted_at == make_clock().now()
    assert await uow.bots.get(context.tenant.id, bot.id) is None
    assert uow.committed == 1


async def test_delete_bot_removes_only_its_knowledge() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="pro")
    bot = await add_bot(uow, context)
    other_bot = await add_bot(uow, context)
    await add_item(uow, bot)
    kept = await add_item(uow, other_bot)

    await DeleteBot(uow, make_clock()).execute(context, bot.id)

    assert list(uow.knowledge.rows) == [kept.id]


async def test_delete_bot_closes_its_conversations() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)
    conversation_id = add_conversation(uow, bot.id, context.tenant.id)

    await DeleteBot(uow, make_clock()).execute(context, bot.id)

    conversation = uow.conversations.rows[conversation_id]
    assert conversation.status is ConversationStatus.CLOSED
    assert conversation.bot_id == bot.id


async def test_delete_bot_hides_other_tenants_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_bot(uow, await make_context(uow))
    item = await add_item(uow, foreign)

    with pytest.raises(NotFoundError):
        await DeleteBot(uow, make_clock()).execute(context, foreign.id)

    assert uow.bots.rows[foreign.id].deleted_at is None
    assert item.id in uow.knowledge.rows


async def test_delete_bot_twice_is_not_found() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)
    await DeleteBot(uow, make_clock()).execute(context, bot.id)

    with pytest.raises(NotFoundError):
        await DeleteBot(uow, make_clock()).execute(context, bot.id)


@pytest.mark.parametrize("role", [Role.AGENT, Role.VIEWER])
async def test_delete_bot_rejects_role_without_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    with pytest.raises(PermissionDeniedError):
        await DeleteBot(uow, make_clock()).execute(with_role(context, role), bot.id)

    assert uow.bots.rows[bot.id].deleted_at is None
