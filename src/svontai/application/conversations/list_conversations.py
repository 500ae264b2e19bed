from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.conversations import ConversationFilter
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.conversations import Conversation
from svontai.domain.roles import Permission


class ListConversations:
    """List the tenant's conversations, most recent activity first.

    A `bot_id` of another tenant or of no bot matches nothing, so the list is empty.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, context: TenantContext, filter: ConversationFilter, page: PageRequest
    ) -> Page[Conversation]:
        context.require(Permission.CONVERSATIONS_READ)

        return await self._uow.conversations.list_page(context.tenant.id, filter, page)
