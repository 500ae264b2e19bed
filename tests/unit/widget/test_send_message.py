import uuid
from datetime import timedelta

import pytest

from svontai.application.ports.answer_generator import Answer, SearchHit
from svontai.application.widget.send_message import (
    SendMessageCommand,
    SendWidgetMessage,
    SentMessage,
)
from svontai.application.widget.throttle import WidgetLimits
from svontai.domain.bots import Bot, KnowledgeItem
from svontai.domain.conversations import Conversation, ConversationStatus, Message, Sender
from svontai.domain.errors import (
    ConflictError,
    FeatureNotInPlanError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ValidationError,
)
from svontai.domain.plans import billing_period
from tests.unit.conversations.builders import (
    CREATED,
    ChatUnitOfWork,
    FakeAnswerGenerator,
    add_bot,
    add_conversation,
    add_tenant,
    fallback_answer,
    knowledge_answer,
    use_plan,
)
from tests.unit.widget.builders import Infrastructure

IP = "203.0.113.7"
QUESTION = "Çalışma saatleriniz nedir?"


async def chat(
    uow: ChatUnitOfWork,
    status: ConversationStatus = ConversationStatus.AI_ACTIVE,
    paused: bool = False,
    plan_code: str = "free",
) -> tuple[Bot, Conversation]:
    bot = add_bot(uow, await add_tenant(uow, plan_code))
    return bot, await add_conversation(uow, bot, status, paused=paused)


async def send(
    uow: ChatUnitOfWork,
    conversation: Conversation,
    answers: FakeAnswerGenerator | None = None,
    infrastructure: Infrastructure | None = None,
    text: str = QUESTION,
    visitor: str | None = None,
) -> SentMessage:
    infrastructure = infrastructure or Infrastructure()
    use_case = SendWidgetMessage(uow, answers or FakeAnswerGenerator(), infrastructure.services())
    return await use_case.execute(SendMessageCommand(conversation.id, visitor, text, IP))


def used(uow: ChatUnitOfWork, conversation: Conversation) -> int:
    return uow.usage.counts.get((conversation.tenant_id, billing_period(CREATED)[0]), 0)


def senders(uow: ChatUnitOfWork) -> list[Sender]:
    return [message.sender for message in uow.messages.rows]


async def test_send_stores_question_and_answer() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)
    answer = knowledge_answer(confidence=0.8)

    sent = await send(uow, conversation, FakeAnswerGenerator(answer))

    assert sent.reply is not None
    assert sent.reply.content == answer.text
    assert sent.reply.knowledge_item_ids == answer.knowledge_item_ids
    assert sent.reply.confidence == 0.8
    assert sent.user_message.content == QUESTION
    assert uow.messages.rows == [sent.user_message, sent.reply]
    assert sent.reply.created_at > sent.user_message.created_at
    assert uow.committed == 1


async def test_send_counts_bot_reply_in_quota() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    await send(uow, conversation)

    assert used(uow, conversation) == 1


async def test_send_updates_last_activity() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    sent = await send(uow, conversation)

    assert sent.reply is not None
    assert uow.conversations.rows[conversation.id].last_message_at == sent.reply.created_at


async def test_send_gives_answerer_hits_and_earlier_messages() -> None:
    uow = ChatUnitOfWork()
    bot, conversation = await chat(uow)
    item = KnowledgeItem(uuid.uuid4(), bot.tenant_id, bot.id, QUESTION, "9-18", CREATED, CREATED)
    uow.knowledge.hits = [SearchHit(item, 0.7)]
    for minute in range(8):
        message = Message(
            uuid.uuid4(),
            conversation.id,
            conversation.tenant_id,
            Sender.USER,
            f"m{minute}",
            CREATED - timedelta(minutes=8 - minute),
        )
        await uow.messages.add(message)
    answers = FakeAnswerGenerator()

    await send(uow, conversation, answers)

    request = answers.requests[0]
    assert request.message == QUESTION
    assert request.hits == uow.knowledge.hits
    assert [message.content for message in request.history] == [f"m{n}" for n in range(2, 8)]
    assert request.bot.id == bot.id
    assert request.allow_llm is False
    assert uow.knowledge.searches == [(bot.tenant_id, bot.id, QUESTION, 5)]


async def test_send_skips_unused_history() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)
    earlier = Message(
        uuid.uuid4(), conversation.id, conversation.tenant_id, Sender.USER, "m0", CREATED
    )
    await uow.messages.add(earlier)
    answers = FakeAnswerGenerator(wants_history=False)

    await send(uow, conversation, answers)

    assert answers.requests[0].history == []


async def test_send_allows_llm_with_llm_answers_feature() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, plan_code="premium")
    answers = FakeAnswerGenerator()

    await send(uow, conversation, answers)

    assert answers.requests[0].allow_llm is True


async def test_fallback_moves_conversation_to_waiting() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    sent = await send(uow, conversation, FakeAnswerGenerator(fallback_answer()))

    assert sent.reply is not None
    assert sent.reply.content == fallback_answer().text
    assert sent.conversation.status is ConversationStatus.WAITING
    assert uow.conversations.rows[conversation.id].status is ConversationStatus.WAITING
    assert used(uow, conversation) == 1


async def test_waiting_conversation_gets_no_second_fallback() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, ConversationStatus.WAITING)

    sent = await send(uow, conversation, FakeAnswerGenerator(fallback_answer()))

    assert sent.reply is None
    assert senders(uow) == [Sender.USER]
    assert sent.conversation.status is ConversationStatus.WAITING
    assert used(uow, conversation) == 0


