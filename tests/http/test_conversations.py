import uuid
from typing import Any

from tests.http.chat_helpers import bot_with_knowledge, send, start_chat
from tests.http.helpers import Account, Api, assert_error

HOURS = "Çalışma saatleriniz nedir?"


async def widget(api: Api) -> tuple[Account, dict[str, Any], dict[str, Any]]:
    account = await api.account()
    bot = await bot_with_knowledge(api, account)
    return account, bot, await start_chat(api.client, bot)


async def member(api: Api, owner: Account, role: str) -> Account:
    """Register a user, add them to the owner's tenant with `role`, and log them in."""
    email = await api.register()
    response = await api.client.post(
        f"/api/tenants/{owner.tenant_id}/members",
        json={"email": email, "role": role},
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    account = await api.login(email)
    account.tenant_id = owner.tenant_id
    account.headers["X-Tenant-ID"] = str(owner.tenant_id)
    return account


def url(chat: dict[str, Any], action: str = "") -> str:
    return f"/api/conversations/{chat['conversation_id']}{action}"


# list


async def test_list_shows_most_recent_activity_first(api: Api) -> None:
    account = await api.account()
    bot = await bot_with_knowledge(api, account)
    older = await start_chat(api.client, bot)
    newer = await start_chat(api.client, bot)
    await send(api.client, older, HOURS)

    response = await api.client.get("/api/conversations", headers=account.headers)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [
        older["conversation_id"],
        newer["conversation_id"],
    ]
    assert response.headers["X-Total-Count"] == "2"


async def test_list_has_conversation_fields(api: Api) -> None:
    account, bot, chat = await widget(api)

    response = await api.client.get("/api/conversations", headers=account.headers)

    item = response.json()[0]
    assert item == {
        "id": chat["conversation_id"],
        "bot_id": bot["id"],
        "channel": "web",
        "external_user_id": chat["external_user_id"],
        "status": "ai_active",
        "is_ai_paused": False,
        "lead_id": None,
        "last_message_at": item["last_message_at"],
        "created_at": item["created_at"],
    }
    assert item["created_at"].endswith("Z")


async def test_list_filters_by_status_bot_and_channel(api: Api) -> None:
    account, bot, waiting = await widget(api)
    await start_chat(api.client, bot)
    await send(api.client, waiting, "Uzay gemisi kiralıyor musunuz?")

    by_status = await api.client.get(
        "/api/conversations", params={"status": "waiting"}, headers=account.headers
    )
    by_bot = await api.client.get(
        "/api/conversations", params={"bot_id": str(uuid.uuid4())}, headers=account.headers
    )
    by_channel = await api.client.get(
        "/api/conversations", params={"channel": "whatsapp"}, headers=account.headers
    )

    assert [item["id"] for item in by_status.json()] == [waiting["conversation_id"]]
    assert by_status.headers["X-Total-Count"] == "1"
    assert by_bot.json() == []
    assert by_channel.json() == []


async def test_list_pages_with_skip_and_limit(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    for _ in range(3):
        await start_chat(api.client, bot)

    response = await api.client.get(
        "/api/conversations", params={"skip": 1, "limit": 1}, headers=account.headers
    )

    assert len(response.json()) == 1
    assert response.headers["X-Total-Count"] == "3"


async def test_list_rejects_invalid_query(api: Api) -> None:
    account = await api.account()

    bad_limit = await api.client.get(
        "/api/conversations", params={"limit": 0}, headers=account.headers
    )
    bad_skip = await api.client.get(
        "/api/conversations", params={"skip": -1}, headers=account.headers
    )
    bad_status = await api.client.get(
        "/api/conversations", params={"status": "sleeping"}, headers=account.headers
    )

    assert_error(bad_limit, 422, "validation_error")
    assert_error(bad_skip, 422, "validation_error")
    assert_error(bad_status, 422, "validation_error")


async def test_list_hides_other_tenants_conversations(api: Api) -> None:
    await widget(api)
    other = await api.account()

    response = await api.client.get("/api/conversations", headers=other.headers)

    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"


async def test_list_needs_login(api: Api) -> None:
    response = await api.client.get("/api/conversations")

    assert_error(response, 401, "unauthorized")


# detail


async def test_get_returns_messages_oldest_first(api: Api) -> None:
    account, _, chat = await widget(api)
    sent = (await send(api.client, chat, HOURS)).json()

    response = await api.client.get(url(chat), headers=account.headers)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == chat["conversation_id"]
    assert body["last_message_at"] == sent["reply_created_at"]
    assert [m["id"] for m in body["messages"]] == [
        sent["user_message_id"],
        sent["reply_message_id"],
    ]
    user_message = body["messages"][0]
    assert user_message["knowledge_item_ids"] == []
    assert user_message["confidence"] is None


async def test_get_hides_other_tenants_conversation(api: Api) -> None:
    _, _, chat = await widget(api)
    other = await api.account()

    response = await api.client.get(url(chat), headers=other.headers)

    assert_error(response, 404, "not_found")


async def test_get_rejects_unknown_conversation(api: Api) -> None:
    account = await api.account()

    response = await api.client.get(f"/api/conversations/{uuid.uuid4()}", headers=account.headers)

    assert_error(response, 404, "not_found")


async def test_viewer_may_read_conversation(api: Api) -> None:
    account, _, chat = await widget(api)
    viewer = await member(api, account, "viewer")

    response = await api.client.get(url(chat), headers=viewer.headers)

    assert response.status_code == 200


# operator replies


async def test_reply_stores_operator_message(api: Api) -> None:
    account, _, chat = await widget(api)

    response = await api.client.post(
        url(chat, "/messages"), json={"content": "  Merhaba!  "}, headers=account.headers
    )

    assert response.status_code == 201
    body = response.json()
    assert body["sender"] == "operator"
    assert body["content"] == "Merhaba!"
    assert body["knowledge_item_ids"] == []
    assert body["confidence"] is None


async def test_reply_updates_last_activity(api: Api) -> None:
    account, _, chat = await widget(api)

    reply = await api.client.post(
        url(chat, "/messages"), json={"content": "Merhaba!"}, headers=account.headers
    )

    detail = await api.client.get(url(chat), headers=account.headers)
    assert detail.json()["last_message_at"] == reply.json()["created_at"]


async def test_reply_is_not_counted_in_quota(api: Api) -> None:
    account, _, chat = await widget(api)

    await api.client.post(
        url(chat, "/messages"), json={"content": "Merhaba!"}, headers=account.headers
    )

    me = await api.client.get("/api/me", headers=account.headers)
    assert me.json()["entitlements"]["messages_used_this_month"] == 0


async def test_agent_may_reply(api: Api) -> None:
    account, _, chat = await widget(api)
    agent = await member(api, account, "agent")

    response = await api.client.post(
        url(chat, "/messages"), json={"content": "Merhaba!"}, headers=agent.headers
    )

    assert response.status_code == 201


async def test_viewer_may_not_reply_or_take_over(api: Api) -> None:
    account, _, chat = await widget(api)
    viewer = await member(api, account, "viewer")

    reply = await api.client.post(
        url(chat, "/messages"), json={"content": "Merhaba!"}, headers=viewer.headers
    )
    takeover = await api.client.post(url(chat, "/takeover"), headers=viewer.headers)
    release = await api.client.post(url(chat, "/release"), headers=viewer.headers)

    assert_error(reply, 403, "forbidden")
    assert_error(takeover, 403, "forbidden")
    assert_error(release, 403, "forbidden")


async def test_reply_rejects_blank_and_long_content(api: Api) -> None:
    account, _, chat = await widget(api)

    blank = await api.client.post(
        url(chat, "/messages"), json={"content": "   "}, headers=account.headers
    )
    too_long = await api.client.post(
        url(chat, "/messages"), json={"content": "a" * 4001}, headers=account.headers
    )
    null = await api.client.post(
        url(chat, "/messages"), json={"content": None}, headers=account.headers
    )

    assert_error(blank, 422, "validation_error")
    assert blank.json()["extra"][0]["field"] == "content"
    assert_error(too_long, 422, "validation_error")
    assert_error(null, 422, "validation_error")


async def test_reply_rejects_closed_conversation(api: Api) -> None:
    account, bot, chat = await widget(api)
    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    response = await api.client.post(
        url(chat, "/messages"), json={"content": "Merhaba!"}, headers=account.headers
    )

    assert_error(response, 409, "conflict")


async def test_reply_hides_other_tenants_conversation(api: Api) -> None:
    _, _, chat = await widget(api)
    other = await api.account()

    response = await api.client.post(
        url(chat, "/messages"), json={"content": "Merhaba!"}, headers=other.headers
    )

    assert_error(response, 404, "not_found")


# takeover and release


async def test_takeover_pauses_bot(api: Api) -> None:
    account, _, chat = await widget(api)

    response = await api.client.post(url(chat, "/takeover"), headers=account.headers)

    assert response.status_code == 200
    assert response.json()["status"] == "human_takeover"
    assert response.json()["is_ai_paused"] is True


async def test_takeover_twice_keeps_human_in_charge(api: Api) -> None:
    account, _, chat = await widget(api)
    await api.client.post(url(chat, "/takeover"), headers=account.headers)

    response = await api.client.post(url(chat, "/takeover"), headers=account.headers)

    assert response.status_code == 200
    assert response.json()["status"] == "human_takeover"


async def test_release_gives_conversation_back_to_bot(api: Api) -> None:
    account, _, chat = await widget(api)
    await api.client.post(url(chat, "/takeover"), headers=account.headers)

    response = await api.client.post(url(chat, "/release"), headers=account.headers)

    assert response.status_code == 200
    assert response.json()["status"] == "ai_active"
    assert response.json()["is_ai_paused"] is False


async def test_release_of_waiting_conversation_resumes_bot(api: Api) -> None:
    account, _, chat = await widget(api)
    await send(api.client, chat, "Uzay gemisi kiralıyor musunuz?")

    response = await api.client.post(url(chat, "/release"), headers=account.headers)

    assert response.json()["status"] == "ai_active"


async def test_takeover_of_closed_conversation_is_invalid(api: Api) -> None:
    account, bot, chat = await widget(api)
    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    takeover = await api.client.post(url(chat, "/takeover"), headers=account.headers)
    release = await api.client.post(url(chat, "/release"), headers=account.headers)

    assert_error(takeover, 409, "invalid_transition")
    assert_error(release, 409, "invalid_transition")


async def test_takeover_hides_other_tenants_conversation(api: Api) -> None:
    _, _, chat = await widget(api)
    other = await api.account()

    takeover = await api.client.post(url(chat, "/takeover"), headers=other.headers)
    release = await api.client.post(url(chat, "/release"), headers=other.headers)

    assert_error(takeover, 404, "not_found")
    assert_error(release, 404, "not_found")
