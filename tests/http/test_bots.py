import asyncio
from typing import Any

import pytest

from svontai.entrypoints.container import Container
from tests.http.bot_helpers import use_seeded_plan
from tests.http.chat_helpers import count_events, start_chat
from tests.http.helpers import Api, assert_error
from tests.http.tenant_helpers import join

BOT_FIELDS = {
    "name",
    "description",
    "welcome_message",
    "language",
    "primary_color",
    "widget_position",
    "is_active",
    "fallback_message",
    "handoff_message",
    "answer_threshold",
    "public_key",
    "tenant_id",
    "id",
    "created_at",
    "updated_at",
}


# create


async def test_create_bot_returns_bot_with_defaults(api: Api) -> None:
    account = await api.account()

    response = await api.client.post("/api/bots", json={"name": "Destek"}, headers=account.headers)

    assert response.status_code == 201
    body = response.json()
    assert set(body) == BOT_FIELDS
    assert body["name"] == "Destek"
    assert body["tenant_id"] == account.tenant_id
    assert body["language"] == "tr"
    assert body["widget_position"] == "right"
    assert body["is_active"] is True
    assert body["description"] is None
    assert 0 <= body["answer_threshold"] <= 1
    assert body["public_key"].startswith("bot_")
    assert len(body["public_key"]) >= 36
    assert body["created_at"].endswith("Z")


async def test_create_bot_stores_every_field(api: Api) -> None:
    account = await api.account()
    fields: dict[str, Any] = {
        "name": "Sales",
        "description": "Answers pricing questions.",
        "welcome_message": "Hi!",
        "language": "en",
        "primary_color": "#10B981",
        "widget_position": "left",
        "is_active": False,
        "fallback_message": "I don't know.",
        "handoff_message": "Passing you on.",
        "answer_threshold": 0.65,
    }

    created = await api.bot(account, **fields)
    response = await api.client.get(f"/api/bots/{created['id']}", headers=account.headers)

    assert response.status_code == 200
    assert {name: response.json()[name] for name in fields} == fields


async def test_create_bot_ignores_public_key_sent(api: Api) -> None:
    account = await api.account()

    bot = await api.bot(account, public_key="bot_chosen")

    assert bot["public_key"] != "bot_chosen"


async def test_create_bot_requires_login(api: Api) -> None:
    response = await api.client.post("/api/bots", json={"name": "Destek"})

    assert_error(response, 401, "unauthorized")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "A", "language": "TR"}, "language"),
        ({"name": "A", "language": "turkish"}, "language"),
        ({"name": "A", "primary_color": "red"}, "primary_color"),
        ({"name": "A", "primary_color": "#GGGGGG"}, "primary_color"),
        ({"name": "A", "widget_position": "top"}, "widget_position"),
        ({"name": "A", "answer_threshold": 1.01}, "answer_threshold"),
        ({"name": "A", "answer_threshold": -1}, "answer_threshold"),
        ({"name": "A", "answer_threshold": None}, "answer_threshold"),
        ({"name": "A", "answer_threshold": "high"}, "answer_threshold"),
        ({"name": "A", "is_active": "yes"}, "is_active"),
        ({"name": "A", "is_active": None}, "is_active"),
        ({"name": "A", "welcome_message": None}, "welcome_message"),
        ({"name": "A", "fallback_message": ""}, "fallback_message"),
        ({"name": "A", "handoff_message": "x" * 4001}, "handoff_message"),
    ],
)
async def test_create_bot_rejects_invalid_field(api: Api, body: dict[str, Any], field: str) -> None:
    account = await api.account()

    response = await api.client.post("/api/bots", json=body, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


async def test_create_bot_rejects_blank_name(api: Api) -> None:
    account = await api.account()

    response = await api.client.post("/api/bots", json={"name": "   "}, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "name"


@pytest.mark.parametrize("content", [b"[]", b'"name"', b"{not json"])
async def test_create_bot_rejects_malformed_body(api: Api, content: bytes) -> None:
    account = await api.account()
    headers = {**account.headers, "Content-Type": "application/json"}

    response = await api.client.post("/api/bots", content=content, headers=headers)

    assert_error(response, 422, "validation_error")


async def test_create_bot_beyond_free_plan_is_rejected(api: Api, container: Container) -> None:
    account = await api.account()
    await api.bot(account)

    response = await api.client.post("/api/bots", json={"name": "Two"}, headers=account.headers)

    assert_error(response, 403, "plan_limit_reached")
    assert await count_events(container, "plan_limit_reached", account.tenant_id) == 1
    listing = await api.client.get("/api/bots", headers=account.headers)
    assert listing.headers["X-Total-Count"] == "1"


async def test_concurrent_creates_respect_plan_limit(api: Api) -> None:
    account = await api.account()

    responses = await asyncio.gather(
        *(
            api.client.post("/api/bots", json={"name": f"Bot {index}"}, headers=account.headers)
            for index in range(5)
        )
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 403, 403, 403, 403]


async def test_create_bot_within_pro_plan_is_allowed(api: Api, container: Container) -> None:
    account = await api.account()
    await use_seeded_plan(container, account, "pro")
    for name in ("One", "Two", "Three"):
        await api.bot(account, name=name)

    response = await api.client.post("/api/bots", json={"name": "Four"}, headers=account.headers)

    assert_error(response, 403, "plan_limit_reached")


@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_create_bot_rejects_role_without_write(api: Api, role: str) -> None:
    owner = await api.account()
    member = await join(api, owner, role)

    response = await api.client.post("/api/bots", json={"name": "X"}, headers=member.headers)

    assert_error(response, 403, "forbidden")


async def test_create_bot_allows_manager(api: Api) -> None:
    owner = await api.account()
    manager = await join(api, owner, "manager")

    response = await api.client.post("/api/bots", json={"name": "X"}, headers=manager.headers)

    assert response.status_code == 201


# read


async def test_list_bots_is_newest_first_with_total(api: Api, container: Container) -> None:
    account = await api.account()
    await use_seeded_plan(container, account, "pro")
    names = ["One", "Two", "Three"]
    for name in names:
        await api.bot(account, name=name)

    response = await api.client.get(
        "/api/bots", params={"skip": 1, "limit": 1}, headers=account.headers
    )

    assert response.status_code == 200
    assert [bot["name"] for bot in response.json()] == ["Two"]
    assert response.headers["X-Total-Count"] == "3"


async def test_list_bots_shows_only_own_tenant(api: Api) -> None:
    account = await api.account()
    await api.bot(await api.account(), name="Foreign")

    response = await api.client.get("/api/bots", headers=account.headers)

    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"skip": -1}, {"limit": "x"}])
