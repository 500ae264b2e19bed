"""The OpenAI-compatible answerer against fake chat completions servers.

Most cases use `httpx.MockTransport`. The `live_server` cases run a small ASGI server with
uvicorn on a free port of 127.0.0.1, so timeouts and HTTP errors travel over a real socket.
"""

import asyncio
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import msgspec
import pytest
import uvicorn

from svontai.adapters.answering.builtin import BuiltinAnswerGenerator
from svontai.adapters.answering.llm_prompt import NO_ANSWER_MARKER
from svontai.adapters.answering.openai_compatible import LlmConfig, OpenAiCompatibleAnswerGenerator
from svontai.application.ports.answer_generator import Answer, AnswerRequest, SearchHit
from svontai.domain.bots import Bot, KnowledgeItem
from svontai.domain.conversations import Message, Sender
from svontai.entrypoints.container import Container
from svontai.entrypoints.settings import Settings
from tests.unit.fakes.infrastructure import FakeEventRecorder

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
TENANT_ID = uuid.uuid4()
API_KEY = "sk-test-secret"
MODEL = "test-model"
VISITOR_TEXT = "Siparişim ne zaman gelir?"

Handler = Callable[[httpx.Request], httpx.Response]


def make_bot() -> Bot:
    return Bot(
        id=uuid.uuid4(),
        tenant_id=TENANT_ID,
        name="Durak",
        public_key="bot_test",
        created_at=NOW,
        updated_at=NOW,
        welcome_message="Welcome!",
        fallback_message="A colleague will reply soon.",
        answer_threshold=0.5,
    )


def make_hit(number: int, confidence: float) -> SearchHit:
    item = KnowledgeItem(
        id=uuid.uuid4(),
        tenant_id=TENANT_ID,
        bot_id=uuid.uuid4(),
        question=f"Question {number}?",
        answer=f"Answer number {number}.",
        created_at=NOW,
        updated_at=NOW,
        title=f"Title {number}",
    )
    return SearchHit(item, confidence)


def make_message(sender: Sender, content: str) -> Message:
    return Message(uuid.uuid4(), uuid.uuid4(), TENANT_ID, sender, content, NOW)


def make_request(
    hits: list[SearchHit] | None = None,
    message: str = VISITOR_TEXT,
    history: list[Message] | None = None,
    allow_llm: bool = True,
) -> AnswerRequest:
    hits = [make_hit(1, 0.8)] if hits is None else hits
    return AnswerRequest(make_bot(), message, hits, history or [], allow_llm)


def completion(content: object) -> dict[str, Any]:
    return {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}


@dataclass
class Recorder:
    """A MockTransport handler that stores every request and replies with `response`."""

    response: httpx.Response = field(
        default_factory=lambda: httpx.Response(200, json=completion("Two working days."))
    )
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.response

    def body(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.requests[0].content)
        return result


def build_generator(
    handler: Handler | None = None,
    base_url: str = "http://llm.test/v1",
    timeout: float = 5.0,
) -> tuple[OpenAiCompatibleAnswerGenerator, FakeEventRecorder, httpx.AsyncClient]:
    transport = httpx.MockTransport(handler) if handler else None
    client = httpx.AsyncClient(transport=transport, timeout=timeout)
    events = FakeEventRecorder()
    config = LlmConfig(base_url=base_url, model=MODEL, api_key=API_KEY, timeout_seconds=timeout)
    generator = OpenAiCompatibleAnswerGenerator(client, config, BuiltinAnswerGenerator(), events)
    return generator, events, client


async def answer_with(handler: Handler, request: AnswerRequest) -> tuple[Answer, FakeEventRecorder]:
    generator, events, client = build_generator(handler)
    async with client:
        result = await generator.answer(request)
    return result, events


def all_message_text(body: dict[str, Any]) -> str:
    return "\n".join(message["content"] for message in body["messages"])


async def test_request_posts_to_chat_completions_with_key() -> None:
    recorder = Recorder()

    await answer_with(recorder, make_request())

    request = recorder.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "http://llm.test/v1/chat/completions"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert recorder.body()["model"] == MODEL


