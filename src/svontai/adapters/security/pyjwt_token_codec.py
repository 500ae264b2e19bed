"""HS256 access tokens with PyJWT."""

import uuid
from datetime import UTC, datetime, timedelta
from uuid import UUID

import jwt

from svontai.application.ports.token_codec import AccessClaims
from svontai.domain.errors import AuthenticationError

ISSUER = "svontai"
AUDIENCE = "svontai-api"
_ALGORITHM = "HS256"
_MAX_VERIFIED = 10_000


class PyJwtTokenCodec:
    """Implements `TokenCodec`; decoding names the one allowed algorithm."""

    def __init__(self, secret: str, access_ttl_seconds: int = 900) -> None:
        self._secret = secret
        self._ttl = access_ttl_seconds
        # Verified tokens by their text. A token's claims never change, so the signature is
        # checked once; expiry is still checked on every use, and the session by the caller.
        self._verified: dict[str, AccessClaims] = {}

    @property
    def access_ttl_seconds(self) -> int:
        return self._ttl

    def issue_access(self, user_id: UUID, session_id: UUID, now: datetime) -> str:
        claims = {
            "sub": str(user_id),
            "sid": str(session_id),
            "jti": uuid.uuid4().hex,
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(seconds=self._ttl)).timestamp()),
            "iss": ISSUER,
            "aud": AUDIENCE,
            "typ": "access",
        }
        return jwt.encode(claims, self._secret, algorithm=_ALGORITHM)

    def read_access(self, token: str) -> AccessClaims:
        claims = self._verified.get(token)
        if claims is not None and claims.expires_at > datetime.now(UTC):
            return claims
        claims = self._decode(token)
        if len(self._verified) >= _MAX_VERIFIED:
            self._verified.clear()
        self._verified[token] = claims
        return claims

    def _decode(self, token: str) -> AccessClaims:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[_ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["sub", "sid", "exp", "iat", "jti"]},
            )
            if claims.get("typ") != "access":
                raise AuthenticationError("The token is not an access token.")
            return AccessClaims(
                user_id=UUID(claims["sub"]),
                session_id=UUID(claims["sid"]),
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            raise AuthenticationError("The access token is invalid or has expired.") from None
