from dataclasses import dataclass
from uuid import UUID

from svontai.application.conversations.bot_replies import add_message
from svontai.application.conversations.lookup import find_conversation
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.conversations import Message, Sender, clean_message_text
from svontai.domain.roles import Permission


@dataclass(frozen=True, slots=True)
class ReplyCommand:
    conversation_id: UUID
    content: str


class ReplyToConversation:
    """Store an operator's reply, which the widget shows to the visitor when it polls.

    Operators' replies do not count against the monthly quota and leave the status as it is.
    A closed conversation takes no reply (`ConflictError`).
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, context: TenantContext, command: ReplyCommand) -> Message:
        context.require(Permission.CONVERSATIONS_REPLY)
        content = clean_message_text(command.content, "content")

        await self._uow.begin_write()
        conversation = await find_conversation(
            self._uow, context.tenant.id, command.conversation_id, for_update=True
        )
        conversation.ensure_open()
        # NOTE: a reply on a WhatsApp conversation is only stored here. Nothing sends it to the
        # customer's phone yet, because the WhatsApp outbox is not wired to operator replies.
        message = await add_message(
            self._uow, conversation, Sender.OPERATOR, content, self._clock.now()
        )
        await self._uow.conversations.update(conversation)
        await self._uow.commit()

        return message
