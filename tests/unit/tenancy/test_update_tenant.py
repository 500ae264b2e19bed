import uuid

import pytest

from svontai.application.auth.principal import Principal
from svontai.application.tenancy.update_tenant import UpdateTenant, UpdateTenantCommand
from svontai.domain.errors import (
    NotFoundError,
    PermissionDeniedError,
    TenantSuspendedError,
    ValidationError,
)
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.tenancy.builders import add_tenant, add_user, join

CLOCK = FakeClock()


def update_tenant(uow: FakeUnitOfWork) -> UpdateTenant:
    return UpdateTenant(uow, CLOCK)


async def member(uow: FakeUnitOfWork, role: Role = Role.ADMIN) -> tuple[Principal, Tenant]:
    principal = await add_user(uow)
    tenant = await add_tenant(uow)
    await join(uow, tenant, principal, role)
    return principal, tenant


async def test_update_tenant_renames_and_keeps_slug() -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow)

    updated = await update_tenant(uow).execute(
        principal, UpdateTenantCommand(tenant.id, name=" Yeni Ad ")
    )

    assert updated.name == "Yeni Ad"
    assert updated.slug == tenant.slug
    assert updated.updated_at == CLOCK.now()
    assert uow.tenants.rows[tenant.id].name == "Yeni Ad"


async def test_update_tenant_merges_settings() -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow)

    updated = await update_tenant(uow).execute(
        principal, UpdateTenantCommand(tenant.id, settings={"default_phone_region": " de "})
    )

    assert updated.settings == {"default_phone_region": "DE", "timezone": "Europe/Istanbul"}
    assert uow.tenants.rows[tenant.id].settings == updated.settings


async def test_update_tenant_resets_setting_given_null() -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow)
    use_case = update_tenant(uow)
    await use_case.execute(principal, UpdateTenantCommand(tenant.id, settings={"timezone": "UTC"}))

    updated = await use_case.execute(
        principal, UpdateTenantCommand(tenant.id, settings={"timezone": None})
    )

    assert updated.settings["timezone"] == "Europe/Istanbul"


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"default_phone_region": "XX"}, "settings.default_phone_region"),
        ({"default_phone_region": "TUR"}, "settings.default_phone_region"),
        ({"default_phone_region": 90}, "settings.default_phone_region"),
        ({"timezone": "Mars/Olympus"}, "settings.timezone"),
        ({"timezone": "localtime"}, "settings.timezone"),
        ({"timezone": ["UTC"]}, "settings.timezone"),
        ({"currency": "TRY"}, "settings.currency"),
    ],
)
async def test_update_tenant_rejects_invalid_settings(
    settings: dict[str, object], field: str
) -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow)

    with pytest.raises(ValidationError) as raised:
        await update_tenant(uow).execute(
            principal, UpdateTenantCommand(tenant.id, settings=settings)
        )

    assert raised.value.errors[0].field == field
    assert uow.committed == 0


async def test_update_tenant_rejects_blank_name() -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow)

    with pytest.raises(ValidationError) as raised:
        await update_tenant(uow).execute(principal, UpdateTenantCommand(tenant.id, name=" "))

    assert raised.value.errors[0].field == "name"


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AGENT, Role.VIEWER])
async def test_update_tenant_needs_settings_permission(role: Role) -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow, role)

    with pytest.raises(PermissionDeniedError) as raised:
        await update_tenant(uow).execute(principal, UpdateTenantCommand(tenant.id, name="New"))

    assert raised.value.code == "forbidden"


async def test_update_tenant_checks_role_in_named_tenant() -> None:
    uow = FakeUnitOfWork()
    principal, _ = await member(uow, Role.OWNER)
    other = await add_tenant(uow, "Other")
    await join(uow, other, principal, Role.VIEWER)

    with pytest.raises(PermissionDeniedError):
        await update_tenant(uow).execute(principal, UpdateTenantCommand(other.id, name="New"))

    assert uow.tenants.rows[other.id].name == "Other"


async def test_update_tenant_hides_tenant_of_others() -> None:
    uow = FakeUnitOfWork()
    principal, _ = await member(uow, Role.OWNER)
    foreign = await add_tenant(uow, "Foreign")

    with pytest.raises(NotFoundError):
        await update_tenant(uow).execute(principal, UpdateTenantCommand(foreign.id, name="Mine"))


async def test_update_tenant_rejects_unknown_tenant() -> None:
    uow = FakeUnitOfWork()
    principal, _ = await member(uow, Role.OWNER)

    with pytest.raises(NotFoundError):
        await update_tenant(uow).execute(principal, UpdateTenantCommand(uuid.uuid4(), name="X"))


async def test_update_tenant_rejects_suspended_tenant() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    tenant = await add_tenant(uow, suspended=True)
    await join(uow, tenant, principal, Role.OWNER)

    with pytest.raises(TenantSuspendedError):
        await update_tenant(uow).execute(principal, UpdateTenantCommand(tenant.id, name="New"))


async def test_failed_update_leaves_tenant_unchanged() -> None:
    uow = FakeUnitOfWork()
    principal, tenant = await member(uow)
    command = UpdateTenantCommand(tenant.id, name="New", settings={"currency": "TRY"})

    with pytest.raises(ValidationError):
        await update_tenant(uow).execute(principal, command)

    assert uow.tenants.rows[tenant.id].name == tenant.name
