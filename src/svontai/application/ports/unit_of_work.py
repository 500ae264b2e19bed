from typing import Protocol

from svontai.application.ports.bots import BotRepository, KnowledgeRepository
from svontai.application.ports.conversations import ConversationRepository, MessageRepository
from svontai.application.ports.leads import LeadRepository
from svontai.application.ports.plans import PlanRepository, UsageRepository
from svontai.application.ports.tenants import MembershipRepository, TenantRepository
from svontai.application.ports.users import SessionRepository, UserRepository


class UnitOfWork(Protocol):
    """One request's transaction and the repositories that work inside it.

    Reads may start at any time. A use case that writes calls `begin_write()` first, which
    ends any read-only transaction and starts one that holds the database's write lock, so
    concurrent writers queue instead of failing. `commit()` and `rollback()` end the
    transaction and release the connection; the next repository call starts a new one.
    """

    users: UserRepository
    sessions: SessionRepository
    tenants: TenantRepository
    memberships: MembershipRepository
    plans: PlanRepository
    usage: UsageRepository
    bots: BotRepository
    knowledge: KnowledgeRepository
    leads: LeadRepository
    conversations: ConversationRepository
    messages: MessageRepository

    async def begin_write(self) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
