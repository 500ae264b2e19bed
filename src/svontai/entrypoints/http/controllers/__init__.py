"""Every route handler of the API, one controller per resource."""

from svontai.entrypoints.http.controllers.auth import AuthController
from svontai.entrypoints.http.controllers.health import health, ready

ROUTE_HANDLERS: list[object] = [
    health,
    ready,
    AuthController,
]
