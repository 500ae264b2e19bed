import uuid
from datetime import timedelta

import pytest

from svontai.application.leads.list_leads import ListLeads
from svontai.application.pagination import PageRequest
from svontai.application.ports.leads import LeadFilter
from svontai.domain.errors import NotFoundError
from svontai.domain.leads import LeadStatus
from svontai.domain.roles import Role
from tests.unit.leads.builders import (
    CREATED,
    LeadsUnitOfWork,
    add_bot,
    add_lead,
    make_context,
    make_tenant,
)


async def test_list_leads_returns_newest_first_with_total() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    older = await add_lead(uow, tenant, CREATED)
    newer = await add_lead(uow, tenant, CREATED + timedelta(minutes=1))

    page = await ListLeads(uow).execute(make_context(tenant), LeadFilter(), PageRequest())

    assert [lead.id for lead in page.items] == [newer.id, older.id]
    assert page.total == 2


async def test_list_leads_hides_other_tenants() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    await add_lead(uow, make_tenant())

    page = await ListLeads(uow).execute(make_context(tenant), LeadFilter(), PageRequest())

    assert page.items == []
    assert page.total == 0


async def test_list_leads_filters_by_bot() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    bot = add_bot(uow, tenant)
    wanted = await add_lead(uow, tenant, bot_id=bot.id)
    await add_lead(uow, tenant)

    page = await ListLeads(uow).execute(
        make_context(tenant), LeadFilter(bot_id=bot.id), PageRequest()
    )

    assert [lead.id for lead in page.items] == [wanted.id]


async def test_list_leads_rejects_other_tenants_bot() -> None:
    uow = LeadsUnitOfWork()
    bot = add_bot(uow, make_tenant())

    with pytest.raises(NotFoundError):
        await ListLeads(uow).execute(
            make_context(make_tenant()), LeadFilter(bot_id=bot.id), PageRequest()
        )


async def test_list_leads_rejects_unknown_bot() -> None:
    with pytest.raises(NotFoundError):
        await ListLeads(LeadsUnitOfWork()).execute(
            make_context(make_tenant()), LeadFilter(bot_id=uuid.uuid4()), PageRequest()
        )


async def test_list_leads_passes_trimmed_search() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    wanted = await add_lead(uow, tenant, name="Zeynep Kaya")
    await add_lead(uow, tenant, name="Ali Veli")

    page = await ListLeads(uow).execute(
        make_context(tenant), LeadFilter(search="  zeynep "), PageRequest()
    )

    assert [lead.id for lead in page.items] == [wanted.id]


async def test_list_leads_ignores_blank_search() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    await add_lead(uow, tenant)

    page = await ListLeads(uow).execute(
        make_context(tenant), LeadFilter(search="  "), PageRequest()
    )

    assert page.total == 1


async def test_list_leads_filters_by_status_and_pages() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    for minute in range(3):
        await add_lead(uow, tenant, CREATED + timedelta(minutes=minute), status=LeadStatus.LOST)
    await add_lead(uow, tenant)

    page = await ListLeads(uow).execute(
        make_context(tenant), LeadFilter(status=LeadStatus.LOST), PageRequest(skip=1, limit=1)
    )

    assert len(page.items) == 1
    assert page.items[0].created_at == CREATED + timedelta(minutes=1)
    assert page.total == 3


async def test_list_leads_allows_viewer() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    await add_lead(uow, tenant)

    page = await ListLeads(uow).execute(
        make_context(tenant, Role.VIEWER), LeadFilter(), PageRequest()
    )

    assert page.total == 1
