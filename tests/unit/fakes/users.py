from dataclasses import replace
from datetime import datetime
from typing import Any
from uuid import UUID

from svontai.domain.errors import EmailTakenError
from svontai.domain.tenants import TenantAccess
from svontai.domain.users import RefreshToken, Session, User


class FakeUserRepository:
    def __init__(self) -> None:
        self.rows: dict[UUID, User] = {}

    async def add(self, user: User) -> None:
        if await self.get_by_email(user.email):
            raise EmailTakenError("This email address is already registered.")
        self.rows[user.id] = replace(user)

    async def get(self, user_id: UUID) -> User | None:
        user = self.rows.get(user_id)
        return replace(user) if user else None

    async def get_by_email(self, email: str) -> User | None:
        found = next((user for user in self.rows.values() if user.email == email), None)
        return replace(found) if found else None

    async def update(self, user: User) -> None:
        other = await self.get_by_email(user.email)
        if other is not None and other.id != user.id:
            raise EmailTakenError("This email address is already registered.")
        self.rows[user.id] = replace(user)


class FakeSessionRepository:
    def __init__(self, users: FakeUserRepository) -> None:
        self._users = users
        self.memberships: Any = None  # set by FakeUnitOfWork, for `get_context`
        self.rows: dict[UUID, Session] = {}
        self.tokens: dict[str, RefreshToken] = {}

    async def add(self, session: Session) -> None:
        self.rows[session.id] = replace(session)

    async def get_with_user(self, session_id: UUID) -> tuple[Session, User] | None:
        session = self.rows.get(session_id)
        user = self._users.rows.get(session.user_id) if session else None
        return (replace(session), replace(user)) if session and user else None

    async def get_context(
        self, session_id: UUID, tenant_id: UUID | None
    ) -> tuple[Session, User, TenantAccess | None] | None:
        found = await self.get_with_user(session_id)
        if found is None:
            return None
        access = (
            await self.memberships.resolve(found[1].id, tenant_id) if self.memberships else None
        )
        return found[0], found[1], access

    async def get_for_update(self, session_id: UUID) -> Session | None:
        session = self.rows.get(session_id)
        return replace(session) if session else None

    async def extend(self, session_id: UUID, expires_at: datetime) -> None:
        self.rows[session_id].expires_at = expires_at

    async def revoke(self, session_id: UUID, at: datetime) -> None:
        session = self.rows[session_id]
        session.revoked_at = session.revoked_at or at

    async def revoke_all_for_user(
        self, user_id: UUID, at: datetime, keep: UUID | None = None
    ) -> None:
        for session in self.rows.values():
            if session.user_id == user_id and session.id != keep:
                session.revoked_at = session.revoked_at or at

    async def add_refresh_token(self, token: RefreshToken) -> None:
        self.tokens[token.token_hash] = replace(token)

    async def get_refresh_token_for_update(self, token_hash: str) -> RefreshToken | None:
        token = self.tokens.get(token_hash)
        return replace(token) if token else None

    async def mark_rotated(self, token_hash: str, at: datetime) -> None:
        self.tokens[token_hash].rotated_at = at
