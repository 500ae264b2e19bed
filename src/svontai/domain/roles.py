"""Membership roles and the permissions each one grants inside a tenant."""

from enum import StrEnum

from svontai.domain.errors import PermissionDeniedError


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MANAGER = "manager"
    AGENT = "agent"
    VIEWER = "viewer"


class Permission(StrEnum):
    BOTS_READ = "bots:read"
    BOTS_WRITE = "bots:write"
    LEADS_READ = "leads:read"
    LEADS_WRITE = "leads:write"
    CONVERSATIONS_READ = "conversations:read"
    CONVERSATIONS_REPLY = "conversations:reply"
    AUTOMATION_READ = "automation:read"
    AUTOMATION_WRITE = "automation:write"
    OBSERVABILITY_READ = "observability:read"
    TICKETS_WRITE = "tickets:write"
    TENANT_WRITE = "tenant:write"
    MEMBERS_MANAGE = "members:manage"


_VIEWER = frozenset(
    {
        Permission.BOTS_READ,
        Permission.LEADS_READ,
        Permission.CONVERSATIONS_READ,
        Permission.AUTOMATION_READ,
    }
)
_AGENT = _VIEWER | {
    Permission.LEADS_WRITE,
    Permission.CONVERSATIONS_REPLY,
    Permission.TICKETS_WRITE,
}
_MANAGER = _AGENT | {
    Permission.BOTS_WRITE,
    Permission.AUTOMATION_WRITE,
    Permission.OBSERVABILITY_READ,
}
_ADMIN = _MANAGER | {Permission.TENANT_WRITE, Permission.MEMBERS_MANAGE}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: _ADMIN,
    Role.ADMIN: _ADMIN,
    Role.MANAGER: _MANAGER,
    Role.AGENT: _AGENT,
    Role.VIEWER: _VIEWER,
}


def permissions_of(role: Role) -> list[str]:
    """Return the role's permission names in a stable order."""
    return sorted(permission.value for permission in ROLE_PERMISSIONS[role])


def require(role: Role, permission: Permission) -> None:
    """Raise `PermissionDeniedError` unless `role` grants `permission`."""
    if permission not in ROLE_PERMISSIONS[role]:
        raise PermissionDeniedError(f"Your role ({role.value}) may not do this.")
