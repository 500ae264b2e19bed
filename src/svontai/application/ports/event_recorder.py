from dataclasses import dataclass, field
from typing import Any, Protocol
from uuid import UUID

from svontai.domain.events import EventCode, EventLevel


@dataclass(frozen=True, slots=True)
class SystemEvent:
    level: EventLevel
    source: str
    code: EventCode
    message: str
    tenant_id: UUID | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    correlation_id: str | None = None


class EventRecorder(Protocol):
    """Stores system events in their own transaction, so they survive a failed request."""

    async def record(self, event: SystemEvent) -> None: ...
