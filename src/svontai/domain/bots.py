"""Bots and the knowledge items they answer from."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

DEFAULT_FALLBACK_MESSAGE = (
    "Bu soruya şu an yanıt veremiyorum; bir temsilcimiz en kısa sürede size dönecek."
)
DEFAULT_HANDOFF_MESSAGE = "Sizi bir temsilcimize aktarıyorum."
DEFAULT_WELCOME_MESSAGE = "Merhaba! Size nasıl yardımcı olabilirim?"

# Default texts of a bot in any language but Turkish: English is more likely to be understood
# by the visitors of a German or Arabic bot than Turkish.
ENGLISH_MESSAGES = {
    "welcome_message": "Hello! How can I help you?",
    "fallback_message": (
        "I can't answer that right now; a member of our team will get back to you soon."
    ),
    "handoff_message": "I'm passing you to a member of our team.",
}


def default_messages(language: str) -> dict[str, str]:
    """Return the welcome, fallback and hand-off texts a new bot in `language` starts with."""
    if language != "tr":
        return dict(ENGLISH_MESSAGES)
    return {
        "welcome_message": DEFAULT_WELCOME_MESSAGE,
        "fallback_message": DEFAULT_FALLBACK_MESSAGE,
        "handoff_message": DEFAULT_HANDOFF_MESSAGE,
    }


@dataclass(slots=True)
class Bot:
    id: UUID
    tenant_id: UUID
    name: str
    public_key: str
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    welcome_message: str = DEFAULT_WELCOME_MESSAGE
    language: str = "tr"
    primary_color: str = "#3B82F6"
    widget_position: str = "right"
    is_active: bool = True
    fallback_message: str = DEFAULT_FALLBACK_MESSAGE
    handoff_message: str = DEFAULT_HANDOFF_MESSAGE
    answer_threshold: float = 0.5
    deleted_at: datetime | None = None


@dataclass(slots=True)
class KnowledgeItem:
    id: UUID
    tenant_id: UUID
    bot_id: UUID
    question: str
    answer: str
    created_at: datetime
    updated_at: datetime
    title: str | None = None
    tags: list[str] = field(default_factory=list)
