"""Helpers for the tenant, member and `/api/me` tests."""

from uuid import UUID

from svontai.entrypoints.container import Container
from tests.http.helpers import Account, Api


async def join(api: Api, owner: Account, role: str) -> Account:
    """Register a user and have `owner` add them to the owner's tenant with `role`."""
    member = await api.account(with_tenant=False)
    response = await api.client.post(
        f"/api/tenants/{owner.tenant_id}/members",
        json={"email": member.email, "role": role},
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    member.tenant_id = owner.tenant_id
    member.headers["X-Tenant-ID"] = str(owner.tenant_id)
    return member


async def suspend(container: Container, tenant_id: str | None) -> None:
    """Suspend a tenant straight in the database, as a platform administrator would."""
    assert tenant_id is not None
    uow = container.unit_of_work()
    try:
        await uow.begin_write()
        tenant = await uow.tenants.get(UUID(tenant_id))
        assert tenant is not None
        tenant.is_suspended = True
        await uow.tenants.update(tenant)
        await uow.commit()
    finally:
        await uow.close()
