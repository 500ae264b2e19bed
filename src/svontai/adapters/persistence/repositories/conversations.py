from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Integer, Select, Uuid, bindparam, func, insert, select, update

from svontai.adapters.persistence.direct_statement import DirectStatement
from svontai.adapters.persistence.repositories import conversation_context
from svontai.adapters.persistence.tables import conversations, messages
from svontai.application.pagination import Page, PageRequest
from svontai.application.ports.conversations import ConversationContext, ConversationFilter
from svontai.domain.conversations import (
    Channel,
    Conversation,
    ConversationStatus,
    Message,
    Sender,
)

if TYPE_CHECKING:
    from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork

_CONVERSATION_COLUMNS = [conversations.c[name] for name in Conversation.__dataclass_fields__]
_MESSAGE_COLUMNS = [messages.c[name] for name in Message.__dataclass_fields__]
_OPEN = conversations.c.status != ConversationStatus.CLOSED.value

# The widget's send path runs these on every message, so they are built once.
_GET_ANY_QUERY = select(*_CONVERSATION_COLUMNS).where(
    conversations.c.id == bindparam("conversation_id", type_=Uuid())
)
_GET_ANY = DirectStatement(_GET_ANY_QUERY)
_GET_ANY_FOR_UPDATE = DirectStatement(_GET_ANY_QUERY.with_for_update())
_UPDATE = DirectStatement(
    update(conversations)
    .where(conversations.c.id == bindparam("conversation_id", type_=Uuid()))
    .values(
        status=bindparam("new_status"),
        is_ai_paused=bindparam("new_is_ai_paused"),
        lead_id=bindparam("new_lead_id"),
        last_message_at=bindparam("new_last_message_at"),
    )
)
# SQLite ignores identities, so there `seq` is the conversation's highest number plus one.
# SQLite runs one writer at a time, so two inserts cannot read the same maximum.
_NEXT_SEQ = (
    select(func.coalesce(func.max(messages.c.seq), 0) + 1)
    .where(messages.c.conversation_id == bindparam("seq_conversation_id", type_=Uuid()))
    .scalar_subquery()
)
_MESSAGE_FIELDS = tuple(Message.__dataclass_fields__)
_MESSAGE_VALUES = {name: bindparam(name, type_=messages.c[name].type) for name in _MESSAGE_FIELDS}
_ADD_MESSAGE = {
    "sqlite": DirectStatement(insert(messages).values(**_MESSAGE_VALUES, seq=_NEXT_SEQ)),
    "postgresql": DirectStatement(insert(messages).values(**_MESSAGE_VALUES)),
}
_LATEST = (
    select(*_MESSAGE_COLUMNS)
    .where(messages.c.conversation_id == bindparam("conversation_id", type_=Uuid()))
    .order_by(messages.c.created_at.desc(), messages.c.seq.desc())
    .limit(bindparam("limit", type_=Integer()))
)
_LATEST_SINCE = _LATEST.where(messages.c.created_at > bindparam("since"))


def _conversation(mapping: Any) -> Conversation:
    values = dict(mapping)
    values["channel"] = Channel(values["channel"])
    values["status"] = ConversationStatus(values["status"])
    return Conversation(**values)


def _message(mapping: Any) -> Message:
    values = dict(mapping)
    values["sender"] = Sender(values["sender"])
    values["knowledge_item_ids"] = [UUID(value) for value in values["knowledge_item_ids"]]
    return Message(**values)


class SqlConversationRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, conversation: Conversation) -> None:
        await self._uow.execute(insert(conversations).values(**asdict(conversation)))

    async def get(
        self, tenant_id: UUID, conversation_id: UUID, for_update: bool = False
    ) -> Conversation | None:
        query = select(*_CONVERSATION_COLUMNS).where(
            conversations.c.id == conversation_id, conversations.c.tenant_id == tenant_id
        )
        return await self._one(query.with_for_update() if for_update else query)

    async def get_any(self, conversation_id: UUID, for_update: bool = False) -> Conversation | None:
        read = _GET_ANY_FOR_UPDATE if for_update else _GET_ANY
        rows = await self._uow.fetch(read, {"conversation_id": conversation_id})
        return _conversation(dict(zip(read.keys, rows[0], strict=True))) if rows else None

    async def get_context(self, conversation_id: UUID) -> ConversationContext | None:
        parameters = {"conversation_id": conversation_id}
        read = conversation_context.GET_CONTEXT
        rows = await self._uow.fetch(read, parameters)
        if not rows:
            return None
        return conversation_context.context_from_row(dict(zip(read.keys, rows[0], strict=True)))

    async def find_open(
        self, bot_id: UUID, channel: Channel, external_user_id: str
    ) -> Conversation | None:
        query = select(*_CONVERSATION_COLUMNS).where(
            conversations.c.bot_id == bot_id,
            conversations.c.channel == channel.value,
            conversations.c.external_user_id == external_user_id,
            _OPEN,
        )
        return await self._one(query.order_by(conversations.c.created_at.desc()).limit(1))

    async def update(self, conversation: Conversation) -> None:
        parameters = {
            "conversation_id": conversation.id,
            "new_status": conversation.status.value,
            "new_is_ai_paused": conversation.is_ai_paused,
            "new_lead_id": conversation.lead_id,
            "new_last_message_at": conversation.last_message_at,
        }
        await self._uow.run(_UPDATE, parameters)

    async def close_for_bot(self, tenant_id: UUID, bot_id: UUID, at: datetime) -> None:
        statement = update(conversations).where(
            conversations.c.tenant_id == tenant_id, conversations.c.bot_id == bot_id, _OPEN
        )
        await self._uow.execute(statement.values(status=ConversationStatus.CLOSED.value))

    async def list_page(
        self, tenant_id: UUID, filter: ConversationFilter, page: PageRequest
    ) -> Page[Conversation]:
        query = _filtered(select(*_CONVERSATION_COLUMNS), tenant_id, filter)
        query = query.order_by(conversations.c.last_message_at.desc(), conversations.c.id.desc())
        rows = await self._uow.execute(query.offset(page.skip).limit(page.limit))
        items = [_conversation(row._mapping) for row in rows]
        count = _filtered(select(func.count()).select_from(conversations), tenant_id, filter)
        total = int((await self._uow.execute(count)).scalar_one())

        return Page(items, total)

    async def _one(self, query: Select[Any]) -> Conversation | None:
        row = (await self._uow.execute(query)).first()
        return _conversation(row._mapping) if row else None


def _filtered(query: Select[Any], tenant_id: UUID, filter: ConversationFilter) -> Select[Any]:
    query = query.where(conversations.c.tenant_id == tenant_id)
    if filter.bot_id is not None:
        query = query.where(conversations.c.bot_id == filter.bot_id)
    if filter.status is not None:
        query = query.where(conversations.c.status == filter.status.value)
    if filter.channel is not None:
        query = query.where(conversations.c.channel == filter.channel.value)
    return query


class SqlMessageRepository:
    def __init__(self, uow: "SqlAlchemyUnitOfWork") -> None:
        self._uow = uow

    async def add(self, message: Message) -> None:
        # A shallow copy: asdict would deep-copy the id list, which is rebuilt below anyway.
        values: dict[str, Any] = {name: getattr(message, name) for name in _MESSAGE_FIELDS}
        values["sender"] = message.sender.value
        values["knowledge_item_ids"] = [str(item_id) for item_id in message.knowledge_item_ids]
        if self._uow.dialect == "sqlite":
            values["seq_conversation_id"] = message.conversation_id
        await self._uow.run(_ADD_MESSAGE[self._uow.dialect], values)

    async def list_for_conversation(self, conversation_id: UUID) -> list[Message]:
        query = select(*_MESSAGE_COLUMNS).where(messages.c.conversation_id == conversation_id)
        rows = await self._uow.execute(query.order_by(messages.c.created_at, messages.c.seq))
        return [_message(row._mapping) for row in rows]

    async def latest(
        self, conversation_id: UUID, since: datetime | None, limit: int
    ) -> list[Message]:
        parameters = {"conversation_id": conversation_id, "limit": limit, "since": since}
        rows = await self._uow.execute(_LATEST if since is None else _LATEST_SINCE, parameters)
        return [_message(row._mapping) for row in reversed(rows.all())]
