"""Engine set-up for the two supported databases.

SQLite allows one writer at a time. Write transactions therefore take an in-process lock and
start with `BEGIN IMMEDIATE`, so writers wait their turn on the event loop instead of failing
with "database is locked". For writers in other processes, `busy_timeout` makes SQLite wait.
Because they take turns, all write transactions of a process share one connection
(`sqlite_writer`), and all reads outside them share another (`read_inline`).
"""

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg_pool import AsyncConnectionPool, PoolTimeout
from sqlalchemy import Dialect, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from svontai.adapters.persistence.sqlite_inline import (
    InlineConnection,
    inline_connector,
    open_inline,
)

SQLITE_IMMEDIATE = "svontai_sqlite_immediate"
SQLITE_AUTOCOMMIT = "svontai_sqlite_autocommit"


@dataclass(frozen=True, slots=True)
class PoolSettings:
    size: int = 10
    max_overflow: int = 10
    timeout_seconds: float = 10.0


class Database:
    """An engine plus the write serialisation that its dialect needs."""

    def __init__(self, url: str, pool: PoolSettings | None = None, echo: bool = False) -> None:
        pool = pool or PoolSettings()
        self.is_sqlite = url.startswith("sqlite")
        self.engine: AsyncEngine = create_async_engine(url, echo=echo, **_engine_options(url, pool))
        # Requests queue here, first come first served, before they take a pooled connection:
        # the pool's own queue lets a newcomer take a freed connection ahead of a woken
        # waiter, which left some requests waiting for seconds under 128 concurrent clients.
        self._slots = asyncio.Semaphore(pool.size + pool.max_overflow)
        self._slot_timeout = pool.timeout_seconds
        # The same queue for the pool of `read_connection`. That pool's own queue let the bot
        # list fall to 60 % of its 16-client throughput at 128 clients.
        self._read_slots = asyncio.Semaphore(pool.size)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self._writer: asyncio.Task[Any] | None = None
        self._reader: sqlite3.Connection | None = None
        self._sqlite_path = make_url(url).database if self.is_sqlite else None
        self._read_pool: AsyncConnectionPool[Any] | None = None
        self._read_pool_open = False
        self._write_connection: sqlite3.Connection | None = None
        self._write_engine: AsyncEngine | None = None
        if self.is_sqlite:
            _configure_sqlite(self.engine)
            # Every SQLite write transaction of this process runs on one connection, because
            # they take turns anyway (see `write_turn`). SQLAlchemy statements in them use it
            # through this engine, whose static pool hands out that connection.
            self._write_engine = create_async_engine(
                url, echo=echo, poolclass=StaticPool, async_creator=self._inline_writer
            )
            _configure_sqlite(self._write_engine)
        else:
            self._read_pool = _read_pool(url, pool)

    @property
    def dialect(self) -> Dialect:
        return self.engine.dialect

    def read_inline(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any]
    ) -> tuple[list[Any], Sequence[Sequence[Any]] | None]:
        """Run a read on SQLite's shared read connection; return the rows and their description.

        SQLite statements run inline on the event loop (see `sqlite_inline`), so two reads
        never overlap and one connection in autocommit mode serves them all, without a pool
        checkout. In WAL mode it reads every committed write and never waits for a writer.
        """
        reader = self._reader or self._open_reader()
        cursor = reader.execute(sql, parameters)
        return cursor.fetchall(), cursor.description

    async def read_connection(self) -> Any:
        """Take a psycopg connection in autocommit mode for direct reads on PostgreSQL.

        It comes from a psycopg pool of its own, not from the engine's. A checkout from
        SQLAlchemy's asyncio pool, with the isolation level set and reset, runs through
        greenlets. It took about 250 microseconds of CPU, as much as the two queries of a bot
        list. Give the connection back with `release_read_connection`.
        """
        assert self._read_pool is not None
        if not self._read_pool_open:
            await self._read_pool.open()
            self._read_pool_open = True
        await self._take_slot(self._read_slots)
        try:
            return await self._read_pool.getconn()
        except PoolTimeout:
            self._read_slots.release()
            raise PoolTimeoutError("no database connection became free in time") from None
        except BaseException:
            self._read_slots.release()
            raise

    async def release_read_connection(self, connection: Any) -> None:
        """Give back a connection from `read_connection`; the pool drops a broken one."""
        assert self._read_pool is not None
        try:
            await self._read_pool.putconn(connection)
        finally:
            self._read_slots.release()

    def sqlite_writer(self) -> sqlite3.Connection:
        """Return the connection of every SQLite write transaction of this process.

        Call it only inside `write_turn`. A write that begins, commits and runs statements on
        it directly saves SQLAlchemy's pool checkout and transaction bookkeeping.
        """
        if self._write_connection is None:
            assert self._sqlite_path is not None
            connection = open_inline(self._sqlite_path)
            for pragma in _SQLITE_PRAGMAS:
                connection.execute(pragma)
            self._write_connection = connection
        return self._write_connection

    async def _inline_writer(self) -> InlineConnection:
        return InlineConnection(self.sqlite_writer(), owned=False)

    def _open_reader(self) -> sqlite3.Connection:
        assert self._sqlite_path is not None
        reader = open_inline(self._sqlite_path)
        reader.execute("PRAGMA query_only=ON")
        self._reader = reader
        return reader

    @contextlib.asynccontextmanager
    async def write_turn(self) -> AsyncIterator[None]:
        """Hold the right to write for the duration of the block (SQLite only)."""
        if self._write_lock is None:
            yield
            return
        async with self._write_lock:
            self._writer = asyncio.current_task()
            try:
                yield
            finally:
                self._writer = None

    def holds_write_turn(self) -> bool:
        """Return whether the running task is inside `write_turn`, where a second write waits."""
        return self._writer is not None and self._writer is asyncio.current_task()

    async def connect(self, write: bool) -> AsyncConnection:
        """Open a connection for a write transaction, or for reads in autocommit mode.

        Reads need no transaction of their own, and without one a read-only request saves the
        BEGIN and ROLLBACK round trips. On SQLite a write connection is the shared one of
        `sqlite_writer`; call this inside `write_turn` then.
        """
        if write and self._write_engine is not None:
            connection = await self._write_engine.connect()
            await connection.execution_options(**{SQLITE_IMMEDIATE: True})
            return connection
        await self._take_slot(self._slots)
        try:
            return await self._open(write)
        except BaseException:
            self._slots.release()
            raise

    async def _take_slot(self, slots: asyncio.Semaphore) -> None:
        """Wait for a connection slot in arrival order, at most the pool timeout."""
        if not slots.locked():
            await slots.acquire()  # returns at once; no timeout to set up
            return
        try:
            async with asyncio.timeout(self._slot_timeout):
                await slots.acquire()
        except TimeoutError:
            raise PoolTimeoutError("no database connection became free in time") from None

    async def _open(self, write: bool) -> AsyncConnection:
        connection = await self.engine.connect()
        if write and self.is_sqlite:
            await connection.execution_options(**{SQLITE_IMMEDIATE: True})
        elif self.is_sqlite:
            await connection.execution_options(**{SQLITE_AUTOCOMMIT: True})
        elif not write:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
        return connection

    async def disconnect(self, connection: AsyncConnection) -> None:
        """Return a connection from `connect` to the pool."""
        try:
            await connection.close()
        finally:
            if connection.engine is not self._write_engine:
                self._slots.release()

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")

    async def dispose(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self._read_pool is not None and self._read_pool_open:
            await self._read_pool.close()
            self._read_pool_open = False
        if self._write_engine is not None:
            await self._write_engine.dispose()
        if self._write_connection is not None:
            self._write_connection.close()
            self._write_connection = None
        await self.engine.dispose()


def _read_pool(url: str, pool: PoolSettings) -> "AsyncConnectionPool[Any]":
    """Return the closed psycopg pool of `Database.read_connection`, as large as the engine's
    pool without its overflow."""
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return AsyncConnectionPool(
        conninfo,
        kwargs={"autocommit": True},
        min_size=1,
        max_size=pool.size,
        timeout=pool.timeout_seconds,
        name="svontai-reads",
        open=False,
    )


_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=15000",
)


def _engine_options(url: str, pool: PoolSettings) -> dict[str, Any]:
    options: dict[str, Any] = {
        "pool_size": pool.size,
        "max_overflow": pool.max_overflow,
        "pool_timeout": pool.timeout_seconds,
    }
    if url.startswith("sqlite"):
        database = make_url(url).database
        if not database or database == ":memory:":
            raise ValueError("an in-memory SQLite database is not supported; use a file path")
        options["async_creator"] = inline_connector(database)
    if url.startswith("postgresql"):
        options["pool_pre_ping"] = False
        options["pool_recycle"] = 1800
    return options


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Apply pragmas per connection and emit BEGIN from the engine.

    The driver's own BEGIN handling is off (see `sqlite_inline`); the recipe follows
    SQLAlchemy's "Serializable isolation / Savepoints / Transactional DDL" section for SQLite.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        if options.get(SQLITE_AUTOCOMMIT, False):
            return  # each statement is its own transaction, as for PostgreSQL's AUTOCOMMIT
        driver = connection.connection.driver_connection
        if driver is not None and driver.in_transaction:
            return  # begun on the driver (see `SqlAlchemyUnitOfWork.begin_write`)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(SQLITE_IMMEDIATE) else "BEGIN")
