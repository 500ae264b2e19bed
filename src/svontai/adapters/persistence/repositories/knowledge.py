"""Knowledge items and their full-text index.

SQLite keeps the index in the FTS5 table `knowledge_fts` (created by the migration), which is
contentless: it stores no text, only the index, so removing an entry means repeating the text
it was indexed with, which is rebuilt from `knowledge_items.search_text`. PostgreSQL indexes
the generated `search_vector` column with GIN, so the database itself keeps the index up to
date. Either way, the index changes in the same transaction as the item.
"""

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import ColumnElement, Executable, delete, func, insert, literal, select, update

from svontai.adapters.answering.scoring import DEFAULT_ANSWER_THRESHOLD, confidence
from svontai.adapters.answering.synonyms import related_terms
from svontai.adapters.answering.text import index_text, terms
from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.repositories import knowledge_search as search_sql
from svontai.adapters.persistence.repositories.bots import lock_tenant
from svontai.adapters.persistence.tables import bots, knowledge_items
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.answer_generator import SearchHit
from svontai.domain.bots import KnowledgeItem

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

# How many of the index's best matches are scored with `confidence`, at least. BM25 only picks
# candidates, and the confidence score decides the order among them.
MIN_CANDIDATES = 20
# When the query's terms find fewer items than this, they are probably misspelt, and a second
# query by their prefixes (`knowledge_search.typo_prefixes`) looks for more. `confidence`
# tolerates typos, but only scores the items that the index returns.
MIN_EXACT_CANDIDATES = 3
# When no item that the message's own words find reaches this confidence, the words of the
# same topics (`synonyms`) look for `RELATED_CANDIDATES` more. It is the default answer
# threshold: above it the bot answers already, so the extra query would only cost a statement.
RELATED_SEARCH_BELOW = DEFAULT_ANSWER_THRESHOLD
RELATED_CANDIDATES = 8

_ITEM_COLUMNS = [knowledge_items.c[name] for name in KnowledgeItem.__dataclass_fields__]
_ITEM_FIELDS = tuple(KnowledgeItem.__dataclass_fields__)
# Each widget message the bot may reply to runs one or two of these searches.
_SQLITE_CANDIDATES = DirectStatement(search_sql.sqlite_candidates(_ITEM_COLUMNS))
# Never prepared: a plan made once for any search text scanned every item of a bot with 100,000
# items (3 ms a search, against 0.3 ms when planned for each text).
_POSTGRES_CANDIDATES_OF_BOT = DirectStatement(
    search_sql.postgres_candidates(_ITEM_COLUMNS, True), prepare=False
)
_POSTGRES_CANDIDATES = DirectStatement(
    search_sql.postgres_candidates(_ITEM_COLUMNS, False), prepare=False
)


def search_rowid(item_id: UUID) -> int:
    """Return the item's 63-bit key in the SQLite index: the first 8 bytes of its id."""
    return int.from_bytes(item_id.bytes[:8], "big") >> 1


def row_values(item: KnowledgeItem) -> dict[str, Any]:
    """Return the `knowledge_items` row of an item, with its index key and terms."""
    values = asdict(item)
    values["search_rowid"] = search_rowid(item.id)
    values["search_text"] = index_text(item.title, item.question, item.answer, item.tags)
    return values


def _item_of(row: tuple[Any, ...]) -> KnowledgeItem:
    """Return the item in the first columns of a row of `_ITEM_COLUMNS`."""
    item = KnowledgeItem(*row[: len(_ITEM_FIELDS)])
    item.tags = list(item.tags)
    return item


def _item(mapping: Any) -> KnowledgeItem:
    values = {name: mapping[name] for name in KnowledgeItem.__dataclass_fields__}
    values["tags"] = list(values["tags"])
    return KnowledgeItem(**values)


