from datetime import timedelta

import pytest

from svontai.application.conversations.reply_to_conversation import (
    ReplyCommand,
    ReplyToConversation,
)
from svontai.domain.conversations import ConversationStatus, Sender
from svontai.domain.errors import ConflictError, NotFoundError, PermissionDeniedError
from svontai.domain.plans import billing_period
from svontai.domain.roles import Role
from tests.unit.conversations.builders import (
    CREATED,
    ChatUnitOfWork,
    add_bot,
    add_conversation,
    add_tenant,
    make_context,
)
from tests.unit.fakes.infrastructure import FakeClock

NOW = CREATED + timedelta(hours=1)


async def test_reply_stores_operator_message() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant), ConversationStatus.WAITING)

    message = await ReplyToConversation(uow, FakeClock(NOW)).execute(
        make_context(tenant, Role.AGENT), ReplyCommand(conversation.id, "  Merhaba!  ")
    )

    assert uow.messages.rows == [message]
    assert message.sender is Sender.OPERATOR
    assert message.content == "Merhaba!"
    assert message.created_at == NOW
    assert uow.committed == 1


async def test_reply_updates_activity_but_not_status() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant), ConversationStatus.WAITING)

    await ReplyToConversation(uow, FakeClock(NOW)).execute(
        make_context(tenant), ReplyCommand(conversation.id, "Merhaba!")
    )

    stored = uow.conversations.rows[conversation.id]
    assert stored.last_message_at == NOW
    assert stored.status is ConversationStatus.WAITING


async def test_reply_is_not_counted_in_quota() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))

    await ReplyToConversation(uow, FakeClock(NOW)).execute(
        make_context(tenant), ReplyCommand(conversation.id, "Merhaba!")
    )

    assert await uow.usage.messages_used(tenant.id, billing_period(NOW)[0]) == 0


async def test_reply_rejects_viewer() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))

    with pytest.raises(PermissionDeniedError):
        await ReplyToConversation(uow, FakeClock(NOW)).execute(
            make_context(tenant, Role.VIEWER), ReplyCommand(conversation.id, "Merhaba!")
        )


async def test_reply_rejects_closed_conversation() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant), ConversationStatus.CLOSED)

    with pytest.raises(ConflictError):
        await ReplyToConversation(uow, FakeClock(NOW)).execute(
            make_context(tenant), ReplyCommand(conversation.id, "Merhaba!")
        )

    assert uow.messages.rows == []


async def test_reply_hides_other_tenants_conversation() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    other = await add_conversation(uow, add_bot(uow, await add_tenant(uow)))

    with pytest.raises(NotFoundError):
        await ReplyToConversation(uow, FakeClock(NOW)).execute(
            make_context(tenant), ReplyCommand(other.id, "Merhaba!")
        )


async def test_replies_in_same_instant_get_increasing_times() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))
    reply = ReplyToConversation(uow, FakeClock(NOW))

    first = await reply.execute(make_context(tenant), ReplyCommand(conversation.id, "Bir"))
    second = await reply.execute(make_context(tenant), ReplyCommand(conversation.id, "İki"))

    assert second.created_at > first.created_at
