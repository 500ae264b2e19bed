"""Loading and building leads, shared by the lead use cases."""

import uuid
from datetime import datetime
from uuid import UUID

from svontai.application.leads.contact_fields import ContactInput
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.bots import Bot
from svontai.domain.conversations import Conversation
from svontai.domain.errors import ConflictError, NotFoundError
from svontai.domain.leads import Lead, LeadSource, LeadStatus


def new_lead(
    tenant_id: UUID,
    contact: ContactInput,
    source: LeadSource,
    now: datetime,
    bot_id: UUID | None = None,
    conversation_id: UUID | None = None,
) -> Lead:
    """Build a lead with status `new`, or raise `ValidationError` if it has no contact field."""
    lead = Lead(
        id=uuid.uuid4(),
        tenant_id=tenant_id,
        source=source,
        status=LeadStatus.NEW,
        created_at=now,
        updated_at=now,
        bot_id=bot_id,
        conversation_id=conversation_id,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        notes=contact.notes,
    )
    lead.ensure_contact()
    return lead


async def find_lead(uow: UnitOfWork, tenant_id: UUID, lead_id: UUID) -> Lead:
    lead = await uow.leads.get(tenant_id, lead_id)
    if lead is None:
        raise NotFoundError("Lead not found.")
    return lead


async def find_bot(uow: UnitOfWork, tenant_id: UUID, bot_id: UUID) -> Bot:
    """Return the tenant's bot. A deleted bot, or another tenant's, raises `NotFoundError`."""
    bot = await uow.bots.get(tenant_id, bot_id)
    if bot is None or bot.deleted_at is not None:
        raise NotFoundError("Bot not found.")
    return bot


async def conversation_lead(
    uow: UnitOfWork, conversation: Conversation, draft: Lead
) -> tuple[Lead, bool]:
    """Return the conversation's lead, inserting `draft` when it has none yet.

    The flag is True when `draft` was inserted. `conversation.lead_id` is set (on the object
    too, so a later update of it by the caller keeps the link). Must run in a write transaction.
    """
    lead = await uow.leads.get_by_conversation(conversation.tenant_id, conversation.id)
    created = lead is None and await uow.leads.add_for_conversation(draft)
    if created:
        lead = draft
    elif lead is None:
        # Another request inserted this conversation's lead after our read.
        lead = await uow.leads.get_by_conversation(conversation.tenant_id, conversation.id)
    if lead is None:
        raise ConflictError("The conversation's lead was changed by another request. Try again.")

    if conversation.lead_id != lead.id:
        conversation.lead_id = lead.id
        await _store_link(uow, conversation, lead.id)
    return lead, created


async def _store_link(uow: UnitOfWork, conversation: Conversation, lead_id: UUID) -> None:
    # `update` writes status and activity too. The row is read again, locked, so that a copy
    # loaded before this write transaction cannot undo a message stored in the meantime.
    current = await uow.conversations.get(conversation.tenant_id, conversation.id, for_update=True)
    if current is not None:
        current.lead_id = lead_id
        await uow.conversations.update(current)
