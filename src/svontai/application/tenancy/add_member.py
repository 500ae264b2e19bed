from dataclasses import dataclass
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.member_rules import require_owner_if_owner_involved
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.domain.contacts import normalise_email
from svontai.domain.errors import ConflictError, NotFoundError
from svontai.domain.roles import Permission, Role
from svontai.domain.tenants import Membership, MemberView


@dataclass(frozen=True, slots=True)
class AddMemberCommand:
    tenant_id: UUID
    email: str
    role: Role


class AddMember:
    """Give an existing user a role in a tenant. Only owners may add owners."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, principal: Principal, command: AddMemberCommand) -> MemberView:
        email = normalise_email(command.email)

        await self._uow.begin_write()
        context = await ResolveTenant(self._uow).execute(principal, command.tenant_id)
        context.require(Permission.MEMBERS_MANAGE)
        require_owner_if_owner_involved(context, command.role)
        user = await self._uow.users.get_by_email(email)
        if user is None:
            raise NotFoundError("No user is registered with this email address.")
        if await self._uow.memberships.get(command.tenant_id, user.id) is not None:
            raise ConflictError("The user is already a member of this tenant.")
        membership = Membership(command.tenant_id, user.id, command.role, self._clock.now())
        await self._uow.memberships.add(membership)
        await self._uow.commit()

        return MemberView(
            user.id, user.email, user.full_name, membership.role, membership.created_at
        )
