import pytest

from svontai.application.auth.principal import Principal
from svontai.application.users.update_me import UpdateMe, UpdateMeCommand
from svontai.domain.errors import EmailTakenError, PermissionDeniedError, ValidationError
from tests.unit.fakes.infrastructure import FakeClock, FakePasswordHasher
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.tenancy.builders import add_session, add_user

CLOCK = FakeClock()


def update_me(uow: FakeUnitOfWork) -> UpdateMe:
    return UpdateMe(uow, FakePasswordHasher(), CLOCK)


async def stored(uow: FakeUnitOfWork, principal: Principal) -> tuple[str, str, str]:
    user = await uow.users.get(principal.user.id)
    assert user is not None
    return user.full_name, user.email, user.password_hash


async def test_update_me_changes_only_sent_fields() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow, "ayse@example.com")

    user = await update_me(uow).execute(principal, UpdateMeCommand(full_name="  Ayşe Demir "))

    assert user.full_name == "Ayşe Demir"
    assert await stored(uow, principal) == (
        "Ayşe Demir",
        "ayse@example.com",
        "hashed:old password",
    )
    assert user.updated_at == CLOCK.now()
    assert uow.committed == 1


async def test_update_me_normalises_email() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    user = await update_me(uow).execute(principal, UpdateMeCommand(email=" New@Example.COM "))

    assert user.email == "new@example.com"


async def test_update_me_rejects_email_of_other_user() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow, "ayse@example.com")
    await add_user(uow, "mehmet@example.com")

    with pytest.raises(EmailTakenError):
        await update_me(uow).execute(principal, UpdateMeCommand(email="Mehmet@example.com"))

    assert (await stored(uow, principal))[1] == "ayse@example.com"


async def test_update_me_accepts_own_email() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow, "ayse@example.com")

    user = await update_me(uow).execute(principal, UpdateMeCommand(email="AYSE@example.com"))

    assert user.email == "ayse@example.com"


async def test_update_me_rejects_invalid_email() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    with pytest.raises(ValidationError) as raised:
        await update_me(uow).execute(principal, UpdateMeCommand(email="not-an-email"))

    assert raised.value.errors[0].field == "email"


async def test_update_me_rejects_blank_name() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    with pytest.raises(ValidationError) as raised:
        await update_me(uow).execute(principal, UpdateMeCommand(full_name="   "))

    assert raised.value.errors[0].field == "full_name"


async def test_password_change_revokes_other_sessions() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    other_session = await add_session(uow, principal.user.id)
    command = UpdateMeCommand(current_password="old password", new_password="new password")

    await update_me(uow).execute(principal, command)

    assert (await stored(uow, principal))[2] == "hashed:new password"
    assert uow.sessions.rows[other_session].revoked_at == CLOCK.now()
    assert uow.sessions.rows[principal.session_id].revoked_at is None


async def test_password_change_rejects_wrong_current_password() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    other_session = await add_session(uow, principal.user.id)
    command = UpdateMeCommand(current_password="guessed wrong", new_password="new password")

    with pytest.raises(PermissionDeniedError) as raised:
        await update_me(uow).execute(principal, command)

    assert raised.value.code == "forbidden"
    assert (await stored(uow, principal))[2] == "hashed:old password"
    assert uow.sessions.rows[other_session].revoked_at is None


async def test_password_change_requires_current_password() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    with pytest.raises(ValidationError) as raised:
        await update_me(uow).execute(principal, UpdateMeCommand(new_password="new password"))

    assert raised.value.errors[0].field == "current_password"


async def test_current_password_alone_is_rejected() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)

    with pytest.raises(ValidationError) as raised:
        await update_me(uow).execute(principal, UpdateMeCommand(current_password="old password"))

    assert raised.value.errors[0].field == "new_password"


async def test_password_change_rejects_short_password() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    command = UpdateMeCommand(current_password="old password", new_password="short")

    with pytest.raises(ValidationError) as raised:
        await update_me(uow).execute(principal, command)

    assert raised.value.errors[0].field == "new_password"


async def test_name_change_keeps_other_sessions() -> None:
    uow = FakeUnitOfWork()
    principal = await add_user(uow)
    other_session = await add_session(uow, principal.user.id)

    await update_me(uow).execute(principal, UpdateMeCommand(full_name="Ayşe"))

    assert uow.sessions.rows[other_session].revoked_at is None
