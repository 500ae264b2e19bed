"""A tenant's plan limits and its usage of them."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.plans import Feature, Plan, billing_period


@dataclass(frozen=True, slots=True)
class Entitlements:
    plan: Plan
    bots_used: int
    knowledge_items_used: int
    messages_used_this_month: int
    period_start: datetime
    period_end: datetime


async def load_entitlements(uow: UnitOfWork, tenant_id: UUID, now: datetime) -> Entitlements:
    """Read the tenant's plan and its usage in the calendar month (UTC) that contains `now`."""
    period_start, period_end = billing_period(now)
    plan = await uow.plans.for_tenant(tenant_id)
    bots_used = await uow.bots.count(tenant_id)
    knowledge_items_used = await uow.knowledge.count(tenant_id)
    messages_used = await uow.usage.messages_used(tenant_id, period_start)

    return Entitlements(
        plan, bots_used, knowledge_items_used, messages_used, period_start, period_end
    )


def feature_flags(plan: Plan | None) -> dict[str, bool]:
    """Map every feature name to whether `plan` includes it. Without a plan, every flag is off."""
    return {feature.value: plan is not None and plan.has(feature) for feature in Feature}
