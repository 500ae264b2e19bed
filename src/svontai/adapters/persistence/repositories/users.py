from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Uuid, and_, bindparam, insert, select, update

from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.tables import (
    memberships,
    plans,
    refresh_tokens,
    sessions,
    subscriptions,
    tenants,
    users,
)
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant, TenantAccess
from svontai.domain.users import RefreshToken, Session, User

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_USER_COLUMNS = [users.c[name] for name in User.__dataclass_fields__]
_SESSION_COLUMNS = [sessions.c[name] for name in Session.__dataclass_fields__]
_TENANT_COLUMNS = [
    tenants.c[name].label(f"t_{name}")
    for name in Tenant.__dataclass_fields__
    if name != "plan_code"
]
_FIRST_MEMBERSHIP = memberships.alias("first_membership")


def _context_query(tenant_id: ColumnElement[Any] | None) -> Select[Any]:
    """Select a session with its user, membership, tenant and plan code in one statement.

    Without a `tenant_id` parameter the membership is the user's oldest one.
    """
    oldest = (
        select(_FIRST_MEMBERSHIP.c.tenant_id)
        .where(_FIRST_MEMBERSHIP.c.user_id == users.c.id)
        .order_by(_FIRST_MEMBERSHIP.c.created_at, _FIRST_MEMBERSHIP.c.tenant_id)
        .limit(1)
        .scalar_subquery()
    )
    target = oldest if tenant_id is None else tenant_id
    joined = (
        sessions.join(users, users.c.id == sessions.c.user_id)
        .outerjoin(
            memberships,
            and_(memberships.c.user_id == users.c.id, memberships.c.tenant_id == target),
        )
        .outerjoin(tenants, tenants.c.id == memberships.c.tenant_id)
        .outerjoin(subscriptions, subscriptions.c.tenant_id == tenants.c.id)
        .outerjoin(plans, plans.c.id == subscriptions.c.plan_id)
    )
    columns = [column.label(f"u_{column.name}") for column in _USER_COLUMNS]
    return (
        select(*_SESSION_COLUMNS, *columns, memberships.c.role.label("m_role"), *_TENANT_COLUMNS)
        .add_columns(plans.c.code.label("t_plan_code"))
        .select_from(joined)
        .where(sessions.c.id == bindparam("session_id", type_=Uuid()))
    )


# Every authenticated request runs one of these two.
_CONTEXT_OF_OLDEST = DirectStatement(_context_query(None))
_CONTEXT_OF_TENANT = DirectStatement(_context_query(bindparam("tenant_id", type_=Uuid())))
_SESSION_FIELDS = tuple(Session.__dataclass_fields__)
_USER_FIELDS = tuple(User.__dataclass_fields__)
_TENANT_FIELDS = tuple(Tenant.__dataclass_fields__)


class SqlUserRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, user: User) -> None:
        await self._uow.execute(insert(users).values(**asdict(user)))

    async def get(self, user_id: UUID) -> User | None:
        return await self._one(select(*_USER_COLUMNS).where(users.c.id == user_id))

    async def get_by_email(self, email: str) -> User | None:
        return await self._one(select(*_USER_COLUMNS).where(users.c.email == email))

    async def update(self, user: User) -> None:
        values = asdict(user)
        del values["id"], values["created_at"]
        await self._uow.execute(update(users).where(users.c.id == user.id).values(**values))

    async def _one(self, query: object) -> User | None:
        row = (await self._uow.execute(query)).first()  # type: ignore[arg-type]
        return User(**row._mapping) if row else None


class SqlSessionRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, session: Session) -> None:
        await self._uow.execute(insert(sessions).values(**asdict(session)))

    async def get_with_user(self, session_id: UUID) -> tuple[Session, User] | None:
        query = (
            select(
                *_SESSION_COLUMNS, *[column.label(f"u_{column.name}") for column in _USER_COLUMNS]
            )
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.id == session_id)
        )
        row = (await self._uow.execute(query)).first()
        if row is None:
            return None
        mapping = row._mapping
        session = Session(**{name: mapping[name] for name in Session.__dataclass_fields__})
        user = User(**{name: mapping[f"u_{name}"] for name in User.__dataclass_fields__})
        return session, user

    async def get_context(
        self, session_id: UUID, tenant_id: UUID | None
    ) -> tuple[Session, User, TenantAccess | None] | None:
        if tenant_id is None:
            rows = await self._uow.fetch(_CONTEXT_OF_OLDEST, {"session_id": session_id})
        else:
            parameters = {"session_id": session_id, "tenant_id": tenant_id}
            rows = await self._uow.fetch(_CONTEXT_OF_TENANT, parameters)
        if not rows:
            return None
        # The columns are the session's, the user's, the role, then the tenant's (see above).
        row = rows[0]
        user_end = len(_SESSION_FIELDS) + len(_USER_FIELDS)
        session = Session(*row[: len(_SESSION_FIELDS)])
        user = User(*row[len(_SESSION_FIELDS) : user_end])
        role, tenant_values = row[user_end], row[user_end + 1 :]
        access = None
        if role is not None:
            values = dict(zip(_TENANT_FIELDS, tenant_values, strict=True))
            values["plan_code"] = values["plan_code"] or "free"
            access = TenantAccess(Tenant(**values), Role(role))
        return session, user, access

    async def get_for_update(self, session_id: UUID) -> Session | None:
        query = select(*_SESSION_COLUMNS).where(sessions.c.id == session_id).with_for_update()
        row = (await self._uow.execute(query)).first()
        return Session(**row._mapping) if row else None

    async def extend(self, session_id: UUID, expires_at: datetime) -> None:
        statement = update(sessions).where(sessions.c.id == session_id)
        await self._uow.execute(statement.values(expires_at=expires_at))

    async def revoke(self, session_id: UUID, at: datetime) -> None:
        statement = update(sessions).where(
            sessions.c.id == session_id, sessions.c.revoked_at.is_(None)
        )
        await self._uow.execute(statement.values(revoked_at=at))

    async def revoke_all_for_user(
        self, user_id: UUID, at: datetime, keep: UUID | None = None
    ) -> None:
        statement = update(sessions).where(
            sessions.c.user_id == user_id, sessions.c.revoked_at.is_(None)
        )
        if keep is not None:
            statement = statement.where(sessions.c.id != keep)
        await self._uow.execute(statement.values(revoked_at=at))

    async def add_refresh_token(self, token: RefreshToken) -> None:
        await self._uow.execute(insert(refresh_tokens).values(**asdict(token)))

    async def get_refresh_token_for_update(self, token_hash: str) -> RefreshToken | None:
        query = (
            select(refresh_tokens)
            .where(refresh_tokens.c.token_hash == token_hash)
            .with_for_update()
        )
        row = (await self._uow.execute(query)).first()
        return RefreshToken(**row._mapping) if row else None

    async def mark_rotated(self, token_hash: str, at: datetime) -> None:
        statement = update(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
        await self._uow.execute(statement.values(rotated_at=at))
