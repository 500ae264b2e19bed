from dataclasses import replace
from datetime import datetime
from uuid import UUID

from svontai.application.pagination import Page, PageRequest
from svontai.domain.bots import Bot


class FakeBotRepository:
    """Keeps deleted bots in `rows`, marked with `deleted_at`, like the SQL repository."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Bot] = {}

    async def add(self, bot: Bot) -> None:
        self.rows[bot.id] = replace(bot)

    async def get(self, tenant_id: UUID, bot_id: UUID, for_update: bool = False) -> Bot | None:
        bot = self.rows.get(bot_id)
        if bot is None or bot.tenant_id != tenant_id or bot.deleted_at is not None:
            return None
        return replace(bot)

    async def get_by_public_key(self, public_key: str) -> Bot | None:
        found = [
            bot
            for bot in self.rows.values()
            if bot.public_key == public_key and bot.deleted_at is None
        ]
        return replace(found[0]) if found else None

    async def list_page(self, tenant_id: UUID, page: PageRequest) -> Page[Bot]:
        live = sorted(self._live(tenant_id), key=lambda bot: (bot.created_at, bot.id), reverse=True)
        items = [replace(bot) for bot in live[page.skip : page.skip + page.limit]]
        return Page(items, len(live))

    async def count(self, tenant_id: UUID, for_update: bool = False) -> int:
        return len(self._live(tenant_id))

    async def update(self, bot: Bot) -> None:
        stored = self.rows[bot.id]
        self.rows[bot.id] = replace(bot, public_key=stored.public_key, created_at=stored.created_at)

    async def delete(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None:
        bot = self.rows.get(bot_id)
        if bot is not None and bot.tenant_id == tenant_id and bot.deleted_at is None:
            bot.deleted_at = at
            bot.updated_at = at

    def _live(self, tenant_id: UUID) -> list[Bot]:
        return [
            bot
            for bot in self.rows.values()
            if bot.tenant_id == tenant_id and bot.deleted_at is None
        ]
