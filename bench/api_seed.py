"""Seed the service through its public HTTP API and time chat replies one request at a time."""

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from processes import HarnessError
from seed_data import (
    BENCH_PASSWORD,
    KNOWLEDGE_ITEMS,
    LOGIN_USER_COUNT,
    SEND_CONVERSATION_COUNT,
    VISITOR_QUESTIONS,
)

OWNER_EMAIL = "owner@bench.example.com"
REQUEST_TIMEOUT_SECONDS = 30.0
LATENCY_CONVERSATIONS = 20
LOGIN_RETRY_SECONDS = 60.0


@dataclass(frozen=True)
class BotRef:
    """A bot's id for the owner API and its public key for the chat widget API."""

    id: str
    public_key: str


@dataclass(frozen=True)
class Conversation:
    conversation_id: str
    external_user_id: str


@dataclass
class SeededService:
    """Users, bot and conversations that the load scenarios use on a freshly seeded service."""

    login_emails: list[str]
    send_bot: BotRef
    conversations: list[Conversation]
    kb_bots: dict[int, BotRef] = field(default_factory=dict)


def api_client(base_url: str) -> httpx.Client:
    """Return an HTTP client for the service that ignores proxy settings in the environment."""
    return httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT_SECONDS, trust_env=False)


def expect_status(response: httpx.Response, expected: int) -> Any:
    """Return the JSON body, raising HarnessError when the status is not the expected one."""
    if response.status_code != expected:
        request = response.request
        raise HarnessError(
            f"{request.method} {request.url.path} returned {response.status_code}, "
            f"expected {expected}: {response.text[:500]}"
        )
    return response.json()


def register_user(client: httpx.Client, email: str) -> None:
    body = {"email": email, "password": BENCH_PASSWORD, "full_name": "Bench User"}
    expect_status(client.post("/api/auth/register", json=body), 201)


