import uuid
from uuid import UUID

import pytest

from svontai.application.leads.contact_fields import ContactInput
from svontai.application.widget.submit_lead import SubmitWidgetLead, WidgetLeadCommand
from svontai.domain.bots import Bot
from svontai.domain.errors import NotFoundError, PermissionDeniedError
from svontai.domain.leads import Lead, LeadSource
from tests.unit.conversations.builders import ChatUnitOfWork, add_bot, add_conversation, add_tenant
from tests.unit.widget.builders import Infrastructure

CONTACT = ContactInput(name="Ali Veli", email="ali@example.com")


async def submit(
    uow: ChatUnitOfWork,
    bot: Bot,
    conversation_id: UUID | None = None,
    external_user_id: str | None = None,
) -> Lead:
    infrastructure = Infrastructure()
    use_case = SubmitWidgetLead(uow, infrastructure.throttle(), infrastructure.clock)
    command = WidgetLeadCommand(
        bot.public_key, CONTACT, "203.0.113.7", conversation_id, external_user_id
    )
    return await use_case.execute(command)


async def test_submit_stores_web_lead() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))

    lead = await submit(uow, bot)

    assert uow.leads.rows[lead.id].source is LeadSource.WEB
    assert lead.bot_id == bot.id
    assert lead.conversation_id is None


async def test_submit_links_lead_to_visitors_conversation() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    conversation = await add_conversation(uow, bot)

    lead = await submit(uow, bot, conversation_id=conversation.id, external_user_id="visitor-1")

    assert lead.conversation_id == conversation.id
    assert uow.conversations.rows[conversation.id].lead_id == lead.id


async def test_submit_rejects_conversation_without_visitor_id() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    conversation = await add_conversation(uow, bot)

    with pytest.raises(PermissionDeniedError):
        await submit(uow, bot, conversation_id=conversation.id)


async def test_submit_rejects_foreign_visitor() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))
    conversation = await add_conversation(uow, bot)

    with pytest.raises(PermissionDeniedError):
        await submit(uow, bot, conversation_id=conversation.id, external_user_id="visitor-2")


async def test_submit_rejects_other_bots_conversation() -> None:
    uow = ChatUnitOfWork()
    tenant = await add_tenant(uow)
    bot = add_bot(uow, tenant)
    other = await add_conversation(uow, add_bot(uow, tenant))

    with pytest.raises(NotFoundError):
        await submit(uow, bot, conversation_id=other.id, external_user_id="visitor-1")


async def test_submit_rejects_unknown_conversation() -> None:
    uow = ChatUnitOfWork()
    bot = add_bot(uow, await add_tenant(uow))

    with pytest.raises(NotFoundError):
        await submit(uow, bot, conversation_id=uuid.uuid4(), external_user_id="visitor-1")
