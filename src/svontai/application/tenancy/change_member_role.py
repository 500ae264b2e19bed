from dataclasses import dataclass
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.member_rules import (
    ensure_other_owner_remains,
    get_member,
    member_view,
    require_owner_if_owner_involved,
)
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.domain.roles import Permission, Role
from svontai.domain.tenants import MemberView


@dataclass(frozen=True, slots=True)
class ChangeMemberRoleCommand:
    tenant_id: UUID
    user_id: UUID
    role: Role


class ChangeMemberRole:
    """Change a member's role. Only owners make or demote owners, and never the last one."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, principal: Principal, command: ChangeMemberRoleCommand) -> MemberView:
        await self._uow.begin_write()
        context = await ResolveTenant(self._uow).execute(principal, command.tenant_id)
        context.require(Permission.MEMBERS_MANAGE)
        membership = await get_member(self._uow, command.tenant_id, command.user_id)
        require_owner_if_owner_involved(context, membership.role, command.role)
        if membership.role is Role.OWNER and command.role is not Role.OWNER:
            await ensure_other_owner_remains(self._uow, command.tenant_id)

        await self._uow.memberships.update_role(command.tenant_id, command.user_id, command.role)
        membership.role = command.role
        view = await member_view(self._uow, membership)
        await self._uow.commit()

        return view
