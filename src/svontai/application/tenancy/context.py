from dataclasses import dataclass

from svontai.application.auth.principal import Principal
from svontai.domain.roles import Permission, Role, require
from svontai.domain.tenants import Tenant


@dataclass(frozen=True, slots=True)
class TenantContext:
    """The caller acting inside one tenant with one role."""

    principal: Principal
    tenant: Tenant
    role: Role

    def require(self, permission: Permission) -> None:
        require(self.role, permission)
