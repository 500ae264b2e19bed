from datetime import UTC, datetime
from uuid import UUID

import pytest

from svontai.application.widget.start_chat import StartChatCommand, StartWidgetChat
from svontai.application.widget.throttle import WidgetLimits
from svontai.domain.conversations import Channel, Conversation, ConversationStatus
from svontai.domain.errors import (
    FeatureNotInPlanError,
    NotFoundError,
    RateLimitedError,
    ValidationError,
)
from tests.unit.conversations.builders import (
    ChatUnitOfWork,
    add_bot,
    add_conversation,
    add_tenant,
    use_plan,
)
from tests.unit.fakes.conversations import FakeConversationRepository
from tests.unit.widget.builders import Infrastructure

IP = "203.0.113.7"


def start(uow: ChatUnitOfWork, infrastructure: Infrastructure | None = None) -> StartWidgetChat:
    infrastructure = infrastructure or Infrastructure()
    return StartWidgetChat(uow, infrastructure.throttle(), infrastructure.clock)


async def test_start_opens_conversation_with_random_visitor_id() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))

    started = await start(uow).execute(StartChatCommand(bot.public_key, None, IP))

    conversation = started.conversation
    assert uow.conversations.rows[conversation.id] == conversation
    assert conversation.status is ConversationStatus.AI_ACTIVE
    assert conversation.channel is Channel.WEB
    assert conversation.bot_id == bot.id
    assert len(conversation.external_user_id) == 32
    assert started.bot == bot
    assert uow.committed == 1


async def test_start_stores_no_welcome_message() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))

    await start(uow).execute(StartChatCommand(bot.public_key, None, IP))

    assert uow.messages.rows == []


async def test_start_resumes_visitors_open_conversation() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    existing = await add_conversation(uow, bot, ConversationStatus.WAITING, visitor="v-1")

    started = await start(uow).execute(StartChatCommand(bot.public_key, "v-1", IP))

    assert started.conversation == existing
    assert len(uow.conversations.rows) == 1


async def test_start_opens_new_conversation_after_closed_one() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    closed = await add_conversation(uow, bot, ConversationStatus.CLOSED, visitor="v-1")

    started = await start(uow).execute(StartChatCommand(bot.public_key, "v-1", IP))

    assert started.conversation.id != closed.id
    assert started.conversation.external_user_id == "v-1"


async def test_start_rejects_invalid_visitor_id() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))

    with pytest.raises(ValidationError):
        await start(uow).execute(StartChatCommand(bot.public_key, "bad id\n", IP))


async def test_start_rejects_unknown_key() -> None:
    uow = ChatUnitOfWork()

    with pytest.raises(NotFoundError):
        await start(uow).execute(StartChatCommand("bot_missing", None, IP))


async def test_start_rejects_inactive_bot() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow), is_active=False)

    with pytest.raises(NotFoundError):
        await start(uow).execute(StartChatCommand(bot.public_key, None, IP))


async def test_start_rejects_deleted_bot() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow), deleted_at=datetime(2026, 12, 1, tzinfo=UTC))

    with pytest.raises(NotFoundError):
        await start(uow).execute(StartChatCommand(bot.public_key, None, IP))


async def test_start_hides_suspended_tenants_bot() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow, suspended=True))

    with pytest.raises(NotFoundError):
        await start(uow).execute(StartChatCommand(bot.public_key, None, IP))


async def test_start_needs_widget_feature() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    await use_plan(uow, tenant, features=[])
    bot = add_bot(uow, tenant)

    with pytest.raises(FeatureNotInPlanError):
        await start(uow).execute(StartChatCommand(bot.public_key, None, IP))

    assert uow.conversations.rows == {}


async def test_start_is_rate_limited_per_address() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    infrastructure = Infrastructure(
        limits=WidgetLimits(per_ip="1/minute", per_conversation="9/minute")
    )
    await start(uow, infrastructure).execute(StartChatCommand(bot.public_key, None, IP))

    with pytest.raises(RateLimitedError):
        await start(uow, infrastructure).execute(StartChatCommand(bot.public_key, None, IP))

    assert infrastructure.events.codes() == ["rate_limited"]


class RacingConversationRepository(FakeConversationRepository):
    """Misses the open conversation on the first lookups, as a concurrent insert would."""

    def __init__(self, misses: int) -> None:
        super().__init__()
        self.misses = misses

    async def find_open(
        self, bot_id: UUID, channel: Channel, external_user_id: str
    ) -> Conversation | None:
        if self.misses > 0:
            self.misses -= 1
            return None
        return await super().find_open(bot_id, channel, external_user_id)


async def test_start_returns_conversation_opened_concurrently() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    uow.conversations = RacingConversationRepository(misses=2)
    existing = await add_conversation(uow, bot, visitor="v-1")

    started = await start(uow).execute(StartChatCommand(bot.public_key, "v-1", IP))

    assert started.conversation == existing
    assert len(uow.conversations.rows) == 1
