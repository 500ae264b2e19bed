import uuid
from dataclasses import dataclass

from svontai.application.auth.policy import AuthPolicy
from svontai.application.auth.throttling import check_ip_limit
from svontai.application.ports.clock import Clock
from svontai.application.ports.password_hasher import PasswordHasher
from svontai.application.ports.rate_limiter import RateLimiter
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.text_rules import reject_nul
from svontai.domain.contacts import check_password, normalise_email
from svontai.domain.errors import EmailTakenError, ValidationError
from svontai.domain.users import User


@dataclass(frozen=True, slots=True)
class RegisterUserCommand:
    email: str
    password: str
    full_name: str
    client_ip: str


class RegisterUser:
    def __init__(
        self,
        uow: UnitOfWork,
        hasher: PasswordHasher,
        limiter: RateLimiter,
        clock: Clock,
        policy: AuthPolicy,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._limiter = limiter
        self._clock = clock
        self._policy = policy

    async def execute(self, command: RegisterUserCommand) -> User:
        await check_ip_limit(self._limiter, self._policy.per_ip, command.client_ip)
        email = normalise_email(command.email)
        full_name = reject_nul("full_name", command.full_name.strip())
        if not full_name:
            raise ValidationError("full_name", "must not be blank")
        check_password(command.password)
        password_hash = await self._hasher.hash(command.password)

        await self._uow.begin_write()
        if await self._uow.users.get_by_email(email) is not None:
            raise EmailTakenError("This email address is already registered.")
        now = self._clock.now()
        user = User(uuid.uuid4(), email, full_name, password_hash, True, False, now, now)
        await self._uow.users.add(user)
        await self._uow.commit()

        return user