class SqlKnowledgeRepository:
    """Implements `KnowledgeRepository`: every write updates the item and its index entry."""

    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    @property
    def _sqlite(self) -> bool:
        return self._uow.dialect == "sqlite"

    async def add(self, item: KnowledgeItem) -> None:
        await self.add_many([item])

    async def add_many(self, items: Sequence[KnowledgeItem]) -> None:
        """Insert items and their index entries with one statement per table."""
        await self.add_rows([row_values(item) for item in items])

    async def add_rows(self, rows: list[dict[str, Any]]) -> None:
        """Insert rows made by `row_values`, for bulk loaders that build them elsewhere."""
        if not rows:
            return
        await self._execute_many(insert(knowledge_items), rows)
        if self._sqlite:
            await self._execute_many(search_sql.SQLITE_INSERT, search_sql.index_rows(rows))
            await self._merge_index()

    async def get(
        self, tenant_id: UUID, item_id: UUID, for_update: bool = False
    ) -> KnowledgeItem | None:
        query = select(*_ITEM_COLUMNS).where(_owned(tenant_id), knowledge_items.c.id == item_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._uow.execute(query)).first()
        return _item(row._mapping) if row else None

    async def update(self, item: KnowledgeItem) -> None:
        values = row_values(item)
        for name in ("id", "tenant_id", "bot_id", "search_rowid", "created_at"):
            del values[name]
        where = (_owned(item.tenant_id), knowledge_items.c.id == item.id)
        await self._unindex(item.bot_id, *where)
        await self._uow.execute(update(knowledge_items).where(*where).values(**values))
        if self._sqlite:
            row = {"search_rowid": search_rowid(item.id), "bot_id": item.bot_id, **values}
            await self._execute_many(search_sql.SQLITE_INSERT, search_sql.index_rows([row]))
            await self._merge_index()

    async def delete(self, tenant_id: UUID, item_id: UUID) -> None:
        where = (_owned(tenant_id), knowledge_items.c.id == item_id)
        bot_id = (await self._uow.execute(select(knowledge_items.c.bot_id).where(*where))).scalar()
        if bot_id is None:
            return
        await self._unindex(bot_id, *where)
        await self._uow.execute(delete(knowledge_items).where(*where))
        await self._merge_index()

    async def delete_for_bot(self, tenant_id: UUID, bot_id: UUID) -> None:
        where = (_owned(tenant_id), knowledge_items.c.bot_id == bot_id)
        await self._unindex(bot_id, *where)
        await self._uow.execute(delete(knowledge_items).where(*where))
        await self._merge_index()

    async def list_page(
        self, tenant_id: UUID, bot_id: UUID | None, page: PageRequest
    ) -> Page[KnowledgeItem]:
        conditions = [_owned(tenant_id)]
        if bot_id is not None:
            conditions.append(knowledge_items.c.bot_id == bot_id)
        query = (
            select(*_ITEM_COLUMNS)
            .where(*conditions)
            .order_by(knowledge_items.c.created_at.desc(), knowledge_items.c.id.desc())
            .offset(page.skip)
            .limit(page.limit)
        )
        items = [_item(row._mapping) for row in await self._uow.execute(query)]
        total_query = select(func.count()).select_from(knowledge_items).where(*conditions)
        total = int((await self._uow.execute(total_query)).scalar_one())
        return Page(items, total)

    async def count(self, tenant_id: UUID, for_update: bool = False) -> int:
        if for_update:
            await lock_tenant(self._uow, tenant_id)
        query = select(func.count()).select_from(knowledge_items).where(_owned(tenant_id))
        return int((await self._uow.execute(query)).scalar_one())

    async def search(
        self, tenant_id: UUID, bot_id: UUID | None, text: str, limit: int
    ) -> list[SearchHit]:
        """Return the best items for `text`, highest confidence first.

        Only the full-text index is consulted, so the cost depends on how many items share a
        term with `text`, not on how many items there are. On SQLite these are the items of the
        searched bots. On PostgreSQL the planner either reads the term's GIN entries of every
        tenant, or the bot's items, whichever it estimates to be fewer. When the terms find
        fewer than `MIN_EXACT_CANDIDATES` items, a second query by their first letters
        (`search_sql.typo_prefixes`, at most `search_sql.MAX_TYPO_PREFIXES` prefixes) finds the
        items of misspelt words. When no item found so far reaches `RELATED_SEARCH_BELOW`, a
        last query by the words of the same topics (`synonyms.related_terms`) finds items that
        use other words for what the visitor asks. Text without search terms (punctuation,
        stopwords) finds nothing.
        """
        query_terms = terms(text)
        if not query_terms or limit < 1:
            return []

        count = max(limit, MIN_CANDIDATES)
        found = await self._ranked(tenant_id, bot_id, query_terms, count, prefix=False)
        hits = [_scored(text, item) for item in found]
        if len(found) < MIN_EXACT_CANDIDATES:
            known = {item.id for item in found}
            hits += await self._typo_hits(tenant_id, bot_id, text, query_terms, known, count)
        if max((hit.confidence for hit in hits), default=0.0) < RELATED_SEARCH_BELOW:
            known = {hit.item.id for hit in hits}
            hits += await self._related_hits(tenant_id, bot_id, text, known)
        # A stable sort, so the index's ranking decides between equal confidences.
        hits.sort(key=lambda hit: hit.confidence, reverse=True)
        return hits[:limit]

    async def _related_hits(
        self, tenant_id: UUID, bot_id: UUID | None, text: str, known: set[UUID]
    ) -> list[SearchHit]:
        """Return the items that the words of the topics of `text` find, other than `known`."""
        related = related_terms(text)
        if not related:
            return []

        found = await self._ranked(tenant_id, bot_id, related, RELATED_CANDIDATES, prefix=False)
        return [_scored(text, item) for item in found if item.id not in known]

    async def _typo_hits(
        self,
        tenant_id: UUID,
        bot_id: UUID | None,
        text: str,
        query_terms: list[str],
        known: set[UUID],
        count: int,
    ) -> list[SearchHit]:
        """Return the items that the typo prefixes of the terms find, other than `known`.

        Items with confidence 0 are left out: `confidence` found none of their title, question
        or tag words in `text`, not even as a typo, so the prefix matched an unrelated word.
        """
        prefixes = search_sql.typo_prefixes(query_terms)
        if not prefixes:
            return []

        found = await self._ranked(tenant_id, bot_id, prefixes, count, prefix=True)
        hits = [_scored(text, item) for item in found if item.id not in known]
        return [hit for hit in hits if hit.confidence > 0]

    async def _ranked(
        self,
        tenant_id: UUID,
        bot_id: UUID | None,
        query_terms: list[str],
        count: int,
        prefix: bool,
    ) -> list[KnowledgeItem]:
        if self._sqlite:
            return await self._sqlite_candidates(tenant_id, bot_id, query_terms, count, prefix)
        expression = search_sql.postgres_expression(query_terms, prefix)
        parameters = {"tenant_id": tenant_id, "expression": expression, "count": count}
        if bot_id is None:
            rows = await self._uow.fetch(_POSTGRES_CANDIDATES, parameters)
        else:
            rows = await self._uow.fetch(
                _POSTGRES_CANDIDATES_OF_BOT, parameters | {"bot_id": bot_id}
            )
        return [_item_of(row) for row in rows]

    async def _sqlite_candidates(
        self,
        tenant_id: UUID,
        bot_id: UUID | None,
        query_terms: list[str],
        count: int,
        prefix: bool,
    ) -> list[KnowledgeItem]:
        """Query the bots in groups, which keeps each FTS5 expression short, and merge."""
        bot_ids = [bot_id] if bot_id is not None else await self._bot_ids(tenant_id)
        ranked: list[tuple[float, KnowledgeItem]] = []
        for start in range(0, len(bot_ids), search_sql.BOTS_PER_QUERY):
            group = bot_ids[start : start + search_sql.BOTS_PER_QUERY]
            expression = search_sql.sqlite_expression(group, query_terms, prefix)
            parameters = {"tenant_id": tenant_id, "expression": expression, "count": count}
            rows = await self._uow.fetch(_SQLITE_CANDIDATES, parameters)
            # The score follows the item's columns.
            ranked.extend((row[-1], _item_of(row)) for row in rows)
        ranked.sort(key=lambda pair: pair[0])
        return [item for _, item in ranked[:count]]

    async def _bot_ids(self, tenant_id: UUID) -> list[UUID]:
        query = select(bots.c.id).where(bots.c.tenant_id == tenant_id, bots.c.deleted_at.is_(None))
        return list((await self._uow.execute(query)).scalars())

    async def _unindex(self, bot_id: UUID, *where: ColumnElement[bool]) -> None:
        """Remove the SQLite index entries of the items matching `where`, before they change."""
        if not self._sqlite:
            return
        entries = select(
            literal("delete"),
            knowledge_items.c.search_rowid,
            search_sql.sqlite_bot_terms(bot_id, knowledge_items.c.search_text),
        ).where(*where)
        columns = ["knowledge_fts", "rowid", "terms"]
        await self._uow.execute(insert(search_sql.knowledge_fts).from_select(columns, entries))

    async def _merge_index(self) -> None:
        """Merge the SQLite index's segments a step further (see `search_sql.SQLITE_MERGE`)."""
        if self._sqlite:
            await self._uow.execute(search_sql.SQLITE_MERGE)

    async def _execute_many(self, statement: Executable, rows: list[dict[str, Any]]) -> None:
        connection = await self._uow.connection()
        await connection.execute(statement, rows)


def _scored(text: str, item: KnowledgeItem) -> SearchHit:
    return SearchHit(item, confidence(text, item.title, item.question, item.answer, item.tags))


def _owned(tenant_id: UUID) -> ColumnElement[bool]:
    return knowledge_items.c.tenant_id == tenant_id
