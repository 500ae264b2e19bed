import asyncio
import uuid

from svontai.entrypoints.container import Container
from tests.http.helpers import Api, assert_error
from tests.http.tenant_helpers import join, suspend

DEFAULT_SETTINGS = {"default_phone_region": "TR", "timezone": "Europe/Istanbul"}


async def test_create_tenant_returns_tenant(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.post(
        "/api/tenants", json={"name": "Kahve Durağı"}, headers=account.headers
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "name",
        "slug",
        "settings",
        "plan_code",
        "is_suspended",
        "created_at",
        "updated_at",
    }
    assert body["name"] == "Kahve Durağı"
    assert body["slug"] == "kahve-duragi"
    assert body["settings"] == DEFAULT_SETTINGS
    assert body["plan_code"] == "free"
    assert body["is_suspended"] is False
    assert body["created_at"].endswith("Z")


async def test_create_tenant_makes_caller_owner(api: Api) -> None:
    account = await api.account()

    response = await api.client.get(
        f"/api/tenants/{account.tenant_id}/members", headers=account.headers
    )

    assert [(member["email"], member["role"]) for member in response.json()] == [
        (account.email, "owner")
    ]


async def test_create_tenant_numbers_taken_slug(api: Api) -> None:
    first = await api.account(tenant_name="Acme Ltd")
    second = await api.account(with_tenant=False)

    response = await api.client.post(
        "/api/tenants", json={"name": "ACME  ltd"}, headers=second.headers
    )
    third = await api.client.post("/api/tenants", json={"name": "Acme Ltd"}, headers=first.headers)

    assert response.json()["slug"] == "acme-ltd-2"
    assert third.json()["slug"] == "acme-ltd-3"


async def test_concurrent_same_name_tenants_get_slugs(api: Api) -> None:
    account = await api.account(with_tenant=False)
    name = f"Paralel {uuid.uuid4().hex[:6]}"

    responses = await asyncio.gather(
        *(
            api.client.post("/api/tenants", json={"name": name}, headers=account.headers)
            for _ in range(5)
        )
    )

    assert [response.status_code for response in responses] == [201] * 5
    assert len({response.json()["slug"] for response in responses}) == 5


async def test_create_tenant_uses_default_plan_setting(client_with) -> None:  # type: ignore[no-untyped-def]
    api = Api(await client_with(default_plan="pro"))
    account = await api.account(with_tenant=False)

    response = await api.client.post("/api/tenants", json={"name": "Pro"}, headers=account.headers)

    assert response.json()["plan_code"] == "pro"


async def test_create_tenant_rejects_blank_name(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.post("/api/tenants", json={"name": "   "}, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "name"


async def test_create_tenant_rejects_long_name(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.post(
        "/api/tenants", json={"name": "x" * 201}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "name"


async def test_create_tenant_requires_token(api: Api) -> None:
    response = await api.client.post("/api/tenants", json={"name": "Acme"})

    assert_error(response, 401, "unauthorized")


async def test_list_my_tenants_gives_role_in_each(api: Api, container: Container) -> None:
    owner = await api.account(tenant_name="Theirs")
    member = await join(api, owner, "agent")
    own = await api.client.post("/api/tenants", json={"name": "Mine"}, headers=member.headers)
    await suspend(container, owner.tenant_id)

    response = await api.client.get("/api/tenants/my", headers=member.headers)

    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "2"
    body = response.json()
    assert [(tenant["id"], tenant["role"]) for tenant in body] == [
        (owner.tenant_id, "agent"),
        (own.json()["id"], "owner"),
    ]
    assert body[0]["is_suspended"] is True
    assert body[0]["slug"] == "theirs"


async def test_list_my_tenants_empty_without_membership(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.get("/api/tenants/my", headers=account.headers)

    assert response.json() == []


async def test_update_tenant_renames_and_keeps_slug(api: Api) -> None:
    account = await api.account(tenant_name="Old Name")

    response = await api.client.put(
        f"/api/tenants/{account.tenant_id}", json={"name": "New Name"}, headers=account.headers
    )

    assert response.status_code == 200
    assert response.json()["name"] == "New Name"
    assert response.json()["slug"] == "old-name"
    assert response.json()["settings"] == DEFAULT_SETTINGS


async def test_update_tenant_merges_settings(api: Api) -> None:
    account = await api.account()
    path = f"/api/tenants/{account.tenant_id}"
    await api.client.put(path, json={"settings": {"timezone": "UTC"}}, headers=account.headers)

    response = await api.client.put(
        path, json={"settings": {"default_phone_region": "de"}}, headers=account.headers
    )

    assert response.json()["settings"] == {"default_phone_region": "DE", "timezone": "UTC"}
    me = await api.client.get("/api/me", headers=account.headers)
    assert me.json()["tenant"]["settings"] == {"default_phone_region": "DE", "timezone": "UTC"}


async def test_update_tenant_resets_setting_given_null(api: Api) -> None:
    account = await api.account()
    path = f"/api/tenants/{account.tenant_id}"
    await api.client.put(path, json={"settings": {"timezone": "UTC"}}, headers=account.headers)

    response = await api.client.put(
        path, json={"settings": {"timezone": None}}, headers=account.headers
    )

    assert response.json()["settings"]["timezone"] == "Europe/Istanbul"


async def test_update_tenant_rejects_invalid_settings(api: Api) -> None:
    account = await api.account()
    path = f"/api/tenants/{account.tenant_id}"
    cases = [
        ({"default_phone_region": "XX"}, "settings.default_phone_region"),
        ({"default_phone_region": 90}, "settings.default_phone_region"),
        ({"timezone": "Europe/Nowhere"}, "settings.timezone"),
        ({"currency": "TRY"}, "settings.currency"),
    ]

    for settings, field in cases:
        response = await api.client.put(path, json={"settings": settings}, headers=account.headers)

        assert_error(response, 422, "validation_error")
        assert response.json()["extra"][0]["field"] == field


async def test_update_tenant_rejects_suspension_and_plan(api: Api) -> None:
    account = await api.account()
    path = f"/api/tenants/{account.tenant_id}"

    suspension = await api.client.put(path, json={"is_suspended": True}, headers=account.headers)
    plan = await api.client.put(path, json={"plan_code": "enterprise"}, headers=account.headers)

    assert_error(suspension, 422, "validation_error")
    assert_error(plan, 422, "validation_error")
    me = await api.client.get("/api/me", headers=account.headers)
    assert me.json()["tenant"]["plan_code"] == "free"


async def test_update_tenant_rejects_null_name(api: Api) -> None:
    account = await api.account()

    response = await api.client.put(
        f"/api/tenants/{account.tenant_id}", json={"name": None}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "name"


async def test_update_tenant_rejects_null_settings(api: Api) -> None:
    account = await api.account()

    response = await api.client.put(
        f"/api/tenants/{account.tenant_id}", json={"settings": None}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")


async def test_update_tenant_needs_settings_permission(api: Api) -> None:
    owner = await api.account()
    manager = await join(api, owner, "manager")

    response = await api.client.put(
        f"/api/tenants/{owner.tenant_id}", json={"name": "Mine now"}, headers=manager.headers
    )

    assert_error(response, 403, "forbidden")


async def test_update_tenant_checks_role_in_path_tenant(api: Api) -> None:
    owner = await api.account(tenant_name="Theirs")
    viewer = await join(api, owner, "viewer")
    own = await api.client.post("/api/tenants", json={"name": "Mine"}, headers=viewer.headers)
    headers_for_own = {**viewer.headers, "X-Tenant-ID": own.json()["id"]}

    forbidden = await api.client.put(
        f"/api/tenants/{owner.tenant_id}", json={"name": "Hijacked"}, headers=headers_for_own
    )
    allowed = await api.client.put(
        f"/api/tenants/{own.json()['id']}", json={"name": "Mine too"}, headers=viewer.headers
    )

    assert_error(forbidden, 403, "forbidden")
    assert allowed.status_code == 200


async def test_update_tenant_hides_tenant_of_others(api: Api) -> None:
    account = await api.account()
    other = await api.account()

    response = await api.client.put(
        f"/api/tenants/{other.tenant_id}", json={"name": "Mine"}, headers=account.headers
    )
    unknown = await api.client.put(
        f"/api/tenants/{uuid.uuid4()}", json={"name": "Mine"}, headers=account.headers
    )

    assert_error(response, 404, "not_found")
    assert_error(unknown, 404, "not_found")


async def test_update_tenant_rejects_malformed_id(api: Api) -> None:
    account = await api.account()

    response = await api.client.put(
        "/api/tenants/not-a-uuid", json={"name": "X"}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "tenant_id"


async def test_update_tenant_rejects_suspended_tenant(api: Api, container: Container) -> None:
    account = await api.account()
    await suspend(container, account.tenant_id)

    response = await api.client.put(
        f"/api/tenants/{account.tenant_id}", json={"name": "Back"}, headers=account.headers
    )

    assert_error(response, 403, "tenant_suspended")
