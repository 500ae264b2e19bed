import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.pagination import PageRequest
from svontai.domain.errors import ConflictError
from svontai.domain.roles import Role
from svontai.domain.tenants import Membership, Tenant
from svontai.domain.users import User

CREATED = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
async def uow(database: Database) -> AsyncIterator[SqlAlchemyUnitOfWork]:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        yield uow


async def add_user(uow: SqlAlchemyUnitOfWork, name: str) -> User:
    user = User(
        uuid.uuid4(), f"{name}@example.com", name.title(), "hash", True, False, CREATED, CREATED
    )
    await uow.users.add(user)
    return user


async def add_tenant(
    uow: SqlAlchemyUnitOfWork, name: str = "Kahve Durağı", plan_code: str | None = "pro"
) -> Tenant:
    tenant = Tenant(
        uuid.uuid4(),
        name,
        f"{name.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}",
        {"default_phone_region": "TR", "timezone": "Europe/Istanbul"},
        False,
        CREATED,
        CREATED,
    )
    await uow.tenants.add(tenant)
    if plan_code is not None:
        plan = await uow.plans.get_by_code(plan_code)
        assert plan is not None
        await uow.plans.subscribe(tenant.id, plan, CREATED)
        tenant.plan_code = plan_code
    return tenant


async def join(
    uow: SqlAlchemyUnitOfWork, tenant: Tenant, user: User, role: Role, minutes: int = 0
) -> None:
    at = CREATED + timedelta(minutes=minutes)
    await uow.memberships.add(Membership(tenant.id, user.id, role, at))


async def test_tenant_round_trips_with_plan(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow, plan_code="premium")

    stored = await uow.tenants.get(tenant.id)

    assert stored == tenant
    assert stored is not None
    assert stored.plan_code == "premium"
    assert stored.created_at.tzinfo is not None


async def test_tenant_without_subscription_reads_as_free(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow, plan_code=None)

    stored = await uow.tenants.get(tenant.id)

    assert stored is not None
    assert stored.plan_code == "free"


async def test_tenant_get_unknown_returns_none(uow: SqlAlchemyUnitOfWork) -> None:
    assert await uow.tenants.get(uuid.uuid4()) is None


