import random
import uuid

import pytest

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.pagination import PageRequest
from svontai.entrypoints.bench_seed import seed, vocabulary
from tests.integration.knowledge_helpers import add_owner


async def test_seed_adds_searchable_items(database: Database, database_url: str) -> None:
    owner = await add_owner(database)

    written = await seed(database_url, owner.bot_id, 2500, workers=2)

    async with SqlAlchemyUnitOfWork(database) as uow:
        count = await uow.knowledge.count(owner.tenant_id)
        hits = await uow.knowledge.search(owner.tenant_id, owner.bot_id, "kargo ücreti ne kadar", 5)
        page = await uow.knowledge.list_page(owner.tenant_id, owner.bot_id, PageRequest(limit=1))
        first = page.items[0]
        own_hits = await uow.knowledge.search(owner.tenant_id, owner.bot_id, first.question, 5)
    assert written == 2500
    assert count == 2500
    assert hits == []
    assert own_hits[0].item.id == first.id


async def test_seed_rejects_unknown_bot(database_url: str) -> None:
    with pytest.raises(LookupError):
        await seed(database_url, uuid.uuid4(), 10)


def test_vocabulary_words_are_distinct_and_made_up() -> None:
    words = vocabulary(random.Random(7))

    assert len(set(words)) == len(words) == 3000
    assert all(any(letter in word for letter in "qxw") for word in words)
