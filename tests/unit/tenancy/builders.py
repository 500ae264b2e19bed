"""Users, sessions and tenants placed straight into a `FakeUnitOfWork`."""

import uuid
from datetime import UTC, datetime, timedelta
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.domain.roles import Role
from svontai.domain.tenants import Membership, Tenant
from svontai.domain.users import Session, User
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


async def add_user(uow: FakeUnitOfWork, email: str = "ayse@example.com") -> Principal:
    """Store a user with password `old password` and one live session; return the caller."""
    user = User(
        uuid.uuid4(), email, "Ayşe Yılmaz", "hashed:old password", True, False, CREATED, CREATED
    )
    await uow.users.add(user)
    session = Session(uuid.uuid4(), user.id, CREATED, CREATED + timedelta(days=30))
    await uow.sessions.add(session)
    return Principal(user=user, session_id=session.id)


async def add_session(uow: FakeUnitOfWork, user_id: UUID) -> UUID:
    session = Session(uuid.uuid4(), user_id, CREATED, CREATED + timedelta(days=30))
    await uow.sessions.add(session)
    return session.id


async def add_tenant(
    uow: FakeUnitOfWork,
    name: str = "Kahve Durağı",
    plan_code: str = "free",
    suspended: bool = False,
) -> Tenant:
    tenant = Tenant(
        uuid.uuid4(),
        name,
        f"tenant-{uuid.uuid4().hex[:8]}",
        {"default_phone_region": "TR", "timezone": "Europe/Istanbul"},
        suspended,
        CREATED,
        CREATED,
        plan_code,
    )
    await uow.tenants.add(tenant)
    plan = await uow.plans.get_by_code(plan_code)
    assert plan is not None
    await uow.plans.subscribe(tenant.id, plan, CREATED)
    return tenant


async def join(
    uow: FakeUnitOfWork,
    tenant: Tenant,
    principal: Principal,
    role: Role,
    at: datetime = CREATED,
) -> None:
    await uow.memberships.add(Membership(tenant.id, principal.user.id, role, at))


class FixedCount:
    """Stands in for the bot and knowledge repositories where only `count` matters."""

    def __init__(self, value: int = 0) -> None:
        self.value = value
        self.asked: list[UUID] = []

    async def count(self, tenant_id: UUID) -> int:
        self.asked.append(tenant_id)
        return self.value
