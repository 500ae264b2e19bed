from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from msgspec import UNSET, UnsetType

from svontai.application.leads.contact_fields import MAX_LENGTHS, ContactInput
from svontai.domain.leads import Lead, LeadSource, LeadStatus

Name = Annotated[str, msgspec.Meta(max_length=MAX_LENGTHS["name"])]
Email = Annotated[str, msgspec.Meta(max_length=MAX_LENGTHS["email"])]
Phone = Annotated[str, msgspec.Meta(max_length=MAX_LENGTHS["phone"])]
Notes = Annotated[str, msgspec.Meta(max_length=MAX_LENGTHS["notes"])]


class LeadCreateRequest(msgspec.Struct):
    """A new lead. At least one of name, email and phone is required."""

    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    notes: Notes | None = None
    bot_id: UUID | None = None
    source: LeadSource = LeadSource.MANUAL
    status: LeadStatus = LeadStatus.NEW

    def contact(self) -> ContactInput:
        return ContactInput(self.name, self.email, self.phone, self.notes)


class LeadUpdateRequest(msgspec.Struct):
    """The fields to change. Null (or blank text) clears name, email, phone or notes."""

    name: Name | UnsetType | None = UNSET
    email: Email | UnsetType | None = UNSET
    phone: Phone | UnsetType | None = UNSET
    notes: Notes | UnsetType | None = UNSET
    status: LeadStatus | UnsetType = UNSET
    source: LeadSource | UnsetType = UNSET


class LeadResponse(msgspec.Struct):
    id: UUID
    tenant_id: UUID
    bot_id: UUID | None
    conversation_id: UUID | None
    name: str | None
    email: str | None
    phone: str | None
    notes: str | None
    source: LeadSource
    status: LeadStatus
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, lead: Lead) -> "LeadResponse":
        return cls(
            id=lead.id,
            tenant_id=lead.tenant_id,
            bot_id=lead.bot_id,
            conversation_id=lead.conversation_id,
            name=lead.name,
            email=lead.email,
            phone=lead.phone,
            notes=lead.notes,
            source=lead.source,
            status=lead.status,
            created_at=lead.created_at,
            updated_at=lead.updated_at,
        )
