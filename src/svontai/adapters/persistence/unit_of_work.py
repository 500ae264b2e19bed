"""The SQLAlchemy unit of work: one lazily opened connection and transaction at a time."""

from types import TracebackType
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from svontai.adapters.persistence import errors
from svontai.adapters.persistence.database import Database
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
