import pytest

from svontai.application.auth.register_user import RegisterUser, RegisterUserCommand
from svontai.domain.errors import EmailTakenError, RateLimitedError, ValidationError
from tests.unit.fakes.infrastructure import FakeRateLimiter
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


def command(email: str = "Ada@Example.com ", password: str = "long enough") -> RegisterUserCommand:
    return RegisterUserCommand(email, password, "Ada Lovelace", "10.0.0.1")


async def test_register_stores_normalised_email(
    register: RegisterUser, uow: FakeUnitOfWork
) -> None:
    user = await register.execute(command())

    stored = await uow.users.get(user.id)
    assert stored is not None
    assert stored.email == "ada@example.com"
    assert uow.committed == 1


async def test_register_stores_only_the_hash(register: RegisterUser, uow: FakeUnitOfWork) -> None:
    user = await register.execute(command())

    assert user.password_hash == "hashed:long enough"


async def test_register_rejects_taken_email(register: RegisterUser) -> None:
    await register.execute(command())

    with pytest.raises(EmailTakenError):
        await register.execute(command(email="ADA@example.com"))


async def test_register_rejects_short_password(register: RegisterUser) -> None:
    with pytest.raises(ValidationError) as raised:
        await register.execute(command(password="short"))

    assert raised.value.errors[0].field == "password"


async def test_register_rejects_invalid_email(register: RegisterUser) -> None:
    with pytest.raises(ValidationError) as raised:
        await register.execute(command(email="no-at-sign"))

    assert raised.value.errors[0].field == "email"


async def test_register_limits_attempts_per_ip(
    register: RegisterUser, limiter: FakeRateLimiter
) -> None:
    limiter.hits["auth-ip:10.0.0.1"] = 100

    with pytest.raises(RateLimitedError):
        await register.execute(command())
