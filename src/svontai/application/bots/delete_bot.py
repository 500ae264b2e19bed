from uuid import UUID

from svontai.application.bots.get_bot import find_bot
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.roles import Permission


class DeleteBot:
    """Delete a bot and its knowledge, and close its conversations.

    The bot row is only marked deleted, so its conversations and leads keep their bot id.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, context: TenantContext, bot_id: UUID) -> None:
        context.require(Permission.BOTS_WRITE)
        tenant_id = context.tenant.id
        now = self._clock.now()

        await self._uow.begin_write()
        await find_bot(self._uow, context, bot_id, for_update=True)
        await self._uow.knowledge.delete_for_bot(tenant_id, bot_id)
        await self._uow.conversations.close_for_bot(tenant_id, bot_id, now)
        await self._uow.bots.delete(tenant_id, bot_id, now)
        await self._uow.commit()
