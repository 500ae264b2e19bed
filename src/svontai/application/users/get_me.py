from dataclasses import dataclass
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.application.tenancy.entitlements import Entitlements, feature_flags, load_entitlements
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.domain.errors import NoTenantError
from svontai.domain.roles import permissions_of
from svontai.domain.tenants import TenantAccess
from svontai.domain.users import User


@dataclass(frozen=True, slots=True)
class Me:
    """The caller, the tenant they act in (None without any membership) and their tenants."""

    user: User
    context: TenantContext | None
    permissions: list[str]
    entitlements: Entitlements | None
    feature_flags: dict[str, bool]
    tenants: list[TenantAccess]


class GetMe:
    """Describe the caller and what they may do in the current tenant.

    A suspended tenant is still shown (with `is_suspended`), so its members learn why every
    other tenant endpoint rejects them.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, principal: Principal, tenant_id: UUID | None) -> Me:
        context = await self._context(principal, tenant_id)
        tenants = await self._uow.memberships.list_for_user(principal.user.id)
        if context is None:
            return Me(principal.user, None, [], None, feature_flags(None), tenants)

        entitlements = await load_entitlements(self._uow, context.tenant.id, self._clock.now())
        return Me(
            principal.user,
            context,
            permissions_of(context.role),
            entitlements,
            feature_flags(entitlements.plan),
            tenants,
        )

    async def _context(self, principal: Principal, tenant_id: UUID | None) -> TenantContext | None:
        try:
            return await ResolveTenant(self._uow).execute(
                principal, tenant_id, allow_suspended=True
            )
        except NoTenantError:
            return None
