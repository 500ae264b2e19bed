from dataclasses import asdict
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Select, Uuid, bindparam, delete, func, insert, select, update

from svontai.adapters.persistence.tables import memberships, plans, subscriptions, tenants, users
from svontai.application.pagination import Page, PageRequest
from svontai.domain.roles import Role
from svontai.domain.tenants import Membership, MemberView, Tenant, TenantAccess

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_TENANT_COLUMNS = [tenants.c[name] for name in Tenant.__dataclass_fields__ if name != "plan_code"]


def _with_plan(query: Select[Any]) -> Select[Any]:
    return query.add_columns(plans.c.code.label("plan_code")).select_from(
        tenants.outerjoin(subscriptions, subscriptions.c.tenant_id == tenants.c.id).outerjoin(
            plans, plans.c.id == subscriptions.c.plan_id
        )
    )


# Built once: the widget reads the tenant of every message.
_GET = _with_plan(select(*_TENANT_COLUMNS)).where(
    tenants.c.id == bindparam("tenant_id", type_=Uuid())
)


def _tenant(mapping: Any) -> Tenant:
    values = {name: mapping[name] for name in Tenant.__dataclass_fields__}
    values["plan_code"] = values["plan_code"] or "free"
    return Tenant(**values)


class SqlTenantRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, tenant: Tenant) -> None:
        values = asdict(tenant)
        del values["plan_code"]
        await self._uow.execute(insert(tenants).values(**values))

    async def get(self, tenant_id: UUID) -> Tenant | None:
        row = (await self._uow.execute(_GET, {"tenant_id": tenant_id})).first()
        return _tenant(row._mapping) if row else None

    async def update(self, tenant: Tenant) -> None:
        values = asdict(tenant)
        for name in ("id", "created_at", "plan_code"):
            del values[name]
        await self._uow.execute(update(tenants).where(tenants.c.id == tenant.id).values(**values))

    async def slug_exists(self, slug: str) -> bool:
        query = select(tenants.c.id).where(tenants.c.slug == slug)
        return (await self._uow.execute(query)).first() is not None


class SqlMembershipRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, membership: Membership) -> None:
        values = asdict(membership)
        values["role"] = membership.role.value
        await self._uow.execute(insert(memberships).values(**values))

    async def get(self, tenant_id: UUID, user_id: UUID) -> Membership | None:
        query = select(memberships).where(
            memberships.c.tenant_id == tenant_id, memberships.c.user_id == user_id
        )
        row = (await self._uow.execute(query)).first()
        if row is None:
            return None
        return Membership(**{**row._mapping, "role": Role(row.role)})

    async def resolve(self, user_id: UUID, tenant_id: UUID | None) -> TenantAccess | None:
        query = self._access_query(user_id).limit(1)
        if tenant_id is not None:
            query = query.where(memberships.c.tenant_id == tenant_id)
        row = (await self._uow.execute(query)).first()
        return TenantAccess(_tenant(row._mapping), Role(row.role)) if row else None

    async def list_for_user(self, user_id: UUID) -> list[TenantAccess]:
        rows = await self._uow.execute(self._access_query(user_id))
        return [TenantAccess(_tenant(row._mapping), Role(row.role)) for row in rows]

    async def list_members(self, tenant_id: UUID, page: PageRequest) -> Page[MemberView]:
        query = (
            select(
                memberships.c.user_id,
                users.c.email,
                users.c.full_name,
                memberships.c.role,
                memberships.c.created_at,
            )
            .join(users, users.c.id == memberships.c.user_id)
            .where(memberships.c.tenant_id == tenant_id)
            .order_by(memberships.c.created_at.desc(), memberships.c.user_id.desc())
            .offset(page.skip)
            .limit(page.limit)
        )
        rows = await self._uow.execute(query)
        items = [MemberView(**{**row._mapping, "role": Role(row.role)}) for row in rows]
        count = select(func.count()).where(memberships.c.tenant_id == tenant_id)
        total = int((await self._uow.execute(count)).scalar_one())
        return Page(items, total)

    async def update_role(self, tenant_id: UUID, user_id: UUID, role: Role) -> None:
        statement = update(memberships).where(
            memberships.c.tenant_id == tenant_id, memberships.c.user_id == user_id
        )
        await self._uow.execute(statement.values(role=role.value))

    async def remove(self, tenant_id: UUID, user_id: UUID) -> None:
        statement = delete(memberships).where(
            memberships.c.tenant_id == tenant_id, memberships.c.user_id == user_id
        )
        await self._uow.execute(statement)

    async def count_owners(self, tenant_id: UUID) -> int:
        """Count the tenant's owners and lock their rows until the transaction ends.

        The lock makes two concurrent demotions of the last two owners queue on PostgreSQL:
        the second one counts again after the first commits and finds a single owner. An
        aggregate cannot be locked there, so the rows are fetched and counted here. SQLite
        ignores the lock because its write transactions already run one at a time.
        """
        query = (
            select(memberships.c.user_id)
            .where(memberships.c.tenant_id == tenant_id, memberships.c.role == Role.OWNER.value)
            .with_for_update()
        )
        return len((await self._uow.execute(query)).all())

    @staticmethod
    def _access_query(user_id: UUID) -> Select[Any]:
        query = _with_plan(select(*_TENANT_COLUMNS, memberships.c.role))
        query = query.join(memberships, memberships.c.tenant_id == tenants.c.id)
        return query.where(memberships.c.user_id == user_id).order_by(
            memberships.c.created_at, memberships.c.tenant_id
        )
