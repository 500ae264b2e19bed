from uuid import UUID

from svontai.application.conversations.lookup import find_conversation
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.conversations import Conversation
from svontai.domain.roles import Permission


class ReleaseConversation:
    """Give a conversation back to the bot: status `ai_active`, not paused.

    Releasing a conversation that is `waiting` also hands it back to the bot. A closed
    conversation raises `InvalidTransitionError`.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, conversation_id: UUID) -> Conversation:
        context.require(Permission.CONVERSATIONS_REPLY)

        await self._uow.begin_write()
        conversation = await find_conversation(
            self._uow, context.tenant.id, conversation_id, for_update=True
        )
        conversation.release()
        await self._uow.conversations.update(conversation)
        await self._uow.commit()

        return conversation
