import uuid

import pytest

from svontai.entrypoints.container import Container
from tests.http.helpers import Account, Api, assert_error
from tests.http.tenant_helpers import join, suspend


def members_path(account: Account, user_id: object = None) -> str:
    path = f"/api/tenants/{account.tenant_id}/members"
    return f"{path}/{user_id}" if user_id else path


async def user_id_of(api: Api, account: Account) -> str:
    user_id: str = (await api.client.get("/api/me", headers=account.headers)).json()["user"]["id"]
    return user_id


async def roles(api: Api, owner: Account) -> dict[str, str]:
    response = await api.client.get(members_path(owner), headers=owner.headers)
    return {member["email"]: member["role"] for member in response.json()}


async def test_list_members_returns_fields(api: Api) -> None:
    owner = await api.account()
    viewer = await join(api, owner, "viewer")

    response = await api.client.get(members_path(owner), headers=viewer.headers)

    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "2"
    first, second = response.json()
    assert set(first) == {"user_id", "email", "full_name", "role", "created_at"}
    assert (first["email"], first["role"]) == (viewer.email, "viewer")
    assert (second["email"], second["role"]) == (owner.email, "owner")
    assert first["user_id"] == await user_id_of(api, viewer)


async def test_list_members_takes_a_page(api: Api) -> None:
    owner = await api.account()
    await join(api, owner, "viewer")

    response = await api.client.get(
        members_path(owner), params={"skip": 1, "limit": 1}, headers=owner.headers
    )

    assert response.headers["X-Total-Count"] == "2"
    assert [member["email"] for member in response.json()] == [owner.email]


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 201}, {"skip": -1}, {"limit": "a"}])
async def test_list_members_refuses_page_out_of_range(api: Api, query: dict[str, object]) -> None:
    owner = await api.account()

    response = await api.client.get(members_path(owner), params=query, headers=owner.headers)

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == next(iter(query))


async def test_list_members_hides_tenant_of_others(api: Api) -> None:
    owner = await api.account()
    outsider = await api.account()

    response = await api.client.get(members_path(owner), headers=outsider.headers)

    assert_error(response, 404, "not_found")


async def test_add_member_returns_member(api: Api) -> None:
    owner = await api.account()
    newcomer = await api.account(with_tenant=False)

    response = await api.client.post(
        members_path(owner),
        json={"email": newcomer.email.upper(), "role": "agent"},
        headers=owner.headers,
    )

    assert response.status_code == 201
    assert response.json()["email"] == newcomer.email
    assert response.json()["role"] == "agent"
    me = await api.client.get("/api/me", headers=newcomer.headers)
    assert me.json()["tenant"]["id"] == owner.tenant_id


async def test_add_member_rejects_unknown_email(api: Api) -> None:
    owner = await api.account()

    response = await api.client.post(
        members_path(owner),
        json={"email": "nobody@example.com", "role": "agent"},
        headers=owner.headers,
    )

    assert_error(response, 404, "not_found")


async def test_add_member_rejects_existing_member(api: Api) -> None:
    owner = await api.account()
    agent = await join(api, owner, "agent")

    response = await api.client.post(
        members_path(owner), json={"email": agent.email, "role": "admin"}, headers=owner.headers
    )

    assert_error(response, 409, "conflict")


async def test_add_member_rejects_unknown_role(api: Api) -> None:
    owner = await api.account()
    newcomer = await api.account(with_tenant=False)

    response = await api.client.post(
        members_path(owner), json={"email": newcomer.email, "role": "boss"}, headers=owner.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "role"


async def test_manager_may_not_add_members(api: Api) -> None:
    owner = await api.account()
    manager = await join(api, owner, "manager")
    newcomer = await api.account(with_tenant=False)

    response = await api.client.post(
        members_path(owner),
        json={"email": newcomer.email, "role": "viewer"},
        headers=manager.headers,
    )

    assert_error(response, 403, "forbidden")


async def test_admin_may_not_add_owner(api: Api) -> None:
    owner = await api.account()
    admin = await join(api, owner, "admin")
    newcomer = await api.account(with_tenant=False)

    response = await api.client.post(
        members_path(owner), json={"email": newcomer.email, "role": "owner"}, headers=admin.headers
    )

    assert_error(response, 403, "forbidden")


async def test_admin_adds_member(api: Api) -> None:
    owner = await api.account()
    admin = await join(api, owner, "admin")
    newcomer = await api.account(with_tenant=False)

    response = await api.client.post(
        members_path(owner), json={"email": newcomer.email, "role": "admin"}, headers=admin.headers
    )

    assert response.status_code == 201


async def test_change_role_returns_member(api: Api) -> None:
    owner = await api.account()
    viewer = await join(api, owner, "viewer")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, viewer)),
        json={"role": "manager"},
        headers=owner.headers,
    )

    assert response.status_code == 200
    assert response.json()["role"] == "manager"
    assert response.json()["email"] == viewer.email
    assert (await roles(api, owner))[viewer.email] == "manager"


async def test_last_owner_cannot_be_demoted(api: Api) -> None:
    owner = await api.account()

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, owner)),
        json={"role": "admin"},
        headers=owner.headers,
    )

    assert_error(response, 409, "conflict")
    assert (await roles(api, owner))[owner.email] == "owner"


