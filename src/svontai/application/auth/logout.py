from svontai.application.auth.principal import Principal
from svontai.application.auth.tokens import hash_refresh_token
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork


class Logout:
    """End the caller's session, and the refresh token's session if it is also theirs."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, principal: Principal, refresh_token: str | None) -> None:
        now = self._clock.now()
        await self._uow.begin_write()
        await self._uow.sessions.revoke(principal.session_id, now)
        if refresh_token:
            await self._revoke_refresh_session(principal, refresh_token)
        await self._uow.commit()

    async def _revoke_refresh_session(self, principal: Principal, refresh_token: str) -> None:
        stored = await self._uow.sessions.get_refresh_token_for_update(
            hash_refresh_token(refresh_token)
        )
        if stored is None:
            return
        found = await self._uow.sessions.get_with_user(stored.session_id)
        if found is not None and found[1].id == principal.user.id:
            await self._uow.sessions.revoke(stored.session_id, self._clock.now())
