"""Tenants (the businesses) and user memberships in them."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from svontai.domain.roles import Role

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_TURKISH_ASCII = str.maketrans({"ı": "i", "İ": "i", "I": "i"})


@dataclass(slots=True)
class Tenant:
    id: UUID
    name: str
    slug: str
    settings: dict[str, Any]
    is_suspended: bool
    created_at: datetime
    updated_at: datetime
    plan_code: str = "free"


@dataclass(slots=True)
class Membership:
    tenant_id: UUID
    user_id: UUID
    role: Role
    created_at: datetime


@dataclass(slots=True)
class MemberView:
    """A membership joined with the member's user record, for listings."""

    user_id: UUID
    email: str
    full_name: str
    role: Role
    created_at: datetime


@dataclass(slots=True)
class TenantAccess:
    """The tenant a request acts on, with the caller's role in it."""

    tenant: Tenant
    role: Role
    extra: dict[str, Any] = field(default_factory=dict)


def slugify(name: str) -> str:
    """Derive an ASCII slug from a tenant name (`Kahve Durağı` becomes `kahve-duragi`)."""
    folded = unicodedata.normalize("NFKD", name.translate(_TURKISH_ASCII).lower())
    ascii_only = folded.encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_only).strip("-")
    return slug[:60] or "tenant"
