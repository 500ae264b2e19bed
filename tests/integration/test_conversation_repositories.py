import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.pagination import PageRequest
from svontai.application.ports.conversations import ConversationFilter
from svontai.domain.bots import Bot
from svontai.domain.conversations import Channel, Conversation, ConversationStatus, Message, Sender
from svontai.domain.errors import ConflictError
from svontai.domain.tenants import Tenant

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Owner:
    tenant_id: UUID
    bot_id: UUID


async def add_owner(database: Database) -> Owner:
    tenant_id, bot_id = uuid.uuid4(), uuid.uuid4()
    tenant = Tenant(tenant_id, "Acme", f"acme-{tenant_id.hex[:12]}", {}, False, NOW, NOW)
    bot = Bot(bot_id, tenant_id, "Support", f"bot_{bot_id.hex}", NOW, NOW)
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.tenants.add(tenant)
        await uow.bots.add(bot)
        await uow.commit()
    return Owner(tenant_id, bot_id)


def make_conversation(
    owner: Owner,
    visitor: str = "visitor-1",
    status: ConversationStatus = ConversationStatus.AI_ACTIVE,
    last_message_at: datetime = NOW,
    channel: Channel = Channel.WEB,
) -> Conversation:
    return Conversation(
        id=uuid.uuid4(),
        tenant_id=owner.tenant_id,
        bot_id=owner.bot_id,
        channel=channel,
        external_user_id=visitor,
        status=status,
        created_at=NOW,
        last_message_at=last_message_at,
    )


def make_message(
    conversation: Conversation, content: str, at: datetime = NOW, sender: Sender = Sender.USER
) -> Message:
    return Message(uuid.uuid4(), conversation.id, conversation.tenant_id, sender, content, at)


async def store(database: Database, *rows: Conversation | Message) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        for row in rows:
            if isinstance(row, Conversation):
                await uow.conversations.add(row)
            else:
                await uow.messages.add(row)
        await uow.commit()


