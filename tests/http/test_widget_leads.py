import asyncio
import uuid
from typing import Any

from svontai.entrypoints.container import Container
from tests.http.chat_helpers import send, start_chat, suspend, use_plan
from tests.http.helpers import Account, Api, assert_error

LEADS_URL = "/api/public/leads"


async def widget(api: Api) -> tuple[Account, dict[str, Any], dict[str, Any]]:
    account = await api.account()
    bot = await api.bot(account)
    return account, bot, await start_chat(api.client, bot)


async def test_public_lead_is_created_from_web(api: Api) -> None:
    _, bot, _ = await widget(api)

    response = await api.client.post(
        LEADS_URL,
        json={"bot_public_key": bot["public_key"], "name": "Ali Veli", "email": "ALI@example.com"},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["source"] == "web"
    assert body["status"] == "new"
    assert body["email"] == "ali@example.com"
    assert body["bot_id"] == bot["id"]
    assert body["conversation_id"] is None


async def test_public_lead_needs_contact_field(api: Api) -> None:
    _, bot, _ = await widget(api)

    response = await api.client.post(
        LEADS_URL, json={"bot_public_key": bot["public_key"], "notes": "Beni arayın"}
    )

    assert_error(response, 422, "validation_error")


async def test_public_lead_rejects_unknown_bot(api: Api) -> None:
    response = await api.client.post(LEADS_URL, json={"bot_public_key": "bot_nope", "name": "A"})

    assert_error(response, 404, "not_found")


async def test_public_lead_hides_suspended_tenant(api: Api, container: Container) -> None:
    account, bot, _ = await widget(api)
    await suspend(container, account)

    response = await api.client.post(
        LEADS_URL, json={"bot_public_key": bot["public_key"], "name": "A"}
    )

    assert_error(response, 404, "not_found")


async def test_public_lead_needs_widget_feature(api: Api, container: Container) -> None:
    account, bot, _ = await widget(api)
    await use_plan(container, account, features=[])

    response = await api.client.post(
        LEADS_URL, json={"bot_public_key": bot["public_key"], "name": "A"}
    )

    assert_error(response, 403, "feature_not_in_plan")


async def test_public_lead_updates_conversations_lead(api: Api) -> None:
    account, bot, chat = await widget(api)
    body = {
        "bot_public_key": bot["public_key"],
        "conversation_id": chat["conversation_id"],
        "external_user_id": chat["external_user_id"],
    }
    first = await api.client.post(LEADS_URL, json={**body, "name": "Ali"})

    second = await api.client.post(LEADS_URL, json={**body, "email": "ali@example.com"})

    conversation = await api.client.get(
        f"/api/conversations/{chat['conversation_id']}", headers=account.headers
    )
    assert second.status_code == 201
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["name"] == "Ali"
    assert second.json()["email"] == "ali@example.com"
    assert conversation.json()["lead_id"] == first.json()["id"]


async def test_public_lead_rejects_foreign_visitor(api: Api) -> None:
    _, bot, chat = await widget(api)
    body = {
        "bot_public_key": bot["public_key"],
        "conversation_id": chat["conversation_id"],
        "name": "Ali",
    }

    missing = await api.client.post(LEADS_URL, json=body)
    wrong = await api.client.post(LEADS_URL, json={**body, "external_user_id": "someone-else"})

    assert_error(missing, 403, "forbidden")
    assert_error(wrong, 403, "forbidden")


async def test_public_lead_rejects_other_bots_conversation(api: Api) -> None:
    _, bot, _ = await widget(api)
    _, _, other_chat = await widget(api)

    response = await api.client.post(
        LEADS_URL,
        json={
            "bot_public_key": bot["public_key"],
            "conversation_id": other_chat["conversation_id"],
            "external_user_id": other_chat["external_user_id"],
            "name": "Ali",
        },
    )

    assert_error(response, 404, "not_found")


async def test_public_lead_rejects_unknown_conversation(api: Api) -> None:
    _, bot, chat = await widget(api)

    response = await api.client.post(
        LEADS_URL,
        json={
            "bot_public_key": bot["public_key"],
            "conversation_id": str(uuid.uuid4()),
            "external_user_id": chat["external_user_id"],
            "name": "Ali",
        },
    )

    assert_error(response, 404, "not_found")


async def test_send_captures_lead_with_lead_capture(api: Api, container: Container) -> None:
    account = await api.account()
    await use_plan(container, account, features=["widget", "lead_capture"])
    bot = await api.bot(account)
    chat = await start_chat(api.client, bot)

    await send(api.client, chat, "Bana ali@example.com adresinden ulaşın")

    conversation = await api.client.get(
        f"/api/conversations/{chat['conversation_id']}", headers=account.headers
    )
    leads = await api.client.get("/api/leads", headers=account.headers)
    assert len(leads.json()) == 1
    assert leads.json()[0]["email"] == "ali@example.com"
    assert leads.json()[0]["source"] == "web"
    assert conversation.json()["lead_id"] == leads.json()[0]["id"]


async def test_send_captures_no_lead_without_lead_capture(api: Api) -> None:
    account, _, chat = await widget(api)

    await send(api.client, chat, "Bana ali@example.com adresinden ulaşın")

    leads = await api.client.get("/api/leads", headers=account.headers)
    assert leads.json() == []


async def test_concurrent_lead_writers_on_one_conversation(api: Api, container: Container) -> None:
    # Sends that capture a lead, public lead forms and operator replies, all at once on one
    # conversation. Each locks the conversation before the lead, so on PostgreSQL none of
    # them deadlocks and fails.
    account = await api.account()
    await use_plan(container, account, features=["widget", "lead_capture"])
    bot = await api.bot(account)
    chat = await start_chat(api.client, bot)
    operator_url = f"/api/conversations/{chat['conversation_id']}/messages"
    visitor = {
        "conversation_id": chat["conversation_id"],
        "external_user_id": chat["external_user_id"],
    }

    statuses: list[int] = []
    for round_number in range(3):
        requests = [
            *(
                send(api.client, chat, f"mail me at v{round_number}{index}@example.com", **visitor)
                for index in range(4)
            ),
            *(
                api.client.post(
                    LEADS_URL,
                    json={
                        "bot_public_key": bot["public_key"],
                        **visitor,
                        "email": f"form{round_number}{index}@example.com",
                    },
                )
                for index in range(4)
            ),
            *(
                api.client.post(
                    operator_url, json={"content": f"hello {index}"}, headers=account.headers
                )
                for index in range(4)
            ),
        ]
        statuses += [response.status_code for response in await asyncio.gather(*requests)]

    leads = await api.client.get("/api/leads", headers=account.headers)
    assert sorted(set(statuses)) == [200, 201]
    assert len(leads.json()) == 1
