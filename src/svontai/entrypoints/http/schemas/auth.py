from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from svontai.domain.users import User

Password = Annotated[str, msgspec.Meta(min_length=8, max_length=128)]
Email = Annotated[str, msgspec.Meta(min_length=3, max_length=320)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Secret = Annotated[str, msgspec.Meta(min_length=1, max_length=512)]


class RegisterRequest(msgspec.Struct):
    email: Email
    password: Password
    full_name: Name


class LoginRequest(msgspec.Struct):
    email: Annotated[str, msgspec.Meta(max_length=320)]
    password: Annotated[str, msgspec.Meta(max_length=128)]


class RefreshRequest(msgspec.Struct):
    refresh_token: Secret


class LogoutRequest(msgspec.Struct):
    refresh_token: Secret | None = None


class TokenResponse(msgspec.Struct):
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int


class UserResponse(msgspec.Struct):
    id: UUID
    email: str
    full_name: str
    is_active: bool
    is_platform_admin: bool
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> "UserResponse":
        return cls(
            id=user.id,
            email=user.email,
            full_name=user.full_name,
            is_active=user.is_active,
            is_platform_admin=user.is_platform_admin,
            created_at=user.created_at,
            updated_at=user.updated_at,
            last_login_at=user.last_login_at,
        )
