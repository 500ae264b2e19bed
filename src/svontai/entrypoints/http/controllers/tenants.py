from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post, put
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.response import Response
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from svontai.application.pagination import PageRequest
from svontai.application.tenancy.add_member import AddMemberCommand
from svontai.application.tenancy.change_member_role import ChangeMemberRoleCommand
from svontai.application.tenancy.create_tenant import CreateTenantCommand
from svontai.entrypoints.http.dependencies import MAX_SKIP, ContainerDep, PrincipalDep, UowDep
from svontai.entrypoints.http.schemas.tenants import (
    AddMemberRequest,
    ChangeRoleRequest,
    CreateTenantRequest,
    MemberResponse,
    MyTenantResponse,
    TenantResponse,
    UpdateTenantRequest,
)

Skip = Annotated[int, QueryParameter(ge=0, le=MAX_SKIP, description="Number of members to skip.")]
Limit = Annotated[
    int, QueryParameter(ge=1, le=200, description="Maximum number of members returned.")
]

# Path ids are declared as `str` in the route and converted by the handler's `UUID`
# annotation, so a malformed id is a 422 naming the parameter, not an unmatched route (404).


class TenantController(Controller):
    path = "/api/tenants"
    tags = ["tenants"]

    @post("/", status_code=HTTP_201_CREATED)
    async def create_tenant(
        self,
        data: JSONBody[CreateTenantRequest],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> TenantResponse:
        """Create a tenant on the default plan, owned by the caller."""
        use_case = container.create_tenant(uow=uow)
        return TenantResponse.of(await use_case.execute(principal, CreateTenantCommand(data.name)))

    @get("/my")
    async def list_my_tenants(
        self, principal: PrincipalDep, container: ContainerDep, uow: UowDep
    ) -> Response[list[MyTenantResponse]]:
        """List the caller's tenants, suspended ones included, with the caller's role in each."""
        accesses = await container.list_my_tenants(uow=uow).execute(principal)
        items = [MyTenantResponse.of_access(access) for access in accesses]
        return Response(items, headers={"X-Total-Count": str(len(items))})

    @put("/{tenant_id:str}")
    async def update_tenant(
        self,
        tenant_id: FromPath[UUID],
        data: JSONBody[UpdateTenantRequest],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> TenantResponse:
        """Rename the tenant in the path or merge its settings, with `tenant:write` in that tenant.

        Known settings are `default_phone_region` (ISO 3166 code) and `timezone` (IANA name).
        A `null` value puts a setting back to its default, and any other key is a 422.
        """
        use_case = container.update_tenant(uow=uow)
        return TenantResponse.of(await use_case.execute(principal, data.command(tenant_id)))


class MemberController(Controller):
    """The members of the tenant in the path. Changes need `members:manage` in that tenant."""

    path = "/api/tenants/{tenant_id:str}/members"
    tags = ["members"]

    @get("/")
    async def list_members(
        self,
        tenant_id: FromPath[UUID],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
        skip: Skip = 0,
        limit: Limit = 50,
    ) -> Response[list[MemberResponse]]:
        """List the tenant's members, newest first, with the total in `X-Total-Count`. Any
        member may read the list."""
        page = PageRequest(skip, limit)
        members = await container.list_members(uow=uow).execute(principal, tenant_id, page)
        items = [MemberResponse.of(member) for member in members.items]
        return Response(items, headers={"X-Total-Count": str(members.total)})

    @post("/", status_code=HTTP_201_CREATED)
    async def add_member(
        self,
        tenant_id: FromPath[UUID],
        data: JSONBody[AddMemberRequest],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> MemberResponse:
        """Add a registered user by email. Only owners may add owners."""
        command = AddMemberCommand(tenant_id, data.email, data.role)
        return MemberResponse.of(await container.add_member(uow=uow).execute(principal, command))

    @patch("/{user_id:str}")
    async def change_member_role(
        self,
        tenant_id: FromPath[UUID],
        user_id: FromPath[UUID],
        data: JSONBody[ChangeRoleRequest],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> MemberResponse:
        """Change a member's role. The last owner cannot be demoted (409)."""
        command = ChangeMemberRoleCommand(tenant_id, user_id, data.role)
        use_case = container.change_member_role(uow=uow)
        return MemberResponse.of(await use_case.execute(principal, command))

    @delete("/{user_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def remove_member(
        self,
        tenant_id: FromPath[UUID],
        user_id: FromPath[UUID],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> None:
        """Remove a member. The last owner cannot be removed (409)."""
        await container.remove_member(uow=uow).execute(principal, tenant_id, user_id)
