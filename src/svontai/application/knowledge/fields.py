"""The editable fields of a knowledge item, and the rules their values follow."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from svontai.application.bots.fields import NOT_SET, NotSet, clean_text, sent_values
from svontai.domain.errors import ValidationError

TITLE_MAX_LENGTH = 200
QUESTION_MAX_LENGTH = 1000
ANSWER_MAX_LENGTH = 10000
MAX_TAGS = 20
TAG_MAX_LENGTH = 50


@dataclass(frozen=True, slots=True)
class KnowledgeFields:
    """Values for a new item or changes to one. Fields left `NOT_SET` keep their value."""

    title: str | NotSet | None = NOT_SET
    question: str | NotSet = NOT_SET
    answer: str | NotSet = NOT_SET
    tags: list[str] | NotSet = NOT_SET


def _title(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return clean_text("title", value, TITLE_MAX_LENGTH)


def _tags(values: list[str]) -> list[str]:
    if len(values) > MAX_TAGS:
        raise ValidationError("tags", f"must hold at most {MAX_TAGS} tags")
    cleaned = [clean_text("tags", value, TAG_MAX_LENGTH) for value in values]
    return list(dict.fromkeys(cleaned))


_CLEANERS: dict[str, Callable[[Any], object]] = {
    "title": _title,
    "question": lambda value: clean_text("question", value, QUESTION_MAX_LENGTH),
    "answer": lambda value: clean_text("answer", value, ANSWER_MAX_LENGTH),
    "tags": _tags,
}


def clean_knowledge_fields(values: KnowledgeFields) -> dict[str, Any]:
    """Return the normalised values of the fields that are set, or raise `ValidationError`."""
    return {name: _CLEANERS[name](value) for name, value in sent_values(values)}
