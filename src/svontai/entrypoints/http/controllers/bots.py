from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, delete, get, post, put
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from svontai.application.pagination import PageRequest
from svontai.entrypoints.http.dependencies import MAX_SKIP, ContainerDep, TenantDep, UowDep
from svontai.entrypoints.http.schemas.bots import (
    BotCreateRequest,
    BotResponse,
    BotUpdateRequest,
    bot_fields,
)

Skip = Annotated[int, QueryParameter(ge=0, le=MAX_SKIP, description="Number of bots to skip.")]
Limit = Annotated[int, QueryParameter(ge=1, le=200, description="Maximum number of bots returned.")]


# Path ids are declared as `str` in the route and converted by the handler's `UUID`
# annotation, so a malformed id is a 422 naming the parameter, not an unmatched route (404).
class BotController(Controller):
    path = "/api/bots"
    tags = ["bots"]

    @get("/")
    async def list_bots(
        self,
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
        skip: Skip = 0,
        limit: Limit = 50,
    ) -> Response[list[BotResponse]]:
        """List the tenant's bots, newest first, with the total in `X-Total-Count`."""
        page = await container.list_bots(uow=uow).execute(tenant, PageRequest(skip, limit))
        items = [BotResponse.of(bot) for bot in page.items]
        return Response(items, headers={"X-Total-Count": str(page.total)})

    @post("/", status_code=HTTP_201_CREATED)
    async def create_bot(
        self,
        data: JSONBody[BotCreateRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> BotResponse:
        """Add a bot. Beyond the plan's number of bots the status is 403 `plan_limit_reached`."""
        bot = await container.create_bot(uow=uow).execute(tenant, bot_fields(data))
        return BotResponse.of(bot)

    @get("/{bot_id:str}")
    async def get_bot(
        self, bot_id: FromPath[UUID], tenant: TenantDep, container: ContainerDep, uow: UowDep
    ) -> BotResponse:
        """Return one of the tenant's bots."""
        return BotResponse.of(await container.get_bot(uow=uow).execute(tenant, bot_id))

    @put("/{bot_id:str}")
    async def update_bot(
        self,
        bot_id: FromPath[UUID],
        data: JSONBody[BotUpdateRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> BotResponse:
        """Change the fields sent and keep the others."""
        bot = await container.update_bot(uow=uow).execute(tenant, bot_id, bot_fields(data))
        return BotResponse.of(bot)

    @delete("/{bot_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def delete_bot(
        self, bot_id: FromPath[UUID], tenant: TenantDep, container: ContainerDep, uow: UowDep
    ) -> None:
        """Delete a bot and its knowledge, and close its conversations. Leads are kept."""
        await container.delete_bot(uow=uow).execute(tenant, bot_id)