async def test_conversation_round_trips(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    await store(database, conversation)

    async with SqlAlchemyUnitOfWork(database) as uow:
        loaded = await uow.conversations.get(owner.tenant_id, conversation.id)

    assert loaded == conversation


async def test_get_hides_other_tenants_conversation(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    await store(database, conversation)

    async with SqlAlchemyUnitOfWork(database) as uow:
        loaded = await uow.conversations.get(uuid.uuid4(), conversation.id)

    assert loaded is None


async def test_get_any_and_locked_get_find_conversation(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    await store(database, conversation)

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        any_tenant = await uow.conversations.get_any(conversation.id, for_update=True)
        locked = await uow.conversations.get(owner.tenant_id, conversation.id, for_update=True)

    assert any_tenant == conversation
    assert locked == conversation


async def test_update_stores_state_and_activity(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    await store(database, conversation)
    conversation.take_over()
    conversation.last_message_at = NOW + timedelta(minutes=5)

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.conversations.update(conversation)
        await uow.commit()
        loaded = await uow.conversations.get_any(conversation.id)

    assert loaded == conversation


async def test_find_open_skips_closed_and_other_channels(database: Database) -> None:
    owner = await add_owner(database)
    closed = make_conversation(owner, status=ConversationStatus.CLOSED)
    whatsapp = make_conversation(owner, channel=Channel.WHATSAPP)
    waiting = make_conversation(owner, status=ConversationStatus.WAITING)
    await store(database, closed, whatsapp, waiting)

    async with SqlAlchemyUnitOfWork(database) as uow:
        found = await uow.conversations.find_open(owner.bot_id, Channel.WEB, "visitor-1")
        nobody = await uow.conversations.find_open(owner.bot_id, Channel.WEB, "visitor-2")

    assert found == waiting
    assert nobody is None


async def test_add_rejects_second_open_conversation_of_visitor(database: Database) -> None:
    owner = await add_owner(database)
    await store(database, make_conversation(owner))

    with pytest.raises(ConflictError):
        await store(database, make_conversation(owner, status=ConversationStatus.WAITING))


async def test_add_allows_new_conversation_after_closed_ones(database: Database) -> None:
    owner = await add_owner(database)
    closed = [make_conversation(owner, status=ConversationStatus.CLOSED) for _ in range(2)]
    fresh = make_conversation(owner)

    await store(database, *closed, fresh)

    async with SqlAlchemyUnitOfWork(database) as uow:
        assert await uow.conversations.find_open(owner.bot_id, Channel.WEB, "visitor-1") == fresh


async def test_close_for_bot_closes_only_that_bots_conversations(database: Database) -> None:
    owner = await add_owner(database)
    other = await add_owner(database)
    mine = make_conversation(owner)
    theirs = make_conversation(other)
    await store(database, mine, theirs)

    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.conversations.close_for_bot(owner.tenant_id, owner.bot_id, NOW)
        await uow.commit()
        mine_after = await uow.conversations.get_any(mine.id)
        theirs_after = await uow.conversations.get_any(theirs.id)

    assert mine_after is not None and mine_after.status is ConversationStatus.CLOSED
    assert theirs_after is not None and theirs_after.status is ConversationStatus.AI_ACTIVE


async def test_list_page_orders_by_latest_activity(database: Database) -> None:
    owner = await add_owner(database)
    conversations = [
        make_conversation(
            owner, f"visitor-{minute}", last_message_at=NOW + timedelta(minutes=minute)
        )
        for minute in (1, 3, 2)
    ]
    await store(database, *conversations)

    async with SqlAlchemyUnitOfWork(database) as uow:
        page = await uow.conversations.list_page(
            owner.tenant_id, ConversationFilter(), PageRequest(skip=1, limit=1)
        )

    assert [item.external_user_id for item in page.items] == ["visitor-2"]
    assert page.total == 3


async def test_list_page_filters_by_bot_status_and_channel(database: Database) -> None:
    owner = await add_owner(database)
    wanted = make_conversation(owner, "a", status=ConversationStatus.WAITING)
    other_status = make_conversation(owner, "b")
    other_channel = make_conversation(
        owner, "c", status=ConversationStatus.WAITING, channel=Channel.WHATSAPP
    )
    await store(database, wanted, other_status, other_channel)
    filters = ConversationFilter(owner.bot_id, ConversationStatus.WAITING, Channel.WEB)

    async with SqlAlchemyUnitOfWork(database) as uow:
        page = await uow.conversations.list_page(owner.tenant_id, filters, PageRequest())
        foreign = await uow.conversations.list_page(
            uuid.uuid4(), ConversationFilter(), PageRequest()
        )

    assert [item.id for item in page.items] == [wanted.id]
    assert page.total == 1
    assert foreign.total == 0


async def test_message_keeps_knowledge_ids_and_confidence(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    message = make_message(conversation, "Saat 9'da açığız.", sender=Sender.BOT)
    message.knowledge_item_ids = [uuid.uuid4(), uuid.uuid4()]
    message.confidence = 0.83
    await store(database, conversation, message)

    async with SqlAlchemyUnitOfWork(database) as uow:
        loaded = await uow.messages.list_for_conversation(conversation.id)

    assert loaded == [message]


async def test_messages_with_equal_timestamps_keep_insertion_order(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    messages = [make_message(conversation, f"m{number}") for number in range(6)]
    await store(database, conversation, *messages)

    async with SqlAlchemyUnitOfWork(database) as uow:
        listed = await uow.messages.list_for_conversation(conversation.id)
        latest = await uow.messages.latest(conversation.id, None, 2)

    assert [message.content for message in listed] == [f"m{number}" for number in range(6)]
    assert [message.content for message in latest] == ["m4", "m5"]


async def test_latest_returns_newest_strictly_after_since(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    messages = [
        make_message(conversation, f"m{second}", NOW + timedelta(seconds=second))
        for second in range(5)
    ]
    await store(database, conversation, *reversed(messages))

    async with SqlAlchemyUnitOfWork(database) as uow:
        after_first = await uow.messages.latest(conversation.id, messages[1].created_at, 50)
        newest_two = await uow.messages.latest(conversation.id, messages[0].created_at, 2)
        after_last = await uow.messages.latest(conversation.id, messages[4].created_at, 50)

    assert [message.content for message in after_first] == ["m2", "m3", "m4"]
    assert [message.content for message in newest_two] == ["m3", "m4"]
    assert after_last == []


async def test_latest_only_returns_the_conversations_messages(database: Database) -> None:
    owner = await add_owner(database)
    first = make_conversation(owner, "a")
    second = make_conversation(owner, "b")
    await store(database, first, second, make_message(first, "one"), make_message(second, "two"))

    async with SqlAlchemyUnitOfWork(database) as uow:
        latest = await uow.messages.latest(first.id, None, 50)

    assert [message.content for message in latest] == ["one"]


async def test_microsecond_steps_are_kept(database: Database) -> None:
    owner = await add_owner(database)
    conversation = make_conversation(owner)
    first = make_message(conversation, "first")
    second = replace(
        make_message(conversation, "second"), created_at=conversation.next_message_time(NOW)
    )
    await store(database, conversation, second, first)

    async with SqlAlchemyUnitOfWork(database) as uow:
        after_first = await uow.messages.latest(conversation.id, first.created_at, 50)

    assert [message.content for message in after_first] == ["second"]
