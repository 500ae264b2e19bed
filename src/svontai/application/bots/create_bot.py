import secrets
import uuid
from dataclasses import replace

from svontai.application.bots.fields import BotFields, clean_bot_fields
from svontai.application.bots.plan_limits import record_limit_reached
from svontai.application.ports.clock import Clock
from svontai.application.ports.event_recorder import EventRecorder
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.domain.bots import Bot, default_messages
from svontai.domain.errors import PlanLimitError, ValidationError
from svontai.domain.roles import Permission

PUBLIC_KEY_PREFIX = "bot_"


def new_public_key() -> str:
    """Return a random widget key: the prefix and 24 random bytes (192 bits), URL-safe."""
    return PUBLIC_KEY_PREFIX + secrets.token_urlsafe(24)


class CreateBot:
    """Add a bot to the tenant, within the number of bots its plan allows."""

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        events: EventRecorder,
        default_answer_threshold: float,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._events = events
        self._default_answer_threshold = default_answer_threshold

    async def execute(self, context: TenantContext, values: BotFields) -> Bot:
        context.require(Permission.BOTS_WRITE)
        cleaned = clean_bot_fields(values)
        if "name" not in cleaned:
            raise ValidationError("name", "is required")
        tenant_id = context.tenant.id

        await self._uow.begin_write()
        await self._check_limit(tenant_id)
        language = str(cleaned.get("language", "tr"))
        defaults = default_messages(language)
        bot = replace(self._new_bot(tenant_id, str(cleaned["name"])), **{**defaults, **cleaned})
        await self._uow.bots.add(bot)
        await self._uow.commit()

        return bot

    async def _check_limit(self, tenant_id: uuid.UUID) -> None:
        plan = await self._uow.plans.for_tenant(tenant_id)
        try:
            plan.check_bot_limit(await self._uow.bots.count(tenant_id, for_update=True))
        except PlanLimitError as error:
            await record_limit_reached(self._uow, self._events, tenant_id, error)
            raise

    def _new_bot(self, tenant_id: uuid.UUID, name: str) -> Bot:
        now = self._clock.now()
        return Bot(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            name=name,
            public_key=new_public_key(),
            created_at=now,
            updated_at=now,
            answer_threshold=self._default_answer_threshold,
        )
