"""Widget answers with an LLM configured: the plan decides, and failures fall back."""

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from sqlalchemy import select

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.tables import system_events
from svontai.entrypoints.container import Container
from svontai.entrypoints.http.app import create_app
from tests.conftest import build_settings as build_settings
from tests.http.helpers import Api

QUESTION = "How much does shipping cost?"
STORED_ANSWER = "Shipping costs 59.90 TL."
LLM_TEXT = "Shipping is 59.90 TL within Turkey."


class FakeLlm:
    """A MockTransport handler for chat completions. `status` sets the response status."""

    def __init__(self) -> None:
        self.status = 200
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        content = {"choices": [{"message": {"role": "assistant", "content": LLM_TEXT}}]}
        return httpx.Response(self.status, json=content)


AppFactory = Callable[[str], Awaitable[Api]]


@pytest.fixture
def fake_llm() -> FakeLlm:
    return FakeLlm()


@pytest.fixture
async def llm_api(
    database_url: str, tmp_path: Path, fake_llm: FakeLlm
) -> AsyncIterator[AppFactory]:
    """Build an API client for an app whose LLM calls go to `fake_llm`."""
    opened: list[tuple[httpx.AsyncClient, Container]] = []

    async def build(default_plan: str) -> Api:
        settings = build_settings(
            database_url,
            tmp_path,
            default_plan=default_plan,
            llm_base_url="http://llm.test/v1",
            llm_model="test-model",
            llm_api_key="sk-test",
        )
        container = Container(settings=settings)
        llm_client = httpx.AsyncClient(transport=httpx.MockTransport(fake_llm))
        container.llm_http_client.override(providers.Object(llm_client))
        transport = httpx.ASGITransport(app=create_app(settings, container))
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        opened.append((client, container))
        return Api(client)

    yield build
    for client, container in opened:
        await client.aclose()
        await container.llm_http_client().aclose()
        container.password_hasher().close()
        await container.database().dispose()


async def ask(api: Api) -> dict[str, Any]:
    """Create a bot with one item and send `QUESTION` to it through the widget."""
    account = await api.account()
    bot = await api.bot(account)
    await api.knowledge(account, bot["id"], QUESTION, STORED_ANSWER)
    init = await api.client.post(
        "/api/public/chat/init", json={"bot_public_key": bot["public_key"]}
    )
    conversation = init.json()
    body = {
        "conversation_id": conversation["conversation_id"],
        "external_user_id": conversation["external_user_id"],
        "message": QUESTION,
    }
    response = await api.client.post("/api/public/chat/send", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    result["tenant_id"] = account.tenant_id
    return result


async def llm_failures(database: Database) -> list[Any]:
    async with database.engine.connect() as connection:
        query = select(system_events).where(system_events.c.code == "answer.llm_failed")
        return list((await connection.execute(query)).mappings())


async def test_plan_with_llm_answers_uses_model(llm_api: AppFactory, fake_llm: FakeLlm) -> None:
    api = await llm_api("enterprise")

    result = await ask(api)

    assert result["reply"] == LLM_TEXT
    assert len(fake_llm.bodies) == 1
    assert fake_llm.bodies[0]["messages"][-1] == {"role": "user", "content": QUESTION}


async def test_plan_without_llm_answers_skips_model(llm_api: AppFactory, fake_llm: FakeLlm) -> None:
    api = await llm_api("pro")

    result = await ask(api)

    assert result["reply"] == STORED_ANSWER
    assert fake_llm.bodies == []


async def test_model_error_sends_stored_answer_and_records_event(
    llm_api: AppFactory, fake_llm: FakeLlm, database: Database
) -> None:
    fake_llm.status = 500
    api = await llm_api("enterprise")

    result = await ask(api)

    events = await llm_failures(database)
    assert result["reply"] == STORED_ANSWER
    assert len(events) == 1
    assert str(events[0]["tenant_id"]) == result["tenant_id"]
    assert events[0]["meta"]["error"] == "http_status"
    assert QUESTION not in events[0]["message"]
