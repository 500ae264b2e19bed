from dataclasses import replace
from datetime import datetime
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.domain.errors import ConflictError
from svontai.domain.plans import SEEDED_PLANS, Plan
from svontai.domain.roles import Role
from svontai.domain.tenants import Membership, MemberView, Tenant, TenantAccess
from tests.unit.fakes.users import FakeUserRepository


def _copy(tenant: Tenant) -> Tenant:
    return replace(tenant, settings=dict(tenant.settings))


class FakeTenantRepository:
    def __init__(self) -> None:
        self.rows: dict[UUID, Tenant] = {}

    async def add(self, tenant: Tenant) -> None:
        self.rows[tenant.id] = replace(tenant, settings=dict(tenant.settings))

    async def get(self, tenant_id: UUID) -> Tenant | None:
        tenant = self.rows.get(tenant_id)
        return replace(tenant, settings=dict(tenant.settings)) if tenant else None

    async def update(self, tenant: Tenant) -> None:
        self.rows[tenant.id] = replace(tenant, settings=dict(tenant.settings))

    async def slug_exists(self, slug: str) -> bool:
        return any(tenant.slug == slug for tenant in self.rows.values())


class FakeMembershipRepository:
    def __init__(self, tenants: FakeTenantRepository, users: FakeUserRepository) -> None:
        self._tenants = tenants
        self._users = users
        self.rows: list[Membership] = []

    async def add(self, membership: Membership) -> None:
        if await self.get(membership.tenant_id, membership.user_id):
            raise ConflictError("The user is already a member of this tenant.")
        self.rows.append(replace(membership))

    async def get(self, tenant_id: UUID, user_id: UUID) -> Membership | None:
        return next(
            (
                replace(row)
                for row in self.rows
                if row.tenant_id == tenant_id and row.user_id == user_id
            ),
            None,
        )

    async def resolve(self, user_id: UUID, tenant_id: UUID | None) -> TenantAccess | None:
        accesses = await self.list_for_user(user_id)
        if tenant_id is not None:
            accesses = [access for access in accesses if access.tenant.id == tenant_id]
        return accesses[0] if accesses else None

    async def list_for_user(self, user_id: UUID) -> list[TenantAccess]:
        rows = sorted(
            (row for row in self.rows if row.user_id == user_id), key=lambda row: row.created_at
        )
        # Copies, as a database returns, so a use case that edits a tenant and then fails
        # leaves the stored one unchanged.
        return [TenantAccess(_copy(self._tenants.rows[row.tenant_id]), row.role) for row in rows]

    async def list_members(self, tenant_id: UUID, page: PageRequest) -> Page[MemberView]:
        views = []
        # Newest first; of equal times, the one added last.
        for row in sorted(reversed(self.rows), key=lambda row: row.created_at, reverse=True):
            if row.tenant_id == tenant_id:
                user = self._users.rows[row.user_id]
                views.append(
                    MemberView(user.id, user.email, user.full_name, row.role, row.created_at)
                )
        return Page(views[page.skip : page.skip + page.limit], len(views))

    async def update_role(self, tenant_id: UUID, user_id: UUID, role: Role) -> None:
        for row in self.rows:
            if row.tenant_id == tenant_id and row.user_id == user_id:
                row.role = role

    async def remove(self, tenant_id: UUID, user_id: UUID) -> None:
        self.rows = [
            row for row in self.rows if not (row.tenant_id == tenant_id and row.user_id == user_id)
        ]

    async def count_owners(self, tenant_id: UUID) -> int:
        return sum(1 for row in self.rows if row.tenant_id == tenant_id and row.role is Role.OWNER)


def seeded_plans() -> dict[str, Plan]:
    from svontai.adapters.persistence.seeds import plan_id

    return {
        seed.code: Plan(
            plan_id(seed.code),
            seed.code,
            seed.name,
            seed.bot_limit,
            seed.knowledge_items_limit,
            seed.monthly_message_limit,
            [feature.value for feature in seed.features],
        )
        for seed in SEEDED_PLANS
    }


class FakePlanRepository:
    def __init__(self, tenants: FakeTenantRepository) -> None:
        self._tenants = tenants
        self.plans = seeded_plans()
        self.subscriptions: dict[UUID, str] = {}

    async def get_by_code(self, code: str) -> Plan | None:
        return self.plans.get(code)

    async def for_tenant(self, tenant_id: UUID) -> Plan:
        return self.plans[self.subscriptions.get(tenant_id, "free")]

    async def subscribe(self, tenant_id: UUID, plan: Plan, at: datetime) -> None:
        self.subscriptions[tenant_id] = plan.code
        if tenant_id in self._tenants.rows:
            self._tenants.rows[tenant_id].plan_code = plan.code


class FakeUsageRepository:
    def __init__(self) -> None:
        self.counts: dict[tuple[UUID, datetime], int] = {}

    async def messages_used(self, tenant_id: UUID, period_start: datetime) -> int:
        return self.counts.get((tenant_id, period_start), 0)

    async def add_message(
        self, tenant_id: UUID, period_start: datetime, limit: int | None = None
    ) -> bool:
        key = (tenant_id, period_start)
        count = self.counts.get(key, 0)
        if limit is not None and count >= limit:
            return False
        self.counts[key] = count + 1
        return True
