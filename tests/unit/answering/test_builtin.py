import uuid
from datetime import UTC, datetime

from svontai.adapters.answering.builtin import BuiltinAnswerGenerator
from svontai.application.ports.answer_generator import Answer, AnswerRequest, SearchHit
from svontai.domain.bots import Bot, KnowledgeItem

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
TENANT_ID = uuid.uuid4()
BOT_ID = uuid.uuid4()


def make_bot(threshold: float = 0.5) -> Bot:
    return Bot(
        id=BOT_ID,
        tenant_id=TENANT_ID,
        name="Durak",
        public_key="bot_test",
        created_at=NOW,
        updated_at=NOW,
        welcome_message="Welcome to the shop!",
        fallback_message="A colleague will reply soon.",
        answer_threshold=threshold,
    )


def make_hit(answer: str, confidence: float) -> SearchHit:
    item = KnowledgeItem(
        id=uuid.uuid4(),
        tenant_id=TENANT_ID,
        bot_id=BOT_ID,
        question=f"Question for {answer}?",
        answer=answer,
        created_at=NOW,
        updated_at=NOW,
    )
    return SearchHit(item, confidence)


async def answer(message: str, hits: list[SearchHit], threshold: float = 0.5) -> Answer:
    request = AnswerRequest(bot=make_bot(threshold), message=message, hits=hits)
    return await BuiltinAnswerGenerator().answer(request)


async def test_greeting_returns_welcome_message() -> None:
    hits = [make_hit("Opening hours", 0.9)]

    result = await answer("Merhaba!", hits)

    assert result.text == "Welcome to the shop!"
    assert result.is_greeting is True
    assert result.is_fallback is False
    assert result.knowledge_item_ids == []


async def test_best_hit_above_threshold_is_answered() -> None:
    weaker = make_hit("We open at 8.", 0.6)
    best = make_hit("We open at 7:30.", 0.8)

    result = await answer("when do you open", [weaker, best])

    assert result.text == "We open at 7:30."
    assert result.knowledge_item_ids == [best.item.id]
    assert result.confidence == 0.8
    assert result.is_fallback is False
    assert result.is_greeting is False


async def test_hit_exactly_at_threshold_is_answered() -> None:
    hit = make_hit("Free shipping over 500 TL.", 0.5)

    result = await answer("shipping cost", [hit])

    assert result.text == "Free shipping over 500 TL."
    assert result.is_fallback is False


async def test_hits_below_threshold_fall_back() -> None:
    hits = [make_hit("Delivery takes two days.", 0.3), make_hit("We ship by courier.", 0.45)]

    result = await answer("do you sell espresso machines", hits)

    assert result.text == "A colleague will reply soon."
    assert result.is_fallback is True
    assert result.knowledge_item_ids == []
    assert result.confidence == 0.45


async def test_no_hits_fall_back_with_zero_confidence() -> None:
    result = await answer("can I bring my dog", [])

    assert result.text == "A colleague will reply soon."
    assert result.is_fallback is True
    assert result.confidence == 0.0


async def test_bot_threshold_decides_not_default() -> None:
    hit = make_hit("We roast every Monday.", 0.7)

    result = await answer("when do you roast", [hit], threshold=0.9)

    assert result.is_fallback is True


async def test_greeting_with_question_is_not_greeting() -> None:
    hit = make_hit("We open at 7:30.", 0.8)

    result = await answer("Merhaba, kaçta açılıyorsunuz?", [hit])

    assert result.is_greeting is False
    assert result.text == "We open at 7:30."


async def test_thanks_get_no_reply() -> None:
    result = await answer("thanks, bye!", [make_hit("Opening hours", 0.9)])

    assert result.is_closing is True
    assert result.text == ""
    assert result.is_fallback is False


async def test_person_request_gets_handoff() -> None:
    result = await answer("can I talk to a real person?", [make_hit("Opening hours", 0.1)])

    assert result.text == make_bot().handoff_message
    assert result.is_fallback is True


async def test_item_answer_beats_handoff() -> None:
    hit = make_hit("Call 0850 555 14 42 to talk to our staff.", 0.9)

    result = await answer("how can I talk to your staff?", [hit])

    assert result.text == hit.item.answer
