"""The SQLAlchemy unit of work: one lazily opened connection and transaction at a time."""

from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from svontai.adapters.persistence import errors
from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.direct_read import CompiledRead, DirectRead, wrap_driver_error
from svontai.adapters.persistence.repositories.bots import SqlBotRepository
from svontai.adapters.persistence.repositories.conversations import (
    SqlConversationRepository,
    SqlMessageRepository,
)
from svontai.adapters.persistence.repositories.knowledge import SqlKnowledgeRepository
from svontai.adapters.persistence.repositories.leads import SqlLeadRepository
from svontai.adapters.persistence.repositories.plans import (
    SqlPlanRepository,
    SqlUsageRepository,
)
from svontai.adapters.persistence.repositories.tenants import (
    SqlMembershipRepository,
    SqlTenantRepository,
)
from svontai.adapters.persistence.repositories.users import (
    SqlSessionRepository,
    SqlUserRepository,
)


class SqlAlchemyUnitOfWork:
    """Implements the `UnitOfWork` port; repositories run their statements through `execute`."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection: AsyncConnection | None = None
        self._driver: Any = None
        self._writing = False
        self._lock: Any = None
        # One repository of each kind, all running in this unit of work's transaction.
        self.users = SqlUserRepository(self)
        self.sessions = SqlSessionRepository(self)
        self.tenants = SqlTenantRepository(self)
        self.memberships = SqlMembershipRepository(self)
        self.plans = SqlPlanRepository(self)
        self.usage = SqlUsageRepository(self)
        self.bots = SqlBotRepository(self)
        self.knowledge = SqlKnowledgeRepository(self)
        self.leads = SqlLeadRepository(self)
        self.conversations = SqlConversationRepository(self)
        self.messages = SqlMessageRepository(self)

    @property
    def dialect(self) -> str:
        return "sqlite" if self._database.is_sqlite else "postgresql"

    async def connection(self) -> AsyncConnection:
        if self._connection is None:
            self._connection = await self._database.connect(write=False)
        return self._connection

    async def execute(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> CursorResult[Any]:
        """Run a statement; `parameters` fill the `bindparam`s of a statement built once."""
        if not self._writing and getattr(statement, "is_dml", False):
            # Reads run in autocommit mode, so a write here could not be rolled back.
            raise RuntimeError("call begin_write() before writing through the unit of work")
        connection = await self.connection()
        try:
            return await connection.execute(statement, parameters)
        except IntegrityError as error:
            domain_error = errors.translate(error)
            if domain_error is None:
                raise
            raise domain_error from error

    async def fetch(self, read: DirectRead, parameters: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Run a read on the driver's cursor and return its rows as converted tuples.

        Inside a write transaction the statement goes through `execute` instead, so that it
        runs in the transaction SQLAlchemy began.
        """
        if self._writing:
            result = await self.execute(read.statement, dict(parameters))
            return [tuple(row) for row in result]
        dialect = self._database.dialect
        compiled = read.compiled(dialect)
        values = compiled.parameters(parameters)
        try:
            if self._database.is_sqlite:
                fetched, description = self._database.read_inline(compiled.sql, values)
            else:
                fetched, description = await self._fetch_on_driver(compiled, values)
        except dialect.loaded_dbapi.Error as error:
            lost = self._driver is not None and dialect.is_disconnect(error, self._driver, None)
            if lost:
                await self._invalidate()
            raise wrap_driver_error(error, compiled, values, dialect, lost) from error
        return compiled.rows(fetched, description)

    async def _fetch_on_driver(
        self, compiled: CompiledRead, values: Any
    ) -> tuple[list[Any], Sequence[Sequence[Any]] | None]:
        connection = await self.connection()
        if self._driver is None:
            self._driver = (await connection.get_raw_connection()).driver_connection
        cursor = await self._driver.execute(compiled.sql, values)
        # psycopg builds the description anew on every access; it is needed only once.
        description = cursor.description if compiled.columns is None else None
        return await cursor.fetchall(), description

    async def _invalidate(self) -> None:
        """Drop a connection the server closed, so that the next statement opens another."""
        connection, self._connection, self._driver = self._connection, None, None
        if connection is not None:
            try:
                await connection.invalidate()
            finally:
                await self._database.disconnect(connection)

    async def begin_write(self) -> None:
        if self._writing:
            return
        await self._end(commit=False)
        self._lock = self._database.write_turn()
        await self._lock.__aenter__()
        self._writing = True
        try:
            self._connection = await self._database.connect(write=True)
        except BaseException:
            await self._release_lock()
            raise

    async def commit(self) -> None:
        await self._end(commit=True)

    async def rollback(self) -> None:
        await self._end(commit=False)

    async def close(self) -> None:
        await self._end(commit=False)

    async def __aenter__(self) -> "SqlAlchemyUnitOfWork":
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _end(self, commit: bool) -> None:
        connection, self._connection = self._connection, None
        self._driver = None
        try:
            if connection is not None:
                try:
                    if commit:
                        await connection.commit()
                    else:
                        await connection.rollback()
                finally:
                    await self._database.disconnect(connection)
        finally:
            await self._release_lock()

    async def _release_lock(self) -> None:
        if self._writing:
            self._writing = False
            lock, self._lock = self._lock, None
            await lock.__aexit__(None, None, None)