def login(client: httpx.Client, email: str) -> str:
    """Log in and return the access token, retrying while the service returns 503.

    After a login load run the service still works through its queue of password hashes
    and returns 503 to new logins until the queue has room again.
    """
    body = {"email": email, "password": BENCH_PASSWORD}
    deadline = time.monotonic() + LOGIN_RETRY_SECONDS
    response = client.post("/api/auth/login", json=body)
    while response.status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.5)
        response = client.post("/api/auth/login", json=body)
    tokens = expect_status(response, 200)
    return str(tokens["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def create_tenant(client: httpx.Client, token: str) -> None:
    response = client.post("/api/tenants", json={"name": "Bench Outdoor"}, headers=bearer(token))
    expect_status(response, 201)


def create_bot(client: httpx.Client, token: str, name: str) -> BotRef:
    body = {"name": name, "language": "en"}
    bot = expect_status(client.post("/api/bots", json=body, headers=bearer(token)), 201)
    return BotRef(id=str(bot["id"]), public_key=str(bot["public_key"]))


def add_knowledge(client: httpx.Client, token: str, bot_id: str) -> None:
    """Add the shop FAQ (40 items) to a bot."""
    for question, answer, tags in KNOWLEDGE_ITEMS:
        body = {"bot_id": bot_id, "question": question, "answer": answer, "tags": tags}
        expect_status(client.post("/api/knowledge", json=body, headers=bearer(token)), 201)


def init_conversations(client: httpx.Client, public_key: str, count: int) -> list[Conversation]:
    conversations = []
    for _ in range(count):
        response = client.post("/api/public/chat/init", json={"bot_public_key": public_key})
        started = expect_status(response, 200)
        conversations.append(
            Conversation(str(started["conversation_id"]), str(started["external_user_id"]))
        )
    return conversations


def seed_service(base_url: str, kb_sizes: list[int]) -> SeededService:
    """Create users, a tenant, bots with the FAQ and chat conversations through the API."""
    login_emails = [f"user{index:02d}@bench.example.com" for index in range(LOGIN_USER_COUNT)]
    with api_client(base_url) as client:
        for email in [OWNER_EMAIL, *login_emails]:
            register_user(client, email)
        create_tenant(client, login(client, OWNER_EMAIL))
        # A fresh token, in case the service puts the tenant into the token at login.
        token = login(client, OWNER_EMAIL)
        send_bot = create_bot(client, token, "Bench bot")
        add_knowledge(client, token, send_bot.id)
        conversations = init_conversations(client, send_bot.public_key, SEND_CONVERSATION_COUNT)
        seeded = SeededService(login_emails, send_bot, conversations)
        for size in kb_sizes:
            seeded.kb_bots[size] = create_bot(client, token, f"Bench bot {size} items")
            add_knowledge(client, token, seeded.kb_bots[size].id)
    return seeded


def owner_access_token(base_url: str) -> str:
    with api_client(base_url) as client:
        return login(client, OWNER_EMAIL)


def write_login_bodies(path: Path, emails: list[str]) -> None:
    """Write one login request body per line for bench/lua/login.lua."""
    lines = [json.dumps({"email": email, "password": BENCH_PASSWORD}) for email in emails]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_send_bodies(path: Path, conversations: list[Conversation]) -> None:
    """Write every conversation x question pair as one send body per line for send.lua.

    Consecutive lines use different conversations, and each conversation's questions start
    at a different point of the list, so concurrent requests rarely share a conversation.
    """
    lines = []
    for round_index in range(len(VISITOR_QUESTIONS)):
        for position, conversation in enumerate(conversations):
            question = VISITOR_QUESTIONS[(position + round_index) % len(VISITOR_QUESTIONS)]
            body = {
                "conversation_id": conversation.conversation_id,
                "external_user_id": conversation.external_user_id,
                "message": question,
            }
            lines.append(json.dumps(body))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class AnswerLatency:
    """Sequential chat answer latency in milliseconds, and how many replies quote the FAQ."""

    requests: int
    p50_ms: float
    p95_ms: float
    faq_replies: int


def send_message(client: httpx.Client, conversation: Conversation, message: str) -> str | None:
    """Send a visitor message and return the bot's reply, which is None when the bot is silent."""
    body = {
        "conversation_id": conversation.conversation_id,
        "external_user_id": conversation.external_user_id,
        "message": message,
    }
    response = client.post("/api/public/chat/send", json=body)
    if not response.is_success:
        raise HarnessError(
            f"POST /api/public/chat/send returned {response.status_code}: {response.text[:500]}"
        )
    reply = response.json().get("reply")
    return str(reply) if reply is not None else None


def quotes_faq(reply: str | None) -> bool:
    """Return whether a reply contains the answer of one of the 40 FAQ items."""
    return reply is not None and any(answer in reply for _, answer, _ in KNOWLEDGE_ITEMS)


def measure_answer_latency(
    base_url: str, bot: BotRef, requests: int, warmup_requests: int = 5
) -> AnswerLatency:
    """Send messages one at a time over new conversations and return the latency figures.

    Warm-up requests go to a conversation of their own and are not timed, so a cache or index
    that the service loads on a bot's first question does not count. The timed requests share
    several new conversations so that a long history does not make later replies slower.
    """
    with api_client(base_url) as client:
        warmup, *conversations = init_conversations(
            client, bot.public_key, LATENCY_CONVERSATIONS + 1
        )
        for index in range(warmup_requests):
            send_message(client, warmup, VISITOR_QUESTIONS[index % len(VISITOR_QUESTIONS)])
        timings_ms = []
        faq_replies = 0
        for index in range(requests):
            conversation = conversations[index % len(conversations)]
            question = VISITOR_QUESTIONS[index % len(VISITOR_QUESTIONS)]
            started = time.perf_counter()
            reply = send_message(client, conversation, question)
            timings_ms.append((time.perf_counter() - started) * 1000.0)
            if quotes_faq(reply):
                faq_replies += 1
    cut_points = statistics.quantiles(timings_ms, n=20, method="inclusive")
    return AnswerLatency(requests, statistics.median(timings_ms), cut_points[18], faq_replies)
