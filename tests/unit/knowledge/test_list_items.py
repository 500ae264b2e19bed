import uuid
from datetime import timedelta

import pytest

from svontai.application.knowledge.list_items import KnowledgeQuery, ListKnowledgeItems
from svontai.application.pagination import PageRequest
from svontai.domain.errors import NotFoundError
from svontai.domain.roles import Role
from tests.unit.bots.builders import CREATED, add_bot, add_item, make_context, with_role
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def test_list_items_is_newest_first_over_all_bots() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    first, second = await add_bot(uow, context), await add_bot(uow, context)
    items = [
        await add_item(uow, first if index % 2 else second, f"Soru {index}", created_at=at)
        for index, at in enumerate(CREATED + timedelta(minutes=step) for step in range(4))
    ]
    await add_item(uow, await add_bot(uow, await make_context(uow)))

    page = await ListKnowledgeItems(uow).execute(
        with_role(context, Role.VIEWER), KnowledgeQuery(page=PageRequest(skip=1, limit=2))
    )

    assert [item.id for item in page.items] == [items[2].id, items[1].id]
    assert page.total == 4


async def test_list_items_filters_by_bot() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)
    item = await add_item(uow, bot)
    await add_item(uow, await add_bot(uow, context))

    page = await ListKnowledgeItems(uow).execute(context, KnowledgeQuery(bot_id=bot.id))

    assert [found.id for found in page.items] == [item.id]
    assert page.total == 1


@pytest.mark.parametrize("known", [True, False])
async def test_list_items_rejects_unknown_or_foreign_bot(known: bool) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    foreign = await add_bot(uow, await make_context(uow))
    bot_id = foreign.id if known else uuid.uuid4()

    with pytest.raises(NotFoundError):
        await ListKnowledgeItems(uow).execute(context, KnowledgeQuery(bot_id=bot_id))


async def test_list_items_searches_by_relevance() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)
    mention = await add_item(uow, bot, "Ödeme yöntemleri", "Kargo ile iade yapılır.")
    exact = await add_item(uow, bot, "Kargo ücreti ne kadar?", "50 TL.")
    await add_item(uow, bot, "Çalışma saatleri", "9-18.")

    page = await ListKnowledgeItems(uow).execute(context, KnowledgeQuery(text="kargo ücreti"))

    assert [item.id for item in page.items] == [exact.id, mention.id]
    assert page.total == 2


async def test_list_items_pages_search_hits() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    bot = await add_bot(uow, context)
    for index in range(5):
        await add_item(uow, bot, f"Kargo seçeneği {index}")

    page = await ListKnowledgeItems(uow).execute(
        context, KnowledgeQuery(text="kargo", page=PageRequest(skip=4, limit=3))
    )

    assert len(page.items) == 1
    assert page.total == 5


@pytest.mark.parametrize("text", ["", "   "])
async def test_list_items_treats_blank_search_as_none(text: str) -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    await add_item(uow, await add_bot(uow, context))

    page = await ListKnowledgeItems(uow).execute(context, KnowledgeQuery(text=text))

    assert page.total == 1


async def test_list_items_search_without_terms_finds_nothing() -> None:
    uow = FakeUnitOfWork()
    context = await make_context(uow)
    await add_item(uow, await add_bot(uow, context))

    page = await ListKnowledgeItems(uow).execute(context, KnowledgeQuery(text="??"))

    assert page.items == []
    assert page.total == 0
