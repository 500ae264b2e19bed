"""SQLAlchemy Core repositories, one module per aggregate."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork


def attach_repositories(uow: "SqlAlchemyUnitOfWork") -> None:
    """Give a unit of work one repository of each kind, all sharing its transaction."""
    from svontai.adapters.persistence.repositories.bots import SqlBotRepository
    from svontai.adapters.persistence.repositories.conversations import (
        SqlConversationRepository,
        SqlMessageRepository,
    )
    from svontai.adapters.persistence.repositories.knowledge import SqlKnowledgeRepository
    from svontai.adapters.persistence.repositories.leads import SqlLeadRepository
    from svontai.adapters.persistence.repositories.plans import (
        SqlPlanRepository,
        SqlUsageRepository,
    )
    from svontai.adapters.persistence.repositories.tenants import (
        SqlMembershipRepository,
        SqlTenantRepository,
    )
    from svontai.adapters.persistence.repositories.users import (
        SqlSessionRepository,
        SqlUserRepository,
    )

    uow.users = SqlUserRepository(uow)
    uow.sessions = SqlSessionRepository(uow)
    uow.tenants = SqlTenantRepository(uow)
    uow.memberships = SqlMembershipRepository(uow)
    uow.plans = SqlPlanRepository(uow)
    uow.usage = SqlUsageRepository(uow)
    uow.bots = SqlBotRepository(uow)
    uow.knowledge = SqlKnowledgeRepository(uow)
    uow.leads = SqlLeadRepository(uow)
    uow.conversations = SqlConversationRepository(uow)
    uow.messages = SqlMessageRepository(uow)
