from uuid import UUID

from svontai.application.conversations.lookup import find_conversation
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.conversations import Conversation
from svontai.domain.roles import Permission


class TakeOverConversation:
    """Give a conversation to a human: status `human_takeover`, the bot paused on every channel.

    Taking over a conversation a human already owns changes nothing. A closed conversation
    raises `InvalidTransitionError`.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, conversation_id: UUID) -> Conversation:
        context.require(Permission.CONVERSATIONS_REPLY)

        await self._uow.begin_write()
        conversation = await find_conversation(
            self._uow, context.tenant.id, conversation_id, for_update=True
        )
        conversation.take_over()
        await self._uow.conversations.update(conversation)
        await self._uow.commit()

        return conversation
