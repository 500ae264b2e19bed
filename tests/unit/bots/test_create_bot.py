import pytest

from svontai.application.bots.create_bot import PUBLIC_KEY_PREFIX, CreateBot
from svontai.application.bots.fields import BotFields
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import DEFAULT_WELCOME_MESSAGE, Bot
from svontai.domain.errors import PermissionDeniedError, PlanLimitError, ValidationError
from svontai.domain.events import EventCode
from svontai.domain.roles import Role
from tests.unit.bots.builders import add_bot, make_clock, make_context
from tests.unit.fakes.infrastructure import FakeEventRecorder
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

THRESHOLD = 0.42


async def create(
    uow: FakeUnitOfWork,
    context: TenantContext,
    values: BotFields,
    events: FakeEventRecorder | None = None,
) -> Bot:
    use_case = CreateBot(uow, make_clock(), events or FakeEventRecorder(), THRESHOLD)
    return await use_case.execute(context, values)


async def test_create_bot_stores_defaults() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)

    bot = await create(uow, context, BotFields(name="Destek"))

    stored = uow.bots.rows[bot.id]
    assert stored.name == "Destek"
    assert stored.tenant_id == context.tenant.id
    assert stored.welcome_message == DEFAULT_WELCOME_MESSAGE
    assert stored.language == "tr"
    assert stored.widget_position == "right"
    assert stored.is_active is True
    assert stored.answer_threshold == THRESHOLD
    assert stored.created_at == make_clock().now()
    assert uow.committed == 1


async def test_create_bot_makes_random_public_key() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="pro")

    first = await create(uow, context, BotFields(name="A"))
    second = await create(uow, context, BotFields(name="B"))

    assert first.public_key.startswith(PUBLIC_KEY_PREFIX)
    assert len(first.public_key) >= len(PUBLIC_KEY_PREFIX) + 32
    assert first.public_key != second.public_key


async def test_create_bot_normalises_values() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    values = BotFields(
        name="  Destek  ",
        description="   ",
        primary_color="#aabbcc",
        language="en",
        widget_position="left",
        answer_threshold=1,
        is_active=False,
    )

    bot = await create(uow, context, values)

    assert bot.name == "Destek"
    assert bot.description is None
    assert bot.primary_color == "#AABBCC"
    assert bot.language == "en"
    assert bot.widget_position == "left"
    assert bot.answer_threshold == 1.0
    assert bot.is_active is False


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (BotFields(), "name"),
        (BotFields(name="   "), "name"),
        (BotFields(name="x" * 201), "name"),
        (BotFields(name="a\x00b"), "name"),
        (BotFields(name="A", language="TR"), "language"),
        (BotFields(name="A", language="tur"), "language"),
        (BotFields(name="A", primary_color="blue"), "primary_color"),
        (BotFields(name="A", primary_color="#12345"), "primary_color"),
        (BotFields(name="A", widget_position="top"), "widget_position"),
        (BotFields(name="A", answer_threshold=1.5), "answer_threshold"),
        (BotFields(name="A", answer_threshold=-0.1), "answer_threshold"),
        (BotFields(name="A", answer_threshold=float("nan")), "answer_threshold"),
        (BotFields(name="A", welcome_message=" "), "welcome_message"),
        (BotFields(name="A", fallback_message="x" * 4001), "fallback_message"),
        (BotFields(name="A", description="x" * 5001), "description"),
    ],
)
async def test_create_bot_rejects_invalid_value(values: BotFields, field: str) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)

    with pytest.raises(ValidationError) as raised:
        await create(uow, context, values)

    assert raised.value.errors[0].field == field
    assert uow.bots.rows == {}


@pytest.mark.parametrize("role", [Role.AGENT, Role.VIEWER])
async def test_create_bot_rejects_role_without_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, role=role)

    with pytest.raises(PermissionDeniedError):
        await create(uow, context, BotFields(name="Destek"))

    assert uow.bots.rows == {}


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.MANAGER])
async def test_create_bot_allows_role_with_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, role=role)

    bot = await create(uow, context, BotFields(name="Destek"))

    assert bot.id in uow.bots.rows


async def test_create_bot_rejects_bot_beyond_plan_limit() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="free")
    await add_bot(uow, context)
    events = FakeEventRecorder()

    with pytest.raises(PlanLimitError):
        await create(uow, context, BotFields(name="Second"), events)

    assert len(uow.bots.rows) == 1
    assert uow.committed == 0
    assert uow.writing is False
    assert events.codes() == [EventCode.PLAN_LIMIT_REACHED.value]
    assert events.events[0].tenant_id == context.tenant.id


async def test_create_bot_ignores_deleted_bots_in_limit() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="free")
    await add_bot(uow, context, deleted_at=make_clock().now())

    bot = await create(uow, context, BotFields(name="Second"))

    assert bot.id in uow.bots.rows


async def test_create_bot_counts_only_own_tenant() -> None:
    uow = FakeUnitOfWork()
    other = await make_context(uow, plan_code="free")
    await add_bot(uow, other)
    context = await make_context(uow, plan_code="free")

    bot = await create(uow, context, BotFields(name="Mine"))

    assert bot.tenant_id == context.tenant.id


async def test_create_bot_allows_plan_limit_of_pro() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="pro")
    for name in ("A", "B", "C"):
        await create(uow, context, BotFields(name=name))

    with pytest.raises(PlanLimitError):
        await create(uow, context, BotFields(name="D"))

    assert len(uow.bots.rows) == 3


async def test_english_bot_gets_english_default_texts() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)

    bot = await create(uow, context, BotFields(name="Support", language="en"))

    assert bot.welcome_message == "Hello! How can I help you?"
    assert bot.fallback_message.startswith("I can't answer")


async def test_bot_in_another_language_gets_english_default_texts() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)

    bot = await create(uow, context, BotFields(name="Hilfe", language="de"))

    assert bot.welcome_message == "Hello! How can I help you?"
    assert bot.handoff_message == "I'm passing you to a member of our team."
