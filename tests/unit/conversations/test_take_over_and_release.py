import pytest

from svontai.application.conversations.release_conversation import ReleaseConversation
from svontai.application.conversations.take_over_conversation import TakeOverConversation
from svontai.domain.conversations import ConversationStatus
from svontai.domain.errors import InvalidTransitionError, NotFoundError, PermissionDeniedError
from svontai.domain.roles import Role
from tests.unit.conversations.builders import (
    ChatUnitOfWork,
    add_bot,
    add_conversation,
    add_tenant,
    make_context,
)


async def test_take_over_stores_human_takeover() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))

    result = await TakeOverConversation(uow).execute(
        make_context(tenant, Role.AGENT), conversation.id
    )

    stored = uow.conversations.rows[conversation.id]
    assert stored.status is ConversationStatus.HUMAN_TAKEOVER
    assert stored.is_ai_paused is True
    assert result == stored
    assert uow.committed == 1


async def test_release_stores_ai_active() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(
        uow, add_bot(uow, tenant), ConversationStatus.HUMAN_TAKEOVER, paused=True
    )

    await ReleaseConversation(uow).execute(make_context(tenant), conversation.id)

    stored = uow.conversations.rows[conversation.id]
    assert stored.status is ConversationStatus.AI_ACTIVE
    assert stored.is_ai_paused is False


async def test_take_over_rejects_viewer() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))

    with pytest.raises(PermissionDeniedError):
        await TakeOverConversation(uow).execute(make_context(tenant, Role.VIEWER), conversation.id)


async def test_release_rejects_viewer() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant))

    with pytest.raises(PermissionDeniedError):
        await ReleaseConversation(uow).execute(make_context(tenant, Role.VIEWER), conversation.id)


async def test_take_over_rejects_closed_conversation() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    conversation = await add_conversation(uow, add_bot(uow, tenant), ConversationStatus.CLOSED)

    with pytest.raises(InvalidTransitionError):
        await TakeOverConversation(uow).execute(make_context(tenant), conversation.id)

    assert uow.conversations.rows[conversation.id].status is ConversationStatus.CLOSED


async def test_release_hides_other_tenants_conversation() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    other = await add_conversation(uow, add_bot(uow, await add_tenant(uow)))

    with pytest.raises(NotFoundError):
        await ReleaseConversation(uow).execute(make_context(tenant), other.id)
