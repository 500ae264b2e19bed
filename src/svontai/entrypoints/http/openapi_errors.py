"""Adds the service's error responses and the tenant header to the generated OpenAPI document.

Litestar documents a 400 for invalid input, but this service returns 422 with the error
envelope of `errors.py`. Litestar also cannot see which operations read `X-Tenant-ID`.
"""

from typing import Any

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["status_code", "detail", "code"],
    "properties": {
        "status_code": {"type": "integer"},
        "detail": {"type": "string", "description": "A sentence saying what went wrong."},
        "code": {"type": "string", "description": "A stable snake_case error code."},
        "extra": {
            "type": "array",
            "description": "For 422: the invalid fields.",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}

_COMMON = {
    "422": "validation_error: invalid body, query, path or header",
    "429": "rate_limited, with Retry-After in seconds",
    "500": "internal_error",
    "503": "unavailable: database down or password hasher saturated",
}
_AUTHENTICATED = {
    "401": "unauthorized: missing, invalid or expired token",
    "403": "forbidden, plan_limit_reached, feature_not_in_plan, tenant_suspended",
    "404": "not_found or no_tenant (also for another tenant's objects)",
    "409": "conflict, email_taken or invalid_transition",
}
# Operations that need no bearer token.
_OPEN_PATHS = ("/health", "/ready", "/api/auth/register", "/api/auth/login", "/api/auth/refresh")
_TENANT_PREFIXES = ("/api/me", "/api/bots", "/api/knowledge", "/api/leads", "/api/conversations")
TENANT_HEADER: dict[str, Any] = {
    "name": "X-Tenant-ID",
    "in": "header",
    "required": False,
    "description": "The tenant to act on; without it, the caller's oldest membership.",
    "schema": {"type": "string", "format": "uuid"},
}


def document_errors(document: dict[str, Any]) -> None:
    """Rewrite every operation's error responses in place."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                _document_operation(path, operation)


def _document_operation(path: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("400", None)
    statuses = dict(_COMMON)
    if path.startswith("/api/"):
        statuses.update(_AUTHENTICATED)
    is_open = path in _OPEN_PATHS or path.startswith("/api/public/")
    if is_open:
        operation["security"] = []
    if path.startswith("/api/public/"):
        del statuses["401"]
    for status, description in statuses.items():
        responses.setdefault(status, _error_response(description))
    if path.startswith(_TENANT_PREFIXES):
        operation.setdefault("parameters", []).append(dict(TENANT_HEADER))


def _error_response(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Error"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}
