from datetime import datetime
from typing import Protocol
from uuid import UUID

from svontai.domain.tenants import TenantAccess
from svontai.domain.users import RefreshToken, Session, User


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Insert a user; raise `EmailTakenError` when the email is in use."""
        ...

    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_email(self, email: str) -> User | None: ...

    async def update(self, user: User) -> None:
        """Store changed fields; raise `EmailTakenError` when the new email is in use."""
        ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def get_with_user(self, session_id: UUID) -> tuple[Session, User] | None: ...

    async def get_context(
        self, session_id: UUID, tenant_id: UUID | None
    ) -> tuple[Session, User, TenantAccess | None] | None:
        """Return the session, its user and the user's membership in `tenant_id`.

        Without `tenant_id` the membership is the user's oldest one. The access is None when
        the user is not a member.
        """
        ...

    async def get_for_update(self, session_id: UUID) -> Session | None: ...

    async def extend(self, session_id: UUID, expires_at: datetime) -> None: ...

    async def revoke(self, session_id: UUID, at: datetime) -> None: ...

    async def revoke_all_for_user(
        self, user_id: UUID, at: datetime, keep: UUID | None = None
    ) -> None: ...

    async def add_refresh_token(self, token: RefreshToken) -> None: ...

    async def get_refresh_token_for_update(self, token_hash: str) -> RefreshToken | None:
        """Return the token row locked until commit, so two refreshes cannot both rotate it."""
        ...

    async def mark_rotated(self, token_hash: str, at: datetime) -> None: ...
