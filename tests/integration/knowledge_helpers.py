"""Rows written straight through the repositories, for adapter tests."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.domain.bots import Bot, KnowledgeItem
from svontai.domain.tenants import Tenant

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Owner:
    tenant_id: UUID
    bot_id: UUID


async def add_tenant(database: Database) -> UUID:
    tenant_id = uuid.uuid4()
    tenant = Tenant(tenant_id, "Acme", f"acme-{tenant_id.hex[:12]}", {}, False, NOW, NOW)
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.tenants.add(tenant)
        await uow.commit()
    return tenant_id


def make_bot(tenant_id: UUID, created_at: datetime = NOW, name: str = "Support") -> Bot:
    bot_id = uuid.uuid4()
    return Bot(bot_id, tenant_id, name, f"bot_{bot_id.hex}", created_at, created_at)


async def add_bot(database: Database, tenant_id: UUID, created_at: datetime = NOW) -> Bot:
    bot = make_bot(tenant_id, created_at)
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.bots.add(bot)
        await uow.commit()
    return bot


async def add_owner(database: Database) -> Owner:
    tenant_id = await add_tenant(database)
    return Owner(tenant_id, (await add_bot(database, tenant_id)).id)


def make_item(
    owner: Owner,
    question: str,
    answer: str = "Yes.",
    title: str | None = None,
    tags: list[str] | None = None,
    offset_seconds: int = 0,
) -> KnowledgeItem:
    created = NOW + timedelta(seconds=offset_seconds)
    return KnowledgeItem(
        id=uuid.uuid4(),
        tenant_id=owner.tenant_id,
        bot_id=owner.bot_id,
        question=question,
        answer=answer,
        created_at=created,
        updated_at=created,
        title=title,
        tags=tags or [],
    )


async def add_items(database: Database, *items: KnowledgeItem) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        for item in items:
            await uow.knowledge.add(item)
        await uow.commit()
