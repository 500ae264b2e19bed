"""One statement that reads a conversation with its tenant, plan and bot, for the widget.

Every widget message starts with this read, so the four rows come in one round trip and the
statement is built once.
"""

from typing import Any

from sqlalchemy import Uuid, and_, bindparam, func, select

from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.repositories.plans import plan_from_row
from svontai.adapters.persistence.tables import bots, conversations, plans, subscriptions, tenants
from svontai.application.ports.conversations import ConversationContext
from svontai.domain.bots import Bot
from svontai.domain.conversations import Channel, Conversation, ConversationStatus
from svontai.domain.plans import Plan
from svontai.domain.tenants import Tenant

_FIELDS = {
    "c": (conversations, tuple(Conversation.__dataclass_fields__)),
    "t": (tenants, tuple(name for name in Tenant.__dataclass_fields__ if name != "plan_code")),
    "p": (plans, tuple(Plan.__dataclass_fields__)),
    "b": (bots, tuple(Bot.__dataclass_fields__)),
}
_COLUMNS = [
    table.c[name].label(f"{prefix}_{name}")
    for prefix, (table, names) in _FIELDS.items()
    for name in names
]
# A tenant without a subscription is on the free plan.
_FREE_PLAN_ID = select(plans.c.id).where(plans.c.code == "free").scalar_subquery()
_LIVE_BOT = and_(
    bots.c.id == conversations.c.bot_id,
    bots.c.tenant_id == conversations.c.tenant_id,
    bots.c.deleted_at.is_(None),
)

GET_CONTEXT = DirectStatement(
    select(*_COLUMNS)
    .select_from(
        conversations.join(tenants, tenants.c.id == conversations.c.tenant_id)
        .outerjoin(subscriptions, subscriptions.c.tenant_id == tenants.c.id)
        .outerjoin(plans, plans.c.id == func.coalesce(subscriptions.c.plan_id, _FREE_PLAN_ID))
        .outerjoin(bots, _LIVE_BOT)
    )
    .where(conversations.c.id == bindparam("conversation_id", type_=Uuid()))
)


def context_from_row(mapping: Any) -> ConversationContext:
    values = {prefix: _values(mapping, prefix) for prefix in _FIELDS}
    if values["p"]["id"] is None:
        raise LookupError("the plans table is empty; run `svontai migrate`")
    conversation = values["c"]
    conversation["channel"] = Channel(conversation["channel"])
    conversation["status"] = ConversationStatus(conversation["status"])
    plan = plan_from_row(values["p"])
    tenant = Tenant(**values["t"], plan_code=plan.code)
    bot = Bot(**values["b"]) if values["b"]["id"] is not None else None

    return ConversationContext(Conversation(**conversation), tenant, plan, bot)


def _values(mapping: Any, prefix: str) -> dict[str, Any]:
    return {name: mapping[f"{prefix}_{name}"] for name in _FIELDS[prefix][1]}
