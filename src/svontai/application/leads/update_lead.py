from dataclasses import dataclass
from enum import Enum
from uuid import UUID

from svontai.application.leads.contact_fields import clean_field, phone_region
from svontai.application.leads.records import find_lead
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.leads import Lead, LeadSource, LeadStatus
from svontai.domain.roles import Permission


class Unchanged(Enum):
    """Marker for a field the caller did not send, as opposed to None, which clears it."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED

_TEXT_FIELDS = ("name", "email", "phone", "notes")


@dataclass(frozen=True, slots=True)
class UpdateLeadCommand:
    """The fields to change. None (or blank text) clears name, email, phone or notes."""

    lead_id: UUID
    name: str | Unchanged | None = UNCHANGED
    email: str | Unchanged | None = UNCHANGED
    phone: str | Unchanged | None = UNCHANGED
    notes: str | Unchanged | None = UNCHANGED
    status: LeadStatus | Unchanged = UNCHANGED
    source: LeadSource | Unchanged = UNCHANGED


class UpdateLead:
    """Change the fields sent of a lead, which must keep a name, an email or a phone number."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, context: TenantContext, command: UpdateLeadCommand) -> Lead:
        context.require(Permission.LEADS_WRITE)
        texts = _cleaned_texts(command, phone_region(context.tenant))

        await self._uow.begin_write()
        lead = await find_lead(self._uow, context.tenant.id, command.lead_id)
        for field, value in texts.items():
            setattr(lead, field, value)
        if not isinstance(command.status, Unchanged):
            lead.status = command.status
        if not isinstance(command.source, Unchanged):
            lead.source = command.source
        lead.ensure_contact()
        lead.updated_at = self._clock.now()
        await self._uow.leads.update(lead)
        await self._uow.commit()

        return lead


def _cleaned_texts(command: UpdateLeadCommand, region: str) -> dict[str, str | None]:
    """Return the sent text fields as they will be stored, or raise `ValidationError`."""
    cleaned: dict[str, str | None] = {}
    for field in _TEXT_FIELDS:
        value = getattr(command, field)
        if not isinstance(value, Unchanged):
            cleaned[field] = clean_field(field, value, region)
    return cleaned
