from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot
from svontai.domain.roles import Permission


class ListBots:
    """The tenant's bots, newest first."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, page: PageRequest) -> Page[Bot]:
        context.require(Permission.BOTS_READ)
        return await self._uow.bots.list_page(context.tenant.id, page)
