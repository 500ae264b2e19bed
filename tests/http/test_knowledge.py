import asyncio
import unicodedata
from typing import Any

import pytest

from svontai.entrypoints.container import Container
from tests.http.bot_helpers import use_limits, use_seeded_plan
from tests.http.chat_helpers import count_events
from tests.http.helpers import Account, Api, assert_error
from tests.http.tenant_helpers import join

ITEM_FIELDS = {"id", "bot_id", "title", "question", "answer", "tags", "created_at", "updated_at"}
SHIPPING = "Kargo ücreti ne kadar?"
BRANCH = "İstanbul şubeniz nerede?"


async def account_with_bot(api: Api) -> tuple[Account, dict[str, Any]]:
    account = await api.account()
    return account, await api.bot(account)


async def search(api: Api, account: Account, q: str, **params: Any) -> list[str]:
    response = await api.client.get(
        "/api/knowledge", params={"q": q, **params}, headers=account.headers
    )
    assert response.status_code == 200, response.text
    assert response.headers["X-Total-Count"] == str(len(response.json()))
    return [item["question"] for item in response.json()]


# create


async def test_create_item_returns_item(api: Api) -> None:
    account, bot = await account_with_bot(api)

    response = await api.client.post(
        "/api/knowledge",
        json={
            "bot_id": bot["id"],
            "title": "Kargo",
            "question": SHIPPING,
            "answer": "50 TL.",
            "tags": ["kargo", "ücret"],
        },
        headers=account.headers,
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == ITEM_FIELDS
    assert body["bot_id"] == bot["id"]
    assert body["title"] == "Kargo"
    assert body["question"] == SHIPPING
    assert body["answer"] == "50 TL."
    assert body["tags"] == ["kargo", "ücret"]
    assert body["created_at"].endswith("Z")


async def test_create_item_defaults_title_and_tags(api: Api) -> None:
    account, bot = await account_with_bot(api)

    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    assert item["title"] is None
    assert item["tags"] == []


async def test_create_item_is_searchable_at_once(api: Api) -> None:
    account, bot = await account_with_bot(api)

    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    assert await search(api, account, "kargo ücreti") == [SHIPPING]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answer": "a"}, "question"),
        ({"question": "q"}, "answer"),
        ({"question": "", "answer": "a"}, "question"),
        ({"question": None, "answer": "a"}, "question"),
        ({"question": "q", "answer": None}, "answer"),
        ({"question": "x" * 1001, "answer": "a"}, "question"),
        ({"question": "q", "answer": "x" * 10001}, "answer"),
        ({"question": "q", "answer": "a", "title": "x" * 201}, "title"),
        ({"question": "q", "answer": "a", "tags": None}, "tags"),
        ({"question": "q", "answer": "a", "tags": "kargo"}, "tags"),
        ({"question": "q", "answer": "a", "tags": ["t"] * 21}, "tags"),
        ({"question": "q", "answer": "a", "tags": ["x" * 51]}, "tags[0]"),
        ({"question": "q", "answer": "a", "tags": [""]}, "tags[0]"),
        ({"question": "   ", "answer": "a"}, "question"),
        ({"question": "q", "answer": " \n "}, "answer"),
    ],
)
async def test_create_item_rejects_invalid_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    account, bot = await account_with_bot(api)

    response = await api.client.post(
        "/api/knowledge", json={"bot_id": bot["id"], **body}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


@pytest.mark.parametrize("bot_id", [None, "not-a-uuid", 5])
async def test_create_item_rejects_invalid_bot_id(api: Api, bot_id: Any) -> None:
    account, _ = await account_with_bot(api)

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": bot_id, "question": "q", "answer": "a"},
        headers=account.headers,
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "bot_id"


async def test_create_item_rejects_other_tenants_bot(api: Api) -> None:
    account, _ = await account_with_bot(api)
    _, foreign = await account_with_bot(api)

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": foreign["id"], "question": "q", "answer": "a"},
        headers=account.headers,
    )

    assert_error(response, 404, "not_found")


async def test_create_item_rejects_unknown_bot(api: Api) -> None:
    account, _ = await account_with_bot(api)

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": "00000000-0000-4000-8000-000000000000", "question": "q", "answer": "a"},
        headers=account.headers,
    )

    assert_error(response, 404, "not_found")


