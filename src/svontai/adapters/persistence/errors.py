"""Turns integrity violations into domain errors by constraint name."""

import re
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from svontai.domain.errors import ConflictError, DomainError, EmailTakenError, SlugTakenError

# SQLite names the columns, not the constraint, in its message.
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)")

_BY_CONSTRAINT: dict[str, Callable[[], DomainError]] = {
    "uq_users_email": lambda: EmailTakenError("This email address is already registered."),
    "pk_memberships": lambda: ConflictError("The user is already a member of this tenant."),
    "uq_tenants_slug": lambda: SlugTakenError("A tenant with this name already exists."),
    "uq_plans_code": lambda: ConflictError("A plan with this code already exists."),
    "uq_leads_conversation_id": lambda: ConflictError("This conversation already has a lead."),
    "uq_conversations_open_visitor": lambda: ConflictError(
        "This visitor already has an open conversation with the bot."
    ),
}

_SQLITE_COLUMNS: dict[str, str] = {
    "users.email": "uq_users_email",
    "memberships.tenant_id, memberships.user_id": "pk_memberships",
    "tenants.slug": "uq_tenants_slug",
    "plans.code": "uq_plans_code",
    "leads.conversation_id": "uq_leads_conversation_id",
    "conversations.bot_id, conversations.channel, conversations.external_user_id": (
        "uq_conversations_open_visitor"
    ),
}


def constraint_name(error: IntegrityError) -> str | None:
    """Return the name of the violated constraint, from PostgreSQL or from SQLite's message."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name:
        return str(name)
    match = _SQLITE_UNIQUE.search(str(error.orig))
    return _SQLITE_COLUMNS.get(match.group(1)) if match else None


def translate(error: IntegrityError) -> DomainError | None:
    """Return the domain error for a known constraint, or None for an unexpected one."""
    factory = _BY_CONSTRAINT.get(constraint_name(error) or "")
    return factory() if factory else None
