"""ASGI middleware: request ids, one log line per request, and CORS per path family."""

import json
import os
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import structlog

from svontai.entrypoints.http.dependencies import UNIT_OF_WORK_KEY

# Plain ASGI types: this middleware wraps the Litestar app from outside, so it receives raw
# scopes and messages rather than Litestar's typed dictionaries.
Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[..., Awaitable[None]]

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
_access_log = structlog.get_logger("svontai.access")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class RequestContextMiddleware:
    """Give every response an `X-Request-ID`, close the request's unit of work (see
    `dependencies.provide_uow`) and log the request once when it ends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and _REQUEST_ID.match(incoming) else os.urandom(16).hex()
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            await _close_unit_of_work(state)
            _access_log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
                tenant_id=state.get("tenant_id"),
                user_id=state.get("user_id"),
            )
            structlog.contextvars.unbind_contextvars("request_id")


async def _close_unit_of_work(state: dict[str, Any]) -> None:
    uow = state.pop(UNIT_OF_WORK_KEY, None)
    if uow is None:
        return
    try:
        await uow.close()
    except Exception:
        # The response has been sent, so the failure can only be logged.
        _access_log.exception("unit_of_work_close_failed")


class CorsMiddleware:
    """CORS with two policies: public widget paths accept any origin, the rest a list.

    Bearer tokens are never sent as cookies, so credentials are not allowed for any origin.
    """

    def __init__(
        self, app: ASGIApp, allowed_origins: Iterable[str], public_prefixes: Iterable[str]
    ) -> None:
        self.app = app
        self._allowed = frozenset(allowed_origins)
        self._public = tuple(public_prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = _header(scope, b"origin") if scope["type"] == "http" else None
        if origin is None:
            await self.app(scope, receive, send)
            return
        allow = self._allow_origin(scope["path"], origin)
        if scope["method"] == "OPTIONS" and _header(scope, b"access-control-request-method"):
            await self._preflight(scope, send, allow)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start" and allow is not None:
                headers = list(message.get("headers", []))
                headers.extend(self._cors_headers(allow))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _allow_origin(self, path: str, origin: str) -> str | None:
        if path.startswith(self._public) or "*" in self._allowed:
            return "*"
        return origin if origin in self._allowed else None

    @staticmethod
    def _cors_headers(allow: str) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"access-control-allow-origin", allow.encode()),
            (b"access-control-expose-headers", b"X-Request-ID, X-Total-Count, Retry-After"),
        ]
        if allow != "*":
            headers.append((b"vary", b"Origin"))
        return headers

    async def _preflight(self, scope: Scope, send: Send, allow: str | None) -> None:
        if allow is None:
            await _send_json(send, 403, _ORIGIN_REJECTED)
            return
        requested = _header(scope, b"access-control-request-headers") or ""
        headers = [
            (b"content-length", b"0"),
            *self._cors_headers(allow),
            (b"access-control-allow-methods", b"GET, POST, PUT, PATCH, DELETE, OPTIONS"),
            (b"access-control-allow-headers", requested.encode("latin-1")),
            (b"access-control-max-age", b"600"),
        ]
        start: Message = {"type": "http.response.start", "status": 204, "headers": headers}
        await send(start)
        await send({"type": "http.response.body", "body": b"", "more_body": False})


# The error envelope of a preflight from an origin that may not call the API.
_ORIGIN_REJECTED = json.dumps(
    {"status_code": 403, "detail": "This origin may not call the API.", "code": "forbidden"}
).encode()


async def _send_json(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
