from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.domain.conversations import (
    Channel,
    Conversation,
    ConversationStatus,
    Message,
)


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    bot_id: UUID | None = None
    status: ConversationStatus | None = None
    channel: Channel | None = None


class ConversationRepository(Protocol):
    async def add(self, conversation: Conversation) -> None: ...

    async def get(self, tenant_id: UUID, conversation_id: UUID) -> Conversation | None: ...

    async def get_any(self, conversation_id: UUID) -> Conversation | None:
        """Return the conversation whatever its tenant, for the public widget."""
        ...

    async def find_open(
        self, bot_id: UUID, channel: Channel, external_user_id: str
    ) -> Conversation | None: ...

    async def update(self, conversation: Conversation) -> None: ...

    async def close_for_bot(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None: ...

    async def list_page(
        self, tenant_id: UUID, filter: ConversationFilter, page: PageRequest
    ) -> Page[Conversation]: ...


class MessageRepository(Protocol):
    async def add(self, message: Message) -> None: ...

    async def list_for_conversation(self, conversation_id: UUID) -> list[Message]: ...

    async def latest(
        self, conversation_id: UUID, since: datetime | None, limit: int
    ) -> list[Message]:
        """Return the newest `limit` messages after `since`, oldest first."""
        ...
