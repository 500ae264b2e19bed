from dataclasses import dataclass

import pytest

from svontai.application.auth.principal import Principal
from svontai.application.pagination import PageRequest
from svontai.application.tenancy.add_member import AddMember, AddMemberCommand
from svontai.application.tenancy.change_member_role import (
    ChangeMemberRole,
    ChangeMemberRoleCommand,
)
from svontai.application.tenancy.list_members import ListMembers
from svontai.application.tenancy.remove_member import RemoveMember
from svontai.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    TenantSuspendedError,
    ValidationError,
)
from svontai.domain.roles import Role
from svontai.domain.tenants import MemberView, Tenant
from tests.unit.fakes.infrastructure import FakeClock
from tests.unit.fakes.unit_of_work import FakeUnitOfWork
from tests.unit.tenancy.builders import add_tenant, add_user, join

CLOCK = FakeClock()


@dataclass
class Team:
    uow: FakeUnitOfWork
    tenant: Tenant
    owner: Principal
    admin: Principal
    viewer: Principal
    outsider: Principal


@pytest.fixture
async def team() -> Team:
    uow = FakeUnitOfWork()
    tenant = await add_tenant(uow)
    people = [
        await add_user(uow, f"{name}@example.com")
        for name in ("owner", "admin", "viewer", "outsider")
    ]
    for principal, role in zip(people, (Role.OWNER, Role.ADMIN, Role.VIEWER), strict=False):
        await join(uow, tenant, principal, role)
    return Team(uow, tenant, *people)


async def role_of(team: Team, principal: Principal) -> Role | None:
    membership = await team.uow.memberships.get(team.tenant.id, principal.user.id)
    return membership.role if membership else None


async def add(team: Team, by: Principal, email: str, role: Role) -> MemberView:
    use_case = AddMember(team.uow, CLOCK)
    return await use_case.execute(by, AddMemberCommand(team.tenant.id, email, role))


async def change(team: Team, by: Principal, target: Principal, role: Role) -> MemberView:
    command = ChangeMemberRoleCommand(team.tenant.id, target.user.id, role)
    return await ChangeMemberRole(team.uow).execute(by, command)


async def remove(team: Team, by: Principal, target: Principal) -> None:
    await RemoveMember(team.uow).execute(by, team.tenant.id, target.user.id)


async def test_any_member_may_list_members(team: Team) -> None:
    members = await ListMembers(team.uow).execute(team.viewer, team.tenant.id, PageRequest())

    assert members.total == 3
    assert [(member.email, member.role) for member in members.items] == [
        ("viewer@example.com", Role.VIEWER),
        ("admin@example.com", Role.ADMIN),
        ("owner@example.com", Role.OWNER),
    ]


async def test_list_members_takes_a_page(team: Team) -> None:
    page = PageRequest(skip=1, limit=1)

    members = await ListMembers(team.uow).execute(team.owner, team.tenant.id, page)

    assert members.total == 3
    assert [member.email for member in members.items] == ["admin@example.com"]


async def test_list_members_hides_tenant_from_outsider(team: Team) -> None:
    with pytest.raises(NotFoundError):
        await ListMembers(team.uow).execute(team.outsider, team.tenant.id, PageRequest())


async def test_list_members_rejects_suspended_tenant(team: Team) -> None:
    team.uow.tenants.rows[team.tenant.id].is_suspended = True

    with pytest.raises(TenantSuspendedError):
        await ListMembers(team.uow).execute(team.owner, team.tenant.id, PageRequest())


async def test_admin_adds_existing_user(team: Team) -> None:
    view = await add(team, team.admin, " Outsider@Example.com ", Role.AGENT)

    assert view.user_id == team.outsider.user.id
    assert view.role is Role.AGENT
    assert view.created_at == CLOCK.now()
    assert await role_of(team, team.outsider) is Role.AGENT
    assert team.uow.committed == 1


async def test_add_member_rejects_unknown_email(team: Team) -> None:
    with pytest.raises(NotFoundError):
        await add(team, team.owner, "nobody@example.com", Role.AGENT)


async def test_add_member_rejects_invalid_email(team: Team) -> None:
    with pytest.raises(ValidationError) as raised:
        await add(team, team.owner, "nobody", Role.AGENT)

    assert raised.value.errors[0].field == "email"


