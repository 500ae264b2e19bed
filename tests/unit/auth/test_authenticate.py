import pytest

from svontai.adapters.security.pyjwt_token_codec import PyJwtTokenCodec
from svontai.application.auth.authenticate import Authenticate
from svontai.application.auth.login import Login, LoginCommand
from svontai.application.auth.logout import Logout
from svontai.application.auth.register_user import RegisterUser, RegisterUserCommand
from svontai.domain.errors import AuthenticationError
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def access_token(register: RegisterUser, login: Login) -> str:
    await register.execute(RegisterUserCommand("ada@example.com", "long enough", "Ada", "ip"))
    pair = await login.execute(LoginCommand("ada@example.com", "long enough", "ip"))
    return pair.access_token


async def test_authenticate_returns_principal(
    register: RegisterUser,
    login: Login,
    uow: FakeUnitOfWork,
    tokens: PyJwtTokenCodec,
    clock: FakeClock,
) -> None:
    token = await access_token(register, login)

    principal = await Authenticate(uow, tokens, clock).execute(token)

    assert principal.user.email == "ada@example.com"


async def test_authenticate_rejects_logged_out_session(
    register: RegisterUser,
    login: Login,
    uow: FakeUnitOfWork,
    tokens: PyJwtTokenCodec,
    clock: FakeClock,
) -> None:
    token = await access_token(register, login)
    authenticate = Authenticate(uow, tokens, clock)
    principal = await authenticate.execute(token)
    await Logout(uow, clock).execute(principal, None)

    with pytest.raises(AuthenticationError):
        await authenticate.execute(token)


async def test_authenticate_rejects_disabled_user(
    register: RegisterUser,
    login: Login,
    uow: FakeUnitOfWork,
    tokens: PyJwtTokenCodec,
    clock: FakeClock,
) -> None:
    token = await access_token(register, login)
    for user in uow.users.rows.values():
        user.is_active = False

    with pytest.raises(AuthenticationError):
        await Authenticate(uow, tokens, clock).execute(token)


async def test_authenticate_rejects_token_signed_with_other_key(
    register: RegisterUser, login: Login, uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    token = await access_token(register, login)
    other = PyJwtTokenCodec("another-secret-that-is-long-enough-000000")

    with pytest.raises(AuthenticationError):
        await Authenticate(uow, other, clock).execute(token)
