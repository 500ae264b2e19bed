import uuid
from dataclasses import dataclass

from svontai.application.ports.clock import Clock
from svontai.application.ports.password_hasher import PasswordHasher
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.contacts import check_password, normalise_email
from svontai.domain.users import User


@dataclass(frozen=True, slots=True)
class CreateAdminResult:
    user: User
    created: bool


class CreateAdmin:
    """Create a platform administrator, or promote the existing user with that email."""

    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock

    async def execute(self, email: str, password: str) -> CreateAdminResult:
        email = normalise_email(email)
        check_password(password)
        password_hash = await self._hasher.hash(password)
        now = self._clock.now()

        await self._uow.begin_write()
        user = await self._uow.users.get_by_email(email)
        created = user is None
        if user is None:
            user = User(
                uuid.uuid4(), email, email.split("@")[0], password_hash, True, True, now, now
            )
            await self._uow.users.add(user)
        else:
            user.is_platform_admin, user.is_active, user.updated_at = True, True, now
            user.password_hash = password_hash
            await self._uow.users.update(user)
        await self._uow.commit()

        return CreateAdminResult(user, created)
