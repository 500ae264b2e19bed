import pytest

from svontai.application.auth.login import Login, LoginCommand
from svontai.application.auth.refresh_tokens import RefreshTokens
from svontai.application.auth.register_user import RegisterUser, RegisterUserCommand
from svontai.application.auth.tokens import TokenPair
from svontai.domain.errors import InvalidRefreshTokenError, RefreshTokenReusedError
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork


async def signed_in(register: RegisterUser, login: Login) -> TokenPair:
    await register.execute(RegisterUserCommand("ada@example.com", "long enough", "Ada", "ip"))
    return await login.execute(LoginCommand("ada@example.com", "long enough", "ip"))


async def test_refresh_rotates_the_token(
    register: RegisterUser, login: Login, refresh: RefreshTokens
) -> None:
    pair = await signed_in(register, login)

    rotated = await refresh.execute(pair.refresh_token)

    assert rotated.refresh_token != pair.refresh_token


async def test_refresh_extends_the_session(
    register: RegisterUser,
    login: Login,
    refresh: RefreshTokens,
    uow: FakeUnitOfWork,
    clock: FakeClock,
) -> None:
    await signed_in(register, login)
    session = next(iter(uow.sessions.rows.values()))
    first_expiry = session.expires_at
    clock.advance(days=1)

    pair = await signed_in_again(login)
    await refresh.execute(pair.refresh_token)

    assert first_expiry < max(row.expires_at for row in uow.sessions.rows.values())


async def signed_in_again(login: Login) -> TokenPair:
    return await login.execute(LoginCommand("ada@example.com", "long enough", "ip"))


async def test_reuse_within_grace_keeps_session(
    register: RegisterUser,
    login: Login,
    refresh: RefreshTokens,
    uow: FakeUnitOfWork,
    clock: FakeClock,
) -> None:
    pair = await signed_in(register, login)
    await refresh.execute(pair.refresh_token)
    clock.advance(seconds=5)

    with pytest.raises(InvalidRefreshTokenError):
        await refresh.execute(pair.refresh_token)

    session = next(iter(uow.sessions.rows.values()))
    assert session.revoked_at is None


async def test_reuse_after_grace_revokes_session(
    register: RegisterUser,
    login: Login,
    refresh: RefreshTokens,
    uow: FakeUnitOfWork,
    clock: FakeClock,
) -> None:
    pair = await signed_in(register, login)
    newest = await refresh.execute(pair.refresh_token)
    clock.advance(seconds=11)

    with pytest.raises(RefreshTokenReusedError):
        await refresh.execute(pair.refresh_token)

    session = next(iter(uow.sessions.rows.values()))
    assert session.revoked_at is not None
    with pytest.raises(InvalidRefreshTokenError):
        await refresh.execute(newest.refresh_token)


async def test_refresh_rejects_expired_session(
    register: RegisterUser, login: Login, refresh: RefreshTokens, clock: FakeClock
) -> None:
    pair = await signed_in(register, login)
    clock.advance(days=31)

    with pytest.raises(InvalidRefreshTokenError):
        await refresh.execute(pair.refresh_token)


async def test_refresh_rejects_disabled_user(
    register: RegisterUser, login: Login, refresh: RefreshTokens, uow: FakeUnitOfWork
) -> None:
    pair = await signed_in(register, login)
    for user in uow.users.rows.values():
        user.is_active = False

    with pytest.raises(InvalidRefreshTokenError):
        await refresh.execute(pair.refresh_token)
