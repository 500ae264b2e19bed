from dataclasses import dataclass
from uuid import UUID

from svontai.application.leads.contact_fields import ContactInput, phone_region
from svontai.application.leads.records import find_bot, new_lead
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.leads import Lead, LeadSource, LeadStatus
from svontai.domain.roles import Permission


@dataclass(frozen=True, slots=True)
class CreateLeadCommand:
    contact: ContactInput
    bot_id: UUID | None = None
    source: LeadSource = LeadSource.MANUAL
    status: LeadStatus = LeadStatus.NEW


class CreateLead:
    """Add a lead by hand or from an import. It needs a name, an email or a phone number."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, context: TenantContext, command: CreateLeadCommand) -> Lead:
        context.require(Permission.LEADS_WRITE)
        contact = command.contact.cleaned(phone_region(context.tenant))
        lead = new_lead(context.tenant.id, contact, command.source, self._clock.now())
        lead.status = command.status

        await self._uow.begin_write()
        if command.bot_id is not None:
            lead.bot_id = (await find_bot(self._uow, context.tenant.id, command.bot_id)).id
        await self._uow.leads.add(lead)
        await self._uow.commit()

        return lead
