import asyncio
import uuid
from typing import Any

import pytest

from svontai.entrypoints.container import Container
from tests.http.chat_helpers import (
    bot_with_knowledge,
    count_events,
    poll,
    send,
    start_chat,
    suspend,
    use_plan,
)
from tests.http.conftest import AppClientFactory
from tests.http.helpers import Account, Api, assert_error

HOURS = "Çalışma saatleriniz nedir?"
HOURS_ANSWER = "Hafta içi 09:00-18:00 açığız."
UNKNOWN = "Uzay gemisi kiralıyor musunuz?"


async def widget(api: Api) -> tuple[Account, dict[str, Any], dict[str, Any]]:
    account = await api.account()
    bot = await bot_with_knowledge(api, account)
    return account, bot, await start_chat(api.client, bot)


# init


async def test_init_returns_conversation_and_bot_settings(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account, welcome_message="Hoş geldiniz!", primary_color="#112233")

    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["bot"] == {
        "name": bot["name"],
        "welcome_message": "Hoş geldiniz!",
        "primary_color": "#112233",
        "widget_position": bot["widget_position"],
        "language": bot["language"],
    }
    assert body["welcome_message"] == "Hoş geldiniz!"
    assert body["conversation_status"] == "ai_active"
    assert body["is_ai_paused"] is False
    assert len(body["external_user_id"]) >= 32
    uuid.UUID(body["conversation_id"])


async def test_init_does_not_store_welcome_message(api: Api) -> None:
    _, _, chat = await widget(api)

    response = await poll(api.client, chat)

    assert response.json()["messages"] == []


