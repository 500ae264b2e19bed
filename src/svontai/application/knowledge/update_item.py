from dataclasses import replace
from uuid import UUID

from svontai.application.knowledge.fields import KnowledgeFields, clean_knowledge_fields
from svontai.application.knowledge.get_item import find_item
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import KnowledgeItem
from svontai.domain.roles import Permission


class UpdateKnowledgeItem:
    """Change the fields of an item that the caller sent, and its search index entry."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(
        self, context: TenantContext, item_id: UUID, changes: KnowledgeFields
    ) -> KnowledgeItem:
        context.require(Permission.BOTS_WRITE)
        cleaned = clean_knowledge_fields(changes)

        await self._uow.begin_write()
        item = await find_item(self._uow, context, item_id, for_update=True)
        updated = replace(item, **cleaned, updated_at=self._clock.now())
        await self._uow.knowledge.update(updated)
        await self._uow.commit()

        return updated
