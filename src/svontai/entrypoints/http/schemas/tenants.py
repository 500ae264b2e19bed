"""Request and response bodies of tenants and their members."""

from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec
from msgspec import UNSET, UnsetType

from svontai.application.tenancy.update_tenant import UpdateTenantCommand
from svontai.domain.roles import Role
from svontai.domain.tenants import MemberView, Tenant, TenantAccess
from svontai.entrypoints.http.schemas.auth import Email, Name


class TenantResponse(msgspec.Struct):
    id: UUID
    name: str
    slug: str
    settings: dict[str, Any]
    plan_code: str
    is_suspended: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, tenant: Tenant) -> "TenantResponse":
        return cls(
            id=tenant.id,
            name=tenant.name,
            slug=tenant.slug,
            settings=tenant.settings,
            plan_code=tenant.plan_code,
            is_suspended=tenant.is_suspended,
            created_at=tenant.created_at,
            updated_at=tenant.updated_at,
        )


class MyTenantResponse(TenantResponse):
    """A tenant with the caller's role in it."""

    role: Role

    @classmethod
    def of_access(cls, access: TenantAccess) -> "MyTenantResponse":
        tenant = TenantResponse.of(access.tenant)
        return cls(**msgspec.structs.asdict(tenant), role=access.role)


class CreateTenantRequest(msgspec.Struct):
    name: Name


class UpdateTenantRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Fields left out stay as they are.

    Unknown fields give a 422 instead of being ignored, because `is_suspended` and
    `plan_code` look like tenant fields but only platform administrators change them.
    """

    name: Name | UnsetType = UNSET
    settings: dict[str, Any] | UnsetType = UNSET

    def command(self, tenant_id: UUID) -> UpdateTenantCommand:
        return UpdateTenantCommand(
            tenant_id,
            name=None if self.name is UNSET else self.name,
            settings=None if self.settings is UNSET else self.settings,
        )


class MemberResponse(msgspec.Struct):
    user_id: UUID
    email: str
    full_name: str
    role: Role
    created_at: datetime

    @classmethod
    def of(cls, member: MemberView) -> "MemberResponse":
        return cls(member.user_id, member.email, member.full_name, member.role, member.created_at)


class AddMemberRequest(msgspec.Struct):
    email: Email
    role: Role


class ChangeRoleRequest(msgspec.Struct):
    role: Role
