from litestar import Controller, get, put
from litestar.params import JSONBody

from svontai.entrypoints.http.dependencies import (
    AnyRequest,
    ContainerDep,
    PrincipalDep,
    UowDep,
    tenant_header,
)
from svontai.entrypoints.http.schemas.auth import UserResponse
from svontai.entrypoints.http.schemas.me import MeResponse, UpdateMeRequest


class MeController(Controller):
    path = "/api/me"
    tags = ["me"]

    @get("/")
    async def get_me(
        self, request: AnyRequest, principal: PrincipalDep, container: ContainerDep, uow: UowDep
    ) -> MeResponse:
        """Describe the caller, the current tenant (`X-Tenant-ID`, else the oldest) and the plan.

        Works for a suspended tenant too, which shows `is_suspended: true`.
        """
        me = await container.get_me(uow=uow).execute(principal, tenant_header(request))
        if me.context is not None:
            request.scope["state"]["tenant_id"] = str(me.context.tenant.id)
        return MeResponse.of(me)

    @put("/")
    async def update_me(
        self,
        data: JSONBody[UpdateMeRequest],
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> UserResponse:
        """Change the caller's name, email or password. A new password ends the other sessions."""
        user = await container.update_me(uow=uow).execute(principal, data.command())
        return UserResponse.of(user)
