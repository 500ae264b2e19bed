import re
from dataclasses import asdict
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from svontai.adapters.persistence.tables import leads
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.leads import LeadFilter
from svontai.domain.leads import Lead, LeadSource, LeadStatus

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_COLUMNS = [leads.c[name] for name in Lead.__dataclass_fields__]
_SEARCHED = (leads.c.name, leads.c.email, leads.c.phone, leads.c.notes)
_PHONE_LIKE = re.compile(r"[\d\s()+./-]+")
_MIN_PHONE_DIGITS = 4
# Dotless and dotted i are one letter for searching, as people type either.
_TURKISH_FOLDS = (
    ("Ç", "ç"),
    ("Ğ", "ğ"),
    ("Ö", "ö"),
    ("Ş", "ş"),
    ("Ü", "ü"),
    ("İ", "i"),
    ("I", "i"),
    ("ı", "i"),
)


def _lead(mapping: Any) -> Lead:
    values = {name: mapping[name] for name in Lead.__dataclass_fields__}
    values["source"] = LeadSource(values["source"])
    values["status"] = LeadStatus(values["status"])
    return Lead(**values)


def _values(lead: Lead) -> dict[str, Any]:
    values = asdict(lead)
    values["source"] = lead.source.value
    values["status"] = lead.status.value
    return values


def _contains(text: str) -> str:
    """Return a LIKE pattern that matches `text` anywhere, with `\\`, `%` and `_` escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fold(expression: ColumnElement[Any]) -> ColumnElement[Any]:
    """Return `expression` lowercased, with the Turkish letters folded explicitly.

    `lower()` changes only ASCII letters on SQLite (and on PostgreSQL under the `C` locale),
    and it turns `I` into `i`, never into the Turkish dotless `ı`. Both sides of a comparison
    go through this, so text always matches itself whatever the database can lowercase.
    NOTE: other non-ASCII letters (`É`, `Ä`) match case-insensitively only where the
    database's `lower()` handles them.
    """
    for upper, folded in _TURKISH_FOLDS:
        expression = func.replace(expression, upper, folded)
    return func.lower(expression)


def _search(text: str) -> ColumnElement[bool]:
    """Match `text` case-insensitively in any searched column.

    Phones are stored in E.164, so a search that looks like a phone number (`0532 123`) also
    matches on its digits without spaces or the leading trunk zero.
    """
    pattern = _fold(literal(_contains(text)))
    conditions = [_fold(column).like(pattern, escape="\\") for column in _SEARCHED]
    digits = re.sub(r"\D", "", text)
    if _PHONE_LIKE.fullmatch(text) and len(digits) >= _MIN_PHONE_DIGITS:
        conditions.append(leads.c.phone.like(_contains(digits.lstrip("0")), escape="\\"))
    return or_(*conditions)


def _conditions(tenant_id: UUID, filter: LeadFilter) -> list[ColumnElement[bool]]:
    conditions = [leads.c.tenant_id == tenant_id]
    if filter.bot_id is not None:
        conditions.append(leads.c.bot_id == filter.bot_id)
    if filter.status is not None:
        conditions.append(leads.c.status == filter.status.value)
    if filter.source is not None:
        conditions.append(leads.c.source == filter.source.value)
    if filter.search:
        conditions.append(_search(filter.search))
    return conditions


class SqlLeadRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, lead: Lead) -> None:
        await self._uow.execute(insert(leads).values(**_values(lead)))

    async def add_for_conversation(self, lead: Lead) -> bool:
        upsert = postgresql_insert if self._uow.dialect == "postgresql" else sqlite_insert
        statement = upsert(leads).values(**_values(lead))
        statement = statement.on_conflict_do_nothing(index_elements=[leads.c.conversation_id])
        # psycopg's async driver reports a row count of -1 here, so RETURNING shows the insert.
        result = await self._uow.execute(statement.returning(leads.c.id))
        return result.first() is not None

    async def get(self, tenant_id: UUID, lead_id: UUID) -> Lead | None:
        query = select(*_COLUMNS).where(leads.c.tenant_id == tenant_id, leads.c.id == lead_id)
        row = (await self._uow.execute(query)).first()
        return _lead(row._mapping) if row else None

    async def get_by_conversation(self, tenant_id: UUID, conversation_id: UUID) -> Lead | None:
        query = select(*_COLUMNS).where(
            leads.c.tenant_id == tenant_id, leads.c.conversation_id == conversation_id
        )
        row = (await self._uow.execute(query)).first()
        return _lead(row._mapping) if row else None

    async def update(self, lead: Lead) -> None:
        values = _values(lead)
        for name in ("id", "tenant_id", "created_at"):
            del values[name]
        statement = update(leads).where(leads.c.tenant_id == lead.tenant_id, leads.c.id == lead.id)
        await self._uow.execute(statement.values(**values))

    async def delete(self, tenant_id: UUID, lead_id: UUID) -> None:
        statement = delete(leads).where(leads.c.tenant_id == tenant_id, leads.c.id == lead_id)
        await self._uow.execute(statement)

    async def list_page(self, tenant_id: UUID, filter: LeadFilter, page: PageRequest) -> Page[Lead]:
        conditions = _conditions(tenant_id, filter)
        query = (
            select(*_COLUMNS)
            .where(*conditions)
            .order_by(leads.c.created_at.desc(), leads.c.id.desc())
            .offset(page.skip)
            .limit(page.limit)
        )
        items = [_lead(row._mapping) for row in await self._uow.execute(query)]
        total = await self._uow.execute(select(func.count()).select_from(leads).where(*conditions))

        return Page(items, int(total.scalar_one()))
