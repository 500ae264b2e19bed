"""The SQLAlchemy unit of work: one lazily opened connection and transaction at a time."""

import sqlite3
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from svontai.adapters.persistence import errors
from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.direct_statement import (
    CompiledStatement,
    DirectStatement,
    wrap_driver_error,
)
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

# Rows from a driver, and the cursor description when the statement still needs it.
_Fetched = tuple[list[Any], Sequence[Sequence[Any]] | None]


class SqlAlchemyUnitOfWork:
    """Implements the `UnitOfWork` port; repositories run their statements through `execute`."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection: AsyncConnection | None = None
        self._driver: Any = None
        # PostgreSQL only: the connection of direct reads outside a write transaction.
        self._reader: Any = None
        # One cursor for all of them: psycopg builds a cursor object per `connection.execute`.
        self._reader_cursor: Any = None
        self._writing = False
        self._lock: Any = None
        # PostgreSQL only: psycopg's pipeline on the write connection, entered by the first
        # direct statement of a write transaction (see `run`).
        self._pipeline: Any = None
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
            self._connection = await self._database.connect(write=self._writing)
        return self._connection

    async def execute(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> CursorResult[Any]:
        """Run a statement; `parameters` fill the `bindparam`s of a statement built once."""
        if not self._writing and getattr(statement, "is_dml", False):
            # Reads run in autocommit mode, so a write here could not be rolled back.
            raise RuntimeError("call begin_write() before writing through the unit of work")
        if self._pipeline is not None:
            # SQLAlchemy reads a cursor's result as soon as it has run the statement.
            await self._leave_pipeline()
        connection = await self.connection()
        try:
            return await connection.execute(statement, parameters)
        except IntegrityError as error:
            translated = _domain_error(error)
            if translated is error:
                raise
            raise translated from error

    async def fetch(
        self, statement: DirectStatement, parameters: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        """Run a statement built once on the driver's cursor and return its rows as tuples.

        Inside a write transaction it runs in that transaction. Outside one it runs in
        autocommit mode. On SQLite that is the database's shared read connection. On
        PostgreSQL it is a connection from the read pool, kept until the unit of work ends.
        """
        dialect = self._database.dialect
        compiled = statement.compiled(dialect)
        values = compiled.parameters(parameters)
        try:
            if self._writing:
                fetched, description = await self._fetch_in_transaction(
                    compiled, values, statement.prepare
                )
            elif self._database.is_sqlite:
                fetched, description = self._database.read_inline(compiled.sql, values)
            else:
                fetched, description = await self._fetch_on_reader(
                    compiled, values, statement.prepare
                )
        except dialect.loaded_dbapi.Error as error:
            # Inside a write transaction on PostgreSQL, the error can be a constraint violation
            # by a write sent earlier in the pipeline.
            raise _domain_error(await self._driver_error(error, compiled.sql, values)) from error
        return compiled.rows(fetched, description)

    async def run(self, statement: DirectStatement, parameters: Mapping[str, Any]) -> None:
        """Run an INSERT, UPDATE or DELETE built once on the driver's cursor, in the write
        transaction.

        On PostgreSQL it is sent in psycopg's pipeline mode, without waiting for the server,
        so the writes of a transaction and its commit travel together. A write's error, a
        constraint's among them, is then raised by the transaction's next `fetch`, `execute`
        or `commit`, which every caller reaches before the transaction ends.
        """
        if not self._writing:
            raise RuntimeError("call begin_write() before writing through the unit of work")
        dialect = self._database.dialect
        compiled = statement.compiled(dialect)
        values = compiled.parameters(parameters)
        try:
            await self._run_on_driver(compiled.sql, values, statement.prepare)
        except dialect.loaded_dbapi.Error as error:
            raise _domain_error(await self._driver_error(error, compiled.sql, values)) from error

    async def _fetch_on_reader(
        self, compiled: CompiledStatement, values: Any, prepare: bool
    ) -> _Fetched:
        """Run a read on PostgreSQL's autocommit connection, taken on first use."""
        if self._reader is None:
            self._reader = await self._database.read_connection()
            self._reader_cursor = self._reader.cursor()
        cursor = self._reader_cursor
        await cursor.execute(compiled.sql, values, prepare=_psycopg_prepare(prepare))
        return await cursor.fetchall(), _description(cursor, compiled)

    async def _fetch_in_transaction(
        self, compiled: CompiledStatement, values: Any, prepare: bool
    ) -> _Fetched:
        cursor = await self._run_on_driver(compiled.sql, values, prepare)
        if self._database.is_sqlite:
            return cursor.fetchall(), _description(cursor, compiled)  # a synchronous cursor
        # In pipeline mode the description exists once the rows have arrived.
        rows = await cursor.fetchall()
        return rows, _description(cursor, compiled)

    async def _run_on_driver(self, sql: str, values: Any, prepare: bool = True) -> Any:
        """Run a statement in the write transaction, on its driver connection."""
        if self._database.is_sqlite:
            return self._database.sqlite_writer().execute(sql, values)
        connection = await self.connection()
        if self._driver is None:
            self._driver = (await connection.get_raw_connection()).driver_connection
        if self._pipeline is None:
            self._pipeline = self._driver.pipeline()
            await self._pipeline.__aenter__()
        return await self._driver.execute(sql, values, prepare=_psycopg_prepare(prepare))

    async def _leave_pipeline(self, commit: bool = False) -> None:
        """Send what the pipeline holds, with COMMIT when `commit` is set, and wait for the
        results. The first error among them is raised, as `run` would have raised it."""
        pipeline, self._pipeline = self._pipeline, None
        dialect = self._database.dialect
        try:
            try:
                if commit:
                    await self._driver.execute("COMMIT")
            except BaseException as error:
                # Results of earlier writes can arrive, and fail, while COMMIT is sent.
                await pipeline.__aexit__(type(error), error, None)
                raise
            await pipeline.__aexit__(None, None, None)
        except dialect.loaded_dbapi.Error as error:
            sql = "COMMIT" if commit else "(pipelined statements)"
            raise _domain_error(await self._driver_error(error, sql, None)) from error

    async def _drop_pipeline(self) -> None:
        """Leave the pipeline of a transaction that is being rolled back, ignoring its errors."""
        pipeline, self._pipeline = self._pipeline, None
        if pipeline is None:
            return
        try:
            # With an exception given, psycopg logs errors of the final sync instead of raising.
            await pipeline.__aexit__(RuntimeError, RuntimeError("rollback"), None)
        except Exception:
            # The connection's state is unknown, so it is closed instead of going back to the pool.
            await self._invalidate()

    async def _driver_error(self, error: Any, sql: str, values: Any) -> Exception:
        """Wrap a driver error, first dropping the connection it broke, if any."""
        dialect = self._database.dialect
        lost = False
        if self._reader is not None and dialect.is_disconnect(error, self._reader, None):
            lost = True
            reader, self._reader, self._reader_cursor = self._reader, None, None
            await self._database.release_read_connection(reader)  # the pool closes it
        elif self._driver is not None and dialect.is_disconnect(error, self._driver, None):
            lost = True
            await self._invalidate()
        return wrap_driver_error(error, sql, values, dialect, lost)

    async def _invalidate(self) -> None:
        """Drop a connection the server closed, so that the next statement opens another."""
        connection, self._connection, self._driver = self._connection, None, None
        self._pipeline = None  # nothing more can be sent on the closed connection
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
            if self._database.is_sqlite:
                # On the shared write connection, without SQLAlchemy: a later `execute` opens
                # a SQLAlchemy connection to it, which joins this transaction.
                try:
                    self._database.sqlite_writer().execute("BEGIN IMMEDIATE")
                except sqlite3.Error as error:
                    raise DBAPIError.instance(
                        "BEGIN IMMEDIATE", None, error, sqlite3.Error
                    ) from error
                return
            self._connection = await self._database.connect(write=True)
            # Begun now, not at the first `execute`, so that statements run with `fetch` and
            # `run` on the driver's connection are inside the transaction.
            await self._connection.begin()
        except BaseException:
            await self._end(commit=False)
            raise

    async def commit(self) -> None:
        if self._pipeline is not None:
            try:
                await self._leave_pipeline(commit=True)
            except BaseException:
                await self._end(commit=False)
                raise
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
        if self._writing and self._database.is_sqlite:
            await self._end_sqlite_write(commit)
            return
        await self._drop_pipeline()
        connection, self._connection = self._connection, None
        self._driver = None
        reader, self._reader = self._reader, None
        cursor, self._reader_cursor = self._reader_cursor, None
        if reader is not None:
            await cursor.close()
            await self._database.release_read_connection(reader)
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

    async def _end_sqlite_write(self, commit: bool) -> None:
        """Commit or roll back on the shared write connection, then close the SQLAlchemy
        connection to it, if any. Its own rollback then finds nothing to undo."""
        writer = self._database.sqlite_writer()
        connection, self._connection = self._connection, None
        self._driver = None
        try:
            try:
                if commit and writer.in_transaction:
                    writer.commit()
            except sqlite3.Error as error:
                raise DBAPIError.instance("COMMIT", None, error, sqlite3.Error) from error
            finally:
                if writer.in_transaction:
                    writer.rollback()
                if connection is not None:
                    await self._database.disconnect(connection)
        finally:
            await self._release_lock()

    async def _release_lock(self) -> None:
        if self._writing:
            self._writing = False
            lock, self._lock = self._lock, None
            await lock.__aexit__(None, None, None)


def _domain_error(error: Exception) -> Exception:
    """Return the domain error of a known constraint's violation, or `error` itself."""
    if isinstance(error, IntegrityError):
        return errors.translate(error) or error
    return error


def _psycopg_prepare(prepare: bool) -> bool | None:
    """Return psycopg's `prepare` argument: None leaves the choice to psycopg's threshold."""
    return None if prepare else False


def _description(cursor: Any, compiled: CompiledStatement) -> Sequence[Sequence[Any]] | None:
    """Return the cursor's description when `compiled` still needs it to find its column
    processors. psycopg builds the description anew on every access."""
    return cursor.description if compiled.columns is None else None
