from litestar import get
from litestar.response import Response

from svontai.entrypoints.http.dependencies import ContainerDep
from svontai.entrypoints.http.errors import error_response


@get("/health", tags=["operations"], include_in_schema=True)
async def health() -> dict[str, str]:
    """Report liveness: the process is serving requests."""
    return {"status": "ok"}


@get("/ready", tags=["operations"])
async def ready(container: ContainerDep) -> Response[dict[str, object]]:
    """Report readiness: the database is reachable."""
    try:
        await container.database().ping()
    except Exception:
        return error_response(503, "The database is unreachable.", "unavailable")
    return Response({"status": "ready"})
