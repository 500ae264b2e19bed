import uuid

import pytest

from svontai.application.leads.contact_fields import ContactInput
from svontai.application.leads.create_lead import CreateLead, CreateLeadCommand
from svontai.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from svontai.domain.leads import LeadSource, LeadStatus
from svontai.domain.roles import Role
from tests.unit.leads.builders import (
    LeadsUnitOfWork,
    add_bot,
    make_clock,
    make_context,
    make_tenant,
)

CLOCK = make_clock()


def create_lead(uow: LeadsUnitOfWork) -> CreateLead:
    return CreateLead(uow, CLOCK)


async def test_create_lead_stores_normalised_contact() -> None:
    uow = LeadsUnitOfWork()
    context = make_context(make_tenant())
    contact = ContactInput(name=" Ali ", email="Ali@Example.com", phone="0532 123 45 67")

    lead = await create_lead(uow).execute(context, CreateLeadCommand(contact))

    stored = uow.leads.rows[lead.id]
    assert stored.name == "Ali"
    assert stored.email == "ali@example.com"
    assert stored.phone == "+905321234567"
    assert stored.tenant_id == context.tenant.id
    assert uow.committed == 1


async def test_create_lead_defaults_to_manual_and_new() -> None:
    uow = LeadsUnitOfWork()

    lead = await create_lead(uow).execute(
        make_context(make_tenant()), CreateLeadCommand(ContactInput(name="Ali"))
    )

    assert lead.source is LeadSource.MANUAL
    assert lead.status is LeadStatus.NEW
    assert lead.created_at == CLOCK.now()


async def test_create_lead_keeps_given_source_and_status() -> None:
    uow = LeadsUnitOfWork()
    command = CreateLeadCommand(
        ContactInput(name="Ali"), source=LeadSource.IMPORT, status=LeadStatus.QUALIFIED
    )

    lead = await create_lead(uow).execute(make_context(make_tenant()), command)

    assert lead.source is LeadSource.IMPORT
    assert lead.status is LeadStatus.QUALIFIED


async def test_create_lead_uses_tenant_phone_region() -> None:
    uow = LeadsUnitOfWork()
    context = make_context(make_tenant({"default_phone_region": "US"}))

    lead = await create_lead(uow).execute(
        context, CreateLeadCommand(ContactInput(phone="(415) 555-2671"))
    )

    assert lead.phone == "+14155552671"


async def test_create_lead_links_tenant_bot() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    bot = add_bot(uow, tenant)

    lead = await create_lead(uow).execute(
        make_context(tenant), CreateLeadCommand(ContactInput(name="Ali"), bot_id=bot.id)
    )

    assert uow.leads.rows[lead.id].bot_id == bot.id


async def test_create_lead_rejects_other_tenants_bot() -> None:
    uow = LeadsUnitOfWork()
    bot = add_bot(uow, make_tenant())
    command = CreateLeadCommand(ContactInput(name="Ali"), bot_id=bot.id)

    with pytest.raises(NotFoundError):
        await create_lead(uow).execute(make_context(make_tenant()), command)

    assert uow.leads.rows == {}


async def test_create_lead_rejects_unknown_bot() -> None:
    command = CreateLeadCommand(ContactInput(name="Ali"), bot_id=uuid.uuid4())

    with pytest.raises(NotFoundError):
        await create_lead(LeadsUnitOfWork()).execute(make_context(make_tenant()), command)


async def test_create_lead_rejects_deleted_bot() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    bot = add_bot(uow, tenant, deleted=True)

    with pytest.raises(NotFoundError):
        await create_lead(uow).execute(
            make_context(tenant), CreateLeadCommand(ContactInput(name="Ali"), bot_id=bot.id)
        )


@pytest.mark.parametrize(
    "contact",
    [ContactInput(), ContactInput(notes="only notes"), ContactInput(name=" ", email="")],
)
async def test_create_lead_requires_contact_field(contact: ContactInput) -> None:
    uow = LeadsUnitOfWork()

    with pytest.raises(ValidationError):
        await create_lead(uow).execute(make_context(make_tenant()), CreateLeadCommand(contact))

    assert uow.leads.rows == {}


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (ContactInput(email="not-an-email"), "email"),
        (ContactInput(phone="123"), "phone"),
        (ContactInput(name="Ali", notes="x" * 5001), "notes"),
        (ContactInput(name="x" * 201), "name"),
    ],
)
async def test_create_lead_rejects_invalid_field(contact: ContactInput, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        await create_lead(LeadsUnitOfWork()).execute(
            make_context(make_tenant()), CreateLeadCommand(contact)
        )

    assert raised.value.errors[0].field == field


async def test_create_lead_forbids_viewer() -> None:
    uow = LeadsUnitOfWork()
    context = make_context(make_tenant(), Role.VIEWER)

    with pytest.raises(PermissionDeniedError):
        await create_lead(uow).execute(context, CreateLeadCommand(ContactInput(name="Ali")))

    assert uow.leads.rows == {}


async def test_create_lead_allows_agent() -> None:
    uow = LeadsUnitOfWork()
    context = make_context(make_tenant(), Role.AGENT)

    lead = await create_lead(uow).execute(context, CreateLeadCommand(ContactInput(name="Ali")))

    assert lead.id in uow.leads.rows
