"""Widget calls and direct database changes (plans, suspension) for the chat HTTP tests."""

import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx
from sqlalchemy import Executable, func, insert, select, update

from svontai.adapters.persistence.tables import plans, subscriptions, system_events, tenants
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.entrypoints.container import Container
from tests.http.helpers import Account, Api

NOW = datetime(2026, 12, 1, tzinfo=UTC)


async def run_sql(container: Container, statement: Executable) -> Any:
    async with SqlAlchemyUnitOfWork(container.database()) as uow:
        await uow.begin_write()
        result = await uow.execute(statement)
        value = result.scalar() if result.returns_rows else None
        await uow.commit()
    return value


async def use_plan(
    container: Container,
    account: Account,
    features: list[str],
    monthly_message_limit: int | None = None,
) -> None:
    """Move the account's tenant to a new plan of its own with these limits."""
    plan_id = uuid.uuid4()
    values = {
        "id": plan_id,
        "code": f"test-{plan_id.hex[:12]}",
        "name": "Test plan",
        "price_monthly": 0,
        "currency": "USD",
        "bot_limit": None,
        "knowledge_items_limit": None,
        "monthly_message_limit": monthly_message_limit,
        "features": features,
        "is_active": True,
        "is_public": False,
        "sort_order": 99,
        "created_at": NOW,
        "updated_at": NOW,
    }
    await run_sql(container, insert(plans).values(**values))
    tenant_id = UUID(str(account.tenant_id))
    await run_sql(
        container,
        update(subscriptions).where(subscriptions.c.tenant_id == tenant_id).values(plan_id=plan_id),
    )


async def suspend(container: Container, account: Account) -> None:
    tenant_id = UUID(str(account.tenant_id))
    await run_sql(
        container, update(tenants).where(tenants.c.id == tenant_id).values(is_suspended=True)
    )


async def count_events(container: Container, code: str, tenant_id: str | None) -> int:
    query = select(func.count()).where(system_events.c.code == code)
    if tenant_id is None:
        query = query.where(system_events.c.tenant_id.is_(None))
    else:
        query = query.where(system_events.c.tenant_id == UUID(tenant_id))
    return int(await run_sql(container, query))


async def start_chat(
    client: httpx.AsyncClient, bot: dict[str, Any], external_user_id: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"bot_public_key": bot["public_key"]}
    if external_user_id is not None:
        body["external_user_id"] = external_user_id
    response = await client.post("/api/public/chat/init", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def send(
    client: httpx.AsyncClient, chat: dict[str, Any], message: str, **fields: Any
) -> httpx.Response:
    body = {"conversation_id": chat["conversation_id"], "message": message, **fields}
    return await client.post("/api/public/chat/send", json=body)


async def poll(client: httpx.AsyncClient, chat: dict[str, Any], **params: Any) -> httpx.Response:
    query = {
        "conversation_id": chat["conversation_id"],
        "external_user_id": chat["external_user_id"],
        **params,
    }
    return await client.get("/api/public/chat/messages", params=query)


async def bot_with_knowledge(api: Api, account: Account) -> dict[str, Any]:
    """Create a bot whose knowledge covers its opening hours and its shipping time."""
    bot = await api.bot(account)
    await api.knowledge(
        account, bot["id"], "Çalışma saatleriniz nedir?", "Hafta içi 09:00-18:00 açığız."
    )
    await api.knowledge(
        account, bot["id"], "Kargo kaç günde gelir?", "Siparişler 2 iş gününde kargoda."
    )
    return bot
