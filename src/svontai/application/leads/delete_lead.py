from uuid import UUID

from svontai.application.leads.records import find_lead
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.conversations import Conversation
from svontai.domain.leads import Lead
from svontai.domain.roles import Permission


class DeleteLead:
    """Delete one of the tenant's leads and unlink it from its conversation."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, lead_id: UUID) -> None:
        context.require(Permission.LEADS_WRITE)

        await self._uow.begin_write()
        lead = await find_lead(self._uow, context.tenant.id, lead_id)
        conversation = None
        if lead.conversation_id is not None:
            # Locked before the lead is deleted, in the order of a widget message that
            # completes the lead. In the other order the two could deadlock on PostgreSQL.
            conversation = await self._uow.conversations.get(
                lead.tenant_id, lead.conversation_id, for_update=True
            )
        await self._uow.leads.delete(context.tenant.id, lead.id)
        if conversation is not None:
            await self._unlink(conversation, lead)
        await self._uow.commit()

    async def _unlink(self, conversation: Conversation, lead: Lead) -> None:
        # `conversations.lead_id` has no foreign key, so nothing clears it for us.
        if conversation.lead_id == lead.id:
            conversation.lead_id = None
            await self._uow.conversations.update(conversation)
