from uuid import UUID

from svontai.application.knowledge.get_item import find_item
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.roles import Permission


class DeleteKnowledgeItem:
    """Delete an item and its search index entry."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, item_id: UUID) -> None:
        context.require(Permission.BOTS_WRITE)

        await self._uow.begin_write()
        await find_item(self._uow, context, item_id, for_update=True)
        await self._uow.knowledge.delete(context.tenant.id, item_id)
        await self._uow.commit()