async def test_request_sends_at_most_five_best_items() -> None:
    recorder = Recorder()
    hits = [make_hit(number, 0.3 + number / 100) for number in range(1, 8)]

    await answer_with(recorder, make_request(hits))

    system = recorder.body()["messages"][0]
    assert system["role"] == "system"
    sent = [number for number in range(1, 8) if f"Answer number {number}." in system["content"]]
    assert sent == [3, 4, 5, 6, 7]


async def test_request_leaves_out_items_below_minimum() -> None:
    recorder = Recorder()
    hits = [make_hit(1, 0.9), make_hit(2, 0.1)]

    await answer_with(recorder, make_request(hits))

    text = all_message_text(recorder.body())
    assert "Answer number 1." in text
    assert "Answer number 2." not in text


async def test_request_contains_visitor_message_once() -> None:
    recorder = Recorder()
    history = [
        make_message(Sender.USER, "Merhaba"),
        make_message(Sender.BOT, "Welcome!"),
        make_message(Sender.SYSTEM, "Conversation resumed"),
        make_message(Sender.USER, VISITOR_TEXT),
    ]

    await answer_with(recorder, make_request(history=history))

    messages = recorder.body()["messages"]
    assert all_message_text(recorder.body()).count(VISITOR_TEXT) == 1
    assert messages[-1] == {"role": "user", "content": VISITOR_TEXT}
    assert [message["role"] for message in messages] == ["system", "user", "assistant", "user"]


async def test_request_keeps_only_recent_history() -> None:
    recorder = Recorder()
    history = [make_message(Sender.USER, f"old question {number}") for number in range(10)]

    await answer_with(recorder, make_request(history=history))

    text = all_message_text(recorder.body())
    assert "old question 3" not in text
    assert "old question 4" in text
    assert "old question 9" in text


async def test_success_returns_model_text_and_items() -> None:
    hits = [make_hit(1, 0.8), make_hit(2, 0.6)]

    result, events = await answer_with(Recorder(), make_request(hits))

    assert result.text == "Two working days."
    assert result.knowledge_item_ids == [hits[0].item.id, hits[1].item.id]
    assert result.confidence == 0.8
    assert result.is_fallback is False
    assert events.events == []


async def test_marker_reply_returns_fallback_message() -> None:
    recorder = Recorder(httpx.Response(200, json=completion(f" {NO_ANSWER_MARKER}\n")))

    result, events = await answer_with(recorder, make_request())

    assert result.text == "A colleague will reply soon."
    assert result.is_fallback is True
    assert result.knowledge_item_ids == []
    assert events.events == []


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (httpx.Response(200, content=b"{not json"), "malformed_response"),
        (httpx.Response(200, json={"choices": []}), "malformed_response"),
        (httpx.Response(200, json=completion(None)), "malformed_response"),
        (httpx.Response(200, json=completion("   ")), "empty_answer"),
        (httpx.Response(503, json={"error": "overloaded"}), "http_status"),
    ],
)
async def test_bad_reply_falls_back_to_builtin(response: httpx.Response, kind: str) -> None:
    hit = make_hit(1, 0.8)

    result, events = await answer_with(Recorder(response), make_request([hit]))

    assert result.text == hit.item.answer
    assert result.is_fallback is False
    assert events.codes() == ["answer.llm_failed"]
    assert events.events[0].meta["error"] == kind


async def test_connection_error_falls_back_to_builtin() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    result, events = await answer_with(refuse, make_request([make_hit(1, 0.8)]))

    assert result.text == "Answer number 1."
    assert events.events[0].meta["error"] == "request_failed"


async def test_failure_event_names_tenant_without_secrets() -> None:
    _, events = await answer_with(Recorder(httpx.Response(500)), make_request())

    event = events.events[0]
    recorded = f"{event.message} {event.meta}"
    assert event.tenant_id == TENANT_ID
    assert event.meta["status_code"] == 500
    assert API_KEY not in recorded
    assert VISITOR_TEXT not in recorded


