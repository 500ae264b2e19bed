from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from svontai.application.leads.contact_fields import ContactInput
from svontai.application.widget.list_messages import WidgetMessages
from svontai.application.widget.send_message import SentMessage
from svontai.application.widget.start_chat import StartedChat
from svontai.domain.conversations import (
    EXTERNAL_USER_ID_PATTERN,
    MAX_EXTERNAL_USER_ID_LENGTH,
    ConversationStatus,
    Message,
    Sender,
)
from svontai.entrypoints.http.schemas.leads import Email, Name, Notes, Phone

PublicKey = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
VisitorId = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_EXTERNAL_USER_ID_LENGTH,
        pattern=EXTERNAL_USER_ID_PATTERN,
        description="The visitor's id, which works as the visitor's secret.",
    ),
]
ChatText = Annotated[str, msgspec.Meta(description="1 to 4000 characters after trimming spaces.")]


class InitChatRequest(msgspec.Struct):
    bot_public_key: PublicKey
    external_user_id: VisitorId | None = None


class WidgetBotResponse(msgspec.Struct):
    name: str
    welcome_message: str
    primary_color: str
    widget_position: str
    language: str


class InitChatResponse(msgspec.Struct):
    conversation_id: UUID
    external_user_id: str
    bot: WidgetBotResponse
    welcome_message: str
    conversation_status: ConversationStatus
    is_ai_paused: bool

    @classmethod
    def of(cls, started: StartedChat) -> "InitChatResponse":
        bot, conversation = started.bot, started.conversation
        return cls(
            conversation_id=conversation.id,
            external_user_id=conversation.external_user_id,
            bot=WidgetBotResponse(
                bot.name, bot.welcome_message, bot.primary_color, bot.widget_position, bot.language
            ),
            welcome_message=bot.welcome_message,
            conversation_status=conversation.status,
            is_ai_paused=conversation.is_ai_paused,
        )


class SendMessageRequest(msgspec.Struct):
    conversation_id: UUID
    message: ChatText
    external_user_id: VisitorId | None = None


class SendMessageResponse(msgspec.Struct):
    """The stored message and the bot's reply; `reply` is null when the bot stays silent."""

    user_message_id: UUID
    reply_message_id: UUID | None
    reply: str | None
    user_created_at: datetime
    reply_created_at: datetime | None
    conversation_status: ConversationStatus
    is_ai_paused: bool

    @classmethod
    def of(cls, sent: SentMessage) -> "SendMessageResponse":
        reply = sent.reply
        return cls(
            user_message_id=sent.user_message.id,
            reply_message_id=reply.id if reply else None,
            reply=reply.content if reply else None,
            user_created_at=sent.user_message.created_at,
            reply_created_at=reply.created_at if reply else None,
            conversation_status=sent.conversation.status,
            is_ai_paused=sent.conversation.is_ai_paused,
        )


class WidgetMessageResponse(msgspec.Struct):
    id: UUID
    sender: Sender
    content: str
    created_at: datetime

    @classmethod
    def of(cls, message: Message) -> "WidgetMessageResponse":
        return cls(message.id, message.sender, message.content, message.created_at)


class MessagesResponse(msgspec.Struct):
    messages: list[WidgetMessageResponse]
    conversation_status: ConversationStatus
    is_ai_paused: bool

    @classmethod
    def of(cls, result: WidgetMessages) -> "MessagesResponse":
        return cls(
            messages=[WidgetMessageResponse.of(message) for message in result.messages],
            conversation_status=result.conversation.status,
            is_ai_paused=result.conversation.is_ai_paused,
        )


class PublicLeadRequest(msgspec.Struct):
    """The widget's contact form; at least one of name, email and phone is required."""

    bot_public_key: PublicKey
    conversation_id: UUID | None = None
    external_user_id: VisitorId | None = None
    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    notes: Notes | None = None

    def contact(self) -> ContactInput:
        return ContactInput(self.name, self.email, self.phone, self.notes)
