"""Tenants, bots, conversations and leads placed straight into a `FakeUnitOfWork`."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot
from svontai.domain.conversations import Channel, Conversation, ConversationStatus
from svontai.domain.leads import Lead, LeadSource, LeadStatus
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant
from svontai.domain.users import User
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

CREATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class StubBotRepository:
    """Only the bot lookup the lead use cases need."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Bot] = {}

    async def get(self, tenant_id: UUID, bot_id: UUID) -> Bot | None:
        bot = self.rows.get(bot_id)
        return replace(bot) if bot and bot.tenant_id == tenant_id else None


class StubConversationRepository:
    """Only the conversation lookup and update the lead use cases need."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Conversation] = {}

    async def get(
        self, tenant_id: UUID, conversation_id: UUID, for_update: bool = False
    ) -> Conversation | None:
        conversation = self.rows.get(conversation_id)
        return (
            replace(conversation) if conversation and conversation.tenant_id == tenant_id else None
        )

    async def update(self, conversation: Conversation) -> None:
        self.rows[conversation.id] = replace(conversation)


class LeadsUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.bots: Any = StubBotRepository()
        self.conversations: Any = StubConversationRepository()


def make_clock() -> FakeClock:
    return FakeClock(CREATED + timedelta(days=30))


def make_tenant(settings: dict[str, Any] | None = None) -> Tenant:
    settings = {"default_phone_region": "TR"} if settings is None else settings
    slug = f"tenant-{uuid.uuid4().hex[:8]}"
    return Tenant(uuid.uuid4(), "Kahve Durağı", slug, settings, False, CREATED, CREATED)


def make_context(tenant: Tenant, role: Role = Role.OWNER) -> TenantContext:
    user = User(
        uuid.uuid4(), "ayse@example.com", "Ayşe Yılmaz", "hashed:x", True, False, CREATED, CREATED
    )
    return TenantContext(Principal(user, uuid.uuid4()), tenant, role)


def add_bot(uow: LeadsUnitOfWork, tenant: Tenant, deleted: bool = False) -> Bot:
    bot = Bot(uuid.uuid4(), tenant.id, "Destek", f"bot_{uuid.uuid4().hex}", CREATED, CREATED)
    bot.deleted_at = CREATED if deleted else None
    uow.bots.rows[bot.id] = bot
    return bot


def add_conversation(uow: LeadsUnitOfWork, bot: Bot) -> Conversation:
    conversation = Conversation(
        uuid.uuid4(),
        bot.tenant_id,
        bot.id,
        Channel.WEB,
        "visitor-1",
        ConversationStatus.AI_ACTIVE,
        CREATED,
        CREATED,
    )
    uow.conversations.rows[conversation.id] = replace(conversation)
    return conversation


async def add_lead(
    uow: LeadsUnitOfWork, tenant: Tenant, created_at: datetime = CREATED, **fields: Any
) -> Lead:
    values: dict[str, Any] = {"name": "Mehmet Demir", **fields}
    lead = Lead(
        id=uuid.uuid4(),
        tenant_id=tenant.id,
        source=values.pop("source", LeadSource.MANUAL),
        status=values.pop("status", LeadStatus.NEW),
        created_at=created_at,
        updated_at=created_at,
        **values,
    )
    await uow.leads.add(lead)
    return lead


async def add_linked_lead(uow: LeadsUnitOfWork, tenant: Tenant) -> tuple[Conversation, Lead]:
    """Add a conversation and its lead, linked both ways."""
    conversation = add_conversation(uow, add_bot(uow, tenant))
    lead = await add_lead(uow, tenant, conversation_id=conversation.id)
    uow.conversations.rows[conversation.id] = replace(conversation, lead_id=lead.id)
    return conversation, lead


def record_lock_order(uow: LeadsUnitOfWork) -> list[str]:
    """Return a list that fills, in order, with the conversation reads and locks and the lead
    writes of `uow`."""
    steps: list[str] = []
    get_conversation = uow.conversations.get
    add_for_conversation, delete_lead = uow.leads.add_for_conversation, uow.leads.delete

    async def recording_get(
        tenant_id: UUID, conversation_id: UUID, for_update: bool = False
    ) -> Conversation | None:
        steps.append("lock conversation" if for_update else "read conversation")
        return await get_conversation(tenant_id, conversation_id, for_update)

    async def recording_add(lead: Lead) -> bool:
        steps.append("write lead")
        return await add_for_conversation(lead)

    async def recording_delete(tenant_id: UUID, lead_id: UUID) -> None:
        steps.append("delete lead")
        await delete_lead(tenant_id, lead_id)

    uow.conversations.get = recording_get  # type: ignore[method-assign]
    uow.leads.add_for_conversation = recording_add  # type: ignore[method-assign]
    uow.leads.delete = recording_delete  # type: ignore[method-assign]
    return steps