async def test_plan_without_llm_uses_builtin() -> None:
    recorder = Recorder()

    result, _ = await answer_with(recorder, make_request(allow_llm=False))

    assert recorder.requests == []
    assert result.text == "Answer number 1."


async def test_no_relevant_hit_skips_model() -> None:
    recorder = Recorder()

    result, events = await answer_with(recorder, make_request([make_hit(1, 0.1)]))

    assert recorder.requests == []
    assert result.is_fallback is True
    assert result.text == "A colleague will reply soon."
    assert events.events == []


async def test_greeting_skips_model() -> None:
    recorder = Recorder()

    result, _ = await answer_with(recorder, make_request(message="Merhaba!"))

    assert recorder.requests == []
    assert result.is_greeting is True


def test_container_selects_llm_answerer_when_configured() -> None:
    settings = msgspec.convert(
        {"jwt_secret": "x" * 40, "llm_base_url": "http://127.0.0.1:9/v1", "llm_model": MODEL},
        Settings,
    )

    generator = Container(settings=settings).answer_generator()

    assert isinstance(generator, OpenAiCompatibleAnswerGenerator)


def test_container_selects_builtin_answerer_by_default() -> None:
    settings = msgspec.convert({"jwt_secret": "x" * 40}, Settings)

    generator = Container(settings=settings).answer_generator()

    assert isinstance(generator, BuiltinAnswerGenerator)


@dataclass
class FakeLlmServer:
    """An ASGI chat completions endpoint whose reply, status and delay each test sets."""

    base_url: str = ""
    status: int = 200
    reply: str = "Two working days."
    delay: float = 0.0
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            event = await receive()
            body += event.get("body", b"")
            more = event.get("more_body", False)
        self.bodies.append(json.loads(body))
        self.headers.append({key.decode(): value.decode() for key, value in scope["headers"]})
        await asyncio.sleep(self.delay)
        await self._respond(send)

    async def _respond(self, send: Any) -> None:
        payload = json.dumps(completion(self.reply)).encode()
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


@pytest.fixture(scope="module")
def live_server() -> Iterator[FakeLlmServer]:
    app = FakeLlmServer()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    app.base_url = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield app
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def server(live_server: FakeLlmServer) -> FakeLlmServer:
    live_server.status, live_server.reply, live_server.delay = 200, "Two working days.", 0.0
    live_server.bodies.clear()
    live_server.headers.clear()
    return live_server


async def test_live_server_success(server: FakeLlmServer) -> None:
    generator, events, client = build_generator(base_url=server.base_url)

    async with client:
        result = await generator.answer(make_request([make_hit(1, 0.8)]))

    assert result.text == "Two working days."
    assert server.bodies[0]["model"] == MODEL
    assert server.headers[0]["authorization"] == f"Bearer {API_KEY}"
    assert "Answer number 1." in all_message_text(server.bodies[0])
    assert events.events == []


async def test_live_server_timeout_falls_back(server: FakeLlmServer) -> None:
    server.delay = 2.0
    generator, events, client = build_generator(base_url=server.base_url, timeout=0.2)

    async with client:
        started = time.monotonic()
        result = await generator.answer(make_request([make_hit(1, 0.8)]))
        elapsed = time.monotonic() - started

    assert result.text == "Answer number 1."
    assert elapsed < 1.5
    assert events.codes() == ["answer.llm_failed"]
    assert events.events[0].meta["error"] == "timeout"


async def test_live_server_error_status_falls_back(server: FakeLlmServer) -> None:
    server.status = 500
    generator, events, client = build_generator(base_url=server.base_url)

    async with client:
        result = await generator.answer(make_request([make_hit(1, 0.8)]))

    assert result.text == "Answer number 1."
    assert events.events[0].meta["error"] == "http_status"
    assert events.events[0].meta["status_code"] == 500


async def test_history_used_only_with_llm_answers() -> None:
    generator, _, client = build_generator(Recorder())
    async with client:
        assert generator.uses_history(allow_llm=True) is True
        assert generator.uses_history(allow_llm=False) is False
    assert BuiltinAnswerGenerator().uses_history(allow_llm=True) is False
