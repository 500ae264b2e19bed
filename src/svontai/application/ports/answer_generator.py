from dataclasses import dataclass, field
from typing import Protocol
from uuid import UUID

from svontai.domain.bots import Bot, KnowledgeItem
from svontai.domain.conversations import Message


@dataclass(frozen=True, slots=True)
class SearchHit:
    item: KnowledgeItem
    confidence: float


@dataclass(frozen=True, slots=True)
class AnswerRequest:
    bot: Bot
    message: str
    hits: list[SearchHit]
    history: list[Message] = field(default_factory=list)
    allow_llm: bool = False


@dataclass(frozen=True, slots=True)
class Answer:
    """The bot's reply. A fallback asks a human to look; a closing (thanks, goodbye) needs no
    reply, so its `text` is empty and nothing is sent."""

    text: str
    knowledge_item_ids: list[UUID]
    confidence: float | None
    is_fallback: bool
    is_greeting: bool = False
    is_closing: bool = False


class AnswerGenerator(Protocol):
    def uses_history(self, allow_llm: bool) -> bool:
        """Return whether `answer` reads `AnswerRequest.history`, so callers can skip loading
        it when it does not."""
        ...

    async def answer(self, request: AnswerRequest) -> Answer: ...
