from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from msgspec import UNSET, UnsetType

from svontai.application.knowledge import fields
from svontai.domain.bots import KnowledgeItem

Title = Annotated[str, msgspec.Meta(max_length=fields.TITLE_MAX_LENGTH)]
Question = Annotated[str, msgspec.Meta(min_length=1, max_length=fields.QUESTION_MAX_LENGTH)]
Answer = Annotated[str, msgspec.Meta(min_length=1, max_length=fields.ANSWER_MAX_LENGTH)]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=fields.TAG_MAX_LENGTH)]
Tags = Annotated[list[Tag], msgspec.Meta(max_length=fields.MAX_TAGS)]


class KnowledgeCreateRequest(msgspec.Struct):
    bot_id: UUID
    question: Question
    answer: Answer
    title: Title | None = None
    tags: Tags = msgspec.field(default_factory=list)

    def values(self) -> fields.KnowledgeFields:
        return fields.KnowledgeFields(self.title, self.question, self.answer, self.tags)


class KnowledgeUpdateRequest(msgspec.Struct):
    """The fields to change. Only `title` may be null."""

    title: Title | UnsetType | None = UNSET
    question: Question | UnsetType = UNSET
    answer: Answer | UnsetType = UNSET
    tags: Tags | UnsetType = UNSET

    def changes(self) -> fields.KnowledgeFields:
        sent = msgspec.structs.asdict(self)
        return fields.KnowledgeFields(
            **{name: value for name, value in sent.items() if value is not UNSET}
        )


class KnowledgeItemResponse(msgspec.Struct):
    id: UUID
    bot_id: UUID
    title: str | None
    question: str
    answer: str
    tags: list[str]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, item: KnowledgeItem) -> "KnowledgeItemResponse":
        return cls(
            id=item.id,
            bot_id=item.bot_id,
            title=item.title,
            question=item.question,
            answer=item.answer,
            tags=item.tags,
            created_at=item.created_at,
            updated_at=item.updated_at,
        )
