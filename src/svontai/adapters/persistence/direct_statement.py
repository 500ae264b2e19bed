"""Statements of the hot paths, run on the driver's cursor instead of through SQLAlchemy.

SQLAlchemy's `Connection.execute` looks the statement up in its compiled cache, builds an
execution context, fires events and wraps the rows in a `Result`. For the two queries of an
authenticated bot list, that was about a third of the request's CPU time (py-spy, `make bench`
set-up). A `DirectStatement` does that work once per dialect instead. It compiles the statement
and keeps the SQL text, the order of its parameters and the type processors of each parameter
and column. A run then converts the parameters, executes the text on the driver's cursor and
converts the rows with the same processors that SQLAlchemy would apply.

The unit of work runs them (`fetch` for rows, `run` for writes), in autocommit mode or inside
its write transaction. Driver errors are raised as SQLAlchemy's `DBAPIError` subclasses, so
callers and error handlers get the same exceptions as from `execute`.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, Dialect, Select
from sqlalchemy.exc import ArgumentError, DBAPIError, InvalidRequestError
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.types import TypeEngine

Processor = Callable[[Any], Any]


@dataclass(slots=True)
class CompiledStatement:
    """A `DirectStatement` compiled for one dialect."""

    sql: str
    # Parameter names in placeholder order for positional driver styles (SQLite's `?`), or
    # None when the driver takes a mapping (psycopg's `%(name)s`).
    positions: tuple[str, ...] | None
    defaults: Mapping[str, Any]
    # The parameters without a value in the statement, which every run must give.
    required: frozenset[str]
    binds: Mapping[str, Processor]
    dialect: Dialect
    types: tuple[TypeEngine[Any], ...]
    # Result processors, found on the first run: some depend on the driver's column type code
    # (psycopg's numeric types), which only the cursor's description gives.
    columns: tuple[Processor | None, ...] | None = None
    # The positions and processors of the columns that have one, from `columns`.
    converted: tuple[tuple[int, Processor], ...] = ()

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """Return `values` converted for the driver, in placeholder order for `?` drivers."""
        if not self.required <= values.keys():
            missing = ", ".join(sorted(self.required - values.keys()))
            raise InvalidRequestError(f"missing value for bind parameter {missing}")
        merged = {**self.defaults, **values}
        for name, process in self.binds.items():
            merged[name] = process(merged[name])
        if self.positions is None:
            return merged
        return tuple(merged[name] for name in self.positions)

    def rows(
        self, fetched: Sequence[Sequence[Any]], description: Sequence[Sequence[Any]] | None
    ) -> list[tuple[Any, ...]]:
        """Return the driver's rows converted. The cursor's `description` is used once."""
        if self.columns is None:
            codes = [entry[1] for entry in description] if description else [None] * len(self.types)
            self.columns = tuple(
                type_.dialect_impl(self.dialect).result_processor(self.dialect, code)
                for type_, code in zip(self.types, codes, strict=True)
            )
            self.converted = tuple(
                (position, process)
                for position, process in enumerate(self.columns)
                if process is not None
            )
        converted = self.converted
        if not converted:
            return [tuple(row) for row in fetched]
        rows = []
        for row in fetched:
            if len(row) != len(self.types):
                raise ValueError(f"expected {len(self.types)} columns, got {len(row)}")
            values = list(row)
            for position, process in converted:
                value = values[position]
                if value is not None:
                    values[position] = process(value)
            rows.append(tuple(values))
        return rows


class DirectStatement:
    """A statement with named `bindparam`s, compiled once per dialect on first use.

    Mostly a SELECT, run with `fetch`. An INSERT, UPDATE or DELETE is run with `run`. It must
    name every column it sets, because Python-side column defaults are not applied.

    On PostgreSQL psycopg prepares a statement once it has run five times on a connection,
    and the server may then plan it once for any parameters. Pass `prepare=False` for a
    statement whose best plan depends on its parameters, such as a text search.
    """

    __slots__ = ("_compiled", "keys", "prepare", "statement")

    def __init__(self, statement: Select[Any] | UpdateBase, prepare: bool = True) -> None:
        self.statement = statement
        self.prepare = prepare
        # The names of the selected columns (their labels), in row order.
        self.keys = tuple(column.key for column in _selected(statement))
        # Per dialect object, as SQLAlchemy caches per engine: settings such as the server
        # version can change the SQL.
        self._compiled: WeakKeyDictionary[Dialect, CompiledStatement] = WeakKeyDictionary()

    def compiled(self, dialect: Dialect) -> CompiledStatement:
        found = self._compiled.get(dialect)
        if found is None:
            found = self._compiled[dialect] = _compile(self.statement, dialect)
        return found


def _selected(statement: Select[Any] | UpdateBase) -> list[ColumnElement[Any]]:
    """Return the columns of the statement's rows: a SELECT's, or an INSERT's RETURNING."""
    if isinstance(statement, UpdateBase):
        return list(statement.exported_columns)
    return list(statement.selected_columns)


def _compile(statement: Select[Any] | UpdateBase, dialect: Dialect) -> CompiledStatement:
    compiled = statement.compile(dialect=dialect)
    binds: dict[str, Processor] = {}
    defaults: dict[str, Any] = {}
    for name, parameter in compiled.binds.items():
        if parameter.expanding:
            # SQLAlchemy renders an IN list anew for each run, so a fixed SQL text cannot hold it.
            raise ArgumentError(
                f"invalid parameter {name!r}: an expanding IN list; run the statement with "
                "execute()"
            )
        process = parameter.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            binds[name] = process
        if parameter.value is not None:
            defaults[name] = parameter.value
    types = tuple(column.type for column in _selected(statement))
    positions = tuple(compiled.positiontup) if compiled.positiontup is not None else None
    required = frozenset(compiled.binds) - defaults.keys()
    return CompiledStatement(compiled.string, positions, defaults, required, binds, dialect, types)


def wrap_driver_error(
    error: Exception,
    sql: str,
    parameters: Any,
    dialect: Dialect,
    connection_invalidated: bool = False,
) -> Exception:
    """Return the driver's error as SQLAlchemy would raise it from `execute`."""
    return DBAPIError.instance(
        sql,
        parameters,
        error,
        dialect.loaded_dbapi.Error,
        connection_invalidated=connection_invalidated,
        dialect=dialect,
    )
