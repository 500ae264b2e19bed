from dataclasses import dataclass
from uuid import UUID

from svontai.application.conversations.lookup import find_conversation
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.conversations import Conversation, Message
from svontai.domain.roles import Permission


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    conversation: Conversation
    messages: list[Message]


class GetConversation:
    """Return one of the tenant's conversations with all its messages, oldest first."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, conversation_id: UUID) -> ConversationDetail:
        context.require(Permission.CONVERSATIONS_READ)
        conversation = await find_conversation(self._uow, context.tenant.id, conversation_id)
        messages = await self._uow.messages.list_for_conversation(conversation.id)

        return ConversationDetail(conversation, messages)
