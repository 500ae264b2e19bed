from dataclasses import dataclass
from uuid import UUID

from svontai.domain.tenants import TenantAccess
from svontai.domain.users import User


@dataclass(frozen=True, slots=True)
class PrefetchedAccess:
    """The membership looked up together with the session, for the tenant header it names."""

    tenant_id: UUID | None
    access: TenantAccess | None


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller of a request."""

    user: User
    session_id: UUID
    prefetched: PrefetchedAccess | None = None
