"""`DirectStatement`s run by the unit of work, checked against `execute` on both databases."""

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import psycopg
import pytest
from sqlalchemy import (
    Executable,
    Integer,
    String,
    Uuid,
    bindparam,
    column,
    delete,
    event,
    func,
    insert,
    select,
    table,
    update,
)
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InvalidRequestError,
    OperationalError,
    ProgrammingError,
)

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.tables import bots, plans, tenants, usage_counters
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.domain.errors import ConflictError

NOW = datetime(2026, 12, 4, 10, 0, 0, 123456, tzinfo=UTC)
UTC_PLUS_THREE = timezone(timedelta(hours=3))

_BOTS_WITH_TENANT = DirectStatement(
    select(
        *bots.c,
        tenants.c.settings,
        tenants.c.is_suspended,
        func.count().over().label("total"),
    )
    .join(tenants, tenants.c.id == bots.c.tenant_id)
    .order_by(bots.c.created_at, bots.c.id)
)
_USAGE_COUNTERS = DirectStatement(
    select(usage_counters).order_by(usage_counters.c.tenant_id, usage_counters.c.period_start)
)
_PLANS = DirectStatement(select(plans).order_by(plans.c.sort_order, plans.c.id))
# The literal "right" compiles to a bind parameter with a default value, which `fetch` must
# fill in although the caller does not pass it.
_BOTS_OF_TENANT = DirectStatement(
    select(bots.c.name)
    .where(
        bots.c.tenant_id == bindparam("tenant_id", type_=Uuid()),
        bots.c.created_at >= bindparam("since"),
        bots.c.is_active == bindparam("active"),
        bots.c.widget_position == "right",
    )
    .order_by(bots.c.created_at, bots.c.id)
    .limit(bindparam("limit", type_=Integer()))
    .offset(bindparam("skip", type_=Integer()))
)
_TENANT_BY_ID = DirectStatement(
    select(tenants.c.id, tenants.c.name, tenants.c.settings, tenants.c.created_at).where(
        tenants.c.id == bindparam("tenant_id", type_=Uuid())
    )
)
_TENANT_NAMES = DirectStatement(select(tenants.c.name).order_by(tenants.c.name))
_MISSING_TABLE = DirectStatement(select(table("missing_table", column("x"))))
_BACKEND_PID = DirectStatement(select(func.pg_backend_pid()))


