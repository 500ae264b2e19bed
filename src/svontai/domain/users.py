"""Users and their login sessions."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(slots=True)
class User:
    id: UUID
    email: str
    full_name: str
    password_hash: str
    is_active: bool
    is_platform_admin: bool
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None = None


@dataclass(slots=True)
class Session:
    """One login: access tokens name it by id, refresh tokens rotate inside it."""

    id: UUID
    user_id: UUID
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


@dataclass(slots=True)
class RefreshToken:
    """A refresh token's hash; `rotated_at` is set once it has been exchanged."""

    token_hash: str
    session_id: UUID
    created_at: datetime
    rotated_at: datetime | None = None
