"""Opaque refresh tokens: random strings stored only as a SHA-256 hash."""

import hashlib
import secrets
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth 2 token type, not a secret


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    """Hash with SHA-256: the token has 256 random bits, so a slow hash adds nothing."""
    return hashlib.sha256(token.encode()).hexdigest()
