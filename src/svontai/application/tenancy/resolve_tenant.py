from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.errors import NoTenantError, NotFoundError, TenantSuspendedError


class ResolveTenant:
    """Pick the tenant a request acts on: the one named, else the oldest membership."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, principal: Principal, tenant_id: UUID | None, allow_suspended: bool = False
    ) -> TenantContext:
        prefetched = principal.prefetched
        if prefetched is not None and prefetched.tenant_id == tenant_id:
            access = prefetched.access
        else:
            access = await self._uow.memberships.resolve(principal.user.id, tenant_id)
        if access is None and tenant_id is not None:
            raise NotFoundError("Tenant not found.")
        if access is None:
            raise NoTenantError("You are not a member of any tenant; create one first.")
        if access.tenant.is_suspended and not allow_suspended:
            raise TenantSuspendedError("This tenant is suspended.")

        return TenantContext(principal, access.tenant, access.role)
