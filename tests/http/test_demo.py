"""`svontai demo`: the sample business loads once, its login works and its bot answers."""

import json
import os
import re
import stat
from pathlib import Path

import httpx
import msgspec
import pytest

from svontai.entrypoints.demo.instructions import ENGLISH_QUESTION, TURKISH_QUESTION
from svontai.entrypoints.demo.load import DEMO_EMAIL, KNOWLEDGE_BASE, PASSWORD_FILE, load_demo
from svontai.entrypoints.settings import Settings

DEMO_PASSWORD = "demo password 123"
ITEM_COUNT = len(json.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["items"])


@pytest.fixture
def demo_settings(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("SVONTAI_DEMO_PASSWORD", raising=False)
    return msgspec.structs.replace(settings, secrets_dir=str(tmp_path / ".svontai"))


def printed(output: str, label: str) -> str:
    match = re.search(rf"^  {label}\s+(\S+)", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def public_key(output: str) -> str:
    match = re.search(r"public key (bot_\S+)", output)
    assert match, output
    return match.group(1)


async def login_headers(client: httpx.AsyncClient, password: str) -> dict[str, str]:
    response = await client.post(
        "/api/auth/login", json={"email": DEMO_EMAIL, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_demo_twice_creates_nothing_new(
    demo_settings: Settings, client: httpx.AsyncClient
) -> None:
    first = await load_demo(demo_settings, DEMO_PASSWORD)

    second = await load_demo(demo_settings, DEMO_PASSWORD)

    headers = await login_headers(client, DEMO_PASSWORD)
    tenants = (await client.get("/api/tenants/my", headers=headers)).json()
    bots = await client.get("/api/bots", headers=headers)
    knowledge = await client.get("/api/knowledge", headers=headers)
    assert [tenant["name"] for tenant in tenants] == ["Kahve Durağı"]
    assert bots.headers["X-Total-Count"] == "1"
    assert knowledge.headers["X-Total-Count"] == str(ITEM_COUNT)
    assert public_key(second) == public_key(first)
    assert bots.json()[0]["public_key"] == public_key(first)
    assert f"{ITEM_COUNT} items (0 added now)" in second


async def test_demo_tenant_is_on_enterprise_plan(
    demo_settings: Settings, client: httpx.AsyncClient
) -> None:
    await load_demo(demo_settings, DEMO_PASSWORD)

    headers = await login_headers(client, DEMO_PASSWORD)
    tenants = (await client.get("/api/tenants/my", headers=headers)).json()

    assert tenants[0]["plan_code"] == "enterprise"


async def test_demo_bot_has_json_settings(
    demo_settings: Settings, client: httpx.AsyncClient
) -> None:
    expected = json.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["business"]["bot"]

    await load_demo(demo_settings, DEMO_PASSWORD)

    headers = await login_headers(client, DEMO_PASSWORD)
    bot = (await client.get("/api/bots", headers=headers)).json()[0]
    for name, value in expected.items():
        assert bot[name] == value, name


async def test_demo_generates_and_reuses_password(
    demo_settings: Settings, client: httpx.AsyncClient
) -> None:
    first = await load_demo(demo_settings)

    second = await load_demo(demo_settings)

    password = printed(first, "password")
    password_file = Path(demo_settings.secrets_dir) / PASSWORD_FILE
    assert printed(second, "password") == password
    assert password_file.read_text().strip() == password
    assert stat.S_IMODE(os.stat(password_file).st_mode) == 0o600
    await login_headers(client, password)


async def test_demo_password_from_environment(
    demo_settings: Settings, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SVONTAI_DEMO_PASSWORD", DEMO_PASSWORD)

    output = await load_demo(demo_settings)

    assert printed(output, "login") == DEMO_EMAIL
    assert f"password  {DEMO_PASSWORD}" in output
    assert not (Path(demo_settings.secrets_dir) / PASSWORD_FILE).exists()
    await login_headers(client, DEMO_PASSWORD)


async def test_demo_hides_password_that_no_longer_works(demo_settings: Settings) -> None:
    await load_demo(demo_settings, DEMO_PASSWORD)

    output = await load_demo(demo_settings, "another password")

    assert "another password" not in output
    assert "password  (not shown" in output


async def test_demo_prints_chat_commands(demo_settings: Settings) -> None:
    settings = msgspec.structs.replace(demo_settings, public_base_url="https://chat.example/")

    output = await load_demo(settings, DEMO_PASSWORD)

    assert "curl -s -X POST https://chat.example/api/public/chat/init" in output
    assert "curl -s -X POST https://chat.example/api/public/chat/send" in output
    assert TURKISH_QUESTION in output
    assert ENGLISH_QUESTION in output
    assert "make run" in output


async def test_demo_commands_use_a_new_visitor_each_time(demo_settings: Settings) -> None:
    first = await load_demo(demo_settings, DEMO_PASSWORD)
    second = await load_demo(demo_settings, DEMO_PASSWORD)

    first_ids = set(re.findall(r"demo-[0-9a-f]{16}", first))
    second_ids = set(re.findall(r"demo-[0-9a-f]{16}", second))
    assert len(first_ids) == 1
    assert len(second_ids) == 1
    assert first_ids != second_ids


@pytest.mark.parametrize(
    ("question", "item_question"),
    [
        (TURKISH_QUESTION, "Kargo ücreti ne kadar?"),
        (ENGLISH_QUESTION, "Do you ship internationally?"),
    ],
)
async def test_demo_questions_get_knowledge_answers(
    demo_settings: Settings, client: httpx.AsyncClient, question: str, item_question: str
) -> None:
    key = public_key(await load_demo(demo_settings, DEMO_PASSWORD))
    init = await client.post("/api/public/chat/init", json={"bot_public_key": key})
    conversation = init.json()
    body = {
        "conversation_id": conversation["conversation_id"],
        "external_user_id": conversation["external_user_id"],
        "message": question,
    }

    response = await client.post("/api/public/chat/send", json=body)

    items = json.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))["items"]
    answers = {item["question"]: item["answer"] for item in items}
    assert response.status_code == 200, response.text
    assert response.json()["reply"] == answers[item_question]
