import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import insert, select

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.tables import bots, conversations, leads, tenants
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.pagination import PageRequest
from svontai.application.ports.leads import LeadFilter
from svontai.domain.errors import ConflictError
from svontai.domain.leads import Lead, LeadSource, LeadStatus

CREATED = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@dataclass
class World:
    tenant_id: UUID
    other_tenant_id: UUID
    bot_id: UUID
    conversation_id: UUID


async def _insert(uow: SqlAlchemyUnitOfWork, table: Any, **values: Any) -> UUID:
    identifier = uuid.uuid4()
    await uow.execute(insert(table).values(id=identifier, **values))
    return identifier


async def _tenant(uow: SqlAlchemyUnitOfWork) -> UUID:
    return await _insert(
        uow,
        tenants,
        name="Kahve Durağı",
        slug=f"t-{uuid.uuid4().hex[:10]}",
        settings={},
        is_suspended=False,
        created_at=CREATED,
        updated_at=CREATED,
    )


async def _bot(uow: SqlAlchemyUnitOfWork, tenant_id: UUID) -> UUID:
    return await _insert(
        uow,
        bots,
        tenant_id=tenant_id,
        name="Destek",
        welcome_message="Merhaba",
        language="tr",
        primary_color="#3B82F6",
        widget_position="right",
        is_active=True,
        fallback_message="Bilmiyorum",
        handoff_message="Aktarıyorum",
        answer_threshold=0.5,
        public_key=f"bot_{uuid.uuid4().hex}",
        created_at=CREATED,
        updated_at=CREATED,
    )


async def _conversation(uow: SqlAlchemyUnitOfWork, tenant_id: UUID, bot_id: UUID) -> UUID:
    return await _insert(
        uow,
        conversations,
        tenant_id=tenant_id,
        bot_id=bot_id,
        channel="web",
        external_user_id=f"visitor-{uuid.uuid4().hex}",
        status="ai_active",
        is_ai_paused=False,
        last_message_at=CREATED,
        created_at=CREATED,
    )


@pytest.fixture
async def uow(database: Database) -> AsyncIterator[SqlAlchemyUnitOfWork]:
    async with SqlAlchemyUnitOfWork(database) as uow:
        yield uow


@pytest.fixture
async def world(uow: SqlAlchemyUnitOfWork) -> World:
    await uow.begin_write()
    tenant_id = await _tenant(uow)
    other_tenant_id = await _tenant(uow)
    bot_id = await _bot(uow, tenant_id)
    conversation_id = await _conversation(uow, tenant_id, bot_id)
    await uow.commit()
    return World(tenant_id, other_tenant_id, bot_id, conversation_id)


def make_lead(tenant_id: UUID, created_at: datetime = CREATED, **fields: Any) -> Lead:
    values: dict[str, Any] = {"name": "Ayşe Yılmaz", **fields}
    return Lead(
        id=uuid.uuid4(),
        tenant_id=tenant_id,
        source=values.pop("source", LeadSource.MANUAL),
        status=values.pop("status", LeadStatus.NEW),
        created_at=created_at,
        updated_at=created_at,
        **values,
    )


async def store(uow: SqlAlchemyUnitOfWork, *items: Lead) -> None:
    await uow.begin_write()
    for lead in items:
        await uow.leads.add(lead)
    await uow.commit()


async def listed(
    uow: SqlAlchemyUnitOfWork, tenant_id: UUID, page: PageRequest | None = None, **filters: Any
) -> list[UUID]:
    result = await uow.leads.list_page(tenant_id, LeadFilter(**filters), page or PageRequest())
    return [lead.id for lead in result.items]