async def test_create_item_beyond_free_plan_is_rejected(api: Api, container: Container) -> None:
    account, bot = await account_with_bot(api)
    await asyncio.gather(
        *(api.knowledge(account, bot["id"], f"Soru {index}", "Yanıt") for index in range(50))
    )

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": bot["id"], "question": "Bir soru daha", "answer": "Yanıt"},
        headers=account.headers,
    )

    assert_error(response, 403, "plan_limit_reached")
    assert await count_events(container, "plan_limit_reached", account.tenant_id) == 1
    listing = await api.client.get("/api/knowledge", headers=account.headers)
    assert listing.headers["X-Total-Count"] == "50"


async def test_create_item_limit_counts_all_bots(api: Api, container: Container) -> None:
    account = await api.account()
    await use_limits(container, account, bot_limit=2, knowledge_items_limit=3)
    first, second = await api.bot(account, name="First"), await api.bot(account, name="Second")
    await api.knowledge(account, first["id"], "Soru 1", "Yanıt")
    await api.knowledge(account, first["id"], "Soru 2", "Yanıt")
    await api.knowledge(account, second["id"], "Soru 3", "Yanıt")

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": second["id"], "question": "Soru 4", "answer": "Yanıt"},
        headers=account.headers,
    )

    assert_error(response, 403, "plan_limit_reached")


async def test_create_item_limit_leaves_out_deleted_bots(api: Api, container: Container) -> None:
    account = await api.account()
    await use_limits(container, account, bot_limit=2, knowledge_items_limit=2)
    first, second = await api.bot(account, name="First"), await api.bot(account, name="Second")
    await api.knowledge(account, first["id"], "Soru 1", "Yanıt")
    await api.knowledge(account, first["id"], "Soru 2", "Yanıt")
    await api.client.delete(f"/api/bots/{first['id']}", headers=account.headers)

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": second["id"], "question": "Soru 3", "answer": "Yanıt"},
        headers=account.headers,
    )

    assert response.status_code == 201, response.text


async def test_concurrent_creates_respect_item_limit(api: Api, container: Container) -> None:
    account = await api.account()
    await use_limits(container, account, bot_limit=1, knowledge_items_limit=3)
    bot = await api.bot(account)
    body = {"bot_id": bot["id"], "question": "Soru", "answer": "Yanıt"}

    responses = await asyncio.gather(
        *(api.client.post("/api/knowledge", json=body, headers=account.headers) for _ in range(6))
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 201, 201, 403, 403, 403]


@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_create_item_rejects_role_without_write(api: Api, role: str) -> None:
    owner, bot = await account_with_bot(api)
    member = await join(api, owner, role)

    response = await api.client.post(
        "/api/knowledge",
        json={"bot_id": bot["id"], "question": "q", "answer": "a"},
        headers=member.headers,
    )

    assert_error(response, 403, "forbidden")


async def test_create_item_requires_login(api: Api) -> None:
    _, bot = await account_with_bot(api)

    response = await api.client.post(
        "/api/knowledge", json={"bot_id": bot["id"], "question": "q", "answer": "a"}
    )

    assert_error(response, 401, "unauthorized")


# list and search


async def test_list_items_is_newest_first_with_total(api: Api) -> None:
    account, bot = await account_with_bot(api)
    for index in range(4):
        await api.knowledge(account, bot["id"], f"Soru {index}", "Yanıt")

    response = await api.client.get(
        "/api/knowledge", params={"skip": 1, "limit": 2}, headers=account.headers
    )

    assert response.status_code == 200
    assert [item["question"] for item in response.json()] == ["Soru 2", "Soru 1"]
    assert response.headers["X-Total-Count"] == "4"


async def test_list_items_filters_by_bot(api: Api, container: Container) -> None:
    account, bot = await account_with_bot(api)
    await use_seeded_plan(container, account, "pro")
    second = await api.bot(account, name="Second")
    await api.knowledge(account, bot["id"], "Birinci", "Yanıt")
    await api.knowledge(account, second["id"], "İkinci", "Yanıt")

    response = await api.client.get(
        "/api/knowledge", params={"bot_id": second["id"]}, headers=account.headers
    )
    everything = await api.client.get("/api/knowledge", headers=account.headers)

    assert [item["question"] for item in response.json()] == ["İkinci"]
    assert response.headers["X-Total-Count"] == "1"
    assert everything.headers["X-Total-Count"] == "2"


async def test_list_items_shows_only_own_tenant(api: Api) -> None:
    account, _ = await account_with_bot(api)
    foreign_account, foreign = await account_with_bot(api)
    await api.knowledge(foreign_account, foreign["id"], SHIPPING, "50 TL.")

    listing = await api.client.get("/api/knowledge", headers=account.headers)

    assert listing.json() == []
    assert await search(api, account, "kargo") == []


