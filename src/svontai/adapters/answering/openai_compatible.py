"""An answerer that sends retrieved items to an OpenAI-compatible chat completions API.

Only the best retrieved items go to the model, never the whole knowledge base, so the request
size does not grow with the knowledge base. When the model is slow, down or returns nothing
usable, the visitor gets the built-in answer and a system event records the failure.
"""

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx
import structlog

from svontai.adapters.answering.llm_prompt import NO_ANSWER_MARKER, build_messages, context_hits
from svontai.adapters.answering.text import asks_for_human, is_closing, is_greeting
from svontai.application.ports.answer_generator import Answer, AnswerGenerator, AnswerRequest
from svontai.application.ports.event_recorder import EventRecorder, SystemEvent
from svontai.domain.bots import Bot
from svontai.domain.events import EventCode, EventLevel

_log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class LlmConfig:
    base_url: str
    model: str
    api_key: str | None
    timeout_seconds: float


class LlmAnswerError(Exception):
    """The model call failed or returned no usable text. `kind` names the cause."""

    def __init__(self, kind: str, status_code: int | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.status_code = status_code


class OpenAiCompatibleAnswerGenerator:
    """Implements `AnswerGenerator` with `POST {base_url}/chat/completions`.

    `fallback` (the built-in answerer) serves greetings, messages with no relevant item,
    tenants whose plan lacks LLM answers, and every failed model call.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        config: LlmConfig,
        fallback: AnswerGenerator,
        events: EventRecorder,
    ) -> None:
        self._client = client
        self._config = config
        self._fallback = fallback
        self._events = events

    def uses_history(self, allow_llm: bool) -> bool:
        """Return `allow_llm`, because only the model's prompt includes the recent turns."""
        return allow_llm

    async def answer(self, request: AnswerRequest) -> Answer:
        context = context_hits(request.bot, request.hits)
        if not request.allow_llm or not context or _built_in_only(request.message):
            return await self._fallback.answer(request)

        try:
            reply = await self._complete(build_messages(request, context))
        except LlmAnswerError as error:
            await self._record_failure(request.bot, error)
            return await self._fallback.answer(request)

        if NO_ANSWER_MARKER in reply:
            return Answer(request.bot.fallback_message, [], context[0].confidence, True)
        return Answer(reply, [hit.item.id for hit in context], context[0].confidence, False)

    async def _complete(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self._config.model, "messages": messages}
        try:
            async with asyncio.timeout(self._config.timeout_seconds):
                response = await self._client.post(self._url(), json=body, headers=self._headers())
        except (TimeoutError, httpx.TimeoutException):
            raise LlmAnswerError("timeout") from None
        except httpx.HTTPError:
            raise LlmAnswerError("request_failed") from None
        if response.is_error:
            raise LlmAnswerError("http_status", response.status_code)
        return parse_reply(response.content)

    def _url(self) -> str:
        return self._config.base_url.rstrip("/") + "/chat/completions"

    def _headers(self) -> dict[str, str]:
        if not self._config.api_key:
            return {}
        return {"Authorization": f"Bearer {self._config.api_key}"}

    async def _record_failure(self, bot: Bot, error: LlmAnswerError) -> None:
        meta: dict[str, Any] = {"error": error.kind, "bot_id": str(bot.id)}
        if error.status_code is not None:
            meta["status_code"] = error.status_code
        _log.warning("llm_answer_failed", tenant_id=str(bot.tenant_id), **meta)
        await self._events.record(
            SystemEvent(
                level=EventLevel.ERROR,
                source="answering",
                code=EventCode.LLM_FAILED,
                message=f"The LLM answerer failed ({error.kind}), so the built-in answer was sent.",
                tenant_id=bot.tenant_id,
                meta=meta,
            )
        )


def parse_reply(content: bytes) -> str:
    """Return the stripped text of the first choice, or raise `LlmAnswerError`."""
    try:
        text = json.loads(content)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LlmAnswerError("malformed_response") from None
    if not isinstance(text, str):
        raise LlmAnswerError("malformed_response")
    if not text.strip():
        raise LlmAnswerError("empty_answer")
    return text.strip()


def _built_in_only(message: str) -> bool:
    """Tell whether the built-in answerer replies to `message` without asking the model:
    greetings, thanks and goodbyes, and requests for a person."""
    return is_greeting(message) or is_closing(message) or asks_for_human(message)
