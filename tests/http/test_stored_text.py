"""Input the databases cannot store is a 422 on both, never a 500 on one of them."""

import pytest

from tests.http.chat_helpers import bot_with_knowledge, poll, start_chat
from tests.http.helpers import PASSWORD, Api, assert_error

NUL_NAME = "Ac\x00me"


def assert_field_error(response: object, field: str) -> None:
    assert_error(response, 422, "validation_error")  # type: ignore[arg-type]
    fields = [item["field"] for item in response.json()["extra"]]  # type: ignore[attr-defined]
    assert field in fields


async def test_lead_fields_with_nul_are_rejected(api: Api) -> None:
    account = await api.account()

    created = await api.client.post("/api/leads", json={"name": NUL_NAME}, headers=account.headers)
    lead = await api.client.post("/api/leads", json={"name": "Ada"}, headers=account.headers)
    updated = await api.client.put(
        f"/api/leads/{lead.json()['id']}", json={"notes": "a\x00b"}, headers=account.headers
    )

    assert_field_error(created, "name")
    assert_field_error(updated, "notes")


async def test_public_lead_with_nul_is_rejected(api: Api) -> None:
    account = await api.account()
    bot = await bot_with_knowledge(api, account)

    response = await api.client.post(
        "/api/public/leads",
        json={"bot_public_key": bot["public_key"], "name": NUL_NAME, "email": "ada@example.com"},
    )

    assert_field_error(response, "name")


async def test_tenant_names_with_nul_are_rejected(api: Api) -> None:
    account = await api.account()

    created = await api.client.post(
        "/api/tenants", json={"name": NUL_NAME}, headers=account.headers
    )
    renamed = await api.client.put(
        f"/api/tenants/{account.tenant_id}", json={"name": NUL_NAME}, headers=account.headers
    )

    assert_field_error(created, "name")
    assert_field_error(renamed, "name")


async def test_user_texts_with_nul_are_rejected(api: Api) -> None:
    account = await api.account()

    registered = await api.client.post(
        "/api/auth/register",
        json={"email": "nul@example.com", "password": PASSWORD, "full_name": NUL_NAME},
    )
    renamed = await api.client.put("/api/me", json={"full_name": NUL_NAME}, headers=account.headers)
    login = await api.client.post(
        "/api/auth/login", json={"email": "a\x00@example.com", "password": PASSWORD}
    )

    assert_field_error(registered, "full_name")
    assert_field_error(renamed, "full_name")
    assert_field_error(login, "email")


async def test_widget_key_with_nul_is_a_client_error(api: Api) -> None:
    response = await api.client.post("/api/public/chat/init", json={"bot_public_key": "bot_\x00"})

    assert 400 <= response.status_code < 500, response.text


@pytest.mark.parametrize(
    "since",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:30:00+00:45"],
)
async def test_since_outside_the_calendar_is_rejected(api: Api, since: str) -> None:
    account = await api.account()
    chat = await start_chat(api.client, await bot_with_knowledge(api, account))

    response = await poll(api.client, chat, since=since)

    assert_field_error(response, "since")


async def test_lead_search_with_nul_is_rejected(api: Api) -> None:
    account = await api.account()

    response = await api.client.get(
        "/api/leads", params={"search": "ze\x00ynep"}, headers=account.headers
    )

    assert_field_error(response, "search")


async def test_bot_key_with_nul_is_not_found(api: Api) -> None:
    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": "bot_\x00nope"}
    )

    assert_error(response, 404, "not_found")
