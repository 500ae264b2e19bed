from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Integer, Uuid, bindparam, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.tables import plans, subscriptions, usage_counters
from svontai.domain.plans import Plan

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_PLAN_COLUMNS = [plans.c[name] for name in Plan.__dataclass_fields__]

# Every widget message reads the plan and the usage counter, and counts the bot's reply, so
# these statements are built once.
_FOR_TENANT = (
    select(*_PLAN_COLUMNS)
    .join(subscriptions, subscriptions.c.plan_id == plans.c.id)
    .where(subscriptions.c.tenant_id == bindparam("tenant_id", type_=Uuid()))
)
_MESSAGES_USED = DirectStatement(
    select(usage_counters.c.messages_sent).where(
        usage_counters.c.tenant_id == bindparam("tenant_id", type_=Uuid()),
        usage_counters.c.period_start == bindparam("period_start"),
    )
)


def _count_message(upsert: Any, within_limit: bool) -> DirectStatement:
    """Build the upsert that counts one message.

    With `within_limit` it counts only while the count is below the `limit` parameter, and
    returns the new count when it counted.
    """
    values = {
        name: bindparam(name, type_=usage_counters.c[name].type)
        for name in ("tenant_id", "period_start")
    }
    statement = upsert(usage_counters).values(**values, messages_sent=1)
    key = [usage_counters.c.tenant_id, usage_counters.c.period_start]
    increment = {"messages_sent": usage_counters.c.messages_sent + 1}
    if not within_limit:
        return DirectStatement(statement.on_conflict_do_update(index_elements=key, set_=increment))
    below_limit = usage_counters.c.messages_sent < bindparam("limit", type_=Integer())
    counted = statement.on_conflict_do_update(index_elements=key, set_=increment, where=below_limit)
    return DirectStatement(counted.returning(usage_counters.c.messages_sent))


_COUNT_MESSAGE = {
    "postgresql": _count_message(postgresql_insert, within_limit=False),
    "sqlite": _count_message(sqlite_insert, within_limit=False),
}
_COUNT_MESSAGE_WITHIN = {
    "postgresql": _count_message(postgresql_insert, within_limit=True),
    "sqlite": _count_message(sqlite_insert, within_limit=True),
}


def plan_from_row(mapping: Any) -> Plan:
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
        return plan_from_row(row._mapping) if row else None

    async def for_tenant(self, tenant_id: UUID) -> Plan:
        row = (await self._uow.execute(_FOR_TENANT, {"tenant_id": tenant_id})).first()
        if row is not None:
            return plan_from_row(row._mapping)
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
        parameters = {"tenant_id": tenant_id, "period_start": period_start}
        rows = await self._uow.fetch(_MESSAGES_USED, parameters)
        return int(rows[0][0]) if rows else 0

    async def add_message(
        self, tenant_id: UUID, period_start: datetime, limit: int | None = None
    ) -> bool:
        parameters: dict[str, Any] = {"tenant_id": tenant_id, "period_start": period_start}
        if limit is None:
            await self._uow.run(_COUNT_MESSAGE[self._uow.dialect], parameters)
            return True
        if limit < 1:
            return False  # the insert of a first count would pass it
        parameters["limit"] = limit
        # A row comes back when the message was counted: inserted, or updated under the limit.
        return bool(await self._uow.fetch(_COUNT_MESSAGE_WITHIN[self._uow.dialect], parameters))
