from typing import Any

import msgspec
from litestar import get, head
from litestar.response import Response

from svontai.entrypoints.http.dependencies import ContainerDep
from svontai.entrypoints.http.errors import error_response


@get("/health", tags=["operations"], include_in_schema=True)
async def health() -> Response[dict[str, object]]:
    """Report liveness: the process is serving requests."""
    return _liveness()


@head("/health", tags=["operations"])
async def health_head() -> Response[None]:
    """Report liveness without a body, for load balancers that probe with HEAD."""
    return _without_body(_liveness())


@get("/ready", tags=["operations"])
async def ready(container: ContainerDep) -> Response[dict[str, object]]:
    """Report readiness: the database is reachable."""
    return await _readiness(container)


@head("/ready", tags=["operations"])
async def ready_head(container: ContainerDep) -> Response[None]:
    """Report readiness without a body: 200, or 503 when the database is unreachable."""
    return _without_body(await _readiness(container))


def _liveness() -> Response[dict[str, object]]:
    return Response({"status": "ok"})


async def _readiness(container: ContainerDep) -> Response[dict[str, Any]]:
    try:
        await container.database().ping()
    except Exception:
        return error_response(503, "The database is unreachable.", "unavailable")
    return Response({"status": "ready"})


def _without_body(response: Response[Any]) -> Response[None]:
    """Return the status and headers of `response`, and the Content-Length of its body."""
    length = len(msgspec.json.encode(response.content))
    headers = {**response.headers, "Content-Length": str(length)}
    return Response(None, status_code=response.status_code, headers=headers)
