from dataclasses import replace
from uuid import UUID

from svontai.application.bots.fields import BotFields, clean_bot_fields
from svontai.application.bots.get_bot import find_bot
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot
from svontai.domain.roles import Permission


class UpdateBot:
    """Change the fields of a bot that the caller sent, and keep the others."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, context: TenantContext, bot_id: UUID, changes: BotFields) -> Bot:
        context.require(Permission.BOTS_WRITE)
        cleaned = clean_bot_fields(changes)

        await self._uow.begin_write()
        bot = await find_bot(self._uow, context, bot_id, for_update=True)
        updated = replace(bot, **cleaned, updated_at=self._clock.now())
        await self._uow.bots.update(updated)
        await self._uow.commit()

        return updated
