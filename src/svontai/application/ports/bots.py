from datetime import datetime
from typing import Protocol
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.answer_generator import SearchHit
from svontai.domain.bots import Bot, KnowledgeItem


class BotRepository(Protocol):
    async def add(self, bot: Bot) -> None: ...

    async def get(self, tenant_id: UUID, bot_id: UUID, for_update: bool = False) -> Bot | None:
        """Return the tenant's bot unless it is deleted, locked until commit if `for_update`."""
        ...

    async def get_by_public_key(self, public_key: str) -> Bot | None: ...

    async def list_page(self, tenant_id: UUID, page: PageRequest) -> Page[Bot]: ...

    async def count(self, tenant_id: UUID, for_update: bool = False) -> int:
        """Count the tenant's bots that are not deleted.

        `for_update` also locks the tenant until commit, so two writers checking a plan limit
        count one after the other.
        """
        ...

    async def update(self, bot: Bot) -> None: ...

    async def delete(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None:
        """Mark the bot deleted. The row stays, so its conversations and leads keep the id."""
        ...


class KnowledgeRepository(Protocol):
    """Knowledge items and their full-text index, always written together."""

    async def add(self, item: KnowledgeItem) -> None: ...

    async def get(
        self, tenant_id: UUID, item_id: UUID, for_update: bool = False
    ) -> KnowledgeItem | None:
        """Return the tenant's item, locked until commit if `for_update`."""
        ...

    async def update(self, item: KnowledgeItem) -> None: ...

    async def delete(self, tenant_id: UUID, item_id: UUID) -> None: ...

    async def delete_for_bot(self, tenant_id: UUID, bot_id: UUID) -> None: ...

    async def list_page(
        self, tenant_id: UUID, bot_id: UUID | None, page: PageRequest
    ) -> Page[KnowledgeItem]: ...

    async def count(self, tenant_id: UUID, for_update: bool = False) -> int:
        """Count the items of all the tenant's bots. `for_update` works as in `BotRepository`."""
        ...

    async def search(
        self, tenant_id: UUID, bot_id: UUID | None, text: str, limit: int
    ) -> list[SearchHit]:
        """Return the best items for `text`, highest confidence first."""
        ...
