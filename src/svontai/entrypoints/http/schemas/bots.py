from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec
from msgspec import UNSET, UnsetType

from svontai.application.bots import fields
from svontai.domain.bots import Bot

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=fields.NAME_MAX_LENGTH)]
Description = Annotated[str, msgspec.Meta(max_length=fields.DESCRIPTION_MAX_LENGTH)]
Message = Annotated[str, msgspec.Meta(min_length=1, max_length=fields.MESSAGE_MAX_LENGTH)]
Language = Annotated[
    str, msgspec.Meta(pattern="^[a-z]{2}$", description="Two-letter lowercase code: tr, en.")
]
Color = Annotated[str, msgspec.Meta(pattern="^#[0-9A-Fa-f]{6}$", examples=["#3B82F6"])]
WidgetPosition = Literal["left", "right"]
Threshold = Annotated[
    float,
    msgspec.Meta(
        ge=0,
        le=1,
        description="The confidence below which the bot replies with its fallback message.",
    ),
]


class BotCreateRequest(msgspec.Struct):
    """A new bot. The fields left out get their defaults."""

    name: Name
    description: Description | None = None
    welcome_message: Message | UnsetType = UNSET
    language: Language | UnsetType = UNSET
    primary_color: Color | UnsetType = UNSET
    widget_position: WidgetPosition | UnsetType = UNSET
    is_active: bool | UnsetType = UNSET
    fallback_message: Message | UnsetType = UNSET
    handoff_message: Message | UnsetType = UNSET
    answer_threshold: Threshold | UnsetType = UNSET


class BotUpdateRequest(msgspec.Struct):
    """The fields to change. Only `description` may be null."""

    name: Name | UnsetType = UNSET
    description: Description | UnsetType | None = UNSET
    welcome_message: Message | UnsetType = UNSET
    language: Language | UnsetType = UNSET
    primary_color: Color | UnsetType = UNSET
    widget_position: WidgetPosition | UnsetType = UNSET
    is_active: bool | UnsetType = UNSET
    fallback_message: Message | UnsetType = UNSET
    handoff_message: Message | UnsetType = UNSET
    answer_threshold: Threshold | UnsetType = UNSET


def bot_fields(data: BotCreateRequest | BotUpdateRequest) -> fields.BotFields:
    """Return the fields the caller sent, for the create and update use cases."""
    sent = msgspec.structs.asdict(data)
    return fields.BotFields(**{name: value for name, value in sent.items() if value is not UNSET})


class BotResponse(msgspec.Struct):
    id: UUID
    tenant_id: UUID
    name: str
    description: str | None
    welcome_message: str
    language: str
    primary_color: str
    widget_position: str
    is_active: bool
    fallback_message: str
    handoff_message: str
    answer_threshold: float
    public_key: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, bot: Bot) -> "BotResponse":
        return cls(
            id=bot.id,
            tenant_id=bot.tenant_id,
            name=bot.name,
            description=bot.description,
            welcome_message=bot.welcome_message,
            language=bot.language,
            primary_color=bot.primary_color,
            widget_position=bot.widget_position,
            is_active=bot.is_active,
            fallback_message=bot.fallback_message,
            handoff_message=bot.handoff_message,
            answer_threshold=bot.answer_threshold,
            public_key=bot.public_key,
            created_at=bot.created_at,
            updated_at=bot.updated_at,
        )
