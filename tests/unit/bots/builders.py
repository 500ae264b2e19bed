"""Tenants, callers, bots and knowledge items placed straight into a `FakeUnitOfWork`."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from svontai.application.auth.principal import Principal
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot, KnowledgeItem
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant
from svontai.domain.users import User
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def make_clock() -> FakeClock:
    return FakeClock(CREATED + timedelta(days=30))


async def make_context(
    uow: FakeUnitOfWork, role: Role = Role.OWNER, plan_code: str = "free"
) -> TenantContext:
    """Store a tenant on the plan and return a caller acting in it with the role."""
    tenant = Tenant(
        uuid.uuid4(), "Kahve Durağı", f"tenant-{uuid.uuid4().hex[:8]}", {}, False, CREATED, CREATED
    )
    await uow.tenants.add(tenant)
    plan = await uow.plans.get_by_code(plan_code)
    assert plan is not None
    await uow.plans.subscribe(tenant.id, plan, CREATED)
    user = User(
        uuid.uuid4(), "ayse@example.com", "Ayşe Yılmaz", "hashed:x", True, False, CREATED, CREATED
    )
    return TenantContext(Principal(user, uuid.uuid4()), tenant, role)


def with_role(context: TenantContext, role: Role) -> TenantContext:
    return TenantContext(context.principal, context.tenant, role)


async def add_bot(
    uow: FakeUnitOfWork, context: TenantContext, created_at: datetime = CREATED, **fields: Any
) -> Bot:
    bot_id = uuid.uuid4()
    bot = Bot(
        bot_id, context.tenant.id, "Destek", f"bot_{bot_id.hex}", created_at, created_at, **fields
    )
    await uow.bots.add(bot)
    return bot


async def add_item(
    uow: FakeUnitOfWork,
    bot: Bot,
    question: str = "Kargo ücreti ne kadar?",
    answer: str = "50 TL.",
    created_at: datetime = CREATED,
    **fields: Any,
) -> KnowledgeItem:
    item = KnowledgeItem(
        uuid.uuid4(), bot.tenant_id, bot.id, question, answer, created_at, created_at, **fields
    )
    await uow.knowledge.add(item)
    return item
