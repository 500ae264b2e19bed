import pytest

from svontai.adapters.security.pyjwt_token_codec import PyJwtTokenCodec
from svontai.application.auth.login import Login, LoginCommand
from svontai.application.auth.register_user import RegisterUser, RegisterUserCommand
from svontai.domain.errors import InvalidCredentialsError, RateLimitedError, UserDisabledError
from tests.unit.fakes.infrastructure import FakeEventRecorder, FakePasswordHasher
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

PASSWORD = "long enough"


async def registered(register: RegisterUser, email: str = "ada@example.com") -> None:
    await register.execute(RegisterUserCommand(email, PASSWORD, "Ada", "10.0.0.1"))


def attempt(password: str = PASSWORD, email: str = "ada@example.com") -> LoginCommand:
    return LoginCommand(email, password, "10.0.0.1")


async def test_login_opens_session(
    register: RegisterUser, login: Login, uow: FakeUnitOfWork, tokens: PyJwtTokenCodec
) -> None:
    await registered(register)

    pair = await login.execute(attempt())

    claims = tokens.read_access(pair.access_token)
    assert claims.session_id in uow.sessions.rows
    assert len(uow.sessions.tokens) == 1


async def test_login_records_last_login(
    register: RegisterUser, login: Login, uow: FakeUnitOfWork
) -> None:
    await registered(register)

    await login.execute(attempt())

    user = await uow.users.get_by_email("ada@example.com")
    assert user is not None
    assert user.last_login_at is not None


async def test_login_rejects_wrong_password_and_records_event(
    register: RegisterUser, login: Login, events: FakeEventRecorder
) -> None:
    await registered(register)

    with pytest.raises(InvalidCredentialsError):
        await login.execute(attempt(password="wrong password"))

    assert events.codes() == ["auth.login_failed"]
    assert "wrong password" not in str(events.events[0])


async def test_login_spends_hash_time_on_unknown_email(
    login: Login, hasher: FakePasswordHasher
) -> None:
    with pytest.raises(InvalidCredentialsError):
        await login.execute(attempt(email="nobody@example.com"))

    assert hasher.burned == 1


async def test_login_throttles_after_five_failures(
    register: RegisterUser, login: Login, events: FakeEventRecorder
) -> None:
    await registered(register)
    for _ in range(5):
        with pytest.raises(InvalidCredentialsError):
            await login.execute(attempt(password="wrong password"))

    with pytest.raises(RateLimitedError):
        await login.execute(attempt())

    assert events.codes()[-1] == "auth.login_throttled"


async def test_login_rejects_disabled_user(
    register: RegisterUser, login: Login, uow: FakeUnitOfWork
) -> None:
    await registered(register)
    user = await uow.users.get_by_email("ada@example.com")
    assert user is not None
    user.is_active = False
    await uow.users.update(user)

    with pytest.raises(UserDisabledError):
        await login.execute(attempt())
