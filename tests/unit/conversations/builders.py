"""Tenants, plans, bots and conversations placed straight into a fake unit of work."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from svontai.application.auth.principal import Principal
from svontai.application.ports.answer_generator import Answer, AnswerRequest, SearchHit
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot
from svontai.domain.conversations import Channel, Conversation, ConversationStatus
from svontai.domain.plans import Plan
from svontai.domain.roles import Role
from svontai.domain.tenants import Tenant
from svontai.domain.users import User
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

CREATED = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


class StubBotRepository:
    """Only the bot lookups the chat use cases need."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Bot] = {}

    async def get(self, tenant_id: UUID, bot_id: UUID) -> Bot | None:
        bot = self.rows.get(bot_id)
        if bot is None or bot.tenant_id != tenant_id or bot.deleted_at is not None:
            return None
        return replace(bot)

    async def get_by_public_key(self, public_key: str) -> Bot | None:
        found = [bot for bot in self.rows.values() if bot.public_key == public_key]
        return replace(found[0]) if found and found[0].deleted_at is None else None


class StubKnowledgeRepository:
    """Returns the hits a test sets and remembers each search."""

    def __init__(self) -> None:
        self.hits: list[SearchHit] = []
        self.searches: list[tuple[UUID, UUID | None, str, int]] = []

    async def search(
        self, tenant_id: UUID, bot_id: UUID | None, text: str, limit: int
    ) -> list[SearchHit]:
        self.searches.append((tenant_id, bot_id, text, limit))
        return list(self.hits)


class ChatUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.bots: Any = StubBotRepository()
        self.knowledge: Any = StubKnowledgeRepository()


class FakeAnswerGenerator:
    """Answers every request with `answer` and remembers the requests."""

    def __init__(self, answer: Answer | None = None, wants_history: bool = True) -> None:
        self.answer_to_give = answer or knowledge_answer()
        self.wants_history = wants_history
        self.requests: list[AnswerRequest] = []

    def uses_history(self, allow_llm: bool) -> bool:
        return self.wants_history

    async def answer(self, request: AnswerRequest) -> Answer:
        self.requests.append(request)
        return self.answer_to_give


def knowledge_answer(text: str = "Hafta içi 9-18 arası açığız.", confidence: float = 0.9) -> Answer:
    return Answer(text, [uuid.uuid4()], confidence, is_fallback=False)


def fallback_answer(text: str = "Bilmiyorum; bir temsilci dönecek.") -> Answer:
    return Answer(text, [], 0.1, is_fallback=True)


async def add_tenant(
    uow: FakeUnitOfWork, plan_code: str = "free", suspended: bool = False
) -> Tenant:
    tenant = Tenant(
        uuid.uuid4(),
        "Kahve Durağı",
        f"tenant-{uuid.uuid4().hex[:8]}",
        {"default_phone_region": "TR"},
        suspended,
        CREATED,
        CREATED,
        plan_code,
    )
    await uow.tenants.add(tenant)
    await uow.plans.subscribe(tenant.id, uow.plans.plans[plan_code], CREATED)
    return tenant


async def use_plan(
    uow: FakeUnitOfWork,
    tenant: Tenant,
    features: list[str],
    monthly_message_limit: int | None = None,
) -> Plan:
    """Subscribe the tenant to a plan made for the test."""
    code = f"test-{uuid.uuid4().hex[:8]}"
    plan = Plan(uuid.uuid4(), code, "Test", None, None, monthly_message_limit, features)
    uow.plans.plans[code] = plan
    await uow.plans.subscribe(tenant.id, plan, CREATED)
    return plan


def add_bot(uow: ChatUnitOfWork, tenant: Tenant, **fields: Any) -> Bot:
    bot_id = uuid.uuid4()
    bot = Bot(bot_id, tenant.id, "Destek", f"bot_{bot_id.hex}", CREATED, CREATED, **fields)
    uow.bots.rows[bot.id] = bot
    return bot


async def add_conversation(
    uow: FakeUnitOfWork,
    bot: Bot,
    status: ConversationStatus = ConversationStatus.AI_ACTIVE,
    visitor: str = "visitor-1",
    paused: bool = False,
) -> Conversation:
    conversation = Conversation(
        uuid.uuid4(),
        bot.tenant_id,
        bot.id,
        Channel.WEB,
        visitor,
        status,
        CREATED,
        CREATED,
        is_ai_paused=paused,
    )
    await uow.conversations.add(conversation)
    return conversation


def make_context(tenant: Tenant, role: Role = Role.OWNER) -> TenantContext:
    user = User(
        uuid.uuid4(), "ayse@example.com", "Ayşe Yılmaz", "hashed:x", True, False, CREATED, CREATED
    )
    return TenantContext(Principal(user, uuid.uuid4()), tenant, role)
