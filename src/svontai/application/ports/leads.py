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
    search: str | None = None


class LeadRepository(Protocol):
    async def add(self, lead: Lead) -> None: ...

    async def get(self, tenant_id: UUID, lead_id: UUID) -> Lead | None: ...

    async def update(self, lead: Lead) -> None: ...

    async def delete(self, tenant_id: UUID, lead_id: UUID) -> None: ...

    async def list_page(
        self, tenant_id: UUID, filter: LeadFilter, page: PageRequest
    ) -> Page[Lead]: ...
