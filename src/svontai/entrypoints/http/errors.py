"""The one map from exceptions to HTTP responses: `{"status_code", "detail", "code"}`."""

import re
from typing import Any

import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from svontai.domain import errors

_log = structlog.get_logger(__name__)
_MISSING_FIELD = re.compile(r"missing required field `([^`]+)`")
_MISSING_PARAMETER = re.compile(r"Missing required \w+ parameter '([^']+)'")

_STATUS_BY_ERROR: list[tuple[type[errors.DomainError], int]] = [
    (errors.NotFoundError, 404),
    (errors.AuthenticationError, 401),
    (errors.PermissionDeniedError, 403),
    (errors.ConflictError, 409),
    (errors.RateLimitedError, 429),
    (errors.ValidationError, 422),
    (errors.UnavailableError, 503),
]

_CODE_BY_STATUS = {
    400: "validation_error",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "validation_error",
    422: "validation_error",
    429: "rate_limited",
    503: "unavailable",
}

_DETAIL_BY_STATUS = {
    404: "The requested resource was not found.",
    405: "This method is not allowed on this path.",
    413: "The request body is larger than 1 MiB.",
}


def error_response(
    status: int, detail: str, code: str, extra: Any = None, headers: dict[str, str] | None = None
) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {"status_code": status, "detail": detail, "code": code}
    if extra is not None:
        body["extra"] = extra
    return Response(body, status_code=status, headers=headers, media_type=MediaType.JSON)


def handle_domain_error(_: Request[Any, Any, Any], error: errors.DomainError) -> Response[Any]:
    status = next(code for kind, code in _STATUS_BY_ERROR if isinstance(error, kind))
    if isinstance(error, errors.ValidationError):
        extra = [{"field": item.field, "message": item.message} for item in error.errors]
        return error_response(422, error.detail, error.code, extra)
    headers = None
    if isinstance(error, errors.RateLimitedError):
        headers = {"Retry-After": str(error.retry_after)}
    return error_response(status, error.detail, error.code, headers=headers)


def handle_validation_error(_: Request[Any, Any, Any], error: ValidationException) -> Response[Any]:
    extra = (
        [_field_error(item) for item in (error.extra or [])]
        if isinstance(error.extra, list)
        else []
    )
    if not extra:
        extra = [_field_error({"message": str(error.detail).split(" for path ", 1)[0]})]
    detail = f"Invalid value for {extra[0]['field']}: {extra[0]['message']}"
    return error_response(422, detail, "validation_error", extra)


def handle_http_error(_: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    status = 422 if error.status_code in (400, 415) else error.status_code
    code = _CODE_BY_STATUS.get(error.status_code, "error")
    detail = _DETAIL_BY_STATUS.get(status) or str(error.detail)
    if status == 422:
        extra = [_field_error({"message": str(error.detail)})]
        return error_response(422, f"Invalid request: {extra[0]['message']}", code, extra)
    allowed = [value for key, value in (error.headers or {}).items() if key.lower() == "allow"]
    headers = {"Allow": allowed[0]} if allowed else None
    return error_response(status, detail, code, headers=headers)


def handle_database_unavailable(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    _log.error("database_unavailable", error_type=type(error).__name__)
    return error_response(503, "The database is unavailable; try again shortly.", "unavailable")


def handle_undecodable_body(_: Request[Any, Any, Any], error: UnicodeDecodeError) -> Response[Any]:
    extra = [{"field": "body", "message": "the body is not valid UTF-8"}]
    return error_response(
        422, "Invalid request: the body is not valid UTF-8.", "validation_error", extra
    )


# PostgreSQL's codes for a transaction it ended to resolve a deadlock or a serialization
# failure. Nothing was stored, and the same request may succeed when sent again.
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


def handle_unexpected(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    if isinstance(error, DBAPIError) and _sqlstate(error) in _RETRYABLE_SQLSTATES:
        _log.warning("transaction_conflict", sqlstate=_sqlstate(error))
        return error_response(
            409, "The request collided with a concurrent one; send it again.", "conflict"
        )
    if isinstance(error, (OperationalError, PoolTimeoutError)) or _is_disconnect(error):
        return handle_database_unavailable(_, error)
    if isinstance(error, DataError):
        # A value the database refuses to store, such as a NUL character in text on
        # PostgreSQL, in a field whose own validation does not catch it.
        _log.warning("value_not_storable", error=str(error.orig))
        extra = [{"field": "body", "message": "a value cannot be stored"}]
        return error_response(
            422, "Invalid request: a value cannot be stored.", "validation_error", extra
        )
    _log.exception("unhandled_error", error_type=type(error).__name__)
    return error_response(500, "An internal error occurred.", "internal_error")


def _sqlstate(error: DBAPIError) -> str | None:
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate if isinstance(sqlstate, str) else None


def _is_disconnect(error: Exception) -> bool:
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def _field_error(item: Any) -> dict[str, str]:
    if not isinstance(item, dict):
        return {"field": "body", "message": str(item)}
    field = str(item.get("key") or "body")
    message = str(item.get("message", "invalid value"))
    if message == "'data'":
        # Litestar reports a missing body as the name of the parameter it could not fill.
        return {"field": "body", "message": "a JSON body is required"}
    if message.startswith("Input data was truncated"):
        # msgspec also says this of a string with a lone surrogate escape such as "\ud800".
        return {
            "field": "body",
            "message": "JSON is malformed: cut short or with an invalid escape",
        }
    parameter = _MISSING_PARAMETER.search(message)
    if parameter:
        return {"field": parameter.group(1), "message": message}
    missing = _MISSING_FIELD.search(message)
    if missing:
        # msgspec reports a missing key at its parent object; name the key itself.
        parent = "" if field in ("data", "body") else f"{field}."
        field = parent + missing.group(1)
    elif field == "data":
        field = "body"
    return {"field": field, "message": message}


EXCEPTION_HANDLERS: dict[Any, Any] = {
    errors.DomainError: handle_domain_error,
    UnicodeDecodeError: handle_undecodable_body,
    ValidationException: handle_validation_error,
    HTTPException: handle_http_error,
    Exception: handle_unexpected,
}
