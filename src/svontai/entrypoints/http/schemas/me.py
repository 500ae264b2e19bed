"""Request and response bodies of the caller's own account."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from msgspec import UNSET, UnsetType

from svontai.application.tenancy.entitlements import Entitlements
from svontai.application.users.get_me import Me
from svontai.application.users.update_me import UpdateMeCommand
from svontai.domain.roles import Role
from svontai.domain.tenants import TenantAccess
from svontai.entrypoints.http.schemas.auth import Email, Name, Password, UserResponse
from svontai.entrypoints.http.schemas.tenants import TenantResponse


class TenantSummary(msgspec.Struct):
    id: UUID
    name: str
    role: Role

    @classmethod
    def of(cls, access: TenantAccess) -> "TenantSummary":
        return cls(access.tenant.id, access.tenant.name, access.role)


class EntitlementsResponse(msgspec.Struct):
    """The plan's limits (`null` is unlimited) beside the tenant's usage."""

    plan_code: str
    plan_name: str
    bot_limit: int | None
    bots_used: int
    knowledge_items_limit: int | None
    knowledge_items_used: int
    monthly_message_limit: int | None
    messages_used_this_month: int
    period_start: datetime
    period_end: datetime
    features: list[str]

    @classmethod
    def of(cls, entitlements: Entitlements) -> "EntitlementsResponse":
        plan = entitlements.plan
        return cls(
            plan_code=plan.code,
            plan_name=plan.name,
            bot_limit=plan.bot_limit,
            bots_used=entitlements.bots_used,
            knowledge_items_limit=plan.knowledge_items_limit,
            knowledge_items_used=entitlements.knowledge_items_used,
            monthly_message_limit=plan.monthly_message_limit,
            messages_used_this_month=entitlements.messages_used_this_month,
            period_start=entitlements.period_start,
            period_end=entitlements.period_end,
            features=list(plan.features),
        )


class MeResponse(msgspec.Struct):
    """The caller. `tenant`, `role` and `entitlements` are null when the caller has no tenant."""

    user: UserResponse
    tenant: TenantResponse | None
    role: Role | None
    permissions: list[str]
    entitlements: EntitlementsResponse | None
    feature_flags: dict[str, bool]
    tenants: list[TenantSummary]

    @classmethod
    def of(cls, me: Me) -> "MeResponse":
        context = me.context
        return cls(
            user=UserResponse.of(me.user),
            tenant=TenantResponse.of(context.tenant) if context else None,
            role=context.role if context else None,
            permissions=me.permissions,
            entitlements=EntitlementsResponse.of(me.entitlements) if me.entitlements else None,
            feature_flags=me.feature_flags,
            tenants=[TenantSummary.of(access) for access in me.tenants],
        )


class UpdateMeRequest(msgspec.Struct):
    """Fields left out stay as they are, and a new password needs the current one."""

    full_name: Name | UnsetType = UNSET
    email: Email | UnsetType = UNSET
    current_password: Annotated[str, msgspec.Meta(max_length=128)] | UnsetType = UNSET
    new_password: Password | UnsetType = UNSET

    def command(self) -> UpdateMeCommand:
        return UpdateMeCommand(
            full_name=None if self.full_name is UNSET else self.full_name,
            email=None if self.email is UNSET else self.email,
            current_password=None if self.current_password is UNSET else self.current_password,
            new_password=None if self.new_password is UNSET else self.new_password,
        )
