from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.domain.bots import Bot
from svontai.domain.conversations import (
    Channel,
    Conversation,
    ConversationStatus,
    Message,
)
from svontai.domain.plans import Plan
from svontai.domain.tenants import Tenant


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    bot_id: UUID | None = None
    status: ConversationStatus | None = None
    channel: Channel | None = None


@dataclass(frozen=True, slots=True)
class ConversationContext:
    """A conversation with its tenant, the tenant's plan, and its bot (None once deleted)."""

    conversation: Conversation
    tenant: Tenant
    plan: Plan
    bot: Bot | None


class ConversationRepository(Protocol):
    async def add(self, conversation: Conversation) -> None:
        """Insert a conversation.

        Raise `ConflictError` when the visitor already has an open conversation with the bot on
        that channel, because at most one may be open at a time.
        """
        ...

    async def get(
        self, tenant_id: UUID, conversation_id: UUID, for_update: bool = False
    ) -> Conversation | None:
        """Return the tenant's conversation. With `for_update`, lock its row until commit."""
        ...

    async def get_any(self, conversation_id: UUID, for_update: bool = False) -> Conversation | None:
        """Return the conversation whatever its tenant, for the public widget."""
        ...

    async def get_context(self, conversation_id: UUID) -> ConversationContext | None:
        """Return the conversation with its tenant, plan and bot, whatever its tenant.

        The plan is the tenant's subscription's, or the free plan without one. Every widget
        message starts with this read, so an implementation should make one round trip.
        """
        ...

    async def find_open(
        self, bot_id: UUID, channel: Channel, external_user_id: str
    ) -> Conversation | None:
        """Return the visitor's conversation with the bot that is not closed, if any."""
        ...

    async def update(self, conversation: Conversation) -> None:
        """Store the status, pause flag, lead and last activity of the conversation."""
        ...

    async def close_for_bot(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None:
        """Close every open conversation of the bot. The conversations and messages are kept."""
        ...

    async def list_page(
        self, tenant_id: UUID, filter: ConversationFilter, page: PageRequest
    ) -> Page[Conversation]:
        """Return the matching conversations, most recent activity first, and their count."""
        ...


class MessageRepository(Protocol):
    async def add(self, message: Message) -> None: ...

    async def list_for_conversation(self, conversation_id: UUID) -> list[Message]:
        """Return every message of the conversation, oldest first."""
        ...

    async def latest(
        self, conversation_id: UUID, since: datetime | None, limit: int
    ) -> list[Message]:
        """Return the newest `limit` messages strictly after `since`, oldest first.

        Messages with equal timestamps keep the order in which they were stored.
        """
        ...
