from dataclasses import replace
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.leads import LeadFilter
from svontai.domain.errors import ConflictError
from svontai.domain.leads import Lead


class FakeLeadRepository:
    """Leads in a dict, with at most one lead per conversation as in the database."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Lead] = {}

    async def add(self, lead: Lead) -> None:
        if self._conversation_taken(lead):
            raise ConflictError("This conversation already has a lead.")
        self.rows[lead.id] = replace(lead)

    async def add_for_conversation(self, lead: Lead) -> bool:
        if self._conversation_taken(lead):
            return False
        self.rows[lead.id] = replace(lead)
        return True

    async def get(self, tenant_id: UUID, lead_id: UUID) -> Lead | None:
        lead = self.rows.get(lead_id)
        return replace(lead) if lead and lead.tenant_id == tenant_id else None

    async def get_by_conversation(self, tenant_id: UUID, conversation_id: UUID) -> Lead | None:
        found = next(
            (
                lead
                for lead in self.rows.values()
                if lead.tenant_id == tenant_id and lead.conversation_id == conversation_id
            ),
            None,
        )
        return replace(found) if found else None

    async def update(self, lead: Lead) -> None:
        stored = self.rows.get(lead.id)
        if stored is not None and stored.tenant_id == lead.tenant_id:
            self.rows[lead.id] = replace(lead)

    async def delete(self, tenant_id: UUID, lead_id: UUID) -> None:
        if await self.get(tenant_id, lead_id):
            del self.rows[lead_id]

    async def list_page(self, tenant_id: UUID, filter: LeadFilter, page: PageRequest) -> Page[Lead]:
        matching = [
            replace(lead)
            for lead in self.rows.values()
            if lead.tenant_id == tenant_id and _matches(lead, filter)
        ]
        matching.sort(key=lambda lead: (lead.created_at, lead.id), reverse=True)
        return Page(matching[page.skip : page.skip + page.limit], len(matching))

    def _conversation_taken(self, lead: Lead) -> bool:
        return lead.conversation_id is not None and any(
            row.conversation_id == lead.conversation_id for row in self.rows.values()
        )


def _matches(lead: Lead, filter: LeadFilter) -> bool:
    if filter.bot_id is not None and lead.bot_id != filter.bot_id:
        return False
    if filter.status is not None and lead.status is not filter.status:
        return False
    if filter.source is not None and lead.source is not filter.source:
        return False
    if not filter.search:
        return True
    texts = (lead.name, lead.email, lead.phone, lead.notes)
    return any(filter.search.casefold() in (text or "").casefold() for text in texts)
