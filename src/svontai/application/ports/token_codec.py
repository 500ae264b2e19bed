from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: UUID
    session_id: UUID
    expires_at: datetime


class TokenCodec(Protocol):
    """Signs and checks access tokens."""

    @property
    def access_ttl_seconds(self) -> int: ...

    def issue_access(self, user_id: UUID, session_id: UUID, now: datetime) -> str: ...

    def read_access(self, token: str) -> AccessClaims:
        """Return the claims of a valid token or raise `AuthenticationError`."""
        ...
