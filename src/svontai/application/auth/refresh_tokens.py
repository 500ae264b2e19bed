from datetime import timedelta

from svontai.application.auth.policy import AuthPolicy
from svontai.application.auth.tokens import TokenPair, hash_refresh_token, new_refresh_token
from svontai.application.ports.clock import Clock
from svontai.application.ports.token_codec import TokenCodec
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.errors import InvalidRefreshTokenError, RefreshTokenReusedError
from svontai.domain.users import RefreshToken, Session


class RefreshTokens:
    """Exchange a refresh token for a new pair; a replayed old token ends the session."""

    def __init__(
        self, uow: UnitOfWork, tokens: TokenCodec, clock: Clock, policy: AuthPolicy
    ) -> None:
        self._uow = uow
        self._tokens = tokens
        self._clock = clock
        self._policy = policy

    async def execute(self, refresh_token: str) -> TokenPair:
        await self._uow.begin_write()
        stored = await self._uow.sessions.get_refresh_token_for_update(
            hash_refresh_token(refresh_token)
        )
        if stored is None:
            raise InvalidRefreshTokenError("The refresh token is invalid.")
        session = await self._live_session(stored)
        if stored.rotated_at is not None:
            await self._reject_reuse(stored, session)

        return await self._rotate(stored, session)

    async def _live_session(self, stored: RefreshToken) -> Session:
        now = self._clock.now()
        session = await self._uow.sessions.get_for_update(stored.session_id)
        if session is None or not session.is_active(now):
            raise InvalidRefreshTokenError("The refresh token has expired or was revoked.")
        found = await self._uow.sessions.get_with_user(session.id)
        if found is None or not found[1].is_active:
            raise InvalidRefreshTokenError("This account is disabled.")
        return session

    async def _reject_reuse(self, stored: RefreshToken, session: Session) -> None:
        now = self._clock.now()
        assert stored.rotated_at is not None
        if now - stored.rotated_at <= timedelta(seconds=self._policy.reuse_grace_seconds):
            raise InvalidRefreshTokenError("The refresh token was already used.")
        await self._uow.sessions.revoke(session.id, now)
        await self._uow.commit()
        raise RefreshTokenReusedError(
            "The refresh token was used twice; the session has been ended for safety."
        )

    async def _rotate(self, stored: RefreshToken, session: Session) -> TokenPair:
        now = self._clock.now()
        new_token = new_refresh_token()
        await self._uow.sessions.mark_rotated(stored.token_hash, now)
        await self._uow.sessions.add_refresh_token(
            RefreshToken(hash_refresh_token(new_token), session.id, now)
        )
        expires_at = now + timedelta(days=self._policy.refresh_ttl_days)
        await self._uow.sessions.extend(session.id, expires_at)
        await self._uow.commit()

        access_token = self._tokens.issue_access(session.user_id, session.id, now)
        return TokenPair(access_token, new_token, self._tokens.access_ttl_seconds)
