"""Loading a tenant's conversation, shared by the conversation use cases."""

from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.conversations import Conversation
from svontai.domain.errors import NotFoundError


async def find_conversation(
    uow: UnitOfWork, tenant_id: UUID, conversation_id: UUID, for_update: bool = False
) -> Conversation:
    """Return the tenant's conversation, or raise `NotFoundError` (also for another tenant's)."""
    conversation = await uow.conversations.get(tenant_id, conversation_id, for_update)
    if conversation is None:
        raise NotFoundError("Conversation not found.")
    return conversation
