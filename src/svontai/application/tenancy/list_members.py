from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.domain.tenants import MemberView


class ListMembers:
    """List a tenant's members, newest first.

    Any member may read the list, whatever their role: colleagues need to know who else
    works in the tenant, and the list contains nothing beyond names, emails and roles.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, principal: Principal, tenant_id: UUID, page: PageRequest
    ) -> Page[MemberView]:
        await ResolveTenant(self._uow).execute(principal, tenant_id)

        return await self._uow.memberships.list_members(tenant_id, page)
