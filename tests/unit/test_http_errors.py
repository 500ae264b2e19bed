from typing import Any

import psycopg
import pytest
from sqlalchemy.exc import DataError, OperationalError

from svontai.entrypoints.http.errors import handle_unexpected


def test_refused_value_is_field_error() -> None:
    error = DataError("INSERT INTO leads ...", {}, ValueError("NUL character"))
    request: Any = None

    response = handle_unexpected(request, error)

    assert response.status_code == 422
    assert response.content["code"] == "validation_error"
    assert response.content["extra"] == [{"field": "body", "message": "a value cannot be stored"}]


@pytest.mark.parametrize(
    "driver_error", [psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure]
)
def test_deadlock_victim_is_conflict(
    driver_error: type[psycopg.Error],
) -> None:
    error = OperationalError("INSERT INTO leads ...", {}, driver_error("deadlock detected"))
    request: Any = None

    response = handle_unexpected(request, error)

    assert response.status_code == 409
    assert response.content["code"] == "conflict"


def test_unreachable_database_is_unavailable() -> None:
    error = OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused"))
    request: Any = None

    response = handle_unexpected(request, error)

    assert response.status_code == 503
