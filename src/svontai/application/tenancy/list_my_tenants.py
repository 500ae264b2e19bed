from svontai.application.auth.principal import Principal
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.tenants import TenantAccess


class ListMyTenants:
    """List the caller's tenants with their role in each, oldest membership first.

    Suspended tenants are included, so their members can see why they cannot work in them.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, principal: Principal) -> list[TenantAccess]:
        return await self._uow.memberships.list_for_user(principal.user.id)
