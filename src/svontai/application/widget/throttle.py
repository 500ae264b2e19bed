"""Rate limits of the public widget endpoints, per client address and per conversation."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from svontai.application.ports.event_recorder import EventRecorder, SystemEvent
from svontai.application.ports.rate_limiter import RateLimiter
from svontai.domain.conversations import Conversation
from svontai.domain.errors import RateLimitedError
from svontai.domain.events import EventCode, EventLevel

# A client that keeps hitting a limit records one event per key and minute, not one per request.
_EVENT_LIMIT = "1/minute"


@dataclass(frozen=True, slots=True)
class WidgetLimits:
    """Rate limits such as `"120/minute"`."""

    per_ip: str
    per_conversation: str


class WidgetThrottle:
    """Counts widget requests and raises `RateLimitedError` (with the seconds to wait).

    Call it outside a write transaction, because a rejection records a system event, which
    commits in a transaction of its own.
    """

    def __init__(self, limiter: RateLimiter, events: EventRecorder, limits: WidgetLimits) -> None:
        self._limiter = limiter
        self._events = events
        self._limits = limits

    async def check_ip(self, client_ip: str) -> None:
        meta = {"scope": "ip", "ip": client_ip}
        await self._check(self._limits.per_ip, f"widget-ip:{client_ip}", None, meta)

    async def check_conversation(self, conversation: Conversation) -> None:
        key = f"widget-conversation:{conversation.id}"
        meta = {"scope": "conversation", "conversation_id": str(conversation.id)}
        await self._check(self._limits.per_conversation, key, conversation.tenant_id, meta)

    async def _check(
        self, limit: str, key: str, tenant_id: UUID | None, meta: dict[str, Any]
    ) -> None:
        retry_after = await self._limiter.hit(limit, key)
        if retry_after is None:
            return

        if await self._limiter.hit(_EVENT_LIMIT, f"rate-limited-event:{key}") is None:
            event = SystemEvent(
                EventLevel.WARNING,
                "widget",
                EventCode.RATE_LIMITED,
                f"Widget requests exceeded the rate limit of {limit}.",
                tenant_id=tenant_id,
                meta={**meta, "limit": limit},
            )
            await self._events.record(event)
        raise RateLimitedError("Too many requests; try again later.", retry_after)
