from datetime import datetime
from typing import Protocol
from uuid import UUID

from svontai.domain.plans import Plan


class PlanRepository(Protocol):
    async def get_by_code(self, code: str) -> Plan | None: ...

    async def for_tenant(self, tenant_id: UUID) -> Plan:
        """Return the plan in force for the tenant."""
        ...

    async def subscribe(self, tenant_id: UUID, plan: Plan, at: datetime) -> None: ...


class UsageRepository(Protocol):
    """Monthly counters of the messages sent on a tenant's behalf."""

    async def messages_used(self, tenant_id: UUID, period_start: datetime) -> int: ...

    async def add_message(
        self, tenant_id: UUID, period_start: datetime, limit: int | None = None
    ) -> bool:
        """Count one message unless the period's count has reached `limit` (None: no limit).

        Return whether it was counted. The check and the count are one atomic step, so
        concurrent writers cannot pass the limit together.
        """
        ...
