import uuid

import pytest

from svontai.application.leads.delete_lead import DeleteLead
from svontai.domain.errors import NotFoundError, PermissionDeniedError
from svontai.domain.roles import Role
from tests.unit.leads.builders import (
    LeadsUnitOfWork,
    add_lead,
    add_linked_lead,
    make_context,
    make_tenant,
    record_lock_order,
)


async def test_delete_lead_removes_it() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    await DeleteLead(uow).execute(make_context(tenant), lead.id)

    assert lead.id not in uow.leads.rows
    assert uow.committed == 1


async def test_delete_lead_unlinks_conversation() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    conversation, lead = await add_linked_lead(uow, tenant)

    await DeleteLead(uow).execute(make_context(tenant), lead.id)

    assert uow.conversations.rows[conversation.id].lead_id is None


async def test_delete_lead_locks_conversation_first() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    _, lead = await add_linked_lead(uow, tenant)
    steps = record_lock_order(uow)

    await DeleteLead(uow).execute(make_context(tenant), lead.id)

    assert steps == ["lock conversation", "delete lead"]


async def test_delete_lead_hides_other_tenants_lead() -> None:
    uow = LeadsUnitOfWork()
    lead = await add_lead(uow, make_tenant())

    with pytest.raises(NotFoundError):
        await DeleteLead(uow).execute(make_context(make_tenant()), lead.id)

    assert lead.id in uow.leads.rows


async def test_delete_lead_rejects_unknown_lead() -> None:
    with pytest.raises(NotFoundError):
        await DeleteLead(LeadsUnitOfWork()).execute(make_context(make_tenant()), uuid.uuid4())


async def test_delete_lead_forbids_viewer() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    with pytest.raises(PermissionDeniedError):
        await DeleteLead(uow).execute(make_context(tenant, Role.VIEWER), lead.id)

    assert lead.id in uow.leads.rows
