"""Leads: contacts collected from conversations, forms and operators."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from svontai.domain.errors import ValidationError


class LeadSource(StrEnum):
    WEB = "web"
    WHATSAPP = "whatsapp"
    MANUAL = "manual"
    IMPORT = "import"
    AUTOMATION = "automation"


class LeadStatus(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    QUALIFIED = "qualified"
    CONVERTED = "converted"
    LOST = "lost"


@dataclass(slots=True)
class Lead:
    id: UUID
    tenant_id: UUID
    source: LeadSource
    status: LeadStatus
    created_at: datetime
    updated_at: datetime
    bot_id: UUID | None = None
    conversation_id: UUID | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None

    def ensure_contact(self) -> None:
        """Raise unless the lead has a name, an email or a phone number."""
        if not (self.name or self.email or self.phone):
            raise ValidationError("name", "a lead needs at least one of name, email or phone")
