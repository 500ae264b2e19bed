from tests.unit.fakes.bots import FakeBotRepository
from tests.unit.fakes.conversations import FakeConversationRepository, FakeMessageRepository
from tests.unit.fakes.knowledge import FakeKnowledgeRepository
from tests.unit.fakes.leads import FakeLeadRepository
from tests.unit.fakes.tenants import (
    FakeMembershipRepository,
    FakePlanRepository,
    FakeTenantRepository,
    FakeUsageRepository,
)
from tests.unit.fakes.users import FakeSessionRepository, FakeUserRepository


class FakeUnitOfWork:
    """Implements `UnitOfWork` in memory. Writes apply at once; `committed` counts commits.

    Tests assert on the state of the repositories, and on `committed` where a use case must
    commit before raising (a revoked session after refresh-token reuse).
    """

    def __init__(self) -> None:
        self.users = FakeUserRepository()
        self.sessions = FakeSessionRepository(self.users)
        self.tenants = FakeTenantRepository()
        self.memberships = FakeMembershipRepository(self.tenants, self.users)
        self.sessions.memberships = self.memberships
        self.plans = FakePlanRepository(self.tenants)
        self.usage = FakeUsageRepository()
        self.bots = FakeBotRepository()
        self.knowledge = FakeKnowledgeRepository()
        self.leads = FakeLeadRepository()
        self.conversations = FakeConversationRepository()
        self.conversations.uow = self
        self.messages = FakeMessageRepository()
        self.committed = 0
        self.writing = False

    async def begin_write(self) -> None:
        self.writing = True

    async def commit(self) -> None:
        self.committed += 1
        self.writing = False

    async def rollback(self) -> None:
        self.writing = False