async def test_list_bots_rejects_bad_paging(api: Api, params: dict[str, Any]) -> None:
    account = await api.account()

    response = await api.client.get("/api/bots", params=params, headers=account.headers)

    assert_error(response, 422, "validation_error")


async def test_list_bots_requires_login(api: Api) -> None:
    response = await api.client.get("/api/bots")

    assert_error(response, 401, "unauthorized")


@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_read_bots_is_allowed_to_every_role(api: Api, role: str) -> None:
    owner = await api.account()
    bot = await api.bot(owner)
    member = await join(api, owner, role)

    listing = await api.client.get("/api/bots", headers=member.headers)
    single = await api.client.get(f"/api/bots/{bot['id']}", headers=member.headers)

    assert [found["id"] for found in listing.json()] == [bot["id"]]
    assert single.status_code == 200


async def test_get_bot_hides_other_tenants_bot(api: Api) -> None:
    account = await api.account()
    foreign = await api.bot(await api.account())

    response = await api.client.get(f"/api/bots/{foreign['id']}", headers=account.headers)

    assert_error(response, 404, "not_found")


async def test_get_bot_unknown_is_not_found(api: Api) -> None:
    account = await api.account()

    response = await api.client.get(
        "/api/bots/00000000-0000-4000-8000-000000000000", headers=account.headers
    )

    assert_error(response, 404, "not_found")


async def test_get_bot_requires_login(api: Api) -> None:
    bot = await api.bot(await api.account())

    response = await api.client.get(f"/api/bots/{bot['id']}")

    assert_error(response, 401, "unauthorized")


# update


