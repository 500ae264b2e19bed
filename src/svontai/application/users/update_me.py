from dataclasses import dataclass

from svontai.application.auth.principal import Principal
from svontai.application.ports.clock import Clock
from svontai.application.ports.password_hasher import PasswordHasher
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.text_rules import reject_nul
from svontai.domain.contacts import check_password, normalise_email
from svontai.domain.errors import (
    AuthenticationError,
    EmailTakenError,
    PermissionDeniedError,
    ValidationError,
)
from svontai.domain.users import User


@dataclass(frozen=True, slots=True)
class UpdateMeCommand:
    """Changes to the caller's account, where `None` leaves a field as it is.

    A password change needs both `current_password` and `new_password`. Either one alone is
    a validation error, so a client never believes it changed the password when it did not.
    """

    full_name: str | None = None
    email: str | None = None
    current_password: str | None = None
    new_password: str | None = None


class UpdateMe:
    """Change the caller's name, email or password.

    A new password ends every other session of the user, but the session that makes the
    change stays signed in.
    """

    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock

    async def execute(self, principal: Principal, command: UpdateMeCommand) -> User:
        full_name = _clean_name(command.full_name)
        email = normalise_email(command.email) if command.email is not None else None
        password_hash = await self._new_password_hash(principal.user, command)

        await self._uow.begin_write()
        user = await self._uow.users.get(principal.user.id)
        if user is None:
            raise AuthenticationError("The account no longer exists.")
        await self._apply(user, full_name, email, password_hash)
        await self._uow.users.update(user)
        if password_hash is not None:
            await self._uow.sessions.revoke_all_for_user(
                user.id, user.updated_at, keep=principal.session_id
            )
        await self._uow.commit()

        return user

    async def _new_password_hash(self, user: User, command: UpdateMeCommand) -> str | None:
        """Check the current password and return the new one's hash, or None without a change."""
        if command.current_password is None and command.new_password is None:
            return None
        if command.current_password is None:
            raise ValidationError("current_password", "is required to set a new password")
        if command.new_password is None:
            raise ValidationError("new_password", "is required with current_password")
        check_password(command.new_password, "new_password")
        if not await self._hasher.verify(user.password_hash, command.current_password):
            raise PermissionDeniedError("The current password is incorrect.")
        return await self._hasher.hash(command.new_password)

    async def _apply(
        self, user: User, full_name: str | None, email: str | None, password_hash: str | None
    ) -> None:
        if full_name is not None:
            user.full_name = full_name
        if email is not None and email != user.email:
            other = await self._uow.users.get_by_email(email)
            if other is not None and other.id != user.id:
                raise EmailTakenError("This email address is already registered.")
            user.email = email
        if password_hash is not None:
            user.password_hash = password_hash
        user.updated_at = self._clock.now()


def _clean_name(full_name: str | None) -> str | None:
    if full_name is None:
        return None
    full_name = reject_nul("full_name", full_name.strip())
    if not full_name:
        raise ValidationError("full_name", "must not be blank")
    return full_name