async def test_lead_round_trips_every_field(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    lead = make_lead(
        world.tenant_id,
        bot_id=world.bot_id,
        conversation_id=world.conversation_id,
        email="ayse@example.com",
        phone="+905321234567",
        notes="Yarın 10:00'da arayın.",
        source=LeadSource.WHATSAPP,
        status=LeadStatus.QUALIFIED,
    )
    await store(uow, lead)

    loaded = await uow.leads.get(world.tenant_id, lead.id)

    assert loaded == lead


async def test_get_hides_other_tenants_lead(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    lead = make_lead(world.tenant_id)
    await store(uow, lead)

    loaded = await uow.leads.get(world.other_tenant_id, lead.id)

    assert loaded is None


async def test_update_stores_changed_fields(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    lead = make_lead(world.tenant_id, email="old@example.com")
    await store(uow, lead)
    changed = replace(
        lead,
        name=None,
        email="new@example.com",
        status=LeadStatus.CONTACTED,
        updated_at=CREATED + timedelta(hours=1),
    )

    await uow.begin_write()
    await uow.leads.update(changed)
    await uow.commit()

    assert await uow.leads.get(world.tenant_id, lead.id) == changed


async def test_update_ignores_lead_of_other_tenant(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    lead = make_lead(world.tenant_id)
    await store(uow, lead)

    await uow.begin_write()
    await uow.leads.update(replace(lead, tenant_id=world.other_tenant_id, name="Mallory"))
    await uow.commit()

    loaded = await uow.leads.get(world.tenant_id, lead.id)
    assert loaded is not None
    assert loaded.name == "Ayşe Yılmaz"


async def test_delete_removes_only_own_lead(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    own = make_lead(world.tenant_id)
    foreign = make_lead(world.other_tenant_id)
    await store(uow, own, foreign)

    await uow.begin_write()
    await uow.leads.delete(world.tenant_id, own.id)
    await uow.leads.delete(world.tenant_id, foreign.id)
    await uow.commit()

    assert await uow.leads.get(world.tenant_id, own.id) is None
    assert await uow.leads.get(world.other_tenant_id, foreign.id) is not None


async def test_get_by_conversation_finds_its_lead(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    lead = make_lead(world.tenant_id, conversation_id=world.conversation_id)
    await store(uow, lead, make_lead(world.tenant_id))

    found = await uow.leads.get_by_conversation(world.tenant_id, world.conversation_id)
    hidden = await uow.leads.get_by_conversation(world.other_tenant_id, world.conversation_id)

    assert found == lead
    assert hidden is None


async def test_add_rejects_second_lead_for_conversation(
    uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    await store(uow, make_lead(world.tenant_id, conversation_id=world.conversation_id))

    with pytest.raises(ConflictError):
        await store(uow, make_lead(world.tenant_id, conversation_id=world.conversation_id))


async def test_add_for_conversation_inserts_only_first(
    uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    first = make_lead(world.tenant_id, conversation_id=world.conversation_id)
    second = make_lead(world.tenant_id, conversation_id=world.conversation_id)

    await uow.begin_write()
    inserted_first = await uow.leads.add_for_conversation(first)
    inserted_second = await uow.leads.add_for_conversation(second)
    await uow.commit()

    assert inserted_first is True
    assert inserted_second is False
    assert await uow.leads.get(world.tenant_id, second.id) is None


async def test_add_for_conversation_waits_for_concurrent_insert(
    database: Database, uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    first = make_lead(world.tenant_id, conversation_id=world.conversation_id)
    second = make_lead(world.tenant_id, conversation_id=world.conversation_id)
    await uow.begin_write()
    await uow.leads.add_for_conversation(first)

    async def insert_second() -> bool:
        async with SqlAlchemyUnitOfWork(database) as other:
            await other.begin_write()
            inserted = await other.leads.add_for_conversation(second)
            await other.commit()
            return inserted

    task = asyncio.create_task(insert_second())
    await asyncio.sleep(0.2)
    await uow.commit()
    inserted_second = await asyncio.wait_for(task, timeout=10)

    assert inserted_second is False
    found = await uow.leads.get_by_conversation(world.tenant_id, world.conversation_id)
    assert found is not None
    assert found.id == first.id


async def test_removed_bot_row_leaves_lead_without_bot(
    uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    lead = make_lead(world.tenant_id, bot_id=world.bot_id)
    await store(uow, lead)

    await uow.begin_write()
    await uow.execute(conversations.delete().where(conversations.c.bot_id == world.bot_id))
    await uow.execute(bots.delete().where(bots.c.id == world.bot_id))
    await uow.commit()

    loaded = await uow.leads.get(world.tenant_id, lead.id)
    assert loaded is not None
    assert loaded.bot_id is None


async def test_list_page_returns_newest_first(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    items = [make_lead(world.tenant_id, CREATED + timedelta(minutes=i)) for i in range(3)]
    await store(uow, *items, make_lead(world.other_tenant_id))

    page = await uow.leads.list_page(world.tenant_id, LeadFilter(), PageRequest())

    assert [lead.id for lead in page.items] == [items[2].id, items[1].id, items[0].id]
    assert page.total == 3


async def test_list_page_skips_and_limits(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    items = [make_lead(world.tenant_id, CREATED + timedelta(minutes=i)) for i in range(5)]
    await store(uow, *items)

    page = await uow.leads.list_page(world.tenant_id, LeadFilter(), PageRequest(skip=1, limit=2))

    assert [lead.id for lead in page.items] == [items[3].id, items[2].id]
    assert page.total == 5


async def test_list_page_filters_by_bot_status_and_source(
    uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    wanted = make_lead(
        world.tenant_id, bot_id=world.bot_id, status=LeadStatus.LOST, source=LeadSource.WEB
    )
    other_status = make_lead(world.tenant_id, bot_id=world.bot_id, source=LeadSource.WEB)
    other_source = make_lead(world.tenant_id, bot_id=world.bot_id, status=LeadStatus.LOST)
    no_bot = make_lead(world.tenant_id, status=LeadStatus.LOST, source=LeadSource.WEB)
    await store(uow, wanted, other_status, other_source, no_bot)

    found = await listed(
        uow,
        world.tenant_id,
        bot_id=world.bot_id,
        status=LeadStatus.LOST,
        source=LeadSource.WEB,
    )

    assert found == [wanted.id]


@pytest.mark.parametrize(
    ("search", "field", "value"),
    [
        ("AYŞE", "name", "Ayşe Yılmaz"),
        ("yılmaz", "name", "Ayşe Yılmaz"),
        ("Example.COM", "email", "ayse@example.com"),
        ("+90532", "phone", "+905321234567"),
        ("0532 123 45", "phone", "+905321234567"),
        ("(532) 123-4567", "phone", "+905321234567"),
        ("ARAYIN", "notes", "Yarın arayın lütfen"),
        ("IŞIK", "name", "Ayşe Işık"),
        ("istanbul", "notes", "İstanbul şubesinden"),
        ("İZMİR", "notes", "izmir"),
    ],
)
async def test_list_page_searches_each_field(
    uow: SqlAlchemyUnitOfWork, world: World, search: str, field: str, value: str
) -> None:
    wanted = make_lead(world.tenant_id, **{field: value})
    other = make_lead(world.tenant_id, name="Mehmet Demir", email="mehmet@example.org")
    await store(uow, wanted, other)

    found = await listed(uow, world.tenant_id, search=search)

    assert found == [wanted.id]


@pytest.mark.parametrize(("search", "matching"), [("%", "100% ilgili"), ("_", "a_b")])
async def test_list_page_search_treats_wildcards_literally(
    uow: SqlAlchemyUnitOfWork, world: World, search: str, matching: str
) -> None:
    wanted = make_lead(world.tenant_id, notes=matching)
    await store(uow, wanted, make_lead(world.tenant_id, notes="nothing special"))

    found = await listed(uow, world.tenant_id, search=search)

    assert found == [wanted.id]


async def test_list_page_search_treats_backslash_literally(
    uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    wanted = make_lead(world.tenant_id, notes="C:\\temp")
    await store(uow, wanted, make_lead(world.tenant_id, notes="C:temp"))

    found = await listed(uow, world.tenant_id, search="\\")

    assert found == [wanted.id]


async def test_list_page_search_stays_in_tenant(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    await store(uow, make_lead(world.other_tenant_id, name="Ayşe"))

    page = await uow.leads.list_page(world.tenant_id, LeadFilter(search="ayşe"), PageRequest())

    assert page.items == []
    assert page.total == 0


async def test_list_page_counts_filtered_total(uow: SqlAlchemyUnitOfWork, world: World) -> None:
    items = [make_lead(world.tenant_id, notes=f"vip {i}") for i in range(3)]
    await store(uow, *items, make_lead(world.tenant_id, notes="regular"))

    page = await uow.leads.list_page(
        world.tenant_id, LeadFilter(search="vip"), PageRequest(limit=1)
    )

    assert len(page.items) == 1
    assert page.total == 3


async def test_stored_source_and_status_are_plain_text(
    uow: SqlAlchemyUnitOfWork, world: World
) -> None:
    lead = make_lead(world.tenant_id, source=LeadSource.IMPORT, status=LeadStatus.CONVERTED)
    await store(uow, lead)

    row = (await uow.execute(select(leads.c.source, leads.c.status))).one()

    assert tuple(row) == ("import", "converted")
