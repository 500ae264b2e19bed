"""Plan changes made straight in the database for the bot and knowledge HTTP tests."""

import uuid
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import insert, update

from svontai.adapters.persistence.seeds import plan_id
from svontai.adapters.persistence.tables import plans, subscriptions
from svontai.domain.plans import Feature
from svontai.entrypoints.container import Container
from tests.http.chat_helpers import run_sql
from tests.http.helpers import Account

NOW = datetime(2026, 12, 1, tzinfo=UTC)


async def _subscribe(container: Container, account: Account, new_plan_id: UUID) -> None:
    tenant_id = UUID(str(account.tenant_id))
    statement = update(subscriptions).where(subscriptions.c.tenant_id == tenant_id)
    await run_sql(container, statement.values(plan_id=new_plan_id))


async def use_seeded_plan(container: Container, account: Account, code: str) -> None:
    """Move the account's tenant to one of the seeded plans (free, pro, ...)."""
    await _subscribe(container, account, plan_id(code))


async def use_limits(
    container: Container, account: Account, bot_limit: int, knowledge_items_limit: int
) -> None:
    """Move the account's tenant to a new private plan with these limits."""
    new_plan_id = uuid.uuid4()
    values = {
        "id": new_plan_id,
        "code": f"test-{new_plan_id.hex[:12]}",
        "name": "Test plan",
        "price_monthly": 0,
        "currency": "USD",
        "bot_limit": bot_limit,
        "knowledge_items_limit": knowledge_items_limit,
        "monthly_message_limit": None,
        "features": [Feature.WIDGET.value],
        "is_active": True,
        "is_public": False,
        "sort_order": 99,
        "created_at": NOW,
        "updated_at": NOW,
    }
    await run_sql(container, insert(plans).values(**values))
    await _subscribe(container, account, new_plan_id)
