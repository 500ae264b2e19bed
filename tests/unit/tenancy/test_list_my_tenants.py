from svontai.application.tenancy.list_my_tenants import ListMyTenants
from svontai.domain.roles import Role
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.tenancy.builders import add_tenant, add_user, join


async def test_list_my_tenants_gives_role_in_each() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    owned = await add_tenant(uow, "Owned")
    viewed = await add_tenant(uow, "Viewed", suspended=True)
    await join(uow, owned, principal, Role.OWNER)
    await join(uow, viewed, principal, Role.VIEWER)
    await join(
        uow, await add_tenant(uow, "Foreign"), await add_user(uow, "x@example.com"), Role.OWNER
    )

    accesses = await ListMyTenants(uow).execute(principal)

    assert [(access.tenant.name, access.role) for access in accesses] == [
        ("Owned", Role.OWNER),
        ("Viewed", Role.VIEWER),
    ]
    assert accesses[1].tenant.is_suspended is True
