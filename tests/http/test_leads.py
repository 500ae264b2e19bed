import uuid
from typing import Any

import pytest

from tests.http.helpers import Account, Api, assert_error


async def add_lead(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    body = {"name": "Ayşe Yılmaz", **fields}
    response = await api.client.post("/api/leads", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def member(api: Api, owner: Account, role: str) -> Account:
    """Register a user and add them to the owner's tenant with `role`."""
    email = await api.register()
    response = await api.client.post(
        f"/api/tenants/{owner.tenant_id}/members",
        json={"email": email, "role": role},
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    account = await api.login(email)
    account.headers["X-Tenant-ID"] = str(owner.tenant_id)
    return account


async def list_leads(api: Api, account: Account, **params: Any) -> list[dict[str, Any]]:
    response = await api.client.get("/api/leads", params=params, headers=account.headers)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()
    return result


# Create


async def test_create_lead_returns_normalised_lead(api: Api) -> None:
    account = await api.account()

    response = await api.client.post(
        "/api/leads",
        json={
            "name": "  Ayşe Yılmaz ",
            "email": " Ayse@Example.COM",
            "phone": "0532 123 45 67",
            "notes": "Fiyat sordu.",
        },
        headers=account.headers,
    )

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Ayşe Yılmaz"
    assert body["email"] == "ayse@example.com"
    assert body["phone"] == "+905321234567"
    assert body["notes"] == "Fiyat sordu."
    assert body["tenant_id"] == account.tenant_id
    assert body["bot_id"] is None
    assert body["conversation_id"] is None
    assert body["created_at"].endswith("Z")


async def test_create_lead_defaults_source_and_status(api: Api) -> None:
    account = await api.account()

    body = await add_lead(api, account)

    assert body["source"] == "manual"
    assert body["status"] == "new"


async def test_create_lead_accepts_source_and_status(api: Api) -> None:
    account = await api.account()

    body = await add_lead(api, account, source="import", status="qualified")

    assert body["source"] == "import"
    assert body["status"] == "qualified"


async def test_create_lead_links_tenant_bot(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    body = await add_lead(api, account, bot_id=bot["id"])

    assert body["bot_id"] == bot["id"]


async def test_create_lead_rejects_other_tenants_bot(api: Api) -> None:
    account = await api.account()
    other_bot = await api.bot(await api.account())

    response = await api.client.post(
        "/api/leads", json={"name": "Ali", "bot_id": other_bot["id"]}, headers=account.headers
    )

    assert_error(response, 404, "not_found")


async def test_create_lead_rejects_unknown_bot(api: Api) -> None:
    account = await api.account()

    response = await api.client.post(
        "/api/leads", json={"name": "Ali", "bot_id": str(uuid.uuid4())}, headers=account.headers
    )

    assert_error(response, 404, "not_found")


async def test_create_lead_uses_tenant_phone_region(api: Api) -> None:
    account = await api.account()
    response = await api.client.put(
        f"/api/tenants/{account.tenant_id}",
        json={"settings": {"default_phone_region": "US"}},
        headers=account.headers,
    )
    assert response.status_code == 200, response.text

    body = await add_lead(api, account, phone="(415) 555-2671")

    assert body["phone"] == "+14155552671"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"name": "Ali", "status": "hot"}, "status"),
        ({"name": "Ali", "source": "fax"}, "source"),
        ({"name": "Ali", "source": None}, "source"),
        ({"name": "Ali", "status": None}, "status"),
        ({"name": "Ali", "notes": "x" * 5001}, "notes"),
        ({"name": "x" * 201}, "name"),
        ({"email": "a" * 321}, "email"),
        ({"phone": "1" * 33}, "phone"),
        ({"name": "Ali", "bot_id": "not-a-uuid"}, "bot_id"),
        ({"name": 42}, "name"),
    ],
)
async def test_create_lead_rejects_invalid_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    account = await api.account()

    response = await api.client.post("/api/leads", json=body, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


@pytest.mark.parametrize(
    "body", [{}, {"notes": "Aradı"}, {"name": "  ", "email": "", "phone": None}]
)
async def test_create_lead_requires_contact_field(api: Api, body: dict[str, Any]) -> None:
    account = await api.account()

    response = await api.client.post("/api/leads", json=body, headers=account.headers)

    assert_error(response, 422, "validation_error")


async def test_create_lead_rejects_malformed_json(api: Api) -> None:
    account = await api.account()

    response = await api.client.post(
        "/api/leads",
        content=b"{nope",
        headers={**account.headers, "Content-Type": "application/json"},
    )

    assert_error(response, 422, "validation_error")


async def test_create_lead_requires_login(api: Api) -> None:
    response = await api.client.post("/api/leads", json={"name": "Ali"})

    assert_error(response, 401, "unauthorized")


async def test_create_lead_forbids_viewer(api: Api) -> None:
    owner = await api.account()
    viewer = await member(api, owner, "viewer")

    response = await api.client.post("/api/leads", json={"name": "Ali"}, headers=viewer.headers)

    assert_error(response, 403, "forbidden")


async def test_create_lead_allows_agent(api: Api) -> None:
    owner = await api.account()
    agent = await member(api, owner, "agent")

    response = await api.client.post("/api/leads", json={"name": "Ali"}, headers=agent.headers)

    assert response.status_code == 201


async def test_create_lead_without_tenant_is_no_tenant(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.post("/api/leads", json={"name": "Ali"}, headers=account.headers)

    assert_error(response, 404, "no_tenant")


# List


async def test_list_leads_returns_newest_first_with_total(api: Api) -> None:
    account = await api.account()
    first = await add_lead(api, account, name="First")
    second = await add_lead(api, account, name="Second")

    response = await api.client.get("/api/leads", headers=account.headers)

    assert response.status_code == 200
    assert [lead["id"] for lead in response.json()] == [second["id"], first["id"]]
    assert response.headers["X-Total-Count"] == "2"


async def test_list_leads_pages_with_skip_and_limit(api: Api) -> None:
    account = await api.account()
    created = [await add_lead(api, account, name=f"Lead {i}") for i in range(3)]

    response = await api.client.get(
        "/api/leads", params={"skip": 1, "limit": 1}, headers=account.headers
    )

    assert [lead["id"] for lead in response.json()] == [created[1]["id"]]
    assert response.headers["X-Total-Count"] == "3"


async def test_list_leads_hides_other_tenants(api: Api) -> None:
    account = await api.account()
    await add_lead(api, await api.account())

    response = await api.client.get("/api/leads", headers=account.headers)

    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"


async def test_list_leads_filters_by_status_and_source(api: Api) -> None:
    account = await api.account()
    wanted = await add_lead(api, account, status="contacted", source="import")
    await add_lead(api, account, status="contacted")
    await add_lead(api, account, source="import")

    found = await list_leads(api, account, status="contacted", source="import")

    assert [lead["id"] for lead in found] == [wanted["id"]]


async def test_list_leads_filters_by_bot(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    wanted = await add_lead(api, account, bot_id=bot["id"])
    await add_lead(api, account)

    found = await list_leads(api, account, bot_id=bot["id"])

    assert [lead["id"] for lead in found] == [wanted["id"]]


async def test_list_leads_keeps_leads_of_deleted_bot(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    lead = await add_lead(api, account, bot_id=bot["id"])
    response = await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)
    assert response.status_code == 204, response.text

    found = await list_leads(api, account)

    assert [item["id"] for item in found] == [lead["id"]]
    assert found[0]["bot_id"] == bot["id"]


async def test_list_leads_rejects_other_tenants_bot(api: Api) -> None:
    account = await api.account()
    other_bot = await api.bot(await api.account())

    response = await api.client.get(
        "/api/leads", params={"bot_id": other_bot["id"]}, headers=account.headers
    )

    assert_error(response, 404, "not_found")


async def test_list_leads_rejects_unknown_bot(api: Api) -> None:
    account = await api.account()

    response = await api.client.get(
        "/api/leads", params={"bot_id": str(uuid.uuid4())}, headers=account.headers
    )

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    "search", ["zeynep", "ZEYNEP@EXAMPLE", "0532 987", "+90532987", "VIP müşteri"]
)
async def test_list_leads_searches_name_email_phone_and_notes(api: Api, search: str) -> None:
    account = await api.account()
    wanted = await add_lead(
        api,
        account,
        name="Zeynep Kaya",
        email="zeynep@example.com",
        phone="0532 987 65 43",
        notes="vip müşteri",
    )
    await add_lead(api, account, name="Ali Veli", email="ali@example.org")

    found = await list_leads(api, account, search=search)

    assert [lead["id"] for lead in found] == [wanted["id"]]


async def test_list_leads_search_treats_percent_literally(api: Api) -> None:
    account = await api.account()
    wanted = await add_lead(api, account, notes="100% ilgili")
    await add_lead(api, account, notes="ilgisiz")

    found = await list_leads(api, account, search="%")

    assert [lead["id"] for lead in found] == [wanted["id"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "hot"}, "status"),
        ({"source": "fax"}, "source"),
        ({"skip": -1}, "skip"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"bot_id": "not-a-uuid"}, "bot_id"),
        ({"search": "x" * 201}, "search"),
    ],
)
async def test_list_leads_rejects_invalid_query(
    api: Api, params: dict[str, Any], field: str
) -> None:
    account = await api.account()

    response = await api.client.get("/api/leads", params=params, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


async def test_list_leads_requires_login(api: Api) -> None:
    response = await api.client.get("/api/leads")

    assert_error(response, 401, "unauthorized")


async def test_list_leads_allows_viewer(api: Api) -> None:
    owner = await api.account()
    await add_lead(api, owner)
    viewer = await member(api, owner, "viewer")

    found = await list_leads(api, viewer)

    assert len(found) == 1


# Update


async def test_update_lead_changes_only_sent_fields(api: Api) -> None:
    account = await api.account()
    lead = await add_lead(api, account, email="ayse@example.com", notes="ilk not")

    response = await api.client.put(
        f"/api/leads/{lead['id']}", json={"status": "contacted"}, headers=account.headers
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "contacted"
    assert body["name"] == "Ayşe Yılmaz"
    assert body["email"] == "ayse@example.com"
    assert body["notes"] == "ilk not"
    assert body["created_at"] == lead["created_at"]


async def test_update_lead_normalises_email_and_phone(api: Api) -> None:
    account = await api.account()
    lead = await add_lead(api, account)

    response = await api.client.put(
        f"/api/leads/{lead['id']}",
        json={"email": "NEW@example.com ", "phone": "+90 (532) 123-4567"},
        headers=account.headers,
    )

    assert response.json()["email"] == "new@example.com"
    assert response.json()["phone"] == "+905321234567"


async def test_update_lead_clears_field_with_null(api: Api) -> None:
    account = await api.account()
    lead = await add_lead(api, account, email="ayse@example.com", notes="not")

    response = await api.client.put(
        f"/api/leads/{lead['id']}", json={"name": None, "notes": None}, headers=account.headers
    )

    assert response.status_code == 200
    assert response.json()["name"] is None
    assert response.json()["notes"] is None
    assert response.json()["email"] == "ayse@example.com"


async def test_update_lead_keeps_one_contact_field(api: Api) -> None:
    account = await api.account()
    lead = await add_lead(api, account)

    response = await api.client.put(
        f"/api/leads/{lead['id']}", json={"name": None}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    listed = await list_leads(api, account)
    assert listed[0]["name"] == "Ayşe Yılmaz"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": None}, "status"),
        ({"source": None}, "source"),
        ({"status": "hot"}, "status"),
        ({"source": "fax"}, "source"),
        ({"email": "ayse@"}, "email"),
        ({"phone": "0532"}, "phone"),
        ({"notes": "x" * 5001}, "notes"),
        ({"name": "x" * 201}, "name"),
    ],
)
async def test_update_lead_rejects_invalid_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    account = await api.account()
    lead = await add_lead(api, account)

    response = await api.client.put(f"/api/leads/{lead['id']}", json=body, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


async def test_update_lead_hides_other_tenants_lead(api: Api) -> None:
    owner = await api.account()
    lead = await add_lead(api, owner)
    intruder = await api.account()

    response = await api.client.put(
        f"/api/leads/{lead['id']}", json={"name": "Mallory"}, headers=intruder.headers
    )

    assert_error(response, 404, "not_found")
    assert (await list_leads(api, owner))[0]["name"] == "Ayşe Yılmaz"


async def test_update_lead_rejects_unknown_lead(api: Api) -> None:
    account = await api.account()

    response = await api.client.put(
        f"/api/leads/{uuid.uuid4()}", json={"name": "Ali"}, headers=account.headers
    )

    assert_error(response, 404, "not_found")


async def test_update_lead_rejects_malformed_id(api: Api) -> None:
    account = await api.account()

    response = await api.client.put(
        "/api/leads/not-a-uuid", json={"name": "Ali"}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "lead_id"


async def test_update_lead_forbids_viewer(api: Api) -> None:
    owner = await api.account()
    lead = await add_lead(api, owner)
    viewer = await member(api, owner, "viewer")

    response = await api.client.put(
        f"/api/leads/{lead['id']}", json={"status": "lost"}, headers=viewer.headers
    )

    assert_error(response, 403, "forbidden")


async def test_update_lead_requires_login(api: Api) -> None:
    response = await api.client.put(f"/api/leads/{uuid.uuid4()}", json={"name": "Ali"})

    assert_error(response, 401, "unauthorized")


# Delete


async def test_delete_lead_removes_it(api: Api) -> None:
    account = await api.account()
    lead = await add_lead(api, account)

    response = await api.client.delete(f"/api/leads/{lead['id']}", headers=account.headers)

    assert response.status_code == 204
    assert await list_leads(api, account) == []


async def test_delete_lead_hides_other_tenants_lead(api: Api) -> None:
    owner = await api.account()
    lead = await add_lead(api, owner)
    intruder = await api.account()

    response = await api.client.delete(f"/api/leads/{lead['id']}", headers=intruder.headers)

    assert_error(response, 404, "not_found")
    assert len(await list_leads(api, owner)) == 1


async def test_delete_lead_rejects_unknown_lead(api: Api) -> None:
    account = await api.account()

    response = await api.client.delete(f"/api/leads/{uuid.uuid4()}", headers=account.headers)

    assert_error(response, 404, "not_found")


async def test_delete_lead_forbids_viewer(api: Api) -> None:
    owner = await api.account()
    lead = await add_lead(api, owner)
    viewer = await member(api, owner, "viewer")

    response = await api.client.delete(f"/api/leads/{lead['id']}", headers=viewer.headers)

    assert_error(response, 403, "forbidden")
    assert len(await list_leads(api, owner)) == 1


async def test_delete_lead_requires_login(api: Api) -> None:
    response = await api.client.delete(f"/api/leads/{uuid.uuid4()}")

    assert_error(response, 401, "unauthorized")
