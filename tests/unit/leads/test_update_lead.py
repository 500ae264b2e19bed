import uuid
from typing import Any

import pytest

from svontai.application.leads.update_lead import UpdateLead, UpdateLeadCommand
from svontai.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from svontai.domain.leads import Lead, LeadSource, LeadStatus
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant
from tests.unit.leads.builders import (
    CREATED,
    LeadsUnitOfWork,
    add_lead,
    make_clock,
    make_context,
    make_tenant,
)

CLOCK = make_clock()


async def update(uow: LeadsUnitOfWork, tenant: Tenant, lead: Lead, **changes: Any) -> Lead:
    command = UpdateLeadCommand(lead_id=lead.id, **changes)
    return await UpdateLead(uow, CLOCK).execute(make_context(tenant), command)


async def test_update_lead_changes_only_sent_fields() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant, name="Ali", email="ali@example.com", notes="old")

    await update(uow, tenant, lead, status=LeadStatus.CONTACTED)

    stored = uow.leads.rows[lead.id]
    assert stored.status is LeadStatus.CONTACTED
    assert stored.name == "Ali"
    assert stored.email == "ali@example.com"
    assert stored.notes == "old"
    assert stored.updated_at == CLOCK.now()
    assert stored.created_at == CREATED


async def test_update_lead_normalises_email_and_phone() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    await update(uow, tenant, lead, email=" New@Example.com", phone="0532 123 45 67")

    stored = uow.leads.rows[lead.id]
    assert stored.email == "new@example.com"
    assert stored.phone == "+905321234567"


async def test_update_lead_clears_field_with_none() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant, email="ali@example.com", notes="call back")

    await update(uow, tenant, lead, email=None, notes="")

    stored = uow.leads.rows[lead.id]
    assert stored.email is None
    assert stored.notes is None


async def test_update_lead_changes_source() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    await update(uow, tenant, lead, source=LeadSource.AUTOMATION)

    assert uow.leads.rows[lead.id].source is LeadSource.AUTOMATION


async def test_update_lead_keeps_one_contact_field() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant, name="Ali", email=None)

    with pytest.raises(ValidationError):
        await update(uow, tenant, lead, name=None)

    assert uow.leads.rows[lead.id].name == "Ali"
    assert uow.committed == 0


async def test_update_lead_allows_clearing_name_when_email_remains() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant, name="Ali", email="ali@example.com")

    await update(uow, tenant, lead, name=None)

    assert uow.leads.rows[lead.id].name is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "nope"}, "email"),
        ({"phone": "0532"}, "phone"),
        ({"notes": "x" * 5001}, "notes"),
        ({"name": "x" * 201}, "name"),
    ],
)
async def test_update_lead_rejects_invalid_field(changes: dict[str, Any], field: str) -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    with pytest.raises(ValidationError) as raised:
        await update(uow, tenant, lead, **changes)

    assert raised.value.errors[0].field == field


async def test_update_lead_hides_other_tenants_lead() -> None:
    uow = LeadsUnitOfWork()
    lead = await add_lead(uow, make_tenant())

    with pytest.raises(NotFoundError):
        await update(uow, make_tenant(), lead, name="Mallory")

    assert uow.leads.rows[lead.id].name == "Mehmet Demir"


async def test_update_lead_rejects_unknown_lead() -> None:
    command = UpdateLeadCommand(lead_id=uuid.uuid4(), name="Ali")

    with pytest.raises(NotFoundError):
        await UpdateLead(LeadsUnitOfWork(), CLOCK).execute(make_context(make_tenant()), command)


async def test_update_lead_forbids_viewer() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)
    command = UpdateLeadCommand(lead_id=lead.id, name="Ali")

    with pytest.raises(PermissionDeniedError):
        await UpdateLead(uow, CLOCK).execute(make_context(tenant, Role.VIEWER), command)
