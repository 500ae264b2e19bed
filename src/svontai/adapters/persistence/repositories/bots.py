from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import ColumnElement, Integer, Uuid, bindparam, func, insert, select, update

from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.tables import bots, tenants
from svontai.application.pagination import Page, PageRequest
from svontai.domain.bots import Bot

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_BOT_COLUMNS = [bots.c[name] for name in Bot.__dataclass_fields__]
_BOT_FIELDS = tuple(Bot.__dataclass_fields__)

# The bot list is the hottest read of the API, so its statement is built once, and the total
# comes from a window function in the same query instead of a second COUNT round trip.
_LIST_PAGE = DirectStatement(
    select(*_BOT_COLUMNS, func.count().over().label("total"))
    .where(bots.c.tenant_id == bindparam("tenant_id", type_=Uuid()), bots.c.deleted_at.is_(None))
    .order_by(bots.c.created_at.desc(), bots.c.id.desc())
    .offset(bindparam("skip", type_=Integer()))
    .limit(bindparam("limit", type_=Integer()))
)

# Built once: the widget reads the bot of every message.
_GET = select(*_BOT_COLUMNS).where(
    bots.c.tenant_id == bindparam("tenant_id", type_=Uuid()),
    bots.c.id == bindparam("bot_id", type_=Uuid()),
    bots.c.deleted_at.is_(None),
)
# NO KEY UPDATE, so rows that only reference the bot can still be inserted.
_GET_FOR_UPDATE = _GET.with_for_update(key_share=True)


async def lock_tenant(uow: "SqlAlchemyUnitOfWork", tenant_id: UUID) -> None:
    """Lock the tenant's row until commit, so writers that check a plan limit take turns.

    FOR NO KEY UPDATE leaves inserts that reference the tenant free to run. SQLite has no
    row locks and needs none, because its write transactions already run one at a time.
    """
    query = select(tenants.c.id).where(tenants.c.id == tenant_id).with_for_update(key_share=True)
    await uow.execute(query)


def _live(tenant_id: UUID) -> ColumnElement[bool]:
    return (bots.c.tenant_id == tenant_id) & bots.c.deleted_at.is_(None)


class SqlBotRepository:
    """Implements `BotRepository`. Deleted bots stay in the table and are invisible here."""

    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, bot: Bot) -> None:
        await self._uow.execute(insert(bots).values(**asdict(bot)))

    async def get(self, tenant_id: UUID, bot_id: UUID, for_update: bool = False) -> Bot | None:
        query = _GET_FOR_UPDATE if for_update else _GET
        return await self._one(query, {"tenant_id": tenant_id, "bot_id": bot_id})

    async def get_by_public_key(self, public_key: str) -> Bot | None:
        query = select(*_BOT_COLUMNS).where(
            bots.c.public_key == public_key, bots.c.deleted_at.is_(None)
        )
        return await self._one(query)

    async def list_page(self, tenant_id: UUID, page: PageRequest) -> Page[Bot]:
        parameters = {"tenant_id": tenant_id, "skip": page.skip, "limit": page.limit}
        rows = await self._uow.fetch(_LIST_PAGE, parameters)
        if not rows:
            total = await self.count(tenant_id) if page.skip else 0
            return Page([], total)
        items = [Bot(*row[: len(_BOT_FIELDS)]) for row in rows]
        return Page(items, int(rows[0][-1]))

    async def count(self, tenant_id: UUID, for_update: bool = False) -> int:
        if for_update:
            await lock_tenant(self._uow, tenant_id)
        query = select(func.count()).select_from(bots).where(_live(tenant_id))
        return int((await self._uow.execute(query)).scalar_one())

    async def update(self, bot: Bot) -> None:
        values = asdict(bot)
        for name in ("id", "tenant_id", "public_key", "created_at"):
            del values[name]
        statement = update(bots).where(bots.c.id == bot.id, bots.c.tenant_id == bot.tenant_id)
        await self._uow.execute(statement.values(**values))

    async def delete(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None:
        statement = update(bots).where(_live(tenant_id), bots.c.id == bot_id)
        await self._uow.execute(statement.values(deleted_at=at, updated_at=at))

    async def _one(self, query: Any, parameters: dict[str, Any] | None = None) -> Bot | None:
        row = (await self._uow.execute(query, parameters)).first()
        return Bot(**row._mapping) if row else None
