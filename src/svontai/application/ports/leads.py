from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.domain.leads import Lead, LeadSource, LeadStatus


@dataclass(frozen=True, slots=True)
class LeadFilter:
    bot_id: UUID | None = None
    status: LeadStatus | None = None
    source: LeadSource | None = None
    # Matched case-insensitively anywhere in the name, email, phone or notes.
    search: str | None = None


class LeadRepository(Protocol):
    async def add(self, lead: Lead) -> None: ...

    async def add_for_conversation(self, lead: Lead) -> bool:
        """Insert a lead that has a `conversation_id`, unless that conversation has one already.

        Return False, inserting nothing, when the conversation already has a lead (also one
        that a concurrent transaction has just committed), so callers can load that one instead.
        """
        ...

    async def get(self, tenant_id: UUID, lead_id: UUID) -> Lead | None: ...

    async def get_by_conversation(self, tenant_id: UUID, conversation_id: UUID) -> Lead | None: ...

    async def update(self, lead: Lead) -> None: ...

    async def delete(self, tenant_id: UUID, lead_id: UUID) -> None: ...

    async def list_page(self, tenant_id: UUID, filter: LeadFilter, page: PageRequest) -> Page[Lead]:
        """Return the matching leads, newest first, and how many match in total."""
        ...
