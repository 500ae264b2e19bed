from dataclasses import dataclass
from uuid import UUID

from svontai.application.conversations.bot_replies import BotReplies, add_message
from svontai.application.conversations.message_quota import MessageQuota
from svontai.application.leads.capture import CaptureLeadCommand, CaptureLeadFromMessage
from svontai.application.ports.answer_generator import Answer, AnswerGenerator, AnswerRequest
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.widget.access import (
    WidgetChat,
    find_widget_chat,
    is_available,
    is_visitor,
    require_widget,
)
from svontai.application.widget.throttle import WidgetThrottle
from svontai.domain.bots import Bot
from svontai.domain.conversations import Conversation, Message, Sender, clean_message_text
from svontai.domain.errors import NotFoundError, PermissionDeniedError
from svontai.domain.leads import LeadSource
from svontai.domain.plans import Feature

# Number of knowledge items given to the answer generator, and of earlier messages as history.
SEARCH_LIMIT = 5
HISTORY_LENGTH = 6


@dataclass(frozen=True, slots=True)
class SendMessageCommand:
    conversation_id: UUID
    external_user_id: str | None
    message: str
    client_ip: str


@dataclass(frozen=True, slots=True)
class SentMessage:
    user_message: Message
    reply: Message | None
    conversation: Conversation


@dataclass(frozen=True, slots=True)
class WidgetServices:
    throttle: WidgetThrottle
    quota: MessageQuota
    clock: Clock


class SendWidgetMessage:
    """Store a visitor's message and, when the bot may answer, the bot's reply.

    `reply` is None when the bot stays silent (see `BotReplies` for when). The answer is
    generated before the write transaction, so a slow answerer (an LLM call) never holds the
    database's write lock. With the plan's `lead_capture` feature, a contact in the text
    creates or completes the conversation's lead.
    """

    def __init__(self, uow: UnitOfWork, answers: AnswerGenerator, services: WidgetServices) -> None:
        self._uow = uow
        self._answers = answers
        self._services = services
        self._replies = BotReplies(services.quota, services.clock)

    async def execute(self, command: SendMessageCommand) -> SentMessage:
        await self._services.throttle.check_ip(command.client_ip)
        text = clean_message_text(command.message)
        chat = await self._open_chat(command)
        await self._services.throttle.check_conversation(chat.conversation)
        answer = await self._draft_answer(chat, self._bot(chat), text)

        result, quota_exhausted = await self._store(chat, text, answer)
        if quota_exhausted:
            await self._services.quota.report_exhausted(chat.tenant.id)

        return result

    async def _open_chat(self, command: SendMessageCommand) -> WidgetChat:
        chat = await find_widget_chat(self._uow, command.conversation_id)
        visitor = command.external_user_id
        if visitor is not None and not is_visitor(chat.conversation, visitor):
            raise PermissionDeniedError("This conversation belongs to another visitor.")
        require_widget(chat.plan)
        chat.conversation.ensure_open()
        return chat

    @staticmethod
    def _bot(chat: WidgetChat) -> Bot:
        bot = chat.bot
        if bot is None or not is_available(bot):
            raise NotFoundError("Bot not found.")
        return bot

    async def _draft_answer(self, chat: WidgetChat, bot: Bot, text: str) -> Answer | None:
        """Return the bot's answer, or None when the bot may not answer now."""
        conversation = chat.conversation
        if not conversation.bot_may_answer:
            return None
        if not await self._services.quota.has_room(self._uow, chat.tenant.id, chat.plan):
            return None
        hits = await self._uow.knowledge.search(chat.tenant.id, bot.id, text, SEARCH_LIMIT)
        allow_llm = chat.plan.has(Feature.LLM_ANSWERS)
        history = []
        if self._answers.uses_history(allow_llm):
            history = await self._uow.messages.latest(conversation.id, None, HISTORY_LENGTH)

        # Release the connection while the answer is generated: an LLM call can take seconds.
        await self._uow.rollback()
        return await self._answers.answer(AnswerRequest(bot, text, hits, history, allow_llm))

    async def _store(
        self, chat: WidgetChat, text: str, answer: Answer | None
    ) -> tuple[SentMessage, bool]:
        """Store the messages. The flag is True when the used-up quota stopped the reply."""
        await self._uow.begin_write()
        conversation = await self._uow.conversations.get_any(chat.conversation.id, for_update=True)
        if conversation is None:
            raise NotFoundError("Conversation not found.")
        conversation.ensure_open()
        now = self._services.clock.now()
        user_message = await add_message(self._uow, conversation, Sender.USER, text, now)
        reply = await self._replies.store(self._uow, conversation, chat.plan, answer)
        if chat.plan.has(Feature.LEAD_CAPTURE):
            await self._capture_lead(chat, conversation, text)
        await self._uow.conversations.update(conversation)
        await self._uow.commit()

        return SentMessage(user_message, reply.message, conversation), reply.quota_exhausted

    async def _capture_lead(self, chat: WidgetChat, conversation: Conversation, text: str) -> None:
        """Create or complete the conversation's lead from a contact in the visitor's text."""
        capture = CaptureLeadFromMessage(self._uow, self._services.clock)
        await capture.execute(CaptureLeadCommand(chat.tenant, conversation, text, LeadSource.WEB))
