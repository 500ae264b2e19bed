"""Storing messages, and the bot's reply under the rules every channel shares."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from svontai.application.conversations.message_quota import MessageQuota
from svontai.application.ports.answer_generator import Answer
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.conversations import Conversation, ConversationStatus, Message, Sender
from svontai.domain.plans import Plan


async def add_message(
    uow: UnitOfWork,
    conversation: Conversation,
    sender: Sender,
    text: str,
    now: datetime,
    answer: Answer | None = None,
) -> Message:
    """Store a message stamped after the conversation's previous one, and record the activity.

    The caller stores the conversation afterwards (`uow.conversations.update`).
    """
    message = Message(
        id=uuid.uuid4(),
        conversation_id=conversation.id,
        tenant_id=conversation.tenant_id,
        sender=sender,
        content=text,
        created_at=conversation.next_message_time(now),
        knowledge_item_ids=list(answer.knowledge_item_ids) if answer else [],
        confidence=answer.confidence if answer else None,
    )
    await uow.messages.add(message)
    conversation.record_message(message)
    return message


@dataclass(frozen=True, slots=True)
class BotReply:
    message: Message | None
    # True when the used-up monthly quota stopped the reply.
    quota_exhausted: bool = False


class BotReplies:
    """Stores the bot's reply to a visitor's message under the conversation and quota rules.

    The bot stays silent while a human owns the conversation or the AI is paused. It is also
    silent when the monthly quota is used up, and the conversation then waits for a human. It
    never repeats its fallback to a conversation that is already `waiting`. A fallback moves
    the conversation to `waiting`, an answer from the knowledge base moves it back to
    `ai_active`, and a greeting leaves the status as it is. Runs inside the caller's write
    transaction.
    """

    def __init__(self, quota: MessageQuota, clock: Clock) -> None:
        self._quota = quota
        self._clock = clock

    @staticmethod
    def _exhausted(conversation: Conversation) -> BotReply:
        conversation.move_to(ConversationStatus.WAITING)
        return BotReply(None, quota_exhausted=True)

    async def store(
        self, uow: UnitOfWork, conversation: Conversation, plan: Plan, answer: Answer | None
    ) -> BotReply:
        if not conversation.bot_may_answer or (answer is not None and answer.is_closing):
            # A thanks or goodbye needs no reply and changes nothing.
            return BotReply(None)
        waiting = conversation.status is ConversationStatus.WAITING
        if answer is None or (answer.is_fallback and waiting):
            if not await self._quota.has_room(uow, conversation.tenant_id, plan):
                return self._exhausted(conversation)
            return BotReply(None)
        if not await self._quota.take(uow, conversation.tenant_id, plan):
            return self._exhausted(conversation)

        now = self._clock.now()
        message = await add_message(uow, conversation, Sender.BOT, answer.text, now, answer)
        if answer.is_fallback:
            conversation.move_to(ConversationStatus.WAITING)
        elif not answer.is_greeting:
            # A greeting answers no question, so a conversation waiting for a human keeps waiting.
            conversation.move_to(ConversationStatus.AI_ACTIVE)
        return BotReply(message)
