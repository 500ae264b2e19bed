from litestar import get, head
from litestar.response import Response

from svontai.entrypoints.http.dependencies import ContainerDep
from svontai.entrypoints.http.errors import error_response


@get("/health", tags=["operations"], include_in_schema=True)
async def health() -> dict[str, str]:
    """Report liveness: the process is serving requests."""
    return {"status": "ok"}


@head("/health", tags=["operations"])
async def health_head() -> None:
    """Report liveness without a body, for load balancers that probe with HEAD."""


@get("/ready", tags=["operations"])
async def ready(container: ContainerDep) -> Response[dict[str, object]]:
    """Report readiness: the database is reachable."""
    if not await _database_reachable(container):
        return error_response(503, "The database is unreachable.", "unavailable")
    return Response({"status": "ready"})


@head("/ready", tags=["operations"])
async def ready_head(container: ContainerDep) -> Response[None]:
    """Report readiness without a body: 200, or 503 when the database is unreachable."""
    return Response(None, status_code=200 if await _database_reachable(container) else 503)


async def _database_reachable(container: ContainerDep) -> bool:
    try:
        await container.database().ping()
    except Exception:
        return False
    return True
