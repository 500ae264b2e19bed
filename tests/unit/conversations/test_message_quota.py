from datetime import datetime, timedelta
from uuid import UUID

from svontai.application.conversations.message_quota import MessageQuota
from svontai.domain.plans import billing_period
from tests.unit.conversations.builders import CREATED, ChatUnitOfWork, add_tenant, use_plan
from tests.unit.fakes.infrastructure import FakeClock, FakeEventRecorder, FakeRateLimiter


def make_quota(clock: FakeClock, events: FakeEventRecorder) -> MessageQuota:
    return MessageQuota(FakeRateLimiter(), events, clock)


async def test_quota_has_room_until_limit() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    plan = await use_plan(uow, tenant, ["widget"], monthly_message_limit=2)
    quota = make_quota(FakeClock(CREATED), FakeEventRecorder())

    before = await quota.has_room(uow, tenant.id, plan)
    counted = [await quota.take(uow, tenant.id, plan) for _ in range(3)]
    after = await quota.has_room(uow, tenant.id, plan)

    assert before is True
    assert counted == [True, True, False]
    assert after is False


async def test_quota_counts_in_calendar_month() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    plan = await uow.plans.for_tenant(tenant.id)
    quota = make_quota(FakeClock(CREATED), FakeEventRecorder())

    await quota.take(uow, tenant.id, plan)

    period_start = billing_period(CREATED)[0]
    assert await uow.usage.messages_used(tenant.id, period_start) == 1


async def test_unlimited_plan_always_has_room() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow, "enterprise")
    plan = await uow.plans.for_tenant(tenant.id)
    quota = make_quota(FakeClock(CREATED), FakeEventRecorder())
    counted = [await quota.take(uow, tenant.id, plan) for _ in range(10)]

    assert all(counted)
    assert await quota.has_room(uow, tenant.id, plan) is True


async def test_exhausted_quota_is_reported_once_a_day() -> None:
    clock = FakeClock(CREATED)
    events = FakeEventRecorder()
    quota = make_quota(clock, events)
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)

    await quota.report_exhausted(tenant.id)
    await quota.report_exhausted(tenant.id)
    clock.advance(days=1)
    await quota.report_exhausted(tenant.id)

    assert events.codes() == ["quota_exhausted", "quota_exhausted"]
    assert events.events[0].tenant_id == tenant.id


async def test_exhausted_quota_is_reported_per_tenant() -> None:
    events = FakeEventRecorder()
    quota = make_quota(FakeClock(CREATED + timedelta(hours=1)), events)
    uow = ChatUnitOfWork()
    first, second = await add_tenant(uow), await add_tenant(uow)

    await quota.report_exhausted(first.id)
    await quota.report_exhausted(second.id)

    assert [event.tenant_id for event in events.events] == [first.id, second.id]


async def test_unlimited_plan_room_reads_no_count() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow, "enterprise")
    plan = await uow.plans.for_tenant(tenant.id)
    quota = make_quota(FakeClock(CREATED), FakeEventRecorder())
    reads = 0
    messages_used = uow.usage.messages_used

    async def counting_messages_used(tenant_id: UUID, period_start: datetime) -> int:
        nonlocal reads
        reads += 1
        return await messages_used(tenant_id, period_start)

    uow.usage.messages_used = counting_messages_used  # type: ignore[method-assign]

    assert await quota.has_room(uow, tenant.id, plan) is True
    assert reads == 0
