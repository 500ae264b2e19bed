from dataclasses import dataclass, field
from uuid import UUID

from svontai.application.bots.get_bot import find_bot
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import KnowledgeItem
from svontai.domain.roles import Permission

# A search returns at most this many items, best first; pages are cut from them.
MAX_SEARCH_HITS = 200


@dataclass(frozen=True, slots=True)
class KnowledgeQuery:
    """A listing of the tenant's items: of one bot or all, searched by `text` when given."""

    bot_id: UUID | None = None
    text: str | None = None
    page: PageRequest = field(default_factory=PageRequest)


class ListKnowledgeItems:
    """The tenant's knowledge items, newest first, or the best matches of a search."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, context: TenantContext, query: KnowledgeQuery) -> Page[KnowledgeItem]:
        context.require(Permission.BOTS_READ)
        if query.bot_id is not None:
            await find_bot(self._uow, context, query.bot_id)
        tenant_id = context.tenant.id
        if query.text is None or not query.text.strip():
            return await self._uow.knowledge.list_page(tenant_id, query.bot_id, query.page)

        hits = await self._uow.knowledge.search(
            tenant_id, query.bot_id, query.text, MAX_SEARCH_HITS
        )
        start = query.page.skip

        return Page([hit.item for hit in hits[start : start + query.page.limit]], len(hits))