async def test_init_resumes_open_conversation_of_visitor(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    first = await start_chat(api.client, bot)

    again = await start_chat(api.client, bot, first["external_user_id"])

    assert again["conversation_id"] == first["conversation_id"]
    assert again["external_user_id"] == first["external_user_id"]


async def test_concurrent_inits_share_one_conversation(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    chats = await asyncio.gather(*(start_chat(api.client, bot, "same-visitor") for _ in range(8)))

    assert len({chat["conversation_id"] for chat in chats}) == 1


async def test_init_gives_new_visitors_own_conversations(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    first = await start_chat(api.client, bot)
    second = await start_chat(api.client, bot)

    assert first["conversation_id"] != second["conversation_id"]
    assert first["external_user_id"] != second["external_user_id"]


async def test_init_keeps_external_user_id_sent(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    chat = await start_chat(api.client, bot, "shop:customer_42.a-b")

    assert chat["external_user_id"] == "shop:customer_42.a-b"


async def test_init_rejects_invalid_external_user_id(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    for bad in ["has space", "x" * 129, "", "ümit", "line\n"]:
        response = await api.client.post(
            "/api/public/chat/init",
            json={"bot_public_key": bot["public_key"], "external_user_id": bad},
        )

        assert_error(response, 422, "validation_error")


async def test_init_rejects_unknown_bot(api: Api) -> None:
    response = await api.client.post("/api/public/chat/init", json={"bot_public_key": "bot_nope"})

    assert_error(response, 404, "not_found")


async def test_init_rejects_inactive_bot(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account, is_active=False)

    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )

    assert_error(response, 404, "not_found")


async def test_init_rejects_deleted_bot(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )

    assert_error(response, 404, "not_found")


async def test_init_hides_suspended_tenants_bot(api: Api, container: Container) -> None:
    account = await api.account()
    bot = await api.bot(account)
    await suspend(container, account)

    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )

    assert_error(response, 404, "not_found")


async def test_init_needs_widget_feature(api: Api, container: Container) -> None:
    account = await api.account()
    bot = await api.bot(account)
    await use_plan(container, account, features=[])

    response = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )

    assert_error(response, 403, "feature_not_in_plan")


# send


async def test_send_answers_from_knowledge(api: Api) -> None:
    _, _, chat = await widget(api)

    response = await send(api.client, chat, "Çalışma saatleriniz?")

    assert response.status_code == 200
    body = response.json()
    assert body["reply"] == HOURS_ANSWER
    assert body["conversation_status"] == "ai_active"
    assert body["is_ai_paused"] is False
    assert body["reply_created_at"] > body["user_created_at"]
    uuid.UUID(body["user_message_id"])
    uuid.UUID(body["reply_message_id"])


async def test_send_stores_knowledge_ids_and_confidence(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)
    item = await api.knowledge(account, bot["id"], HOURS, HOURS_ANSWER)
    chat = await start_chat(api.client, bot)
    await send(api.client, chat, HOURS)

    response = await api.client.get(
        f"/api/conversations/{chat['conversation_id']}", headers=account.headers
    )

    reply = response.json()["messages"][1]
    assert reply["sender"] == "bot"
    assert reply["knowledge_item_ids"] == [item["id"]]
    assert 0 < reply["confidence"] <= 1


async def test_send_fallback_moves_conversation_to_waiting(api: Api) -> None:
    _, bot, chat = await widget(api)

    response = await send(api.client, chat, UNKNOWN)

    body = response.json()
    assert body["reply"] == bot["fallback_message"]
    assert body["conversation_status"] == "waiting"


@pytest.mark.parametrize("message", ["thanks!", "Teşekkürler", "ok bye"])
async def test_send_leaves_thanks_unanswered(api: Api, message: str) -> None:
    _, _, chat = await widget(api)

    response = await send(api.client, chat, message)

    body = response.json()
    assert body["reply"] is None
    assert body["reply_message_id"] is None
    assert body["conversation_status"] == "ai_active"


async def test_send_answers_request_for_a_person_with_handoff(api: Api) -> None:
    _, bot, chat = await widget(api)

    response = await send(api.client, chat, "I want to talk to a human")

    body = response.json()
    assert body["reply"] == bot["handoff_message"]
    assert body["conversation_status"] == "waiting"


async def test_send_gives_no_second_fallback_while_waiting(api: Api) -> None:
    _, _, chat = await widget(api)
    await send(api.client, chat, UNKNOWN)

    response = await send(api.client, chat, "Peki denizaltı?")

    body = response.json()
    assert response.status_code == 200
    assert body["reply"] is None
    assert body["reply_message_id"] is None
    assert body["reply_created_at"] is None
    assert body["conversation_status"] == "waiting"
    messages = (await poll(api.client, chat)).json()["messages"]
    assert [message["sender"] for message in messages] == ["user", "bot", "user"]


async def test_send_answers_waiting_conversation_when_it_can(api: Api) -> None:
    _, _, chat = await widget(api)
    await send(api.client, chat, UNKNOWN)

    response = await send(api.client, chat, "Kargo kaç günde gelir?")

    body = response.json()
    assert body["reply"] == "Siparişler 2 iş gününde kargoda."
    assert body["conversation_status"] == "ai_active"


async def test_send_stays_silent_during_takeover(api: Api) -> None:
    account, _, chat = await widget(api)
    conversation_url = f"/api/conversations/{chat['conversation_id']}"
    await api.client.post(f"{conversation_url}/takeover", headers=account.headers)

    response = await send(api.client, chat, HOURS)

    body = response.json()
    assert response.status_code == 200
    assert body["reply"] is None
    assert body["conversation_status"] == "human_takeover"
    assert body["is_ai_paused"] is True


async def test_operator_reply_reaches_widget_and_release_resumes_bot(api: Api) -> None:
    account, _, chat = await widget(api)
    conversation_url = f"/api/conversations/{chat['conversation_id']}"
    await api.client.post(f"{conversation_url}/takeover", headers=account.headers)
    sent = (await send(api.client, chat, "Bir insanla konuşabilir miyim?")).json()
    await api.client.post(
        f"{conversation_url}/messages",
        json={"content": "Merhaba, ben Ayşe."},
        headers=account.headers,
    )

    polled = await poll(api.client, chat, since=sent["user_created_at"])
    await api.client.post(f"{conversation_url}/release", headers=account.headers)
    after_release = await send(api.client, chat, HOURS)

    messages = polled.json()["messages"]
    assert [(m["sender"], m["content"]) for m in messages] == [("operator", "Merhaba, ben Ayşe.")]
    assert polled.json()["conversation_status"] == "human_takeover"
    assert after_release.json()["reply"] == HOURS_ANSWER
    assert after_release.json()["conversation_status"] == "ai_active"


async def test_send_stops_replies_when_quota_is_used_up(api: Api, container: Container) -> None:
    account = await api.account()
    await use_plan(container, account, features=["widget"], monthly_message_limit=1)
    bot = await bot_with_knowledge(api, account)
    chat = await start_chat(api.client, bot)
    first = await send(api.client, chat, HOURS)

    second = await send(api.client, chat, HOURS)
    third = await send(api.client, chat, HOURS)

    assert first.json()["reply"] == HOURS_ANSWER
    assert second.status_code == 200
    assert second.json()["reply"] is None
    assert second.json()["conversation_status"] == "waiting"
    assert third.json()["reply"] is None
    assert await count_events(container, "quota_exhausted", account.tenant_id) == 1


async def test_operator_may_reply_when_quota_is_used_up(api: Api, container: Container) -> None:
    account = await api.account()
    await use_plan(container, account, features=["widget"], monthly_message_limit=0)
    bot = await bot_with_knowledge(api, account)
    chat = await start_chat(api.client, bot)
    await send(api.client, chat, HOURS)

    response = await api.client.post(
        f"/api/conversations/{chat['conversation_id']}/messages",
        json={"content": "Size ben yardımcı olayım."},
        headers=account.headers,
    )

    assert response.status_code == 201


async def test_send_rejects_foreign_visitor(api: Api) -> None:
    _, _, chat = await widget(api)

    response = await send(api.client, chat, HOURS, external_user_id="someone-else")

    assert_error(response, 403, "forbidden")


async def test_send_accepts_matching_visitor(api: Api) -> None:
    _, _, chat = await widget(api)

    response = await send(api.client, chat, HOURS, external_user_id=chat["external_user_id"])

    assert response.status_code == 200


async def test_send_rejects_blank_and_long_messages(api: Api) -> None:
    _, _, chat = await widget(api)

    blank = await send(api.client, chat, "   \n ")
    too_long = await send(api.client, chat, "a" * 4001)
    missing = await api.client.post(
        "/api/public/chat/send", json={"conversation_id": chat["conversation_id"]}
    )

    assert_error(blank, 422, "validation_error")
    assert blank.json()["extra"][0]["field"] == "message"
    assert_error(too_long, 422, "validation_error")
    assert_error(missing, 422, "validation_error")


async def test_send_trims_message_before_length_check(api: Api) -> None:
    _, _, chat = await widget(api)

    response = await send(api.client, chat, "  " + "a" * 4000 + "  ")

    assert response.status_code == 200


async def test_send_stores_text_with_nul_characters(api: Api) -> None:
    _, _, chat = await widget(api)

    response = await send(api.client, chat, "çalışma\x00 saatleri")

    assert response.status_code == 200
    messages = (await poll(api.client, chat)).json()["messages"]
    assert messages[0]["content"] == "çalışma saatleri"


async def test_send_rejects_unknown_conversation(api: Api) -> None:
    chat = {"conversation_id": str(uuid.uuid4())}

    response = await send(api.client, chat, HOURS)

    assert_error(response, 404, "not_found")


async def test_send_rejects_closed_conversation(api: Api) -> None:
    account, bot, chat = await widget(api)
    await api.client.delete(f"/api/bots/{bot['id']}", headers=account.headers)

    response = await send(api.client, chat, HOURS)

    assert_error(response, 409, "conflict")


async def test_widget_hides_suspended_tenants_conversation(api: Api, container: Container) -> None:
    account, _, chat = await widget(api)
    await suspend(container, account)

    sent = await send(api.client, chat, HOURS)
    polled = await poll(api.client, chat)

    assert_error(sent, 404, "not_found")
    assert_error(polled, 404, "not_found")


async def test_send_counts_only_bot_messages(api: Api) -> None:
    account, _, chat = await widget(api)
    await send(api.client, chat, HOURS)
    await send(api.client, chat, UNKNOWN)

    response = await api.client.get("/api/me", headers=account.headers)

    assert response.json()["entitlements"]["messages_used_this_month"] == 2


# polling


async def test_poll_returns_messages_oldest_first(api: Api) -> None:
    _, _, chat = await widget(api)
    await send(api.client, chat, HOURS)

    response = await poll(api.client, chat)

    assert response.status_code == 200
    body = response.json()
    assert [m["sender"] for m in body["messages"]] == ["user", "bot"]
    assert set(body["messages"][0]) == {"id", "sender", "content", "created_at"}
    assert body["conversation_status"] == "ai_active"
    assert body["is_ai_paused"] is False


async def test_poll_returns_messages_strictly_after_since(api: Api) -> None:
    _, _, chat = await widget(api)
    first = (await send(api.client, chat, HOURS)).json()
    second = (await send(api.client, chat, "Kargo kaç günde gelir?")).json()

    after_user = await poll(api.client, chat, since=first["user_created_at"])
    after_reply = await poll(api.client, chat, since=second["reply_created_at"])

    assert [m["id"] for m in after_user.json()["messages"]] == [
        first["reply_message_id"],
        second["user_message_id"],
        second["reply_message_id"],
    ]
    assert after_reply.json()["messages"] == []


async def test_poll_limit_returns_latest_messages(api: Api) -> None:
    _, _, chat = await widget(api)
    await send(api.client, chat, HOURS)
    second = (await send(api.client, chat, "Kargo kaç günde gelir?")).json()

    response = await poll(api.client, chat, limit=2)

    ids = [m["id"] for m in response.json()["messages"]]
    assert ids == [second["user_message_id"], second["reply_message_id"]]


async def test_poll_reads_since_without_offset_as_utc(api: Api) -> None:
    _, _, chat = await widget(api)
    sent = (await send(api.client, chat, HOURS)).json()
    naive = sent["user_created_at"].removesuffix("Z")

    response = await poll(api.client, chat, since=naive)

    assert [m["id"] for m in response.json()["messages"]] == [sent["reply_message_id"]]


async def test_poll_rejects_invalid_query(api: Api) -> None:
    _, _, chat = await widget(api)

    bad_since = await poll(api.client, chat, since="yesterday")
    bad_limit = await poll(api.client, chat, limit=201)
    zero_limit = await poll(api.client, chat, limit=0)

    assert_error(bad_since, 422, "validation_error")
    assert bad_since.json()["extra"][0]["field"] == "since"
    assert_error(bad_limit, 422, "validation_error")
    assert_error(zero_limit, 422, "validation_error")


async def test_poll_requires_both_ids(api: Api) -> None:
    _, _, chat = await widget(api)

    without_visitor = await api.client.get(
        "/api/public/chat/messages", params={"conversation_id": chat["conversation_id"]}
    )
    without_conversation = await api.client.get(
        "/api/public/chat/messages", params={"external_user_id": chat["external_user_id"]}
    )

    assert_error(without_visitor, 422, "validation_error")
    assert_error(without_conversation, 422, "validation_error")


async def test_poll_hides_conversation_from_wrong_visitor(api: Api) -> None:
    _, _, chat = await widget(api)

    wrong_visitor = await poll(api.client, chat, external_user_id="someone-else")
    wrong_conversation = await poll(api.client, chat, conversation_id=str(uuid.uuid4()))

    assert_error(wrong_visitor, 404, "not_found")
    assert_error(wrong_conversation, 404, "not_found")


async def test_visitor_cannot_poll_other_tenants_conversation(api: Api) -> None:
    _, _, mine = await widget(api)
    _, _, theirs = await widget(api)

    response = await poll(
        api.client,
        mine,
        conversation_id=theirs["conversation_id"],
        external_user_id=mine["external_user_id"],
    )

    assert_error(response, 404, "not_found")


# rate limits and CORS


async def test_send_is_rate_limited_per_conversation(
    client_with: AppClientFactory, container: Container
) -> None:
    client = await client_with(rate_limit_widget_per_conversation="2/minute")
    api = Api(client)
    account, bot, chat = await widget(api)
    other_chat = await start_chat(client, bot)
    for _ in range(2):
        assert (await send(client, chat, HOURS)).status_code == 200

    limited = await send(client, chat, HOURS)
    limited_again = await send(client, chat, HOURS)
    other = await send(client, other_chat, HOURS)

    assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    assert "reply" not in limited.json()
    assert_error(limited_again, 429, "rate_limited")
    assert other.status_code == 200
    assert await count_events(container, "rate_limited", account.tenant_id) == 1


async def test_widget_is_rate_limited_per_client_address(client_with: AppClientFactory) -> None:
    client = await client_with(rate_limit_widget_per_ip="2/minute")
    api = Api(client)
    account = await api.account()
    bot = await api.bot(account)
    body = {"bot_public_key": bot["public_key"]}
    for _ in range(2):
        assert (await client.post("/api/public/chat/init", json=body)).status_code == 200

    response = await client.post("/api/public/chat/init", json=body)

    assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) >= 1


async def test_widget_preflight_allows_any_origin(api: Api) -> None:
    response = await api.client.options(
        "/api/public/chat/send",
        headers={
            "Origin": "https://shop.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"


async def test_widget_response_allows_any_origin(api: Api) -> None:
    account = await api.account()
    bot = await api.bot(account)

    response = await api.client.post(
        "/api/public/chat/init",
        json={"bot_public_key": bot["public_key"]},
        headers={"Origin": "https://shop.example"},
    )

    assert response.headers["access-control-allow-origin"] == "*"
