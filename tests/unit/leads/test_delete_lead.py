import uuid
from dataclasses import replace
from uuid import UUID

import pytest

from svontai.application.leads.delete_lead import DeleteLead
from svontai.domain.conversations import Conversation
from svontai.domain.errors import NotFoundError, PermissionDeniedError
from svontai.domain.roles import Role
from tests.unit.leads.builders import (
    LeadsUnitOfWork,
    add_bot,
    add_conversation,
    add_lead,
    make_context,
    make_tenant,
)


async def test_delete_lead_removes_it() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    await DeleteLead(uow).execute(make_context(tenant), lead.id)

    assert lead.id not in uow.leads.rows
    assert uow.committed == 1


async def test_delete_lead_unlinks_conversation() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    conversation = add_conversation(uow, add_bot(uow, tenant))
    lead = await add_lead(uow, tenant, conversation_id=conversation.id)
    uow.conversations.rows[conversation.id] = replace(conversation, lead_id=lead.id)

    await DeleteLead(uow).execute(make_context(tenant), lead.id)

    assert uow.conversations.rows[conversation.id].lead_id is None


async def test_delete_lead_locks_conversation_first() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    conversation = add_conversation(uow, add_bot(uow, tenant))
    lead = await add_lead(uow, tenant, conversation_id=conversation.id)
    uow.conversations.rows[conversation.id] = replace(conversation, lead_id=lead.id)
    steps: list[str] = []
    get_conversation, delete_lead = uow.conversations.get, uow.leads.delete

    async def recording_get(
        tenant_id: UUID, conversation_id: UUID, for_update: bool = False
    ) -> Conversation | None:
        steps.append("lock conversation" if for_update else "read conversation")
        return await get_conversation(tenant_id, conversation_id, for_update)

    async def recording_delete(tenant_id: UUID, lead_id: UUID) -> None:
        steps.append("delete lead")
        await delete_lead(tenant_id, lead_id)

    uow.conversations.get = recording_get  # type: ignore[method-assign]
    uow.leads.delete = recording_delete  # type: ignore[method-assign]

    await DeleteLead(uow).execute(make_context(tenant), lead.id)

    assert steps == ["lock conversation", "delete lead"]


async def test_delete_lead_hides_other_tenants_lead() -> None:
    uow = LeadsUnitOfWork()
    lead = await add_lead(uow, make_tenant())

    with pytest.raises(NotFoundError):
        await DeleteLead(uow).execute(make_context(make_tenant()), lead.id)

    assert lead.id in uow.leads.rows


async def test_delete_lead_rejects_unknown_lead() -> None:
    with pytest.raises(NotFoundError):
        await DeleteLead(LeadsUnitOfWork()).execute(make_context(make_tenant()), uuid.uuid4())


async def test_delete_lead_forbids_viewer() -> None:
    uow = LeadsUnitOfWork()
    tenant = make_tenant()
    lead = await add_lead(uow, tenant)

    with pytest.raises(PermissionDeniedError):
        await DeleteLead(uow).execute(make_context(tenant, Role.VIEWER), lead.id)

    assert lead.id in uow.leads.rows
