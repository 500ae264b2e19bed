import uuid
from datetime import timedelta

import pytest

from svontai.application.widget.list_messages import ListMessagesCommand, ListWidgetMessages
from svontai.domain.conversations import Conversation, Message, Sender
from svontai.domain.errors import FeatureNotInPlanError, NotFoundError
from tests.unit.conversations.builders import (
    CREATED,
    ChatUnitOfWork,
    add_bot,
    add_conversation,
    add_tenant,
    use_plan,
)
from tests.unit.widget.builders import Infrastructure


async def conversation_with_messages(uow: ChatUnitOfWork, count: int) -> Conversation:
    conversation = await add_conversation(uow, add_bot(uow, await add_tenant(uow)))
    for second in range(count):
        await uow.messages.add(
            Message(
                uuid.uuid4(),
                conversation.id,
                conversation.tenant_id,
                Sender.USER,
                f"m{second}",
                CREATED + timedelta(seconds=second),
            )
        )
    return conversation


async def list_messages(
    uow: ChatUnitOfWork,
    conversation: Conversation,
    since_second: int | None = None,
    limit: int = 50,
    visitor: str = "visitor-1",
) -> list[str]:
    since = None if since_second is None else CREATED + timedelta(seconds=since_second)
    command = ListMessagesCommand(conversation.id, visitor, since, limit, "203.0.113.7")
    result = await ListWidgetMessages(uow, Infrastructure().throttle()).execute(command)
    return [message.content for message in result.messages]


async def test_list_returns_messages_strictly_after_since() -> None:
    uow = ChatUnitOfWork()
    conversation = await conversation_with_messages(uow, 4)

    contents = await list_messages(uow, conversation, since_second=1)

    assert contents == ["m2", "m3"]


async def test_list_returns_latest_messages_oldest_first() -> None:
    uow = ChatUnitOfWork()
    conversation = await conversation_with_messages(uow, 5)

    contents = await list_messages(uow, conversation, limit=2)

    assert contents == ["m3", "m4"]


async def test_list_hides_conversation_from_other_visitor() -> None:
    uow = ChatUnitOfWork()
    conversation = await conversation_with_messages(uow, 1)

    with pytest.raises(NotFoundError):
        await list_messages(uow, conversation, visitor="visitor-2")


async def test_list_hides_suspended_tenants_conversation() -> None:
    uow = ChatUnitOfWork()
    conversation = await conversation_with_messages(uow, 1)
    uow.tenants.rows[conversation.tenant_id].is_suspended = True

    with pytest.raises(NotFoundError):
        await list_messages(uow, conversation)


async def test_list_needs_widget_feature() -> None:
    uow = ChatUnitOfWork()
    conversation = await conversation_with_messages(uow, 1)
    await use_plan(uow, uow.tenants.rows[conversation.tenant_id], [])

    with pytest.raises(FeatureNotInPlanError):
        await list_messages(uow, conversation)
