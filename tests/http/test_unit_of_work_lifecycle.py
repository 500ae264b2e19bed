"""Every request's unit of work is closed, whether the request succeeded or failed."""

from typing import Any

from dependency_injector import providers

from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.entrypoints.container import Container
from tests.http.helpers import Api


class RecordingUnitOfWork(SqlAlchemyUnitOfWork):
    opened: list["RecordingUnitOfWork"] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closed = False
        RecordingUnitOfWork.opened.append(self)

    async def close(self) -> None:
        self.closed = True
        await super().close()


async def test_requests_close_units_of_work(api: Api, container: Container) -> None:
    account = await api.account()
    RecordingUnitOfWork.opened.clear()
    container.unit_of_work.override(
        providers.Factory(RecordingUnitOfWork, database=container.database)
    )
    try:
        await api.client.get("/api/bots", headers=account.headers)
        await api.client.get("/api/bots/not-a-uuid", headers=account.headers)
        await api.client.get(f"/api/bots/{account.tenant_id}", headers=account.headers)
        await api.client.post("/api/bots", json={"name": 5}, headers=account.headers)
        await api.client.get("/api/bots", headers={"Authorization": "Bearer nope"})
    finally:
        container.unit_of_work.reset_override()

    # Every request but the one whose path id is rejected before its dependencies run.
    assert len(RecordingUnitOfWork.opened) == 4
    assert all(uow.closed for uow in RecordingUnitOfWork.opened)
