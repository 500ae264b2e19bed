import uuid
from dataclasses import dataclass, replace

from svontai.application.bots.get_bot import find_bot
from svontai.application.bots.plan_limits import record_limit_reached
from svontai.application.knowledge.fields import KnowledgeFields, clean_knowledge_fields
from svontai.application.ports.clock import Clock
from svontai.application.ports.event_recorder import EventRecorder
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import KnowledgeItem
from svontai.domain.errors import PlanLimitError, ValidationError
from svontai.domain.roles import Permission


@dataclass(frozen=True, slots=True)
class CreateKnowledgeItemCommand:
    bot_id: uuid.UUID
    values: KnowledgeFields


class CreateKnowledgeItem:
    """Add an item to a bot's knowledge, within the number of items the tenant's plan allows.

    The limit counts the items of all the tenant's bots together.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, events: EventRecorder) -> None:
        self._uow = uow
        self._clock = clock
        self._events = events

    async def execute(
        self, context: TenantContext, command: CreateKnowledgeItemCommand
    ) -> KnowledgeItem:
        context.require(Permission.BOTS_WRITE)
        cleaned = clean_knowledge_fields(command.values)
        for required in ("question", "answer"):
            if required not in cleaned:
                raise ValidationError(required, "is required")

        await self._uow.begin_write()
        await find_bot(self._uow, context, command.bot_id, for_update=True)
        await self._check_limit(context.tenant.id)
        item = replace(self._new_item(context, command.bot_id), **cleaned)
        await self._uow.knowledge.add(item)
        await self._uow.commit()

        return item

    async def _check_limit(self, tenant_id: uuid.UUID) -> None:
        plan = await self._uow.plans.for_tenant(tenant_id)
        try:
            used = await self._uow.knowledge.count(tenant_id, for_update=True)
            plan.check_knowledge_limit(used)
        except PlanLimitError as error:
            await record_limit_reached(self._uow, self._events, tenant_id, error)
            raise

    def _new_item(self, context: TenantContext, bot_id: uuid.UUID) -> KnowledgeItem:
        now = self._clock.now()
        return KnowledgeItem(
            id=uuid.uuid4(),
            tenant_id=context.tenant.id,
            bot_id=bot_id,
            question="",
            answer="",
            created_at=now,
            updated_at=now,
        )
