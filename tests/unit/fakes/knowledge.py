from dataclasses import replace
from uuid import UUID

from svontai.adapters.answering.scoring import confidence
from svontai.adapters.answering.text import index_text, terms
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.answer_generator import SearchHit
from svontai.domain.bots import KnowledgeItem


def _copy(item: KnowledgeItem) -> KnowledgeItem:
    return replace(item, tags=list(item.tags))


class FakeKnowledgeRepository:
    """Items in memory. `search` matches and scores them with the real text functions."""

    def __init__(self) -> None:
        self.rows: dict[UUID, KnowledgeItem] = {}

    async def add(self, item: KnowledgeItem) -> None:
        self.rows[item.id] = _copy(item)

    async def get(
        self, tenant_id: UUID, item_id: UUID, for_update: bool = False
    ) -> KnowledgeItem | None:
        item = self.rows.get(item_id)
        return _copy(item) if item and item.tenant_id == tenant_id else None

    async def update(self, item: KnowledgeItem) -> None:
        self.rows[item.id] = _copy(item)

    async def delete(self, tenant_id: UUID, item_id: UUID) -> None:
        if await self.get(tenant_id, item_id):
            del self.rows[item_id]

    async def delete_for_bot(self, tenant_id: UUID, bot_id: UUID) -> None:
        for item in self._owned(tenant_id, bot_id):
            del self.rows[item.id]

    async def list_page(
        self, tenant_id: UUID, bot_id: UUID | None, page: PageRequest
    ) -> Page[KnowledgeItem]:
        items = sorted(
            self._owned(tenant_id, bot_id),
            key=lambda item: (item.created_at, item.id),
            reverse=True,
        )
        return Page([_copy(item) for item in items[page.skip : page.skip + page.limit]], len(items))

    async def count(self, tenant_id: UUID, for_update: bool = False) -> int:
        return len(self._owned(tenant_id, None))

    async def search(
        self, tenant_id: UUID, bot_id: UUID | None, text: str, limit: int
    ) -> list[SearchHit]:
        query_terms = set(terms(text))
        hits = [
            SearchHit(
                _copy(item),
                confidence(text, item.title, item.question, item.answer, item.tags),
            )
            for item in self._owned(tenant_id, bot_id)
            if query_terms & set(_index_terms(item))
        ]
        hits.sort(key=lambda hit: hit.confidence, reverse=True)
        return hits[:limit]

    def _owned(self, tenant_id: UUID, bot_id: UUID | None) -> list[KnowledgeItem]:
        return [
            item
            for item in self.rows.values()
            if item.tenant_id == tenant_id and (bot_id is None or item.bot_id == bot_id)
        ]


def _index_terms(item: KnowledgeItem) -> list[str]:
    return index_text(item.title, item.question, item.answer, item.tags).split()
