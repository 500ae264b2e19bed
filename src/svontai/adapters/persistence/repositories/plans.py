from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from svontai.adapters.persistence.tables import plans, subscriptions, usage_counters
from svontai.domain.plans import Plan

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_PLAN_COLUMNS = [plans.c[name] for name in Plan.__dataclass_fields__]


def _plan(mapping: Any) -> Plan:
    values = {name: mapping[name] for name in Plan.__dataclass_fields__}
    price = values["price_monthly"]
    values["price_monthly"] = float(price) if isinstance(price, Decimal) else price
    values["features"] = list(values["features"])
    return Plan(**values)


class SqlPlanRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def get_by_code(self, code: str) -> Plan | None:
        row = (await self._uow.execute(select(*_PLAN_COLUMNS).where(plans.c.code == code))).first()
        return _plan(row._mapping) if row else None

    async def for_tenant(self, tenant_id: UUID) -> Plan:
        query = (
            select(*_PLAN_COLUMNS)
            .join(subscriptions, subscriptions.c.plan_id == plans.c.id)
            .where(subscriptions.c.tenant_id == tenant_id)
        )
        row = (await self._uow.execute(query)).first()
        if row is not None:
            return _plan(row._mapping)
        fallback = await self.get_by_code("free")
        if fallback is None:
            raise LookupError("the plans table is empty; run `svontai migrate`")
        return fallback

    async def subscribe(self, tenant_id: UUID, plan: Plan, at: datetime) -> None:
        values = {"plan_id": plan.id, "updated_at": at}
        await self._uow.execute(
            insert(subscriptions).values(tenant_id=tenant_id, created_at=at, **values)
        )


class SqlUsageRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def messages_used(self, tenant_id: UUID, period_start: datetime) -> int:
        query = select(usage_counters.c.messages_sent).where(
            usage_counters.c.tenant_id == tenant_id,
            usage_counters.c.period_start == period_start,
        )
        value = (await self._uow.execute(query)).scalar()
        return int(value or 0)

    async def add_message(self, tenant_id: UUID, period_start: datetime) -> None:
        upsert = postgresql_insert if self._uow.dialect == "postgresql" else sqlite_insert
        statement = upsert(usage_counters).values(
            tenant_id=tenant_id, period_start=period_start, messages_sent=1
        )
        statement = statement.on_conflict_do_update(
            index_elements=[usage_counters.c.tenant_id, usage_counters.c.period_start],
            set_={"messages_sent": usage_counters.c.messages_sent + 1},
        )
        await self._uow.execute(statement)
