from datetime import timedelta

from svontai.application.leads.capture import CaptureLeadCommand, CaptureLeadFromMessage
from svontai.domain.conversations import Conversation
from svontai.domain.leads import Lead, LeadSource, LeadStatus
from svontai.domain.tenants import Tenant
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.leads.builders import (
    LeadsUnitOfWork,
    add_bot,
    add_conversation,
    add_lead,
    make_clock,
    make_tenant,
)


def new_conversation() -> tuple[LeadsUnitOfWork, Tenant, Conversation]:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    return uow, tenant, add_conversation(uow, add_bot(uow, tenant))


async def capture(
    uow: LeadsUnitOfWork,
    tenant: Tenant,
    conversation: Conversation,
    text: str,
    source: LeadSource = LeadSource.WEB,
    clock: FakeClock | None = None,
) -> Lead | None:
    command = CaptureLeadCommand(tenant, conversation, text, source)
    return await CaptureLeadFromMessage(uow, clock or make_clock()).execute(command)


async def test_capture_creates_lead_for_conversation() -> None:
    uow, tenant, conversation = new_conversation()

    lead = await capture(uow, tenant, conversation, "Mailim ali@example.com, arar mısınız?")

    assert lead is not None
    stored = uow.leads.rows[lead.id]
    assert stored.email == "ali@example.com"
    assert stored.phone is None
    assert stored.source is LeadSource.WEB
    assert stored.status is LeadStatus.NEW
    assert stored.bot_id == conversation.bot_id
    assert stored.conversation_id == conversation.id
    assert stored.tenant_id == tenant.id


async def test_capture_links_conversation_to_lead() -> None:
    uow, tenant, conversation = new_conversation()

    lead = await capture(uow, tenant, conversation, "0532 123 45 67")

    assert lead is not None
    assert uow.conversations.rows[conversation.id].lead_id == lead.id
    assert conversation.lead_id == lead.id


async def test_capture_uses_command_source() -> None:
    uow, tenant, conversation = new_conversation()

    lead = await capture(uow, tenant, conversation, "0532 123 45 67", LeadSource.WHATSAPP)

    assert lead is not None
    assert lead.source is LeadSource.WHATSAPP


async def test_capture_stores_email_and_phone_together() -> None:
    uow, tenant, conversation = new_conversation()

    lead = await capture(uow, tenant, conversation, "ali@example.com / 0532 123 45 67")

    assert lead is not None
    assert lead.email == "ali@example.com"
    assert lead.phone == "+905321234567"


async def test_capture_uses_tenant_phone_region() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant({"default_phone_region": "US"})
    conversation = add_conversation(uow, add_bot(uow, tenant))

    lead = await capture(uow, tenant, conversation, "call (415) 555-2671")

    assert lead is not None
    assert lead.phone == "+14155552671"


async def test_capture_ignores_text_without_contact() -> None:
    uow, tenant, conversation = new_conversation()

    lead = await capture(uow, tenant, conversation, "Sipariş no: 123456789, 1.250 TL ödedim")

    assert lead is None
    assert uow.leads.rows == {}
    assert uow.conversations.rows[conversation.id].lead_id is None


async def test_capture_completes_existing_lead() -> None:
    uow, tenant, conversation = new_conversation()
    clock = make_clock()
    first = await capture(uow, tenant, conversation, "ali@example.com", clock=clock)
    clock.advance(minutes=5)

    second = await capture(uow, tenant, conversation, "numaram 0532 123 45 67", clock=clock)

    assert first is not None
    assert second is not None
    assert second.id == first.id
    stored = uow.leads.rows[first.id]
    assert stored.email == "ali@example.com"
    assert stored.phone == "+905321234567"
    assert stored.updated_at == first.created_at + timedelta(minutes=5)
    assert len(uow.leads.rows) == 1


async def test_capture_keeps_existing_email() -> None:
    uow, tenant, conversation = new_conversation()
    await capture(uow, tenant, conversation, "ali@example.com")

    lead = await capture(uow, tenant, conversation, "aslında veli@example.com")

    assert lead is not None
    assert uow.leads.rows[lead.id].email == "ali@example.com"


async def test_capture_completes_lead_added_from_form() -> None:
    uow, tenant, conversation = new_conversation()
    existing = await add_lead(
        uow, tenant, name="Ali", bot_id=conversation.bot_id, conversation_id=conversation.id
    )

    lead = await capture(uow, tenant, conversation, "ali@example.com")

    assert lead is not None
    assert lead.id == existing.id
    assert uow.leads.rows[existing.id].name == "Ali"
    assert uow.leads.rows[existing.id].email == "ali@example.com"
    assert uow.conversations.rows[conversation.id].lead_id == existing.id


async def test_capture_does_not_commit() -> None:
    uow, tenant, conversation = new_conversation()

    await capture(uow, tenant, conversation, "ali@example.com")

    assert uow.committed == 0
    assert uow.writing


async def test_capture_finds_lead_added_concurrently() -> None:
    uow, tenant, conversation = new_conversation()
    other = await add_lead(uow, tenant, name="Ali", conversation_id=conversation.id)
    # The first read happens before the other request's insert is visible.
    reads = iter([None, other])

    async def stale_then_fresh(*_: object) -> Lead | None:
        return next(reads)

    uow.leads.get_by_conversation = stale_then_fresh  # type: ignore[method-assign]

    lead = await capture(uow, tenant, conversation, "ali@example.com")

    assert lead is not None
    assert lead.id == other.id
    assert len(uow.leads.rows) == 1
    assert uow.leads.rows[other.id].email == "ali@example.com"
