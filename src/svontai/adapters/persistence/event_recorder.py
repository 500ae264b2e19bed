"""System events written in a transaction of their own."""

import asyncio
import uuid
from typing import Any

import structlog
from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.tables import system_events
from svontai.application.ports.clock import Clock
from svontai.application.ports.event_recorder import SystemEvent

_log = structlog.get_logger(__name__)


class SqlEventRecorder:
    """Implements `EventRecorder`; a database error while recording is logged, not raised.

    Called from inside a SQLite write transaction, the insert would wait for the very lock its
    caller holds, so it is then written by a background task once the transaction ends.
    """

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._pending: set[asyncio.Task[None]] = set()

    async def record(self, event: SystemEvent) -> None:
        if self._database.holds_write_turn():
            task = asyncio.create_task(self._write(event))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)
            return
        await self._write(event)

    async def drain(self) -> None:
        """Wait for events still being written in the background."""
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    async def _write(self, event: SystemEvent) -> None:
        values: dict[str, Any] = {
            "id": uuid.uuid4(),
            "tenant_id": event.tenant_id,
            "level": event.level.value,
            "source": event.source,
            "code": event.code.value,
            "message": event.message,
            "meta": event.meta,
            "correlation_id": event.correlation_id,
            "created_at": self._clock.now(),
        }
        try:
            async with self._database.write_turn():
                connection = await self._database.connect(write=True)
                try:
                    await connection.execute(insert(system_events).values(**values))
                    await connection.commit()
                finally:
                    await self._database.disconnect(connection)
        except SQLAlchemyError as error:
            _log.error("system_event_not_recorded", code=event.code.value, error=str(error))
