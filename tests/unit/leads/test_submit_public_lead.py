import pytest

from svontai.application.leads.contact_fields import ContactInput
from svontai.application.leads.submit_public_lead import (
    SubmitPublicLead,
    SubmitPublicLeadCommand,
)
from svontai.domain.bots import Bot
from svontai.domain.conversations import Conversation, ConversationStatus
from svontai.domain.errors import NotFoundError, ValidationError
from svontai.domain.leads import Lead, LeadSource
from svontai.domain.tenants import Tenant
from tests.unit.leads.builders import (
    LeadsUnitOfWork,
    add_bot,
    add_conversation,
    add_lead,
    make_clock,
    make_tenant,
    record_lock_order,
)


def new_bot() -> tuple[LeadsUnitOfWork, Tenant, Bot]:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    return uow, tenant, add_bot(uow, tenant)


async def submit(
    uow: LeadsUnitOfWork,
    tenant: Tenant,
    bot: Bot,
    contact: ContactInput,
    conversation: Conversation | None = None,
) -> Lead:
    command = SubmitPublicLeadCommand(bot, tenant, contact, conversation)
    return await SubmitPublicLead(uow, make_clock()).execute(command)


async def test_submit_creates_web_lead_for_bot() -> None:
    uow, tenant, bot = new_bot()

    lead = await submit(uow, tenant, bot, ContactInput(name="Ali", phone="0532 123 45 67"))

    stored = uow.leads.rows[lead.id]
    assert stored.source is LeadSource.WEB
    assert stored.bot_id == bot.id
    assert stored.conversation_id is None
    assert stored.phone == "+905321234567"
    assert uow.committed == 1


async def test_submit_without_conversation_adds_new_lead_each_time() -> None:
    uow, tenant, bot = new_bot()
    await submit(uow, tenant, bot, ContactInput(name="Ali"))

    await submit(uow, tenant, bot, ContactInput(name="Ali"))

    assert len(uow.leads.rows) == 2


async def test_submit_with_conversation_links_new_lead() -> None:
    uow, tenant, bot = new_bot()
    conversation = add_conversation(uow, bot)

    lead = await submit(uow, tenant, bot, ContactInput(email="ali@example.com"), conversation)

    assert uow.leads.rows[lead.id].conversation_id == conversation.id
    assert uow.conversations.rows[conversation.id].lead_id == lead.id


async def test_submit_locks_conversation_before_writing_lead() -> None:
    uow, tenant, bot = new_bot()
    conversation = add_conversation(uow, bot)
    steps = record_lock_order(uow)

    await submit(uow, tenant, bot, ContactInput(email="ali@example.com"), conversation)

    assert steps[0] == "lock conversation"
    assert "write lead" in steps


async def test_submit_for_deleted_conversation_is_not_found() -> None:
    uow, tenant, bot = new_bot()
    conversation = add_conversation(uow, bot)
    del uow.conversations.rows[conversation.id]

    with pytest.raises(NotFoundError):
        await submit(uow, tenant, bot, ContactInput(email="ali@example.com"), conversation)


async def test_submit_with_conversation_updates_its_lead() -> None:
    uow, tenant, bot = new_bot()
    conversation = add_conversation(uow, bot)
    existing = await add_lead(
        uow,
        tenant,
        name="Ali",
        email="old@example.com",
        phone="+905321234567",
        bot_id=bot.id,
        conversation_id=conversation.id,
        source=LeadSource.WHATSAPP,
    )

    lead = await submit(
        uow, tenant, bot, ContactInput(name="Ali Veli", email="new@example.com"), conversation
    )

    assert lead.id == existing.id
    assert len(uow.leads.rows) == 1
    stored = uow.leads.rows[existing.id]
    assert stored.name == "Ali Veli"
    assert stored.email == "new@example.com"
    assert stored.phone == "+905321234567"
    assert stored.source is LeadSource.WHATSAPP
    assert stored.updated_at == make_clock().now()


async def test_submit_repairs_conversation_link() -> None:
    uow, tenant, bot = new_bot()
    conversation = add_conversation(uow, bot)
    existing = await add_lead(uow, tenant, conversation_id=conversation.id)

    await submit(uow, tenant, bot, ContactInput(name="Ali"), conversation)

    assert uow.conversations.rows[conversation.id].lead_id == existing.id


async def test_submit_keeps_newer_conversation_state() -> None:
    uow, tenant, bot = new_bot()
    stale = add_conversation(uow, bot)
    uow.conversations.rows[stale.id].status = ConversationStatus.WAITING

    lead = await submit(uow, tenant, bot, ContactInput(name="Ali"), stale)

    stored = uow.conversations.rows[stale.id]
    assert stored.status is ConversationStatus.WAITING
    assert stored.lead_id == lead.id


@pytest.mark.parametrize(
    "contact", [ContactInput(), ContactInput(notes="only notes"), ContactInput(name="", phone=" ")]
)
async def test_submit_requires_contact_field(contact: ContactInput) -> None:
    uow, tenant, bot = new_bot()

    with pytest.raises(ValidationError):
        await submit(uow, tenant, bot, contact)

    assert uow.leads.rows == {}


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (ContactInput(email="ali@"), "email"),
        (ContactInput(phone="555"), "phone"),
        (ContactInput(name="Ali", notes="x" * 5001), "notes"),
    ],
)
async def test_submit_rejects_invalid_field(contact: ContactInput, field: str) -> None:
    uow, tenant, bot = new_bot()

    with pytest.raises(ValidationError) as raised:
        await submit(uow, tenant, bot, contact)

    assert raised.value.errors[0].field == field
    assert uow.committed == 0
