import uuid
from dataclasses import dataclass
from datetime import timedelta

from svontai.application.auth.policy import AuthPolicy
from svontai.application.auth.throttling import check_ip_limit
from svontai.application.auth.tokens import TokenPair, hash_refresh_token, new_refresh_token
from svontai.application.ports.clock import Clock
from svontai.application.ports.event_recorder import EventRecorder, SystemEvent
from svontai.application.ports.password_hasher import PasswordHasher
from svontai.application.ports.rate_limiter import RateLimiter
from svontai.application.ports.token_codec import TokenCodec
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.text_rules import reject_nul
from svontai.domain.errors import InvalidCredentialsError, RateLimitedError, UserDisabledError
from svontai.domain.events import EventCode, EventLevel
from svontai.domain.users import RefreshToken, Session, User


@dataclass(frozen=True, slots=True)
class LoginCommand:
    email: str
    password: str
    client_ip: str


@dataclass(frozen=True, slots=True)
class LoginServices:
    hasher: PasswordHasher
    tokens: TokenCodec
    limiter: RateLimiter
    events: EventRecorder
    clock: Clock


class Login:
    """Check a password and open a session, throttling repeated failures per email."""

    def __init__(self, uow: UnitOfWork, services: LoginServices, policy: AuthPolicy) -> None:
        self._uow = uow
        self._services = services
        self._policy = policy

    async def execute(self, command: LoginCommand) -> TokenPair:
        limiter = self._services.limiter
        await check_ip_limit(limiter, self._policy.per_ip, command.client_ip)
        email = reject_nul("email", command.email.strip().lower())
        await self._check_throttle(email, command.client_ip)
        user = await self._uow.users.get_by_email(email)
        await self._uow.rollback()
        if not await self._password_matches(user, command.password):
            await self._fail(email, command.client_ip)
        assert user is not None
        if not user.is_active:
            raise UserDisabledError("This account is disabled.")

        return await self._open_session(user)

    async def _password_matches(self, user: User | None, password: str) -> bool:
        if user is None:
            await self._services.hasher.burn()
            return False
        return await self._services.hasher.verify(user.password_hash, password)

    async def _check_throttle(self, email: str, client_ip: str) -> None:
        limit_key = f"login-email:{email}"
        retry_after = await self._services.limiter.retry_after(
            self._policy.login_failures, limit_key
        )
        if retry_after is None:
            return
        await self._record(
            EventCode.LOGIN_THROTTLED,
            "Sign-in throttled after repeated failures.",
            email,
            client_ip,
        )
        raise RateLimitedError("Too many failed sign-ins; try again later.", retry_after)

    async def _fail(self, email: str, client_ip: str) -> None:
        await self._services.limiter.hit(self._policy.login_failures, f"login-email:{email}")
        await self._record(EventCode.LOGIN_FAILED, "Sign-in failed.", email, client_ip)
        raise InvalidCredentialsError("The email or password is incorrect.")

    async def _record(self, code: EventCode, message: str, email: str, client_ip: str) -> None:
        event = SystemEvent(
            EventLevel.WARNING, "auth", code, message, meta={"email": email, "ip": client_ip}
        )
        await self._services.events.record(event)

    async def _open_session(self, user: User) -> TokenPair:
        now = self._services.clock.now()
        session = Session(
            uuid.uuid4(), user.id, now, now + timedelta(days=self._policy.refresh_ttl_days)
        )
        refresh_token = new_refresh_token()
        await self._uow.begin_write()
        await self._uow.sessions.add(session)
        await self._uow.sessions.add_refresh_token(
            RefreshToken(hash_refresh_token(refresh_token), session.id, now)
        )
        user.last_login_at = now
        await self._uow.users.update(user)
        await self._uow.commit()

        tokens = self._services.tokens
        access_token = tokens.issue_access(user.id, session.id, now)
        return TokenPair(access_token, refresh_token, tokens.access_ttl_seconds)
