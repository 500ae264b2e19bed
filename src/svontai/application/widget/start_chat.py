import secrets
import uuid
from dataclasses import dataclass

from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.widget.access import WidgetBot, find_widget_bot
from svontai.application.widget.throttle import WidgetThrottle
from svontai.domain.bots import Bot
from svontai.domain.conversations import (
    Channel,
    Conversation,
    ConversationStatus,
    check_external_user_id,
)
from svontai.domain.errors import ConflictError

# 24 random bytes are 192 bits, written as 32 characters from [A-Za-z0-9_-].
_VISITOR_ID_BYTES = 24


@dataclass(frozen=True, slots=True)
class StartChatCommand:
    bot_public_key: str
    external_user_id: str | None
    client_ip: str


@dataclass(frozen=True, slots=True)
class StartedChat:
    bot: Bot
    conversation: Conversation


class StartWidgetChat:
    """Open the widget's conversation for a visitor, or resume the visitor's open one.

    Without an `external_user_id` a random one is made. The widget keeps it, and it works as
    the visitor's secret for sending and polling. The bot's welcome text is returned to the
    widget and not stored as a message, so it neither shows in the history nor counts
    against the quota.
    """

    def __init__(self, uow: UnitOfWork, throttle: WidgetThrottle, clock: Clock) -> None:
        self._uow = uow
        self._throttle = throttle
        self._clock = clock

    async def execute(self, command: StartChatCommand) -> StartedChat:
        await self._throttle.check_ip(command.client_ip)
        visitor = command.external_user_id or secrets.token_urlsafe(_VISITOR_ID_BYTES)
        check_external_user_id(visitor)
        widget = await find_widget_bot(self._uow, command.bot_public_key)

        conversation = await self._uow.conversations.find_open(widget.bot.id, Channel.WEB, visitor)
        if conversation is None:
            conversation = await self._open(widget, visitor)

        return StartedChat(widget.bot, conversation)

    async def _open(self, widget: WidgetBot, visitor: str) -> Conversation:
        await self._uow.begin_write()
        conversation = await self._uow.conversations.find_open(widget.bot.id, Channel.WEB, visitor)
        if conversation is None:
            conversation = self._new_conversation(widget, visitor)
            try:
                await self._uow.conversations.add(conversation)
            except ConflictError:
                return await self._opened_concurrently(widget, visitor)
        await self._uow.commit()

        return conversation

    async def _opened_concurrently(self, widget: WidgetBot, visitor: str) -> Conversation:
        """Return the conversation a concurrent request opened for the same visitor."""
        await self._uow.rollback()
        found = await self._uow.conversations.find_open(widget.bot.id, Channel.WEB, visitor)
        if found is None:
            raise ConflictError("The conversation changed at the same time; try again.")
        return found

    def _new_conversation(self, widget: WidgetBot, visitor: str) -> Conversation:
        now = self._clock.now()
        return Conversation(
            id=uuid.uuid4(),
            tenant_id=widget.tenant.id,
            bot_id=widget.bot.id,
            channel=Channel.WEB,
            external_user_id=visitor,
            status=ConversationStatus.AI_ACTIVE,
            created_at=now,
            last_message_at=now,
        )
