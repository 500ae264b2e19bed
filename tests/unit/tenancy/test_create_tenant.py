import uuid
from dataclasses import replace

import pytest

from svontai.application.tenancy.create_tenant import CreateTenant, CreateTenantCommand
from svontai.domain.errors import SlugTakenError, ValidationError
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.tenancy.builders import add_user

CLOCK = FakeClock()


def create_tenant(uow: FakeUnitOfWork, default_plan: str = "free") -> CreateTenant:
    return CreateTenant(uow, CLOCK, default_plan)


async def test_create_tenant_makes_caller_owner() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    tenant = await create_tenant(uow).execute(principal, CreateTenantCommand("  Kahve Durağı "))

    membership = await uow.memberships.get(tenant.id, principal.user.id)
    assert membership is not None
    assert membership.role is Role.OWNER
    assert tenant.name == "Kahve Durağı"
    assert tenant.slug == "kahve-duragi"
    assert tenant.is_suspended is False
    assert tenant.created_at == CLOCK.now()
    assert uow.committed == 1


async def test_create_tenant_stores_default_settings() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    tenant = await create_tenant(uow).execute(principal, CreateTenantCommand("Acme"))

    stored = await uow.tenants.get(tenant.id)
    assert stored is not None
    assert stored.settings == {"default_phone_region": "TR", "timezone": "Europe/Istanbul"}


async def test_create_tenant_subscribes_default_plan() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    tenant = await create_tenant(uow, "enterprise").execute(principal, CreateTenantCommand("Acme"))

    assert tenant.plan_code == "enterprise"
    assert uow.plans.subscriptions[tenant.id] == "enterprise"


async def test_create_tenant_rejects_unknown_default_plan() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    with pytest.raises(LookupError):
        await create_tenant(uow, "gold").execute(principal, CreateTenantCommand("Acme"))

    assert uow.tenants.rows == {}


async def test_create_tenant_numbers_taken_slugs() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    use_case = create_tenant(uow)

    slugs = [
        (await use_case.execute(principal, CreateTenantCommand(name))).slug
        for name in ("Acme", "ACME", "acme!")
    ]

    assert slugs == ["acme", "acme-2", "acme-3"]


async def test_user_may_own_several_tenants() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    use_case = create_tenant(uow)

    await use_case.execute(principal, CreateTenantCommand("First"))
    await use_case.execute(principal, CreateTenantCommand("Second"))

    accesses = await uow.memberships.list_for_user(principal.user.id)
    assert [access.role for access in accesses] == [Role.OWNER, Role.OWNER]


async def test_create_tenant_rejects_blank_name() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    with pytest.raises(ValidationError) as raised:
        await create_tenant(uow).execute(principal, CreateTenantCommand("   "))

    assert raised.value.errors[0].field == "name"


async def test_create_tenant_slugs_symbol_only_name() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    tenant = await create_tenant(uow).execute(principal, CreateTenantCommand("***"))

    assert tenant.slug == "tenant"


async def test_create_tenant_retries_taken_slug() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    add_tenant = uow.tenants.add
    races = 0

    async def add_after_a_concurrent_insert(tenant: Tenant) -> None:
        nonlocal races
        if races < 2:
            # Another request stores a tenant with this slug between the check and the insert.
            races += 1
            await add_tenant(replace(tenant, id=uuid.uuid4()))
            raise SlugTakenError("A tenant with this name already exists.")
        await add_tenant(tenant)

    uow.tenants.add = add_after_a_concurrent_insert  # type: ignore[method-assign]

    tenant = await create_tenant(uow).execute(principal, CreateTenantCommand("Acme"))

    assert tenant.slug == "acme-3"
    assert uow.committed == 1


async def test_create_tenant_gives_up_after_repeated_races() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    async def always_taken(tenant: Tenant) -> None:
        raise SlugTakenError("A tenant with this name already exists.")

    uow.tenants.add = always_taken  # type: ignore[method-assign]

    with pytest.raises(SlugTakenError):
        await create_tenant(uow).execute(principal, CreateTenantCommand("Acme"))
