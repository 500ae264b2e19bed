"""Rules every stored text follows, whatever the database."""

from svontai.domain.errors import ValidationError


def reject_nul(field: str, text: str) -> str:
    """Return `text`, or raise `ValidationError` when it contains a NUL character.

    PostgreSQL cannot store NUL in a text column, so without this check the same request
    would be stored on SQLite and fail on PostgreSQL.
    """
    if "\x00" in text:
        raise ValidationError(field, "must not contain NUL characters")
    return text
