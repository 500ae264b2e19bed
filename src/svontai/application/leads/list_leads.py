from dataclasses import replace

from svontai.application.leads.records import find_bot
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.leads import LeadFilter
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.application.text_rules import reject_nul
from svontai.domain.leads import Lead
from svontai.domain.roles import Permission


class ListLeads:
    """List the tenant's leads, newest first.

    Filtering by an unknown bot, or by another tenant's, raises `NotFoundError`.
    """

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, context: TenantContext, filter: LeadFilter, page: PageRequest
    ) -> Page[Lead]:
        context.require(Permission.LEADS_READ)
        if filter.bot_id is not None:
            await find_bot(self._uow, context.tenant.id, filter.bot_id)
        search = reject_nul("search", filter.search or "").strip() or None

        return await self._uow.leads.list_page(
            context.tenant.id, replace(filter, search=search), page
        )
