from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from svontai.application.conversations.get_conversation import ConversationDetail
from svontai.domain.conversations import (
    Channel,
    Conversation,
    ConversationStatus,
    Message,
    Sender,
)


class ReplyRequest(msgspec.Struct):
    """An operator's reply: 1 to 4000 characters after trimming spaces."""

    content: str


class MessageResponse(msgspec.Struct):
    id: UUID
    sender: Sender
    content: str
    created_at: datetime
    knowledge_item_ids: list[UUID]
    confidence: float | None

    @classmethod
    def of(cls, message: Message) -> "MessageResponse":
        return cls(
            id=message.id,
            sender=message.sender,
            content=message.content,
            created_at=message.created_at,
            knowledge_item_ids=message.knowledge_item_ids,
            confidence=message.confidence,
        )


class ConversationResponse(msgspec.Struct):
    id: UUID
    bot_id: UUID
    channel: Channel
    external_user_id: str
    status: ConversationStatus
    is_ai_paused: bool
    lead_id: UUID | None
    last_message_at: datetime
    created_at: datetime

    @classmethod
    def of(cls, conversation: Conversation) -> "ConversationResponse":
        return cls(**_conversation_fields(conversation))


class ConversationDetailResponse(ConversationResponse):
    """A conversation with all its messages, oldest first."""

    messages: list[MessageResponse]

    @classmethod
    def of_detail(cls, detail: ConversationDetail) -> "ConversationDetailResponse":
        messages = [MessageResponse.of(message) for message in detail.messages]
        return cls(**_conversation_fields(detail.conversation), messages=messages)


def _conversation_fields(conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "bot_id": conversation.bot_id,
        "channel": conversation.channel,
        "external_user_id": conversation.external_user_id,
        "status": conversation.status,
        "is_ai_paused": conversation.is_ai_paused,
        "lead_id": conversation.lead_id,
        "last_message_at": conversation.last_message_at,
        "created_at": conversation.created_at,
    }
