from uuid import UUID

from svontai.application.auth.principal import PrefetchedAccess, Principal
from svontai.application.ports.clock import Clock
from svontai.application.ports.token_codec import TokenCodec
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.errors import AuthenticationError


class Authenticate:
    """Turn a bearer access token into the caller, checking the live session every time.

    The caller's membership for `tenant_id` (or the oldest one) is read in the same query, so
    a tenant-scoped request needs one round trip for authentication and tenant context.
    """

    def __init__(self, uow: UnitOfWork, tokens: TokenCodec, clock: Clock) -> None:
        self._uow = uow
        self._tokens = tokens
        self._clock = clock

    async def execute(self, access_token: str, tenant_id: UUID | None = None) -> Principal:
        claims = self._tokens.read_access(access_token)
        found = await self._uow.sessions.get_context(claims.session_id, tenant_id)
        if found is None:
            raise AuthenticationError("The session has ended; sign in again.")
        session, user, access = found
        if session.user_id != claims.user_id or not session.is_active(self._clock.now()):
            raise AuthenticationError("The session has ended; sign in again.")
        if not user.is_active:
            raise AuthenticationError("This account is disabled.")

        return Principal(user, session.id, PrefetchedAccess(tenant_id, access))
