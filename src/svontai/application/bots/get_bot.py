from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot
from svontai.domain.errors import NotFoundError
from svontai.domain.roles import Permission


async def find_bot(
    uow: UnitOfWork, context: TenantContext, bot_id: UUID, for_update: bool = False
) -> Bot:
    """Return the tenant's bot, or raise `NotFoundError` for a deleted or foreign one.

    `for_update` locks the bot until commit, so writers that change it or add to it, and its
    deletion, happen one after the other.
    """
    bot = await uow.bots.get(context.tenant.id, bot_id, for_update)
    if bot is None:
        raise NotFoundError("Bot not found.")
    return bot


class GetBot:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, bot_id: UUID) -> Bot:
        context.require(Permission.BOTS_READ)
        return await find_bot(self._uow, context, bot_id)
