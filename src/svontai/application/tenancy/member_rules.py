"""Rules shared by the use cases that change memberships."""

from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.errors import ConflictError, NotFoundError, PermissionDeniedError
from svontai.domain.roles import Role
from svontai.domain.tenants import Membership, MemberView


def require_owner_if_owner_involved(context: TenantContext, *roles: Role) -> None:
    """Raise unless the caller is an owner, when any of `roles` is the owner role."""
    if Role.OWNER in roles and context.role is not Role.OWNER:
        raise PermissionDeniedError("Only owners may make, demote or remove owners.")


async def get_member(uow: UnitOfWork, tenant_id: UUID, user_id: UUID) -> Membership:
    membership = await uow.memberships.get(tenant_id, user_id)
    if membership is None:
        raise NotFoundError("Member not found.")
    return membership


async def ensure_other_owner_remains(uow: UnitOfWork, tenant_id: UUID) -> None:
    """Raise `ConflictError` when the tenant has no owner besides the one about to go."""
    if await uow.memberships.count_owners(tenant_id) <= 1:
        raise ConflictError("The last owner of a tenant can be neither removed nor demoted.")


async def member_view(uow: UnitOfWork, membership: Membership) -> MemberView:
    user = await uow.users.get(membership.user_id)
    if user is None:
        raise NotFoundError("Member not found.")
    return MemberView(user.id, user.email, user.full_name, membership.role, membership.created_at)
