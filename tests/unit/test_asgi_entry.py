import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from svontai.entrypoints import asgi


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_server_app_freezes_startup_objects(
    unfrozen: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SVONTAI_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'svontai.db'}")
    assert gc.get_freeze_count() == 0

    app = asgi.create()

    assert callable(app)
    assert gc.get_freeze_count() > 10_000
