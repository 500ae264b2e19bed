import uuid
from datetime import UTC, datetime

import pytest

from svontai.application.users.get_me import GetMe
from svontai.domain.errors import NotFoundError
from svontai.domain.roles import Role, permissions_of
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.tenancy.builders import FixedCount, add_tenant, add_user, join

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.bots = FixedCount(1)
    uow.knowledge = FixedCount(7)
    return uow


def get_me(uow: FakeUnitOfWork) -> GetMe:
    return GetMe(uow, FakeClock(NOW))


async def test_get_me_without_tenant_has_no_context(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)

    me = await get_me(uow).execute(principal, None)

    assert me.context is None
    assert me.entitlements is None
    assert me.permissions == []
    assert me.tenants == []
    assert set(me.feature_flags.values()) == {False}


async def test_get_me_picks_oldest_membership(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)
    first = await add_tenant(uow, "First")
    second = await add_tenant(uow, "Second")
    await join(uow, second, principal, Role.VIEWER, datetime(2026, 11, 2, tzinfo=UTC))
    await join(uow, first, principal, Role.OWNER, datetime(2026, 11, 1, tzinfo=UTC))

    me = await get_me(uow).execute(principal, None)

    assert me.context is not None
    assert me.context.tenant.id == first.id
    assert [access.tenant.id for access in me.tenants] == [first.id, second.id]


async def test_get_me_honours_requested_tenant(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)
    first = await add_tenant(uow, "First")
    second = await add_tenant(uow, "Second")
    await join(uow, first, principal, Role.OWNER)
    await join(uow, second, principal, Role.VIEWER)

    me = await get_me(uow).execute(principal, second.id)

    assert me.context is not None
    assert me.context.tenant.id == second.id
    assert me.context.role is Role.VIEWER
    assert me.permissions == permissions_of(Role.VIEWER)


async def test_get_me_rejects_tenant_of_others(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)
    await join(uow, await add_tenant(uow), principal, Role.OWNER)
    foreign = await add_tenant(uow, "Foreign")

    with pytest.raises(NotFoundError) as raised:
        await get_me(uow).execute(principal, foreign.id)

    assert raised.value.code == "not_found"


async def test_get_me_rejects_unknown_tenant_without_membership(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)

    with pytest.raises(NotFoundError) as raised:
        await get_me(uow).execute(principal, uuid.uuid4())

    assert raised.value.code == "not_found"


async def test_get_me_shows_suspended_tenant(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)
    tenant = await add_tenant(uow, suspended=True)
    await join(uow, tenant, principal, Role.OWNER)

    me = await get_me(uow).execute(principal, tenant.id)

    assert me.context is not None
    assert me.context.tenant.is_suspended is True
    assert me.entitlements is not None


async def test_get_me_counts_usage_in_current_month(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)
    tenant = await add_tenant(uow, plan_code="pro")
    await join(uow, tenant, principal, Role.OWNER)
    december = datetime(2026, 12, 1, tzinfo=UTC)
    uow.usage.counts[(tenant.id, december)] = 42
    uow.usage.counts[(tenant.id, datetime(2026, 11, 1, tzinfo=UTC))] = 900

    me = await get_me(uow).execute(principal, None)

    entitlements = me.entitlements
    assert entitlements is not None
    assert entitlements.plan.code == "pro"
    assert entitlements.bots_used == 1
    assert entitlements.knowledge_items_used == 7
    assert entitlements.messages_used_this_month == 42
    assert entitlements.period_start == december
    assert entitlements.period_end == datetime(2027, 1, 1, tzinfo=UTC)
    assert uow.bots.asked == [tenant.id]


async def test_get_me_flags_features_of_plan(uow: FakeUnitOfWork) -> None:
    principal = await add_user(uow)
    tenant = await add_tenant(uow, plan_code="pro")
    await join(uow, tenant, principal, Role.AGENT)

    me = await get_me(uow).execute(principal, None)

    assert me.feature_flags == {
        "widget": True,
        "whatsapp": True,
        "automation": True,
        "lead_capture": True,
        "llm_answers": False,
    }
