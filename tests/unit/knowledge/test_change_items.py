import pytest

from svontai.application.knowledge.delete_item import DeleteKnowledgeItem
from svontai.application.knowledge.fields import KnowledgeFields
from svontai.application.knowledge.get_item import GetKnowledgeItem
from svontai.application.knowledge.update_item import UpdateKnowledgeItem
from svontai.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from svontai.domain.roles import Role
from tests.unit.bots.builders import CREATED, add_bot, add_item, make_clock, make_context, with_role
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def test_update_item_changes_only_sent_fields() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context), title="Kargo", tags=["kargo"])

    updated = await UpdateKnowledgeItem(uow, make_clock()).execute(
        context, item.id, KnowledgeFields(answer=" 60 TL. ", title=None)
    )

    stored = uow.knowledge.rows[item.id]
    assert stored == updated
    assert stored.answer == "60 TL."
    assert stored.title is None
    assert stored.question == item.question
    assert stored.tags == ["kargo"]
    assert stored.created_at == CREATED
    assert stored.updated_at == make_clock().now()
    assert uow.committed == 1


async def test_update_item_is_searchable_at_once() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context))

    await UpdateKnowledgeItem(uow, make_clock()).execute(
        context, item.id, KnowledgeFields(question="Teslimat kaç gün sürer?")
    )

    hits = await uow.knowledge.search(context.tenant.id, None, "teslimat", 5)
    assert [hit.item.id for hit in hits] == [item.id]


async def test_update_item_rejects_invalid_value() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context))

    with pytest.raises(ValidationError):
        await UpdateKnowledgeItem(uow, make_clock()).execute(
            context, item.id, KnowledgeFields(question=" ")
        )

    assert uow.knowledge.rows[item.id].question == item.question


async def test_update_item_hides_other_tenants_item() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_item(uow, await add_bot(uow, await make_context(uow)))

    with pytest.raises(NotFoundError):
        await UpdateKnowledgeItem(uow, make_clock()).execute(
            context, foreign.id, KnowledgeFields(answer="x")
        )

    assert uow.knowledge.rows[foreign.id].answer == foreign.answer


@pytest.mark.parametrize("role", [Role.AGENT, Role.VIEWER])
async def test_update_item_rejects_role_without_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context))

    with pytest.raises(PermissionDeniedError):
        await UpdateKnowledgeItem(uow, make_clock()).execute(
            with_role(context, role), item.id, KnowledgeFields(answer="x")
        )


async def test_delete_item_removes_it() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context))

    await DeleteKnowledgeItem(uow).execute(context, item.id)

    assert uow.knowledge.rows == {}
    assert uow.committed == 1


async def test_delete_item_hides_other_tenants_item() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_item(uow, await add_bot(uow, await make_context(uow)))

    with pytest.raises(NotFoundError):
        await DeleteKnowledgeItem(uow).execute(context, foreign.id)

    assert foreign.id in uow.knowledge.rows


@pytest.mark.parametrize("role", [Role.AGENT, Role.VIEWER])
async def test_delete_item_rejects_role_without_write(role: Role) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context))

    with pytest.raises(PermissionDeniedError):
        await DeleteKnowledgeItem(uow).execute(with_role(context, role), item.id)

    assert item.id in uow.knowledge.rows


async def test_get_item_returns_tenants_item_to_viewer() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    item = await add_item(uow, await add_bot(uow, context))

    found = await GetKnowledgeItem(uow).execute(with_role(context, Role.VIEWER), item.id)

    assert found == item


async def test_get_item_hides_other_tenants_item() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_item(uow, await add_bot(uow, await make_context(uow)))

    with pytest.raises(NotFoundError):
        await GetKnowledgeItem(uow).execute(context, foreign.id)
