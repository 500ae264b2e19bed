from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.widget.access import find_widget_chat, is_visitor, require_widget
from svontai.application.widget.throttle import WidgetThrottle
from svontai.domain.conversations import Conversation, Message
from svontai.domain.errors import NotFoundError


@dataclass(frozen=True, slots=True)
class ListMessagesCommand:
    conversation_id: UUID
    external_user_id: str
    since: datetime | None
    limit: int
    client_ip: str


@dataclass(frozen=True, slots=True)
class WidgetMessages:
    conversation: Conversation
    messages: list[Message]


class ListWidgetMessages:
    """Return the newest `limit` messages strictly after `since`, oldest first, for polling.

    The visitor id must match the conversation's. A wrong one raises `NotFoundError`, as an
    unknown conversation does, so polling reveals nothing about other visitors.
    """

    def __init__(self, uow: UnitOfWork, throttle: WidgetThrottle) -> None:
        self._uow = uow
        self._throttle = throttle

    async def execute(self, command: ListMessagesCommand) -> WidgetMessages:
        await self._throttle.check_ip(command.client_ip)
        chat = await find_widget_chat(self._uow, command.conversation_id)
        if not is_visitor(chat.conversation, command.external_user_id):
            raise NotFoundError("Conversation not found.")
        require_widget(chat.plan)

        messages = await self._uow.messages.latest(
            chat.conversation.id, command.since, command.limit
        )
        return WidgetMessages(chat.conversation, messages)