async def test_update_bot_changes_only_sent_fields(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account, description="Old", language="en")

    response = await api.client.put(
        f"/api/bots/{bot['id']}",
        json={"name": "New", "answer_threshold": 0.9, "public_key": "bot_mine"},
        headers=account.headers,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "New"
    assert body["answer_threshold"] == 0.9
    assert body["description"] == "Old"
    assert body["language"] == "en"
    assert body["public_key"] == bot["public_key"]
    assert body["created_at"] == bot["created_at"]
    assert body["updated_at"] >= bot["updated_at"]


async def test_update_bot_clears_description_with_null(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account, description="Old")

    response = await api.client.put(
        f"/api/bots/{bot['id']}", json={"description": None}, headers=account.headers
    )

    assert response.json()["description"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"name": None},
        {"name": ""},
        {"answer_threshold": None},
        {"answer_threshold": 3},
        {"language": None},
        {"primary_color": "#12345"},
        {"widget_position": "center"},
        {"is_active": None},
        {"fallback_message": None},
    ],
)
async def test_update_bot_rejects_invalid_field(api: Api, body: dict[str, Any]) -> None:
    account = await api.account()
    bot = await api.bot(account)

    response = await api.client.put(f"/api/bots/{bot['id']}", json=body, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == next(iter(body))


async def test_update_bot_hides_other_tenants_bot(api: Api) -> None:
    account = await api.account()
    foreign_account = await api.account()
    foreign = await api.bot(foreign_account)

    response = await api.client.put(
        f"/api/bots/{foreign['id']}", json={"name": "Mine"}, headers=account.headers
    )

    assert_error(response, 404, "not_found")
    check = await api.client.get(f"/api/bots/{foreign['id']}", headers=foreign_account.headers)
    assert check.json()["name"] == foreign["name"]


@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_update_bot_rejects_role_without_write(api: Api, role: str) -> None:
    owner = await api.account()
    bot = await api.bot(owner)
    member = await join(api, owner, role)

    response = await api.client.put(
        f"/api/bots/{bot['id']}", json={"name": "X"}, headers=member.headers
    )

    assert_error(response, 403, "forbidden")


async def test_update_bot_requires_login(api: Api) -> None:
    bot = await api.bot(await api.account())

    response = await api.client.put(f"/api/bots/{bot['id']}", json={"name": "X"})

    assert_error(response, 401, "unauthorized")


# delete


async def test_delete_bot_hides_it_everywhere(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    response = await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    assert response.status_code == 204
    single = await api.client.get(f"/api/bots/{bot['id']}", headers=account.headers)
    assert_error(single, 404, "not_found")
    listing = await api.client.get("/api/bots", headers=account.headers)
    assert listing.json() == []
    again = await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)
    assert_error(again, 404, "not_found")
    update = await api.client.put(
        f"/api/bots/{bot['id']}", json={"name": "X"}, headers=account.headers
    )
    assert_error(update, 404, "not_found")


async def test_delete_bot_frees_its_place_in_the_plan(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    response = await api.client.post("/api/bots", json={"name": "Next"}, headers=account.headers)

    assert response.status_code == 201


async def test_delete_bot_removes_its_knowledge(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    item = await api.knowledge(account, bot["id"], "Kargo ücreti ne kadar?", "50 TL.")

    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    listing = await api.client.get("/api/knowledge", headers=account.headers)
    assert listing.json() == []
    search = await api.client.get("/api/knowledge", params={"q": "kargo"}, headers=account.headers)
    assert search.json() == []
    single = await api.client.get(f"/api/knowledge/{item['id']}", headers=account.headers)
    assert_error(single, 404, "not_found")
    by_bot = await api.client.get(
        "/api/knowledge", params={"bot_id": bot["id"]}, headers=account.headers
    )
    assert_error(by_bot, 404, "not_found")


async def test_delete_bot_keeps_its_leads(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    created = await api.client.post(
        "/api/leads", json={"name": "Ayşe", "bot_id": bot["id"]}, headers=account.headers
    )
    assert created.status_code == 201, created.text

    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    leads = await api.client.get("/api/leads", headers=account.headers)
    assert [lead["bot_id"] for lead in leads.json()] == [bot["id"]]


async def test_delete_bot_closes_and_keeps_its_conversations(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    chat = await start_chat(api.client, bot)

    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    response = await api.client.get(
        f"/api/conversations/{chat['conversation_id']}", headers=account.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "closed"
    assert response.json()["bot_id"] == bot["id"]


async def test_deleted_bot_widget_key_stops_working(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )
    assert_error(response, 404, "not_found")


async def test_delete_bot_hides_other_tenants_bot(api: Api) -> None:
    account = await api.account()
    foreign_account = await api.account()
    foreign = await api.bot(foreign_account)

    response = await api.client.delete(f"/api/bots/{foreign['id']}", headers=account.headers)

    assert_error(response, 404, "not_found")
    check = await api.client.get(f"/api/bots/{foreign['id']}", headers=foreign_account.headers)
    assert check.status_code == 200


@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_delete_bot_rejects_role_without_write(api: Api, role: str) -> None:
    owner = await api.account()
    bot = await api.bot(owner)
    member = await join(api, owner, role)

    response = await api.client.delete(f"/api/bots/{bot['id']}", headers=member.headers)

    assert_error(response, 403, "forbidden")


async def test_delete_bot_requires_login(api: Api) -> None:
    bot = await api.bot(await api.account())

    response = await api.client.delete(f"/api/bots/{bot['id']}")

    assert_error(response, 401, "unauthorized")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_bot_route_rejects_malformed_id(api: Api, method: str) -> None:
    account = await api.account()

    response = await api.client.request(
        method, "/api/bots/not-a-uuid", json={"name": "X"}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "bot_id"
