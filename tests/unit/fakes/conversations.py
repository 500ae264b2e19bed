from dataclasses import replace
from datetime import datetime
from typing import Any
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.conversations import ConversationContext, ConversationFilter
from svontai.domain.conversations import Channel, Conversation, ConversationStatus, Message
from svontai.domain.errors import ConflictError


class FakeConversationRepository:
    def __init__(self) -> None:
        self.rows: dict[UUID, Conversation] = {}
        # The fake unit of work sets itself here: `get_context` reads its tenants, plans, bots.
        self.uow: Any = None

    async def add(self, conversation: Conversation) -> None:
        open_one = await self.find_open(
            conversation.bot_id, conversation.channel, conversation.external_user_id
        )
        if open_one is not None and conversation.is_open:
            raise ConflictError("This visitor already has an open conversation with the bot.")
        self.rows[conversation.id] = replace(conversation)

    async def get(
        self, tenant_id: UUID, conversation_id: UUID, for_update: bool = False
    ) -> Conversation | None:
        conversation = self.rows.get(conversation_id)
        if conversation is None or conversation.tenant_id != tenant_id:
            return None
        return replace(conversation)

    async def get_any(self, conversation_id: UUID, for_update: bool = False) -> Conversation | None:
        conversation = self.rows.get(conversation_id)
        return replace(conversation) if conversation else None

    async def get_context(self, conversation_id: UUID) -> ConversationContext | None:
        conversation = await self.get_any(conversation_id)
        if conversation is None:
            return None
        tenant = await self.uow.tenants.get(conversation.tenant_id)
        plan = await self.uow.plans.for_tenant(conversation.tenant_id)
        bot = await self.uow.bots.get(conversation.tenant_id, conversation.bot_id)
        return ConversationContext(conversation, tenant, plan, bot)

    async def find_open(
        self, bot_id: UUID, channel: Channel, external_user_id: str
    ) -> Conversation | None:
        found = [
            conversation
            for conversation in self.rows.values()
            if conversation.bot_id == bot_id
            and conversation.channel is channel
            and conversation.external_user_id == external_user_id
            and conversation.is_open
        ]
        return replace(found[-1]) if found else None

    async def update(self, conversation: Conversation) -> None:
        self.rows[conversation.id] = replace(conversation)

    async def close_for_bot(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None:
        for conversation in self.rows.values():
            if conversation.tenant_id == tenant_id and conversation.bot_id == bot_id:
                conversation.status = ConversationStatus.CLOSED

    async def list_page(
        self, tenant_id: UUID, filter: ConversationFilter, page: PageRequest
    ) -> Page[Conversation]:
        matching = [
            conversation
            for conversation in self.rows.values()
            if conversation.tenant_id == tenant_id and _matches(conversation, filter)
        ]
        matching.sort(key=lambda conversation: conversation.last_message_at, reverse=True)
        items = matching[page.skip : page.skip + page.limit]
        return Page([replace(conversation) for conversation in items], len(matching))


def _matches(conversation: Conversation, filter: ConversationFilter) -> bool:
    return (
        filter.bot_id in (None, conversation.bot_id)
        and filter.status in (None, conversation.status)
        and filter.channel in (None, conversation.channel)
    )


class FakeMessageRepository:
    """Keeps messages in insertion order, which breaks ties between equal timestamps."""

    def __init__(self) -> None:
        self.rows: list[Message] = []

    async def add(self, message: Message) -> None:
        self.rows.append(replace(message, knowledge_item_ids=list(message.knowledge_item_ids)))

    async def list_for_conversation(self, conversation_id: UUID) -> list[Message]:
        return self._ordered(conversation_id, None)

    async def latest(
        self, conversation_id: UUID, since: datetime | None, limit: int
    ) -> list[Message]:
        return self._ordered(conversation_id, since)[-limit:]

    def _ordered(self, conversation_id: UUID, since: datetime | None) -> list[Message]:
        found = [
            replace(message)
            for message in self.rows
            if message.conversation_id == conversation_id
            and (since is None or message.created_at > since)
        ]
        return sorted(found, key=lambda message: message.created_at)
