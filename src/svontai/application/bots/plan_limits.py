"""The response to a tenant reaching a limit of its plan."""

from uuid import UUID

from svontai.application.ports.event_recorder import EventRecorder, SystemEvent
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.errors import PlanLimitError
from svontai.domain.events import EventCode, EventLevel


async def record_limit_reached(
    uow: UnitOfWork, events: EventRecorder, tenant_id: UUID, error: PlanLimitError
) -> None:
    """End the write transaction, then record a `plan_limit_reached` system event.

    The recorder writes in a transaction of its own, which on SQLite has to wait for the
    write lock that this unit of work holds, so the rollback comes first.
    """
    await uow.rollback()
    event = SystemEvent(
        level=EventLevel.WARNING,
        source="plans",
        code=EventCode.PLAN_LIMIT_REACHED,
        message=error.detail,
        tenant_id=tenant_id,
    )
    await events.record(event)
