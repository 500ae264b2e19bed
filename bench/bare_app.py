"""Minimal Litestar app that sets the throughput ceiling for the load benchmark.

It runs under the same uvicorn options as the service, so the gap between its figures and the
service's is the cost of the service's own work (auth, database, retrieval).
"""

from litestar import Litestar, get


@get("/ping")
async def ping() -> dict[str, str]:
    return {"status": "ok", "service": "bare"}


app = Litestar(route_handlers=[ping], debug=False)
