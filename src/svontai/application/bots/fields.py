"""The editable fields of a bot, and the rules their values follow."""

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, Final

from svontai.application.text_rules import reject_nul
from svontai.domain.errors import ValidationError


class NotSet(Enum):
    """The marker of a field the caller did not send, as opposed to an explicit null."""

    NOT_SET = "not_set"


NOT_SET: Final = NotSet.NOT_SET

NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 4000
WIDGET_POSITIONS = ("left", "right")
_LANGUAGE = re.compile(r"[a-z]{2}")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True, slots=True)
class BotFields:
    """Values for a new bot or changes to one. Fields left `NOT_SET` keep their value."""

    name: str | NotSet = NOT_SET
    description: str | NotSet | None = NOT_SET
    welcome_message: str | NotSet = NOT_SET
    language: str | NotSet = NOT_SET
    primary_color: str | NotSet = NOT_SET
    widget_position: str | NotSet = NOT_SET
    is_active: bool | NotSet = NOT_SET
    fallback_message: str | NotSet = NOT_SET
    handoff_message: str | NotSet = NOT_SET
    answer_threshold: float | NotSet = NOT_SET


def sent_values(values: Any) -> Iterator[tuple[str, Any]]:
    """Yield the name and value of each dataclass field of `values` that is set."""
    for field in fields(values):
        value = getattr(values, field.name)
        if value is not NOT_SET:
            yield field.name, value


def clean_text(field: str, value: str, max_length: int) -> str:
    """Trim `value` and check that it is not blank, not too long and contains no NUL."""
    text = value.strip()
    if not text:
        raise ValidationError(field, "must not be blank")
    if len(text) > max_length:
        raise ValidationError(field, f"must be at most {max_length} characters long")
    return reject_nul(field, text)


def _optional_text(field: str, max_length: int) -> Callable[[str | None], str | None]:
    def clean(value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return clean_text(field, value, max_length)

    return clean


def _text(field: str, max_length: int) -> Callable[[str], str]:
    return lambda value: clean_text(field, value, max_length)


def _language(value: str) -> str:
    if not _LANGUAGE.fullmatch(value):
        raise ValidationError("language", "must be a two-letter lowercase code such as tr or en")
    return value


def _color(value: str) -> str:
    if not _COLOR.fullmatch(value):
        raise ValidationError("primary_color", "must be a color in the form #RRGGBB")
    return value.upper()


def _widget_position(value: str) -> str:
    if value not in WIDGET_POSITIONS:
        raise ValidationError("widget_position", "must be left or right")
    return value


def _threshold(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise ValidationError("answer_threshold", "must be between 0 and 1")
    return float(value)


_CLEANERS: dict[str, Callable[[Any], object]] = {
    "name": _text("name", NAME_MAX_LENGTH),
    "description": _optional_text("description", DESCRIPTION_MAX_LENGTH),
    "welcome_message": _text("welcome_message", MESSAGE_MAX_LENGTH),
    "language": _language,
    "primary_color": _color,
    "widget_position": _widget_position,
    "is_active": bool,
    "fallback_message": _text("fallback_message", MESSAGE_MAX_LENGTH),
    "handoff_message": _text("handoff_message", MESSAGE_MAX_LENGTH),
    "answer_threshold": _threshold,
}


def clean_bot_fields(values: BotFields) -> dict[str, Any]:
    """Return the normalised values of the fields that are set, or raise `ValidationError`."""
    return {name: _CLEANERS[name](value) for name, value in sent_values(values)}