def tenant_values(name: str = "Acme", **overrides: Any) -> dict[str, Any]:
    tenant_id = uuid.uuid4()
    values: dict[str, Any] = {
        "id": tenant_id,
        "name": name,
        "slug": f"acme-{tenant_id.hex[:12]}",
        "settings": {},
        "is_suspended": False,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(overrides)
    return values


def bot_values(tenant_id: UUID, **overrides: Any) -> dict[str, Any]:
    bot_id = uuid.uuid4()
    values: dict[str, Any] = {
        "id": bot_id,
        "tenant_id": tenant_id,
        "name": "Support",
        "description": None,
        "welcome_message": "Merhaba!",
        "language": "tr",
        "primary_color": "#3B82F6",
        "widget_position": "right",
        "is_active": True,
        "fallback_message": "Bilmiyorum.",
        "handoff_message": "Aktarıyorum.",
        "answer_threshold": 0.5,
        "public_key": f"bot_{bot_id.hex}",
        "deleted_at": None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(overrides)
    return values


async def commit_statements(database: Database, *statements: Executable) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        for statement in statements:
            await uow.execute(statement)
        await uow.commit()


async def fetch_and_execute(
    database: Database, read: DirectStatement
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    async with SqlAlchemyUnitOfWork(database) as uow:
        fetched = await uow.fetch(read, {})
        executed = [tuple(row) for row in await uow.execute(read.statement)]
    return fetched, executed


def assert_same_rows(
    fetched: Sequence[tuple[Any, ...]], executed: Sequence[tuple[Any, ...]]
) -> None:
    assert fetched == executed
    for fetched_row, executed_row in zip(fetched, executed, strict=True):
        assert type(fetched_row) is tuple
        assert [type(value) for value in fetched_row] == [type(value) for value in executed_row]


def assert_utc(value: Any) -> None:
    assert isinstance(value, datetime)
    assert value.tzinfo is not None
    assert value.utcoffset() == timedelta(0)


@pytest.fixture
def cursor_statements(database: Database) -> Iterator[list[str]]:
    """SQL that SQLAlchemy sends to a driver cursor, which a direct read bypasses."""
    statements: list[str] = []

    def record(*arguments: Any) -> None:
        statements.append(arguments[2])

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    yield statements
    event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def test_fetch_matches_execute_for_bots(
    database: Database, cursor_statements: list[str]
) -> None:
    settings = {"greeting": "Merhaba, dünya", "limits": [1, 2.5, None], "widget": {"dark": True}}
    tenant = tenant_values(settings=settings, is_suspended=True)
    live_bot = bot_values(tenant["id"], answer_threshold=0.75)
    deleted_bot = bot_values(
        tenant["id"],
        name="Satış",
        description="Türkçe açıklama",
        is_active=False,
        created_at=NOW + timedelta(minutes=1),
        updated_at=NOW + timedelta(minutes=2),
        deleted_at=(NOW + timedelta(hours=1)).astimezone(UTC_PLUS_THREE),
    )
    await commit_statements(
        database,
        insert(tenants).values(**tenant),
        insert(bots).values(**live_bot),
        insert(bots).values(**deleted_bot),
    )

    async with SqlAlchemyUnitOfWork(database) as uow:
        fetched = await uow.fetch(_BOTS_WITH_TENANT, {})
        sent_through_sqlalchemy = list(cursor_statements)
        executed = [tuple(row) for row in await uow.execute(_BOTS_WITH_TENANT.statement)]

    assert_same_rows(fetched, executed)
    assert _BOTS_WITH_TENANT.compiled(database.dialect).sql not in sent_through_sqlalchemy
    names = [*bots.c.keys(), "settings", "is_suspended", "total"]
    first, second = (dict(zip(names, row, strict=True)) for row in fetched)
    assert first == {**live_bot, "settings": settings, "is_suspended": True, "total": 2}
    assert second == {**deleted_bot, "settings": settings, "is_suspended": True, "total": 2}
    for row in (first, second):
        assert_utc(row["created_at"])
        assert_utc(row["updated_at"])
    assert first["deleted_at"] is None
    assert_utc(second["deleted_at"])
    assert second["deleted_at"] == NOW + timedelta(hours=1)
    assert type(first["id"]) is UUID
    assert type(first["is_active"]) is bool
    assert type(first["answer_threshold"]) is float
    assert type(first["total"]) is int


async def test_fetch_matches_execute_for_integers(database: Database) -> None:
    tenant = tenant_values()
    await commit_statements(
        database,
        insert(tenants).values(**tenant),
        insert(usage_counters).values(
            tenant_id=tenant["id"], period_start=NOW.replace(day=1), messages_sent=2**31 - 1
        ),
        insert(usage_counters).values(
            tenant_id=tenant["id"], period_start=NOW.replace(month=11, day=1), messages_sent=0
        ),
    )

    fetched, executed = await fetch_and_execute(database, _USAGE_COUNTERS)

    assert_same_rows(fetched, executed)
    assert fetched == [
        (tenant["id"], NOW.replace(month=11, day=1), 0),
        (tenant["id"], NOW.replace(day=1), 2**31 - 1),
    ]
    for _, period_start, messages_sent in fetched:
        assert_utc(period_start)
        assert type(messages_sent) is int


async def test_fetch_matches_execute_for_seeded_plans(database: Database) -> None:
    fetched, executed = await fetch_and_execute(database, _PLANS)

    assert_same_rows(fetched, executed)
    assert fetched
    for row in fetched:
        assert type(row[plans.c.keys().index("price_monthly")]) is Decimal
    bot_limits = [row[plans.c.keys().index("bot_limit")] for row in fetched]
    assert None in bot_limits
    assert any(type(limit) is int for limit in bot_limits)


async def test_fetch_binds_parameters_of_reused_read(database: Database) -> None:
    tenant = tenant_values()
    other = tenant_values()
    tenant_bots = [
        bot_values(
            tenant["id"],
            name=f"bot {index}",
            created_at=NOW + timedelta(minutes=index),
            is_active=index != 2,
            widget_position="left" if index == 4 else "right",
        )
        for index in range(6)
    ]
    await commit_statements(
        database,
        insert(tenants).values(**tenant),
        insert(tenants).values(**other),
        *(insert(bots).values(**values) for values in tenant_bots),
        insert(bots).values(**bot_values(other["id"], name="other bot")),
    )

    async def fetch_names(
        tenant_id: UUID, since: datetime, active: bool, limit: int, skip: int
    ) -> list[str]:
        parameters = {
            "tenant_id": tenant_id,
            "since": since,
            "active": active,
            "limit": limit,
            "skip": skip,
        }
        async with SqlAlchemyUnitOfWork(database) as uow:
            rows = await uow.fetch(_BOTS_OF_TENANT, parameters)
        return [name for (name,) in rows]

    day_before = NOW - timedelta(days=1)
    compiled = _BOTS_OF_TENANT.compiled(database.dialect)
    assert await fetch_names(tenant["id"], day_before, True, 2, 0) == ["bot 0", "bot 1"]
    assert await fetch_names(tenant["id"], day_before, True, 2, 2) == ["bot 3", "bot 5"]
    assert await fetch_names(tenant["id"], day_before, True, 2, 4) == []
    assert await fetch_names(tenant["id"], day_before, True, 1, 3) == ["bot 5"]
    assert await fetch_names(tenant["id"], day_before, False, 10, 0) == ["bot 2"]
    one_minute_later = (NOW + timedelta(minutes=1)).astimezone(UTC_PLUS_THREE)
    assert await fetch_names(tenant["id"], one_minute_later, True, 10, 0) == [
        "bot 1",
        "bot 3",
        "bot 5",
    ]
    assert await fetch_names(other["id"], day_before, True, 10, 0) == ["other bot"]
    assert await fetch_names(uuid.uuid4(), day_before, True, 10, 0) == []
    assert _BOTS_OF_TENANT.compiled(database.dialect) is compiled


async def test_fetch_sees_writes_committed_elsewhere(database: Database) -> None:
    first = tenant_values("First")
    second = tenant_values("Second")

    async with SqlAlchemyUnitOfWork(database) as reader:
        assert await reader.fetch(_TENANT_NAMES, {}) == []

        await commit_statements(database, insert(tenants).values(**first))
        assert await reader.fetch(_TENANT_NAMES, {}) == [("First",)]

        await commit_statements(database, insert(tenants).values(**second))
        assert await reader.fetch(_TENANT_NAMES, {}) == [("First",), ("Second",)]

        await commit_statements(
            database, update(tenants).where(tenants.c.id == first["id"]).values(name="Renamed")
        )
        assert await reader.fetch(_TENANT_NAMES, {}) == [("Renamed",), ("Second",)]

        await commit_statements(database, delete(tenants).where(tenants.c.id == second["id"]))
        assert await reader.fetch(_TENANT_NAMES, {}) == [("Renamed",)]

    async with SqlAlchemyUnitOfWork(database) as fresh:
        assert await fresh.fetch(_TENANT_NAMES, {}) == [("Renamed",)]


async def test_fetch_in_write_sees_own_uncommitted_insert(
    database: Database, cursor_statements: list[str]
) -> None:
    settings = {"theme": "dark"}
    tenant = tenant_values(settings=settings)
    parameters = {"tenant_id": tenant["id"]}
    sql = _TENANT_BY_ID.compiled(database.dialect).sql

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.execute(insert(tenants).values(**tenant))
        inside = await uow.fetch(_TENANT_BY_ID, parameters)
        assert sql not in cursor_statements
        await uow.rollback()

        cursor_statements.clear()
        after_rollback = await uow.fetch(_TENANT_BY_ID, parameters)
        assert sql not in cursor_statements

    assert inside == [(tenant["id"], "Acme", settings, NOW)]
    assert_utc(inside[0][3])
    assert after_rollback == []


async def test_fetch_wraps_driver_error(database: Database) -> None:
    expected = OperationalError if database.is_sqlite else ProgrammingError
    driver_error = sqlite3.Error if database.is_sqlite else psycopg.Error

    async with SqlAlchemyUnitOfWork(database) as uow:
        with pytest.raises(DBAPIError) as fetch_error:
            await uow.fetch(_MISSING_TABLE, {})
        assert isinstance(fetch_error.value, expected)
        assert isinstance(fetch_error.value.orig, driver_error)
        assert fetch_error.value.__cause__ is fetch_error.value.orig
        assert "missing_table" in str(fetch_error.value)

        assert await uow.fetch(_TENANT_NAMES, {}) == []

        with pytest.raises(DBAPIError) as execute_error:
            await uow.execute(_MISSING_TABLE.statement)
        assert type(fetch_error.value) is type(execute_error.value)


async def test_shared_read_connection_rejects_writes(database: Database) -> None:
    if not database.is_sqlite:
        pytest.skip("only SQLite reads through the shared read connection")
    tenant = tenant_values()
    await commit_statements(database, insert(tenants).values(**tenant))

    query_only, _ = database.read_inline("PRAGMA query_only", ())
    assert query_only == [(1,)]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        database.read_inline(
            "UPDATE tenants SET name = ? WHERE slug = ?", ("Changed", tenant["slug"])
        )
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        database.read_inline("DELETE FROM tenants", ())

    async with SqlAlchemyUnitOfWork(database) as uow:
        assert await uow.fetch(_TENANT_NAMES, {}) == [("Acme",)]


async def test_fetch_names_a_missing_parameter(database: Database) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        with pytest.raises(InvalidRequestError, match="tenant_id"):
            await uow.fetch(_TENANT_BY_ID, {})


def test_list_parameters_are_refused_when_compiled(database: Database) -> None:
    read = DirectStatement(
        select(tenants.c.name).where(tenants.c.id.in_(bindparam("ids", expanding=True)))
    )

    with pytest.raises(ArgumentError, match="ids"):
        read.compiled(database.dialect)


async def test_fetch_after_a_lost_connection_reconnects(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has no server to lose the connection to")
    dsn = database.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)

    async with SqlAlchemyUnitOfWork(database) as uow:
        [(backend,)] = await uow.fetch(_BACKEND_PID, {})
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
        with pytest.raises(DBAPIError) as lost:
            await uow.fetch(_BACKEND_PID, {})
        assert lost.value.connection_invalidated is True

        [(replacement,)] = await uow.fetch(_BACKEND_PID, {})
        assert replacement != backend


_RENAME_TENANT = DirectStatement(
    update(tenants)
    .where(tenants.c.id == bindparam("tenant_id", type_=Uuid()))
    .values(name=bindparam("new_name"))
)
_ADD_TENANT = DirectStatement(
    insert(tenants).values({name: bindparam(name) for name in tenant_values()})
)


async def test_run_changes_rows_inside_the_transaction(database: Database) -> None:
    tenant = tenant_values()
    await commit_statements(database, insert(tenants).values(**tenant))
    parameters = {"tenant_id": tenant["id"], "new_name": "Renamed"}

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.run(_RENAME_TENANT, parameters)
        inside = await uow.fetch(_TENANT_NAMES, {})
        await uow.rollback()
        after_rollback = await uow.fetch(_TENANT_NAMES, {})
        await uow.begin_write()
        await uow.run(_RENAME_TENANT, parameters)
        await uow.commit()
        after_commit = await uow.fetch(_TENANT_NAMES, {})

    assert inside == [("Renamed",)]
    assert after_rollback == [("Acme",)]
    assert after_commit == [("Renamed",)]


async def test_run_outside_a_write_transaction_is_refused(database: Database) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        with pytest.raises(RuntimeError, match="begin_write"):
            await uow.run(_RENAME_TENANT, {"tenant_id": uuid.uuid4(), "new_name": "X"})


async def test_run_constraint_raises_domain_error(database: Database) -> None:
    tenant = tenant_values()
    await commit_statements(database, insert(tenants).values(**tenant))
    duplicate = tenant_values(slug=tenant["slug"])

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        # SQLite raises at once. PostgreSQL sends the write in a pipeline and raises at the
        # commit.
        with pytest.raises(ConflictError):
            await uow.run(_ADD_TENANT, duplicate)
            await uow.commit()
        await uow.rollback()
        names = await uow.fetch(_TENANT_NAMES, {})

    assert names == [("Acme",)]


@pytest.mark.parametrize("next_step", ["fetch", "execute", "commit"])
async def test_pipelined_error_raised_at_next_step(database: Database, next_step: str) -> None:
    tenant = tenant_values()
    await commit_statements(database, insert(tenants).values(**tenant))
    duplicate = tenant_values(slug=tenant["slug"])

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        with pytest.raises(ConflictError):
            await uow.run(_ADD_TENANT, tenant_values("Second"))
            await uow.run(_ADD_TENANT, duplicate)
            if next_step == "fetch":
                await uow.fetch(_TENANT_NAMES, {})
            elif next_step == "execute":
                await uow.execute(insert(tenants).values(**tenant_values("Third")))
            await uow.commit()
        await uow.rollback()
        # The connection is usable again, and none of the transaction's writes stayed.
        await uow.begin_write()
        await uow.run(_ADD_TENANT, tenant_values("Fourth"))
        await uow.commit()
        names = await uow.fetch(_TENANT_NAMES, {})

    assert names == [("Acme",), ("Fourth",)]


async def test_pipelined_writes_commit_together(database: Database) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        for name in ("First", "Second", "Third"):
            await uow.run(_ADD_TENANT, tenant_values(name))
        await uow.commit()
        names = await uow.fetch(_TENANT_NAMES, {})

    assert names == [("First",), ("Second",), ("Third",)]


@pytest.mark.parametrize("commit", [True, False])
async def test_run_and_execute_share_one_transaction(database: Database, commit: bool) -> None:
    first, second = tenant_values("First"), tenant_values("Second")

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.run(_ADD_TENANT, first)
        await uow.execute(insert(tenants).values(**second))
        inside = await uow.fetch(_TENANT_NAMES, {})
        await (uow.commit() if commit else uow.rollback())
        after = await uow.fetch(_TENANT_NAMES, {})

    assert inside == [("First",), ("Second",)]
    assert after == ([("First",), ("Second",)] if commit else [])


_PREPARED_STATEMENTS = DirectStatement(
    select(column("statement", String())).select_from(table("pg_prepared_statements"))
)


@pytest.mark.parametrize("writing", [False, True])
async def test_unprepared_statement_is_never_prepared(database: Database, writing: bool) -> None:
    if database.is_sqlite:
        pytest.skip("prepared statements are PostgreSQL's")
    unprepared = DirectStatement(_TENANT_NAMES.statement, prepare=False)
    async with SqlAlchemyUnitOfWork(database) as uow:
        if writing:
            await uow.begin_write()
        # By default psycopg prepares a statement once it has run five times on a connection.
        for _ in range(8):
            await uow.fetch(_TENANT_NAMES, {})
            await uow.fetch(unprepared, {})

        prepared = [row[0] for row in await uow.fetch(_PREPARED_STATEMENTS, {})]

    assert len(prepared) == 1
    assert "tenants" in prepared[0]
