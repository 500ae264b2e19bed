import uuid
from datetime import timedelta

import pytest

from svontai.application.conversations.get_conversation import GetConversation
from svontai.application.conversations.list_conversations import ListConversations
from svontai.application.pagination import PageRequest
from svontai.application.ports.conversations import ConversationFilter
from svontai.domain.conversations import ConversationStatus, Message, Sender
from svontai.domain.errors import NotFoundError
from svontai.domain.roles import Role
from tests.unit.conversations.builders import (
    CREATED,
    ChatUnitOfWork,
    add_bot,
    add_conversation,
    add_tenant,
    make_context,
)


async def test_list_returns_tenants_conversations_by_activity() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    bot = add_bot(uow, tenant)
    older = await add_conversation(uow, bot, visitor="a")
    newer = await add_conversation(uow, bot, visitor="b")
    newer.last_message_at = CREATED + timedelta(minutes=1)
    await uow.conversations.update(newer)
    await add_conversation(uow, add_bot(uow, await add_tenant(uow)))

    page = await ListConversations(uow).execute(
        make_context(tenant, Role.VIEWER), ConversationFilter(), PageRequest()
    )

    assert [item.id for item in page.items] == [newer.id, older.id]
    assert page.total == 2


async def test_list_applies_filter() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    bot = add_bot(uow, tenant)
    waiting = await add_conversation(uow, bot, ConversationStatus.WAITING, visitor="a")
    await add_conversation(uow, bot, visitor="b")

    page = await ListConversations(uow).execute(
        make_context(tenant),
        ConversationFilter(status=ConversationStatus.WAITING),
        PageRequest(),
    )

    assert [item.id for item in page.items] == [waiting.id]


async def test_get_returns_messages_oldest_first() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))
    for minute in (2, 1):
        await uow.messages.add(
            Message(
                uuid.uuid4(),
                conversation.id,
                tenant.id,
                Sender.USER,
                f"m{minute}",
                CREATED + timedelta(minutes=minute),
            )
        )

    detail = await GetConversation(uow).execute(make_context(tenant), conversation.id)

    assert detail.conversation.id == conversation.id
    assert [message.content for message in detail.messages] == ["m1", "m2"]


async def test_get_hides_other_tenants_conversation() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    other = await add_conversation(uow, add_bot(uow, await add_tenant(uow)))

    with pytest.raises(NotFoundError):
        await GetConversation(uow).execute(make_context(tenant), other.id)
