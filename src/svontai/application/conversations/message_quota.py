"""The monthly quota of messages the platform sends to customers on a tenant's behalf."""

from datetime import datetime
from uuid import UUID

from svontai.application.ports.clock import Clock
from svontai.application.ports.event_recorder import EventRecorder, SystemEvent
from svontai.application.ports.rate_limiter import RateLimiter
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.events import EventCode, EventLevel
from svontai.domain.plans import Plan, billing_period

# With the UTC date in the key, this limit lets one event through per tenant and day.
_ONE_EVENT = "1/day"


class MessageQuota:
    """Checks and counts the bot messages of the plan's monthly quota.

    Every stored bot message counts (answers and fallbacks, on any channel). Visitors'
    messages, operators' replies and the welcome text do not.
    """

    def __init__(self, limiter: RateLimiter, events: EventRecorder, clock: Clock) -> None:
        self._limiter = limiter
        self._events = events
        self._clock = clock

    async def has_room(self, uow: UnitOfWork, tenant_id: UUID, plan: Plan) -> bool:
        """Return whether the tenant may be sent one more bot message this month."""
        if plan.monthly_message_limit is None:
            return True  # without a limit the count does not matter, so it is not read
        used = await uow.usage.messages_used(tenant_id, self._period_start())
        return plan.has_message_quota(used)

    async def take(self, uow: UnitOfWork, tenant_id: UUID, plan: Plan) -> bool:
        """Count one bot message if the month's quota has room, and return whether it had.

        Call it in the write transaction that stores the message.
        """
        limit = plan.monthly_message_limit
        return await uow.usage.add_message(tenant_id, self._period_start(), limit)

    async def report_exhausted(self, tenant_id: UUID) -> None:
        """Record one `quota_exhausted` event per tenant and UTC day.

        Call it outside a write transaction, because the recorder commits in a transaction of
        its own, which on SQLite waits for the write lock.
        """
        day = self._clock.now().date().isoformat()
        if await self._limiter.hit(_ONE_EVENT, f"quota-exhausted:{tenant_id}:{day}") is not None:
            return

        event = SystemEvent(
            EventLevel.WARNING,
            "quota",
            EventCode.QUOTA_EXHAUSTED,
            "The plan's monthly message quota is used up; automatic replies are paused.",
            tenant_id=tenant_id,
            meta={"period_start": self._period_start().isoformat()},
        )
        await self._events.record(event)

    def _period_start(self) -> datetime:
        return billing_period(self._clock.now())[0]
