import pytest

from svontai.application.auth.create_admin import CreateAdmin
from svontai.application.auth.register_user import RegisterUser, RegisterUserCommand
from svontai.domain.errors import ValidationError
from tests.unit.fakes.infrastructure import FakeClock, FakePasswordHasher
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def test_create_admin_creates_platform_admin(
    uow: FakeUnitOfWork, hasher: FakePasswordHasher, clock: FakeClock
) -> None:
    result = await CreateAdmin(uow, hasher, clock).execute("Ops@Example.com", "long enough")

    stored = await uow.users.get_by_email("ops@example.com")
    assert result.created is True
    assert stored is not None
    assert stored.is_platform_admin is True


async def test_create_admin_promotes_existing_user(
    uow: FakeUnitOfWork, hasher: FakePasswordHasher, clock: FakeClock, register: RegisterUser
) -> None:
    await register.execute(RegisterUserCommand("ops@example.com", "first password", "Ops", "ip"))

    result = await CreateAdmin(uow, hasher, clock).execute("ops@example.com", "second password")

    stored = await uow.users.get_by_email("ops@example.com")
    assert result.created is False
    assert stored is not None
    assert stored.is_platform_admin is True
    assert stored.password_hash == "hashed:second password"


async def test_create_admin_rejects_short_password(
    uow: FakeUnitOfWork, hasher: FakePasswordHasher, clock: FakeClock
) -> None:
    with pytest.raises(ValidationError):
        await CreateAdmin(uow, hasher, clock).execute("ops@example.com", "short")
