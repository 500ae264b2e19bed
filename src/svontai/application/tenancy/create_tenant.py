import uuid
from dataclasses import dataclass

from svontai.application.auth.principal import Principal
from svontai.application.ports.clock import Clock
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.tenant_settings import DEFAULT_TENANT_SETTINGS
from svontai.application.text_rules import reject_nul
from svontai.domain.errors import SlugTakenError, ValidationError
from svontai.domain.plans import Plan
from svontai.domain.roles import Role
from svontai.domain.tenants import Membership, Tenant, slugify

# Highest numbered slug tried before a random suffix. Few names are shared by so many tenants.
_MAX_NUMBERED_SLUGS = 100
# Attempts when concurrent requests take the chosen slug first. The last uses a random suffix.
_SLUG_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class CreateTenantCommand:
    name: str


class CreateTenant:
    """Create a tenant owned by the caller and subscribed to the default plan."""

    def __init__(self, uow: UnitOfWork, clock: Clock, default_plan: str) -> None:
        self._uow = uow
        self._clock = clock
        self._default_plan = default_plan

    async def execute(self, principal: Principal, command: CreateTenantCommand) -> Tenant:
        name = reject_nul("name", command.name.strip())
        if not name:
            raise ValidationError("name", "must not be blank")

        attempt = 1
        while True:
            try:
                return await self._create(principal, name, attempt == _SLUG_ATTEMPTS)
            except SlugTakenError:
                # Only PostgreSQL lets a concurrent request insert between the check and the
                # insert. SQLite's writers take turns.
                await self._uow.rollback()
                if attempt == _SLUG_ATTEMPTS:
                    raise
                attempt += 1

    async def _create(self, principal: Principal, name: str, random_slug: bool) -> Tenant:
        await self._uow.begin_write()
        plan = await self._plan()
        now = self._clock.now()
        base = slugify(name)
        tenant = Tenant(
            id=uuid.uuid4(),
            name=name,
            slug=_random_slug(base) if random_slug else await self._free_slug(base),
            settings=dict(DEFAULT_TENANT_SETTINGS),
            is_suspended=False,
            created_at=now,
            updated_at=now,
            plan_code=plan.code,
        )
        await self._uow.tenants.add(tenant)
        await self._uow.memberships.add(Membership(tenant.id, principal.user.id, Role.OWNER, now))
        await self._uow.plans.subscribe(tenant.id, plan, now)
        await self._uow.commit()

        return tenant

    async def _plan(self) -> Plan:
        plan = await self._uow.plans.get_by_code(self._default_plan)
        if plan is None:
            raise LookupError(
                f"the default plan {self._default_plan!r} does not exist, "
                "so configure the code of an existing plan"
            )
        return plan

    async def _free_slug(self, base: str) -> str:
        """Return `base`, or the first of `base-2`, `base-3`, ... that no tenant uses."""
        candidates = [base, *(f"{base}-{number}" for number in range(2, _MAX_NUMBERED_SLUGS + 1))]
        for candidate in candidates:
            if not await self._uow.tenants.slug_exists(candidate):
                return candidate
        return _random_slug(base)


def _random_slug(base: str) -> str:
    return f"{base}-{uuid.uuid4().hex[:8]}"
