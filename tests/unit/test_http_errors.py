from typing import Any

from sqlalchemy.exc import DataError

from svontai.entrypoints.http.errors import handle_unexpected


def test_value_the_database_refuses_is_a_field_error() -> None:
    error = DataError("INSERT INTO leads ...", {}, ValueError("NUL character"))
    request: Any = None

    response = handle_unexpected(request, error)

    assert response.status_code == 422
    assert response.content["code"] == "validation_error"
    assert response.content["extra"] == [{"field": "body", "message": "a value cannot be stored"}]
