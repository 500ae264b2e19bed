from dataclasses import dataclass

from svontai.application.leads.contact_fields import ContactInput, phone_region
from svontai.application.leads.extraction import FoundContacts, extract_contacts
from svontai.application.leads.records import conversation_lead, new_lead
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.conversations import Conversation
from svontai.domain.leads import Lead, LeadSource
from svontai.domain.tenants import Tenant


@dataclass(frozen=True, slots=True)
class CaptureLeadCommand:
    tenant: Tenant
    conversation: Conversation
    text: str
    source: LeadSource


class CaptureLeadFromMessage:
    """Create or complete a conversation's lead from a contact a visitor wrote in a message.

    The first valid email address and phone number in the text are used (see
    `extract_contacts`). A conversation without a lead gets a new one, with the command's
    source, the bot and the conversation set. An existing lead gets the email or phone it
    lacks and keeps the values it has. `conversation.lead_id` is set on the command's object
    as well, so a later update of that object by the caller keeps the link.

    The caller checks that the tenant's plan has the `lead_capture` feature, and the caller
    commits. This use case joins the caller's write transaction (`begin_write` does nothing
    when one is open) and never commits. Returns the conversation's lead, or None when the
    text has no contact.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: CaptureLeadCommand) -> Lead | None:
        found = extract_contacts(command.text, phone_region(command.tenant))
        if found.is_empty:
            return None

        await self._uow.begin_write()
        draft = self._draft(command, found)
        lead, created = await conversation_lead(self._uow, command.conversation, draft)
        if not created:
            await self._complete(lead, found)

        return lead

    def _draft(self, command: CaptureLeadCommand, found: FoundContacts) -> Lead:
        conversation = command.conversation
        return new_lead(
            command.tenant.id,
            ContactInput(email=found.email, phone=found.phone),
            command.source,
            self._clock.now(),
            bot_id=conversation.bot_id,
            conversation_id=conversation.id,
        )

    async def _complete(self, lead: Lead, found: FoundContacts) -> None:
        """Fill in the email and phone the lead lacks without replacing the values it has."""
        email = lead.email or found.email
        phone = lead.phone or found.phone
        if (email, phone) == (lead.email, lead.phone):
            return

        lead.email = email
        lead.phone = phone
        lead.updated_at = self._clock.now()
        await self._uow.leads.update(lead)