async def test_list_items_rejects_other_tenants_bot(api: Api) -> None:
    account, _ = await account_with_bot(api)
    _, foreign = await account_with_bot(api)

    response = await api.client.get(
        "/api/knowledge", params={"bot_id": foreign["id"]}, headers=account.headers
    )

    assert_error(response, 404, "not_found")


async def test_list_items_rejects_unknown_bot(api: Api) -> None:
    account, _ = await account_with_bot(api)

    response = await api.client.get(
        "/api/knowledge",
        params={"bot_id": "00000000-0000-4000-8000-000000000000"},
        headers=account.headers,
    )

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bot_id": "nope"}, "bot_id"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"skip": -1}, "skip"),
        ({"q": "x" * 1001}, "q"),
    ],
)
async def test_list_items_rejects_bad_query(api: Api, params: dict[str, Any], field: str) -> None:
    account, _ = await account_with_bot(api)

    response = await api.client.get("/api/knowledge", params=params, headers=account.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


async def test_list_items_requires_login(api: Api) -> None:
    response = await api.client.get("/api/knowledge")

    assert_error(response, 401, "unauthorized")


async def test_search_orders_by_relevance(api: Api) -> None:
    account, bot = await account_with_bot(api)
    await api.knowledge(account, bot["id"], "Ödeme yöntemleri", "İade kargo ile yapılır.")
    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")
    await api.knowledge(account, bot["id"], "Çalışma saatleri", "09:00-18:00.")

    found = await search(api, account, "kargo ücreti")

    assert found == [SHIPPING, "Ödeme yöntemleri"]


async def test_search_within_one_bot(api: Api, container: Container) -> None:
    account, bot = await account_with_bot(api)
    await use_seeded_plan(container, account, "pro")
    second = await api.bot(account, name="Second")
    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")
    await api.knowledge(account, second["id"], "Kargo takibi nasıl yapılır?", "Linkten.")

    in_second = await search(api, account, "kargo", bot_id=second["id"])
    in_all = await search(api, account, "kargo")

    assert in_second == ["Kargo takibi nasıl yapılır?"]
    assert sorted(in_all) == sorted([SHIPPING, "Kargo takibi nasıl yapılır?"])


async def test_search_pages_hits(api: Api) -> None:
    account, bot = await account_with_bot(api)
    for index in range(5):
        await api.knowledge(account, bot["id"], f"Kargo seçeneği {index}", "Yanıt")

    response = await api.client.get(
        "/api/knowledge", params={"q": "kargo", "skip": 3, "limit": 10}, headers=account.headers
    )

    assert len(response.json()) == 2
    assert response.headers["X-Total-Count"] == "5"


@pytest.mark.parametrize(
    "q",
    [
        "istanbul sube",
        "ISTANBUL ŞUBE",
        "İSTANBUL ŞUBENİZ",
        "ıstanbul şubeleriniz",
        unicodedata.normalize("NFD", "İstanbul şubesi"),
    ],
)
async def test_search_folds_turkish_text(api: Api, q: str) -> None:
    account, bot = await account_with_bot(api)
    await api.knowledge(account, bot["id"], BRANCH, "Kadıköy'deyiz.")
    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    assert await search(api, account, q) == [BRANCH]


@pytest.mark.parametrize("q", ["??", "ve ile için", "\x00", "*", ":", "()"])
async def test_search_without_terms_finds_nothing(api: Api, q: str) -> None:
    account, bot = await account_with_bot(api)
    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    assert await search(api, account, q) == []


@pytest.mark.parametrize(
    "q",
    [
        'kargo "ücreti',
        "kargo* AND ücreti",
        "NEAR(kargo ücreti)",
        "terms: kargo",
        "kargo OR -ücreti",
        "kargo\x00 ücreti",
        "kargo' OR 1=1 --",
        "kargo & ücreti | !x :*",
    ],
)
async def test_search_treats_syntax_as_words(api: Api, q: str) -> None:
    account, bot = await account_with_bot(api)
    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    assert await search(api, account, q) == [SHIPPING]


@pytest.mark.parametrize("q", ["", "   "])
async def test_blank_search_lists_everything(api: Api, q: str) -> None:
    account, bot = await account_with_bot(api)
    await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    assert await search(api, account, q) == [SHIPPING]


@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_read_items_is_allowed_to_every_role(api: Api, role: str) -> None:
    owner, bot = await account_with_bot(api)
    item = await api.knowledge(owner, bot["id"], SHIPPING, "50 TL.")
    member = await join(api, owner, role)

    listing = await api.client.get("/api/knowledge", headers=member.headers)
    single = await api.client.get(f"/api/knowledge/{item['id']}", headers=member.headers)

    assert [found["id"] for found in listing.json()] == [item["id"]]
    assert single.status_code == 200


# get, update and delete


async def test_get_item_returns_item(api: Api) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.", tags=["kargo"])

    response = await api.client.get(f"/api/knowledge/{item['id']}", headers=account.headers)

    assert response.status_code == 200
    assert response.json() == item


async def test_update_item_changes_only_sent_fields(api: Api) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.", title="Kargo")

    response = await api.client.put(
        f"/api/knowledge/{item['id']}",
        json={"answer": "60 TL.", "tags": ["fiyat"], "bot_id": "ignored"},
        headers=account.headers,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["answer"] == "60 TL."
    assert body["tags"] == ["fiyat"]
    assert body["question"] == SHIPPING
    assert body["title"] == "Kargo"
    assert body["bot_id"] == bot["id"]
    assert body["created_at"] == item["created_at"]


async def test_update_item_clears_title_with_null(api: Api) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.", title="Kargo")

    response = await api.client.put(
        f"/api/knowledge/{item['id']}", json={"title": None}, headers=account.headers
    )

    assert response.json()["title"] is None


async def test_update_item_reindexes_at_once(api: Api) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    await api.client.put(
        f"/api/knowledge/{item['id']}",
        json={"question": "Hediye paketi yapıyor musunuz?", "answer": "Evet."},
        headers=account.headers,
    )

    assert await search(api, account, "kargo ücreti") == []
    assert await search(api, account, "hediye paketi") == ["Hediye paketi yapıyor musunuz?"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": None}, "question"),
        ({"answer": None}, "answer"),
        ({"tags": None}, "tags"),
        ({"question": ""}, "question"),
        ({"question": "  "}, "question"),
        ({"answer": "x" * 10001}, "answer"),
        ({"tags": ["t"] * 21}, "tags"),
    ],
)
async def test_update_item_rejects_invalid_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    response = await api.client.put(
        f"/api/knowledge/{item['id']}", json=body, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_item_route_hides_other_tenants_item(api: Api, method: str) -> None:
    account, _ = await account_with_bot(api)
    foreign_account, foreign_bot = await account_with_bot(api)
    item = await api.knowledge(foreign_account, foreign_bot["id"], SHIPPING, "50 TL.")

    response = await api.client.request(
        method, f"/api/knowledge/{item['id']}", json={"answer": "x"}, headers=account.headers
    )

    assert_error(response, 404, "not_found")
    check = await api.client.get(f"/api/knowledge/{item['id']}", headers=foreign_account.headers)
    assert check.json() == item


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_item_route_rejects_malformed_id(api: Api, method: str) -> None:
    account, _ = await account_with_bot(api)

    response = await api.client.request(
        method, "/api/knowledge/not-a-uuid", json={"answer": "x"}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "item_id"


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
@pytest.mark.parametrize("role", ["agent", "viewer"])
async def test_item_change_rejects_role_without_write(api: Api, method: str, role: str) -> None:
    owner, bot = await account_with_bot(api)
    item = await api.knowledge(owner, bot["id"], SHIPPING, "50 TL.")
    member = await join(api, owner, role)

    response = await api.client.request(
        method, f"/api/knowledge/{item['id']}", json={"answer": "x"}, headers=member.headers
    )

    assert_error(response, 403, "forbidden")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_item_route_requires_login(api: Api, method: str) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    response = await api.client.request(
        method, f"/api/knowledge/{item['id']}", json={"answer": "x"}
    )

    assert_error(response, 401, "unauthorized")


async def test_delete_item_removes_it_and_its_index_entry(api: Api) -> None:
    account, bot = await account_with_bot(api)
    item = await api.knowledge(account, bot["id"], SHIPPING, "50 TL.")

    response = await api.client.delete(f"/api/knowledge/{item['id']}", headers=account.headers)

    assert response.status_code == 204
    single = await api.client.get(f"/api/knowledge/{item['id']}", headers=account.headers)
    assert_error(single, 404, "not_found")
    assert await search(api, account, "kargo") == []
    again = await api.client.delete(f"/api/knowledge/{item['id']}", headers=account.headers)
    assert_error(again, 404, "not_found")