async def test_owner_demotes_other_owner(api: Api) -> None:
    owner = await api.account()
    second = await join(api, owner, "owner")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, owner)),
        json={"role": "viewer"},
        headers=second.headers,
    )

    assert response.status_code == 200
    assert (await roles(api, owner))[owner.email] == "viewer"


async def test_admin_may_not_demote_owner(api: Api) -> None:
    owner = await api.account()
    await join(api, owner, "owner")
    admin = await join(api, owner, "admin")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, owner)),
        json={"role": "viewer"},
        headers=admin.headers,
    )

    assert_error(response, 403, "forbidden")


async def test_admin_may_not_promote_to_owner(api: Api) -> None:
    owner = await api.account()
    admin = await join(api, owner, "admin")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, admin)),
        json={"role": "owner"},
        headers=admin.headers,
    )

    assert_error(response, 403, "forbidden")


async def test_change_role_rejects_unknown_role(api: Api) -> None:
    owner = await api.account()
    viewer = await join(api, owner, "viewer")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, viewer)),
        json={"role": "superuser"},
        headers=owner.headers,
    )

    assert_error(response, 422, "validation_error")


async def test_change_role_rejects_null_role(api: Api) -> None:
    owner = await api.account()
    viewer = await join(api, owner, "viewer")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, viewer)),
        json={"role": None},
        headers=owner.headers,
    )

    assert_error(response, 422, "validation_error")


async def test_change_role_rejects_unknown_member(api: Api) -> None:
    owner = await api.account()

    response = await api.client.patch(
        members_path(owner, uuid.uuid4()), json={"role": "viewer"}, headers=owner.headers
    )

    assert_error(response, 404, "not_found")


async def test_change_role_rejects_malformed_user_id(api: Api) -> None:
    owner = await api.account()

    response = await api.client.patch(
        members_path(owner, "not-a-uuid"), json={"role": "viewer"}, headers=owner.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "user_id"


async def test_change_role_hides_member_of_other_tenant(api: Api) -> None:
    owner = await api.account()
    other_owner = await api.account()
    other_member = await join(api, other_owner, "viewer")

    response = await api.client.patch(
        members_path(owner, await user_id_of(api, other_member)),
        json={"role": "admin"},
        headers=owner.headers,
    )
    foreign = await api.client.patch(
        members_path(other_owner, await user_id_of(api, other_member)),
        json={"role": "admin"},
        headers=owner.headers,
    )

    assert_error(response, 404, "not_found")
    assert_error(foreign, 404, "not_found")
    assert (await roles(api, other_owner))[other_member.email] == "viewer"


async def test_remove_member_ends_membership(api: Api) -> None:
    owner = await api.account()
    agent = await join(api, owner, "agent")

    response = await api.client.delete(
        members_path(owner, await user_id_of(api, agent)), headers=owner.headers
    )

    assert response.status_code == 204
    assert agent.email not in await roles(api, owner)
    assert_error(await api.client.get("/api/me", headers=agent.headers), 404, "not_found")


async def test_last_owner_cannot_be_removed(api: Api) -> None:
    owner = await api.account()

    response = await api.client.delete(
        members_path(owner, await user_id_of(api, owner)), headers=owner.headers
    )

    assert_error(response, 409, "conflict")


async def test_admin_may_not_remove_owner(api: Api) -> None:
    owner = await api.account()
    admin = await join(api, owner, "admin")

    response = await api.client.delete(
        members_path(owner, await user_id_of(api, owner)), headers=admin.headers
    )

    assert_error(response, 403, "forbidden")


async def test_owner_removes_other_owner(api: Api) -> None:
    owner = await api.account()
    second = await join(api, owner, "owner")

    response = await api.client.delete(
        members_path(owner, await user_id_of(api, second)), headers=owner.headers
    )

    assert response.status_code == 204


async def test_viewer_may_not_remove_members(api: Api) -> None:
    owner = await api.account()
    viewer = await join(api, owner, "viewer")
    agent = await join(api, owner, "agent")

    response = await api.client.delete(
        members_path(owner, await user_id_of(api, agent)), headers=viewer.headers
    )

    assert_error(response, 403, "forbidden")


async def test_remove_hides_tenant_of_others(api: Api) -> None:
    owner = await api.account()
    outsider = await api.account()

    response = await api.client.delete(
        members_path(owner, await user_id_of(api, owner)), headers=outsider.headers
    )

    assert_error(response, 404, "not_found")
    assert owner.email in await roles(api, owner)


async def test_members_of_suspended_tenant_are_locked(api: Api, container: Container) -> None:
    owner = await api.account()
    agent = await join(api, owner, "agent")
    await suspend(container, owner.tenant_id)
    agent_path = members_path(owner, await user_id_of(api, agent))

    listed = await api.client.get(members_path(owner), headers=owner.headers)
    added = await api.client.post(
        members_path(owner), json={"email": agent.email, "role": "agent"}, headers=owner.headers
    )
    changed = await api.client.patch(agent_path, json={"role": "admin"}, headers=owner.headers)
    removed = await api.client.delete(agent_path, headers=owner.headers)

    for response in (listed, added, changed, removed):
        assert_error(response, 403, "tenant_suspended")
