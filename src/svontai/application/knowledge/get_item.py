from uuid import UUID

from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import KnowledgeItem
from svontai.domain.errors import NotFoundError
from svontai.domain.roles import Permission


async def find_item(
    uow: UnitOfWork, context: TenantContext, item_id: UUID, for_update: bool = False
) -> KnowledgeItem:
    """Return the tenant's knowledge item or raise `NotFoundError`, locked if `for_update`."""
    item = await uow.knowledge.get(context.tenant.id, item_id, for_update)
    if item is None:
        raise NotFoundError("Knowledge item not found.")
    return item


class GetKnowledgeItem:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, item_id: UUID) -> KnowledgeItem:
        context.require(Permission.BOTS_READ)
        return await find_item(self._uow, context, item_id)
