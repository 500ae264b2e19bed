from dataclasses import dataclass

from svontai.application.leads.contact_fields import ContactInput, phone_region
from svontai.application.leads.records import conversation_lead, new_lead
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.bots import Bot
from svontai.domain.conversations import Conversation
from svontai.domain.errors import NotFoundError
from svontai.domain.leads import Lead, LeadSource
from svontai.domain.tenants import Tenant


@dataclass(frozen=True, slots=True)
class SubmitPublicLeadCommand:
    bot: Bot
    tenant: Tenant
    contact: ContactInput
    conversation: Conversation | None = None


class SubmitPublicLead:
    """Store the contact form a visitor filled in on the chat widget, as a lead from `web`.

    With a conversation, the conversation's lead is updated (the fields sent replace the stored
    ones) or created, so one conversation never gets two leads. The caller has already checked
    that the conversation belongs to the bot and to this visitor. Commits.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, command: SubmitPublicLeadCommand) -> Lead:
        contact = command.contact.cleaned(phone_region(command.tenant))
        conversation = command.conversation
        draft = new_lead(
            command.tenant.id,
            contact,
            LeadSource.WEB,
            self._clock.now(),
            bot_id=command.bot.id,
            conversation_id=conversation.id if conversation else None,
        )

        await self._uow.begin_write()
        if conversation is None:
            await self._uow.leads.add(draft)
            lead = draft
        else:
            lead = await self._for_conversation(conversation, draft, contact)
        await self._uow.commit()

        return lead

    async def _for_conversation(
        self, conversation: Conversation, draft: Lead, contact: ContactInput
    ) -> Lead:
        # The conversation is locked before its lead is written, in the order of a widget
        # message that captures a lead. In the other order the two deadlocked on PostgreSQL.
        locked = await self._uow.conversations.get(
            conversation.tenant_id, conversation.id, for_update=True
        )
        if locked is None:
            raise NotFoundError("Conversation not found.")
        lead, created = await conversation_lead(self._uow, locked, draft)
        if created:
            return lead
        lead.name = contact.name or lead.name
        lead.email = contact.email or lead.email
        lead.phone = contact.phone or lead.phone
        lead.notes = contact.notes or lead.notes
        lead.updated_at = self._clock.now()
        await self._uow.leads.update(lead)
        return lead