async def test_tenant_update_stores_fields(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    tenant.name = "Yeni Ad"
    tenant.settings = {"default_phone_region": "DE", "timezone": "UTC"}
    tenant.is_suspended = True
    tenant.updated_at = CREATED + timedelta(hours=1)

    await uow.tenants.update(tenant)

    assert await uow.tenants.get(tenant.id) == tenant


async def test_slug_exists(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)

    assert await uow.tenants.slug_exists(tenant.slug) is True
    assert await uow.tenants.slug_exists(tenant.slug + "-2") is False


async def test_duplicate_slug_is_conflict(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    twin = Tenant(uuid.uuid4(), "Twin", tenant.slug, {}, False, CREATED, CREATED)

    with pytest.raises(ConflictError):
        await uow.tenants.add(twin)


async def test_duplicate_membership_is_conflict(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    user = await add_user(uow, "ayse")
    await join(uow, tenant, user, Role.OWNER)

    with pytest.raises(ConflictError):
        await join(uow, tenant, user, Role.VIEWER)


async def test_membership_get_returns_role(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    user = await add_user(uow, "ayse")
    await join(uow, tenant, user, Role.MANAGER)

    membership = await uow.memberships.get(tenant.id, user.id)

    assert membership == Membership(tenant.id, user.id, Role.MANAGER, CREATED)
    assert await uow.memberships.get(tenant.id, uuid.uuid4()) is None


async def test_resolve_without_tenant_picks_oldest(uow: SqlAlchemyUnitOfWork) -> None:
    user = await add_user(uow, "ayse")
    newer = await add_tenant(uow, "Newer")
    older = await add_tenant(uow, "Older", plan_code="enterprise")
    await join(uow, newer, user, Role.OWNER, minutes=5)
    await join(uow, older, user, Role.AGENT, minutes=1)

    access = await uow.memberships.resolve(user.id, None)

    assert access is not None
    assert access.tenant == older
    assert access.role is Role.AGENT


async def test_resolve_named_tenant(uow: SqlAlchemyUnitOfWork) -> None:
    user = await add_user(uow, "ayse")
    older = await add_tenant(uow, "Older")
    newer = await add_tenant(uow, "Newer")
    await join(uow, older, user, Role.OWNER, minutes=1)
    await join(uow, newer, user, Role.VIEWER, minutes=5)

    access = await uow.memberships.resolve(user.id, newer.id)

    assert access is not None
    assert access.tenant.id == newer.id
    assert access.role is Role.VIEWER


async def test_resolve_rejects_tenant_of_others(uow: SqlAlchemyUnitOfWork) -> None:
    user = await add_user(uow, "ayse")
    other = await add_user(uow, "mehmet")
    foreign = await add_tenant(uow, "Foreign")
    await join(uow, await add_tenant(uow), user, Role.OWNER)
    await join(uow, foreign, other, Role.OWNER)

    assert await uow.memberships.resolve(user.id, foreign.id) is None
    assert await uow.memberships.resolve(user.id, uuid.uuid4()) is None


async def test_resolve_without_membership_returns_none(uow: SqlAlchemyUnitOfWork) -> None:
    user = await add_user(uow, "ayse")

    assert await uow.memberships.resolve(user.id, None) is None


async def test_list_for_user_orders_by_membership_age(uow: SqlAlchemyUnitOfWork) -> None:
    user = await add_user(uow, "ayse")
    other = await add_user(uow, "mehmet")
    tenants = [await add_tenant(uow, name) for name in ("Third", "First", "Second")]
    for minutes, tenant in zip((3, 1, 2), tenants, strict=True):
        await join(uow, tenant, user, Role.ADMIN, minutes=minutes)
    await join(uow, await add_tenant(uow, "Foreign"), other, Role.OWNER)

    accesses = await uow.memberships.list_for_user(user.id)

    assert [access.tenant.name for access in accesses] == ["First", "Second", "Third"]
    assert {access.role for access in accesses} == {Role.ADMIN}
    assert accesses[0].tenant.plan_code == "pro"


async def test_list_members_joins_users(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    owner = await add_user(uow, "ayse")
    viewer = await add_user(uow, "mehmet")
    await join(uow, tenant, viewer, Role.VIEWER, minutes=2)
    await join(uow, tenant, owner, Role.OWNER, minutes=1)
    await join(uow, await add_tenant(uow, "Other"), await add_user(uow, "zeynep"), Role.OWNER)

    members = await uow.memberships.list_members(tenant.id, PageRequest())
    second = await uow.memberships.list_members(tenant.id, PageRequest(skip=1, limit=1))

    assert [(member.email, member.full_name, member.role) for member in members.items] == [
        ("mehmet@example.com", "Mehmet", Role.VIEWER),
        ("ayse@example.com", "Ayse", Role.OWNER),
    ]
    assert members.items[1].user_id == owner.id
    assert members.items[1].created_at == CREATED + timedelta(minutes=1)
    assert (second.total, [member.user_id for member in second.items]) == (2, [owner.id])


async def test_update_role_and_remove(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    user = await add_user(uow, "ayse")
    await join(uow, tenant, user, Role.VIEWER)

    await uow.memberships.update_role(tenant.id, user.id, Role.ADMIN)
    promoted = await uow.memberships.get(tenant.id, user.id)
    await uow.memberships.remove(tenant.id, user.id)

    assert promoted is not None
    assert promoted.role is Role.ADMIN
    assert await uow.memberships.get(tenant.id, user.id) is None


async def test_count_owners_counts_only_owners_of_tenant(uow: SqlAlchemyUnitOfWork) -> None:
    tenant = await add_tenant(uow)
    other = await add_tenant(uow, "Other")
    users = [await add_user(uow, name) for name in ("ayse", "mehmet", "zeynep")]
    await join(uow, tenant, users[0], Role.OWNER)
    await join(uow, tenant, users[1], Role.OWNER)
    await join(uow, tenant, users[2], Role.ADMIN)
    await join(uow, other, users[2], Role.OWNER)

    assert await uow.memberships.count_owners(tenant.id) == 2
    assert await uow.memberships.count_owners(other.id) == 1
    assert await uow.memberships.count_owners(uuid.uuid4()) == 0


async def test_count_owners_waits_for_concurrent_demotion(database: Database) -> None:
    async with SqlAlchemyUnitOfWork(database) as setup:
        await setup.begin_write()
        tenant = await add_tenant(setup)
        first, second = await add_user(setup, "ayse"), await add_user(setup, "mehmet")
        await join(setup, tenant, first, Role.OWNER)
        await join(setup, tenant, second, Role.OWNER)
        await setup.commit()

    async with SqlAlchemyUnitOfWork(database) as one, SqlAlchemyUnitOfWork(database) as two:
        await one.begin_write()
        assert await one.memberships.count_owners(tenant.id) == 2
        await one.memberships.update_role(tenant.id, second.id, Role.ADMIN)

        async def count_in_second_transaction() -> int:
            await two.begin_write()
            return await two.memberships.count_owners(tenant.id)

        waiting = asyncio.create_task(count_in_second_transaction())
        await asyncio.sleep(0.2)
        finished_early = waiting.done()
        await one.commit()
        seen_by_second = await asyncio.wait_for(waiting, timeout=10)

    assert finished_early is False
    assert seen_by_second == 1
