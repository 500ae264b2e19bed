"""Finding the bot or the conversation a widget request names, with the checks all share.

A suspended tenant's bots and conversations are not found, so the widget cannot tell them
from unknown ones.
"""

import secrets
from dataclasses import dataclass
from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.domain.bots import Bot
from svontai.domain.conversations import Conversation
from svontai.domain.errors import NotFoundError
from svontai.domain.plans import Feature, Plan
from svontai.domain.tenants import Tenant


@dataclass(frozen=True, slots=True)
class WidgetBot:
    bot: Bot
    tenant: Tenant
    plan: Plan


@dataclass(frozen=True, slots=True)
class WidgetChat:
    conversation: Conversation
    tenant: Tenant
    plan: Plan
    # None when the bot is deleted; the caller decides whether that matters.
    bot: Bot | None


async def find_widget_bot(uow: UnitOfWork, public_key: str) -> WidgetBot:
    """Return the active bot with this public key; raise `NotFoundError` otherwise.

    Raises `FeatureNotInPlanError` when the tenant's plan has no widget.
    """
    # No key contains NUL, and PostgreSQL would reject it as a parameter.
    bot = None if "\x00" in public_key else await uow.bots.get_by_public_key(public_key)
    if bot is None or not is_available(bot):
        raise NotFoundError("Bot not found.")
    tenant = await _active_tenant(uow, bot.tenant_id, "Bot not found.")
    plan = await uow.plans.for_tenant(tenant.id)
    plan.require_feature(Feature.WIDGET)

    return WidgetBot(bot, tenant, plan)


async def find_widget_chat(uow: UnitOfWork, conversation_id: UUID) -> WidgetChat:
    """Return the conversation, its tenant and plan; raise `NotFoundError` if unknown.

    The caller checks the visitor (`is_visitor`) and then the widget feature (`require_widget`).
    """
    context = await uow.conversations.get_context(conversation_id)
    if context is None or context.tenant.is_suspended:
        raise NotFoundError("Conversation not found.")

    return WidgetChat(context.conversation, context.tenant, context.plan, context.bot)


def is_visitor(conversation: Conversation, external_user_id: str) -> bool:
    """Return whether the id is the conversation's visitor; it works as the visitor's secret."""
    return secrets.compare_digest(conversation.external_user_id.encode(), external_user_id.encode())


def require_widget(plan: Plan) -> None:
    plan.require_feature(Feature.WIDGET)


def is_available(bot: Bot) -> bool:
    """Return whether the bot's widget may be used: active and not deleted."""
    return bot.is_active and bot.deleted_at is None


async def _active_tenant(uow: UnitOfWork, tenant_id: UUID, not_found: str) -> Tenant:
    tenant = await uow.tenants.get(tenant_id)
    if tenant is None or tenant.is_suspended:
        raise NotFoundError(not_found)
    return tenant
