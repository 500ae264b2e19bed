import asyncio

from sqlalchemy import func, select

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.event_recorder import SqlEventRecorder
from svontai.adapters.persistence.tables import system_events
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.adapters.system_clock import SystemClock
from svontai.application.ports.event_recorder import SystemEvent
from svontai.domain.events import EventCode, EventLevel

EVENT = SystemEvent(EventLevel.WARNING, "test", EventCode.RATE_LIMITED, "Too many requests.")


async def _count(database: Database) -> int:
    async with database.engine.connect() as connection:
        return int(
            (await connection.execute(select(func.count()).select_from(system_events))).scalar_one()
        )


async def test_recorder_stores_event(database: Database) -> None:
    recorder = SqlEventRecorder(database, SystemClock())

    await recorder.record(EVENT)

    assert await _count(database) == 1


async def test_recorder_inside_write_transaction_does_not_deadlock(database: Database) -> None:
    recorder = SqlEventRecorder(database, SystemClock())
    uow = SqlAlchemyUnitOfWork(database)
    await uow.begin_write()

    async with asyncio.timeout(5):  # same task, unlike wait_for, so the lock owner is us
        await recorder.record(EVENT)
        await uow.commit()
        await recorder.drain()

    assert await _count(database) == 1
