import uuid

import pytest

from svontai.application.knowledge.create_item import (
    CreateKnowledgeItem,
    CreateKnowledgeItemCommand,
)
from svontai.application.knowledge.fields import KnowledgeFields
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import KnowledgeItem
from svontai.domain.errors import (
    NotFoundError,
    PermissionDeniedError,
    PlanLimitError,
    ValidationError,
)
from svontai.domain.events import EventCode
from svontai.domain.roles import Role
from tests.unit.bots.builders import CREATED, add_bot, add_item, make_clock, make_context
from tests.unit.fakes.infrastructure import FakeEventRecorder
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

VALUES = KnowledgeFields(question="Kargo ücreti ne kadar?", answer="50 TL.")


async def create(
    uow: FakeUnitOfWork,
    context: TenantContext,
    bot_id: uuid.UUID,
    values: KnowledgeFields = VALUES,
    events: FakeEventRecorder | None = None,
) -> KnowledgeItem:
    use_case = CreateKnowledgeItem(uow, make_clock(), events or FakeEventRecorder())
    return await use_case.execute(context, CreateKnowledgeItemCommand(bot_id, values))


async def test_create_item_stores_cleaned_fields() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)
    values = KnowledgeFields(
        title="  ",
        question="  Kargo ücreti ne kadar?  ",
        answer=" 50 TL. ",
        tags=[" kargo ", "ücret", "kargo"],
    )

    item = await create(uow, context, bot.id, values)

    stored = uow.knowledge.rows[item.id]
    assert stored.title is None
    assert stored.question == "Kargo ücreti ne kadar?"
    assert stored.answer == "50 TL."
    assert stored.tags == ["kargo", "ücret"]
    assert stored.bot_id == bot.id
    assert stored.tenant_id == context.tenant.id
    assert stored.created_at == make_clock().now()
    assert uow.committed == 1


async def test_create_item_defaults_to_no_title_and_tags() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    item = await create(uow, context, bot.id)

    assert item.title is None
    assert item.tags == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (KnowledgeFields(answer="x"), "question"),
        (KnowledgeFields(question="x"), "answer"),
        (KnowledgeFields(question="   ", answer="x"), "question"),
        (KnowledgeFields(question="x", answer="\n\t"), "answer"),
        (KnowledgeFields(question="x" * 1001, answer="x"), "question"),
        (KnowledgeFields(question="x", answer="x" * 10001), "answer"),
        (KnowledgeFields(question="x", answer="x", title="x" * 201), "title"),
        (KnowledgeFields(question="x", answer="x", tags=["t"] * 21), "tags"),
        (KnowledgeFields(question="x", answer="x", tags=["x" * 51]), "tags"),
        (KnowledgeFields(question="x", answer="x", tags=[" "]), "tags"),
        (KnowledgeFields(question="a\x00b", answer="x"), "question"),
    ],
)
async def test_create_item_rejects_invalid_value(values: KnowledgeFields, field: str) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)

    with pytest.raises(ValidationError) as raised:
        await create(uow, context, bot.id, values)

    assert raised.value.errors[0].field == field
    assert uow.knowledge.rows == {}


async def test_create_item_rejects_other_tenants_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_bot(uow, await make_context(uow))

    with pytest.raises(NotFoundError):
        await create(uow, context, foreign.id)

    assert uow.knowledge.rows == {}


async def test_create_item_rejects_deleted_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context, deleted_at=CREATED)

    with pytest.raises(NotFoundError):
        await create(uow, context, bot.id)


@pytest.mark.parametrize("role", [Role.AGENT, Role.VIEWER])
async def test_create_item_rejects_role_without_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, role=role)
    bot = await add_bot(uow, context)

    with pytest.raises(PermissionDeniedError):
        await create(uow, context, bot.id)

    assert uow.knowledge.rows == {}


async def test_create_item_counts_limit_over_all_bots() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="free")
    first = await add_bot(uow, context)
    second = await add_bot(uow, context)
    for index in range(50):
        await add_item(uow, first if index % 2 else second, f"Soru {index}")
    events = FakeEventRecorder()

    with pytest.raises(PlanLimitError):
        await create(uow, context, first.id, events=events)

    assert len(uow.knowledge.rows) == 50
    assert uow.committed == 0
    assert events.codes() == [EventCode.PLAN_LIMIT_REACHED.value]
    assert events.events[0].tenant_id == context.tenant.id


async def test_create_item_allows_last_item_of_plan() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow, plan_code="free")
    bot = await add_bot(uow, context)
    for index in range(49):
        await add_item(uow, bot, f"Soru {index}")

    item = await create(uow, context, bot.id)

    assert item.id in uow.knowledge.rows
