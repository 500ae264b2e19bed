from dataclasses import dataclass
from typing import Any
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.application.tenancy.tenant_settings import merge_settings
from svontai.application.text_rules import reject_nul
from svontai.domain.errors import ValidationError
from svontai.domain.roles import Permission
from svontai.domain.tenants import Tenant


@dataclass(frozen=True, slots=True)
class UpdateTenantCommand:
    """Changes to a tenant, where `None` leaves a field as it is.

    `settings` is merged key by key (see `merge_settings`). Suspension and plan are not part
    of the command: platform administrators change them elsewhere.
    """

    tenant_id: UUID
    name: str | None = None
    settings: dict[str, Any] | None = None


class UpdateTenant:
    """Rename a tenant or change its settings. The slug stays the same, so links keep working."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, principal: Principal, command: UpdateTenantCommand) -> Tenant:
        await self._uow.begin_write()
        context = await ResolveTenant(self._uow).execute(principal, command.tenant_id)
        context.require(Permission.TENANT_WRITE)
        tenant = context.tenant

        if command.name is not None:
            tenant.name = _clean_name(command.name)
        if command.settings is not None:
            tenant.settings = merge_settings(tenant.settings, command.settings)
        tenant.updated_at = self._clock.now()
        await self._uow.tenants.update(tenant)
        await self._uow.commit()

        return tenant


def _clean_name(name: str) -> str:
    name = reject_nul("name", name.strip())
    if not name:
        raise ValidationError("name", "must not be blank")
    return name