async def test_add_member_rejects_existing_member(team: Team) -> None:
    with pytest.raises(ConflictError) as raised:
        await add(team, team.owner, "viewer@example.com", Role.ADMIN)

    assert raised.value.code == "conflict"
    assert await role_of(team, team.viewer) is Role.VIEWER


async def test_viewer_may_not_add_members(team: Team) -> None:
    with pytest.raises(PermissionDeniedError):
        await add(team, team.viewer, "outsider@example.com", Role.VIEWER)


async def test_admin_may_not_add_owner(team: Team) -> None:
    with pytest.raises(PermissionDeniedError):
        await add(team, team.admin, "outsider@example.com", Role.OWNER)

    assert await role_of(team, team.outsider) is None


async def test_owner_adds_owner(team: Team) -> None:
    await add(team, team.owner, "outsider@example.com", Role.OWNER)

    assert await role_of(team, team.outsider) is Role.OWNER


async def test_admin_changes_role_of_viewer(team: Team) -> None:
    view = await change(team, team.admin, team.viewer, Role.MANAGER)

    assert view.role is Role.MANAGER
    assert view.email == "viewer@example.com"
    assert await role_of(team, team.viewer) is Role.MANAGER


async def test_admin_may_not_promote_to_owner(team: Team) -> None:
    with pytest.raises(PermissionDeniedError):
        await change(team, team.admin, team.viewer, Role.OWNER)

    assert await role_of(team, team.viewer) is Role.VIEWER


async def test_admin_may_not_demote_owner(team: Team) -> None:
    await join(team.uow, team.tenant, team.outsider, Role.OWNER)

    with pytest.raises(PermissionDeniedError):
        await change(team, team.admin, team.outsider, Role.VIEWER)

    assert await role_of(team, team.outsider) is Role.OWNER


async def test_last_owner_cannot_be_demoted(team: Team) -> None:
    with pytest.raises(ConflictError) as raised:
        await change(team, team.owner, team.owner, Role.ADMIN)

    assert raised.value.code == "conflict"
    assert await role_of(team, team.owner) is Role.OWNER


async def test_owner_demotes_other_owner(team: Team) -> None:
    await change(team, team.owner, team.admin, Role.OWNER)

    await change(team, team.admin, team.owner, Role.VIEWER)

    assert await role_of(team, team.owner) is Role.VIEWER


async def test_owner_keeps_last_owner_role(team: Team) -> None:
    view = await change(team, team.owner, team.owner, Role.OWNER)

    assert view.role is Role.OWNER


async def test_change_role_rejects_non_member(team: Team) -> None:
    with pytest.raises(NotFoundError):
        await change(team, team.owner, team.outsider, Role.VIEWER)


async def test_change_role_hides_member_of_other_tenant(team: Team) -> None:
    other = await add_tenant(team.uow, "Other")
    await join(team.uow, other, team.outsider, Role.VIEWER)

    with pytest.raises(NotFoundError):
        await change(team, team.owner, team.outsider, Role.ADMIN)

    membership = await team.uow.memberships.get(other.id, team.outsider.user.id)
    assert membership is not None
    assert membership.role is Role.VIEWER


async def test_viewer_may_not_change_roles(team: Team) -> None:
    with pytest.raises(PermissionDeniedError):
        await change(team, team.viewer, team.viewer, Role.ADMIN)


async def test_admin_removes_viewer(team: Team) -> None:
    await remove(team, team.admin, team.viewer)

    assert await role_of(team, team.viewer) is None


async def test_last_owner_cannot_be_removed(team: Team) -> None:
    with pytest.raises(ConflictError):
        await remove(team, team.owner, team.owner)

    assert await role_of(team, team.owner) is Role.OWNER


async def test_admin_may_not_remove_owner(team: Team) -> None:
    await join(team.uow, team.tenant, team.outsider, Role.OWNER)

    with pytest.raises(PermissionDeniedError):
        await remove(team, team.admin, team.outsider)


async def test_owner_removes_other_owner(team: Team) -> None:
    await join(team.uow, team.tenant, team.outsider, Role.OWNER)

    await remove(team, team.owner, team.outsider)

    assert await role_of(team, team.outsider) is None


async def test_remove_rejects_non_member(team: Team) -> None:
    with pytest.raises(NotFoundError):
        await remove(team, team.owner, team.outsider)


async def test_outsider_may_not_remove_members(team: Team) -> None:
    with pytest.raises(NotFoundError):
        await remove(team, team.outsider, team.viewer)

    assert await role_of(team, team.viewer) is Role.VIEWER
