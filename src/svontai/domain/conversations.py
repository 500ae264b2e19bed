"""Conversations between visitors and a bot, and the messages in them."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Channel(StrEnum):
    WEB = "web"
    WHATSAPP = "whatsapp"


class ConversationStatus(StrEnum):
    AI_ACTIVE = "ai_active"
    HUMAN_TAKEOVER = "human_takeover"
    WAITING = "waiting"
    CLOSED = "closed"


class Sender(StrEnum):
    USER = "user"
    BOT = "bot"
    OPERATOR = "operator"
    SYSTEM = "system"


@dataclass(slots=True)
class Conversation:
    id: UUID
    tenant_id: UUID
    bot_id: UUID
    channel: Channel
    external_user_id: str
    status: ConversationStatus
    created_at: datetime
    last_message_at: datetime
    is_ai_paused: bool = False
    lead_id: UUID | None = None

    @property
    def bot_may_answer(self) -> bool:
        """Whether an automatic reply may be sent: no human owns it and it is open."""
        return not self.is_ai_paused and self.status in (
            ConversationStatus.AI_ACTIVE,
            ConversationStatus.WAITING,
        )


@dataclass(slots=True)
class Message:
    id: UUID
    conversation_id: UUID
    tenant_id: UUID
    sender: Sender
    content: str
    created_at: datetime
    knowledge_item_ids: list[UUID] = field(default_factory=list)
    confidence: float | None = None
