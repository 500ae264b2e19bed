from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.member_rules import (
    ensure_other_owner_remains,
    get_member,
    require_owner_if_owner_involved,
)
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.domain.roles import Permission, Role


class RemoveMember:
    """Remove a user from a tenant. Only owners remove owners, and never the last one."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, principal: Principal, tenant_id: UUID, user_id: UUID) -> None:
        await self._uow.begin_write()
        context = await ResolveTenant(self._uow).execute(principal, tenant_id)
        context.require(Permission.MEMBERS_MANAGE)
        membership = await get_member(self._uow, tenant_id, user_id)
        require_owner_if_owner_involved(context, membership.role)
        if membership.role is Role.OWNER:
            await ensure_other_owner_remains(self._uow, tenant_id)

        await self._uow.memberships.remove(tenant_id, user_id)
        await self._uow.commit()
