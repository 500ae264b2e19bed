"""HTTP fixtures: the app on each database and an httpx client that talks to it in-process."""

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from svontai.entrypoints.container import Container
from svontai.entrypoints.http.app import create_app
from svontai.entrypoints.settings import Settings
from tests.conftest import build_settings
from tests.http.helpers import Api


@pytest.fixture(scope="session")
async def container(settings: Settings) -> AsyncIterator[Container]:
    container = Container(settings=settings)
    yield container
    container.password_hasher().close()
    await container.database().dispose()


@pytest.fixture(scope="session")
def app(settings: Settings, container: Container) -> Any:
    return create_app(settings, container)


@pytest.fixture
async def client(app: Any, container: Container) -> AsyncIterator[httpx.AsyncClient]:
    await container.rate_limiter().reset()
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def api(client: httpx.AsyncClient) -> Api:
    return Api(client)


AppClientFactory = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def client_with(
    database_url: str, tmp_path: Path
) -> AsyncIterator[Callable[..., Awaitable[httpx.AsyncClient]]]:
    """Build a client for an app with some settings changed, e.g. low rate limits."""
    opened: list[tuple[httpx.AsyncClient, Container]] = []

    async def build(**overrides: object) -> httpx.AsyncClient:
        settings = build_settings(database_url, tmp_path, **overrides)
        container = Container(settings=settings)
        transport = httpx.ASGITransport(
            app=create_app(settings, container), client=("127.0.0.1", 50000)
        )
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        opened.append((client, container))
        return client

    yield build
    for client, container in opened:
        await client.aclose()
        container.password_hasher().close()
        await container.database().dispose()
