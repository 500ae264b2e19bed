from dataclasses import dataclass
from uuid import UUID

from svontai.application.leads.contact_fields import ContactInput
from svontai.application.leads.submit_public_lead import SubmitPublicLead, SubmitPublicLeadCommand
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.widget.access import WidgetBot, find_widget_bot, is_visitor
from svontai.application.widget.throttle import WidgetThrottle
from svontai.domain.conversations import Conversation
from svontai.domain.errors import NotFoundError, PermissionDeniedError
from svontai.domain.leads import Lead


@dataclass(frozen=True, slots=True)
class WidgetLeadCommand:
    bot_public_key: str
    contact: ContactInput
    client_ip: str
    conversation_id: UUID | None = None
    external_user_id: str | None = None


class SubmitWidgetLead:
    """Store the widget's contact form as a `web` lead, checking the bot and the visitor.

    With a conversation, the conversation must be the bot's (else `NotFoundError`), and the
    visitor id must be sent and match (else `PermissionDeniedError`). The conversation's lead
    is then updated instead of a second one being added.
    """

    def __init__(self, uow: UnitOfWork, throttle: WidgetThrottle, clock: Clock) -> None:
        self._uow = uow
        self._throttle = throttle
        self._clock = clock

    async def execute(self, command: WidgetLeadCommand) -> Lead:
        await self._throttle.check_ip(command.client_ip)
        widget = await find_widget_bot(self._uow, command.bot_public_key)
        conversation = await self._conversation(widget, command)

        submit = SubmitPublicLead(self._uow, self._clock)
        return await submit.execute(
            SubmitPublicLeadCommand(widget.bot, widget.tenant, command.contact, conversation)
        )

    async def _conversation(
        self, widget: WidgetBot, command: WidgetLeadCommand
    ) -> Conversation | None:
        if command.conversation_id is None:
            return None
        conversation = await self._uow.conversations.get(widget.tenant.id, command.conversation_id)
        if conversation is None or conversation.bot_id != widget.bot.id:
            raise NotFoundError("Conversation not found.")
        visitor = command.external_user_id
        if visitor is None or not is_visitor(conversation, visitor):
            raise PermissionDeniedError("This conversation belongs to another visitor.")
        return conversation
