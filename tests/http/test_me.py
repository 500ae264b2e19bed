from datetime import UTC, datetime

import pytest

from svontai.domain.plans import billing_period
from svontai.domain.roles import Role, permissions_of
from svontai.entrypoints.container import Container
from tests.http.helpers import PASSWORD, Api, assert_error
from tests.http.tenant_helpers import join, suspend

FEATURES = {"widget", "whatsapp", "automation", "lead_capture", "llm_answers"}


async def test_me_without_tenant_has_null_context(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.get("/api/me", headers=account.headers)

    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == account.email
    assert body["tenant"] is None
    assert body["role"] is None
    assert body["entitlements"] is None
    assert body["permissions"] == []
    assert body["tenants"] == []
    assert body["feature_flags"] == dict.fromkeys(FEATURES, False)


async def test_me_shows_tenant_role_and_permissions(api: Api) -> None:
    account = await api.account(tenant_name="Kahve Durağı")

    body = (await api.client.get("/api/me", headers=account.headers)).json()

    assert body["tenant"]["id"] == account.tenant_id
    assert body["tenant"]["slug"] == "kahve-duragi"
    assert body["tenant"]["is_suspended"] is False
    assert body["role"] == "owner"
    assert body["permissions"] == permissions_of(Role.OWNER)
    assert body["tenants"] == [{"id": account.tenant_id, "name": "Kahve Durağı", "role": "owner"}]


async def test_me_shows_entitlements_of_free_plan(api: Api) -> None:
    account = await api.account()
    start, end = billing_period(datetime.now(UTC))

    entitlements = (await api.client.get("/api/me", headers=account.headers)).json()["entitlements"]

    assert entitlements == {
        "plan_code": "free",
        "plan_name": "Free",
        "bot_limit": 1,
        "bots_used": 0,
        "knowledge_items_limit": 50,
        "knowledge_items_used": 0,
        "monthly_message_limit": 500,
        "messages_used_this_month": 0,
        "period_start": start.isoformat().replace("+00:00", "Z"),
        "period_end": end.isoformat().replace("+00:00", "Z"),
        "features": ["widget"],
    }


async def test_me_flags_features_of_plan(api: Api) -> None:
    account = await api.account()

    flags = (await api.client.get("/api/me", headers=account.headers)).json()["feature_flags"]

    assert flags == {
        "widget": True,
        "whatsapp": False,
        "automation": False,
        "lead_capture": False,
        "llm_answers": False,
    }


async def test_me_counts_bots_knowledge_and_messages(api: Api, container: Container) -> None:
    account = await api.account(tenant_name="Counted")
    bot = await api.bot(account)
    await api.knowledge(account, bot["id"], "Opening hours?", "Nine to five.")
    await api.knowledge(account, bot["id"], "Parking?", "Behind the shop.")
    await _count_message(container, account.tenant_id)

    entitlements = (await api.client.get("/api/me", headers=account.headers)).json()["entitlements"]

    assert entitlements["bots_used"] == 1
    assert entitlements["knowledge_items_used"] == 2
    assert entitlements["messages_used_this_month"] == 1


async def test_me_uses_default_plan_setting(client_with) -> None:  # type: ignore[no-untyped-def]
    api = Api(await client_with(default_plan="enterprise"))
    account = await api.account()

    body = (await api.client.get("/api/me", headers=account.headers)).json()

    assert body["entitlements"]["plan_code"] == "enterprise"
    assert body["entitlements"]["bot_limit"] is None
    assert body["entitlements"]["monthly_message_limit"] is None
    assert set(body["entitlements"]["features"]) == FEATURES
    assert body["feature_flags"] == dict.fromkeys(FEATURES, True)


async def test_me_defaults_to_oldest_membership(api: Api) -> None:
    account = await api.account(tenant_name="First")
    second = await api.client.post("/api/tenants", json={"name": "Second"}, headers=account.headers)
    del account.headers["X-Tenant-ID"]

    body = (await api.client.get("/api/me", headers=account.headers)).json()

    assert body["tenant"]["id"] == account.tenant_id
    assert [tenant["id"] for tenant in body["tenants"]] == [
        account.tenant_id,
        second.json()["id"],
    ]


async def test_me_honours_tenant_header(api: Api) -> None:
    owner = await api.account(tenant_name="Theirs")
    member = await join(api, owner, "viewer")
    own = await api.client.post("/api/tenants", json={"name": "Mine"}, headers=member.headers)

    body = (await api.client.get("/api/me", headers=member.headers)).json()

    assert body["tenant"]["id"] == owner.tenant_id
    assert body["role"] == "viewer"
    assert body["permissions"] == permissions_of(Role.VIEWER)
    assert {tenant["role"] for tenant in body["tenants"]} == {"viewer", "owner"}
    assert own.json()["id"] in {tenant["id"] for tenant in body["tenants"]}


@pytest.mark.parametrize("value", ["not-a-uuid", "", "  "])
async def test_me_rejects_malformed_tenant_header(api: Api, value: str) -> None:
    account = await api.account()

    response = await api.client.get("/api/me", headers={**account.headers, "X-Tenant-ID": value})

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "X-Tenant-ID"


async def test_me_hides_tenant_of_others(api: Api) -> None:
    account = await api.account()
    other = await api.account()

    response = await api.client.get(
        "/api/me", headers={**account.headers, "X-Tenant-ID": str(other.tenant_id)}
    )

    assert_error(response, 404, "not_found")


async def test_me_keeps_working_for_suspended_tenant(api: Api, container: Container) -> None:
    account = await api.account()
    await suspend(container, account.tenant_id)

    response = await api.client.get("/api/me", headers=account.headers)

    assert response.status_code == 200
    assert response.json()["tenant"]["is_suspended"] is True
    assert response.json()["entitlements"]["plan_code"] == "free"


async def test_update_me_changes_only_sent_fields(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put(
        "/api/me", json={"full_name": " Ayşe Demir "}, headers=account.headers
    )

    assert response.status_code == 200
    assert response.json()["full_name"] == "Ayşe Demir"
    assert response.json()["email"] == account.email


async def test_update_me_normalises_email(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put(
        "/api/me", json={"email": "  New.Address@Example.COM "}, headers=account.headers
    )

    assert response.status_code == 200
    assert response.json()["email"] == "new.address@example.com"
    login = await api.client.post(
        "/api/auth/login", json={"email": "new.address@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200


async def test_update_me_rejects_taken_email(api: Api) -> None:
    account = await api.account(with_tenant=False)
    other = await api.account(with_tenant=False)

    response = await api.client.put(
        "/api/me", json={"email": other.email.upper()}, headers=account.headers
    )

    assert_error(response, 409, "email_taken")


async def test_update_me_rejects_null_name(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put("/api/me", json={"full_name": None}, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "full_name"


async def test_update_me_rejects_invalid_email(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put("/api/me", json={"email": "nope"}, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "email"


async def test_password_change_ends_other_sessions(api: Api) -> None:
    account = await api.account(with_tenant=False)
    other = await api.login(account.email)

    response = await api.client.put(
        "/api/me",
        json={"current_password": PASSWORD, "new_password": "a brand new secret"},
        headers=account.headers,
    )

    assert response.status_code == 200
    assert (await api.client.get("/api/me", headers=account.headers)).status_code == 200
    assert_error(await api.client.get("/api/me", headers=other.headers), 401, "unauthorized")
    refreshed = await api.client.post(
        "/api/auth/refresh", json={"refresh_token": other.refresh_token}
    )
    assert_error(refreshed, 401, "invalid_refresh_token")
    await api.login(account.email, "a brand new secret")


async def test_password_change_rejects_wrong_current_password(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put(
        "/api/me",
        json={"current_password": "not my password", "new_password": "a brand new secret"},
        headers=account.headers,
    )

    assert_error(response, 403, "forbidden")
    await api.login(account.email)


async def test_password_change_requires_current_password(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put(
        "/api/me", json={"new_password": "a brand new secret"}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "current_password"


async def test_password_change_rejects_short_password(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.put(
        "/api/me",
        json={"current_password": PASSWORD, "new_password": "short"},
        headers=account.headers,
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "new_password"


async def test_update_me_requires_token(api: Api) -> None:
    response = await api.client.put("/api/me", json={"full_name": "Nobody"})

    assert_error(response, 401, "unauthorized")


async def _count_message(container: Container, tenant_id: str | None) -> None:
    from uuid import UUID

    assert tenant_id is not None
    uow = container.unit_of_work()
    try:
        await uow.begin_write()
        await uow.usage.add_message(UUID(tenant_id), billing_period(datetime.now(UTC))[0])
        await uow.commit()
    finally:
        await uow.close()