async def test_waiting_conversation_is_answered_when_bot_can() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, ConversationStatus.WAITING)

    sent = await send(uow, conversation)

    assert sent.reply is not None
    assert sent.conversation.status is ConversationStatus.AI_ACTIVE


async def test_greeting_keeps_conversation_waiting() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, ConversationStatus.WAITING)
    greeting = Answer("Merhaba!", [], None, is_fallback=False, is_greeting=True)

    sent = await send(uow, conversation, FakeAnswerGenerator(greeting))

    assert sent.reply is not None
    assert sent.reply.content == "Merhaba!"
    assert sent.conversation.status is ConversationStatus.WAITING


async def test_closing_stores_message_without_reply() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, ConversationStatus.WAITING)
    closing = Answer("", [], None, is_fallback=False, is_closing=True)

    sent = await send(uow, conversation, FakeAnswerGenerator(closing))

    assert sent.reply is None
    assert senders(uow) == [Sender.USER]
    assert sent.conversation.status is ConversationStatus.WAITING


async def test_human_takeover_stores_message_without_reply() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, ConversationStatus.HUMAN_TAKEOVER, paused=True)
    answers = FakeAnswerGenerator()

    sent = await send(uow, conversation, answers)

    assert sent.reply is None
    assert senders(uow) == [Sender.USER]
    assert answers.requests == []
    assert sent.conversation.status is ConversationStatus.HUMAN_TAKEOVER


async def test_paused_ai_stores_message_without_reply() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, paused=True)

    sent = await send(uow, conversation)

    assert sent.reply is None
    assert senders(uow) == [Sender.USER]


async def test_used_up_quota_withholds_reply() -> None:
    uow = ChatUnitOfWork()
    bot, conversation = await chat(uow)
    await use_plan(uow, uow.tenants.rows[bot.tenant_id], ["widget"], 0)
    answers = FakeAnswerGenerator()
    infrastructure = Infrastructure()

    sent = await send(uow, conversation, answers, infrastructure)

    assert sent.reply is None
    assert senders(uow) == [Sender.USER]
    assert answers.requests == []
    assert sent.conversation.status is ConversationStatus.WAITING
    assert infrastructure.events.codes() == ["quota_exhausted"]


async def test_used_up_quota_is_reported_once_a_day() -> None:
    uow = ChatUnitOfWork()
    bot, conversation = await chat(uow)
    await use_plan(uow, uow.tenants.rows[bot.tenant_id], ["widget"], 1)
    infrastructure = Infrastructure()

    first = await send(uow, conversation, infrastructure=infrastructure)
    for _ in range(2):
        await send(uow, conversation, infrastructure=infrastructure)

    assert first.reply is not None
    assert infrastructure.events.codes() == ["quota_exhausted"]
    assert used(uow, conversation) == 1


async def test_send_accepts_matching_visitor() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    sent = await send(uow, conversation, visitor="visitor-1")

    assert sent.reply is not None


async def test_send_rejects_foreign_visitor() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    with pytest.raises(PermissionDeniedError):
        await send(uow, conversation, visitor="visitor-2")

    assert uow.messages.rows == []


async def test_send_rejects_closed_conversation() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, ConversationStatus.CLOSED)

    with pytest.raises(ConflictError):
        await send(uow, conversation)


async def test_send_rejects_unknown_conversation() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)
    del uow.conversations.rows[conversation.id]

    with pytest.raises(NotFoundError):
        await send(uow, conversation)


async def test_send_hides_suspended_tenants_conversation() -> None:
    uow = ChatUnitOfWork()
    bot, conversation = await chat(uow)
    uow.tenants.rows[bot.tenant_id].is_suspended = True

    with pytest.raises(NotFoundError):
        await send(uow, conversation)


async def test_send_rejects_inactive_bot() -> None:
    uow = ChatUnitOfWork()
    bot, conversation = await chat(uow)
    uow.bots.rows[bot.id].is_active = False

    with pytest.raises(NotFoundError):
        await send(uow, conversation)


async def test_send_needs_widget_feature() -> None:
    uow = ChatUnitOfWork()
    bot, conversation = await chat(uow)
    await use_plan(uow, uow.tenants.rows[bot.tenant_id], [])

    with pytest.raises(FeatureNotInPlanError):
        await send(uow, conversation)


async def test_send_rejects_blank_message() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    with pytest.raises(ValidationError):
        await send(uow, conversation, text=" \n ")


async def test_send_is_rate_limited_per_conversation() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)
    infrastructure = Infrastructure(
        limits=WidgetLimits(per_ip="100/minute", per_conversation="1/minute")
    )
    await send(uow, conversation, infrastructure=infrastructure)

    with pytest.raises(RateLimitedError):
        await send(uow, conversation, infrastructure=infrastructure)

    assert senders(uow) == [Sender.USER, Sender.BOT]


async def test_send_captures_lead_with_lead_capture() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow, plan_code="pro")

    await send(uow, conversation, text="Bana ali@example.com adresinden yazın")

    leads = list(uow.leads.rows.values())
    assert [lead.email for lead in leads] == ["ali@example.com"]
    assert uow.conversations.rows[conversation.id].lead_id == leads[0].id


async def test_send_captures_no_lead_without_lead_capture() -> None:
    uow = ChatUnitOfWork()
    _, conversation = await chat(uow)

    await send(uow, conversation, text="Bana ali@example.com adresinden yazın")

    assert uow.leads.rows == {}
