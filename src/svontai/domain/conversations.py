"""Conversations between visitors and a bot, the messages in them, and their state rules.

A conversation is `ai_active` while the bot answers, `waiting` when the bot could not help and
a human should look, `human_takeover` while an operator owns it, and `closed` for good (its bot
was deleted). Messages of one conversation get strictly increasing timestamps, so a client that
polls for messages after the last timestamp it saw never skips one.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from svontai.domain.errors import ConflictError, InvalidTransitionError, ValidationError

MAX_MESSAGE_LENGTH = 4000
MAX_EXTERNAL_USER_ID_LENGTH = 128
EXTERNAL_USER_ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"

# `fullmatch` and not the pattern's `$`, which also matches before a trailing newline.
_EXTERNAL_USER_ID = re.compile(r"[A-Za-z0-9_.:-]+")
# The smallest step both databases store: timestamps have microsecond precision.
_TICK = timedelta(microseconds=1)


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


_S = ConversationStatus
ALLOWED_TRANSITIONS: dict[ConversationStatus, frozenset[ConversationStatus]] = {
    _S.AI_ACTIVE: frozenset({_S.WAITING, _S.HUMAN_TAKEOVER, _S.CLOSED}),
    _S.WAITING: frozenset({_S.AI_ACTIVE, _S.HUMAN_TAKEOVER, _S.CLOSED}),
    _S.HUMAN_TAKEOVER: frozenset({_S.AI_ACTIVE, _S.CLOSED}),
    _S.CLOSED: frozenset(),
}


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

    @property
    def is_open(self) -> bool:
        return self.status is not ConversationStatus.CLOSED

    def ensure_open(self) -> None:
        """Raise `ConflictError` when the conversation is closed and takes no more messages."""
        if not self.is_open:
            raise ConflictError("This conversation is closed and takes no more messages.")

    def move_to(self, status: ConversationStatus) -> None:
        """Change the status or raise `InvalidTransitionError`.

        Moving to the current status is always allowed and changes nothing.
        """
        if status is self.status:
            return
        if status not in ALLOWED_TRANSITIONS[self.status]:
            raise InvalidTransitionError(
                f"A conversation in status {self.status.value} cannot move to {status.value}."
            )
        self.status = status

    def take_over(self) -> None:
        """Hand the conversation to a human operator, so the bot stays silent until released."""
        self.move_to(ConversationStatus.HUMAN_TAKEOVER)
        self.is_ai_paused = True

    def release(self) -> None:
        """Give the conversation back to the bot."""
        self.move_to(ConversationStatus.AI_ACTIVE)
        self.is_ai_paused = False

    def next_message_time(self, now: datetime) -> datetime:
        """Return the timestamp for a new message: `now`, or just after the previous message."""
        return max(now, self.last_message_at + _TICK)

    def record_message(self, message: "Message") -> None:
        self.last_message_at = max(self.last_message_at, message.created_at)


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


def clean_message_text(text: str, field: str = "message") -> str:
    """Return the text as stored: NUL characters removed, trimmed, 1 to 4000 characters.

    PostgreSQL cannot store NUL in text columns, and a visitor's text may contain them.
    """
    cleaned = text.replace("\x00", "").strip()
    if not 1 <= len(cleaned) <= MAX_MESSAGE_LENGTH:
        raise ValidationError(
            field, f"must have 1 to {MAX_MESSAGE_LENGTH} characters after trimming spaces"
        )
    return cleaned


def check_external_user_id(value: str, field: str = "external_user_id") -> str:
    """Return `value` if it is a valid visitor id, or raise `ValidationError`."""
    if len(value) > MAX_EXTERNAL_USER_ID_LENGTH or not _EXTERNAL_USER_ID.fullmatch(value):
        raise ValidationError(
            field,
            f"must have 1 to {MAX_EXTERNAL_USER_ID_LENGTH} characters from A-Z, a-z, 0-9 "
            "and _ . : -",
        )
    return value
