from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from svontai.entrypoints.http.app import create_app
from tests.conftest import build_settings


async def test_startup_rejects_unknown_default_plan(database_url: str, tmp_path: Path) -> None:
    app = create_app(build_settings(database_url, tmp_path, default_plan="gold"))

    with pytest.raises(BaseException) as raised:  # the test client wraps it in a group
        async with AsyncTestClient(app=app.litestar):
            pass

    assert "SVONTAI_DEFAULT_PLAN" in repr(_leaves(raised.value))


def _leaves(error: BaseException) -> list[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


async def test_startup_and_shutdown_run(database_url: str, tmp_path: Path) -> None:
    app = create_app(build_settings(database_url, tmp_path))

    async with AsyncTestClient(app=app.litestar) as client:
        response = await client.get("/ready")

    assert response.status_code == 200
