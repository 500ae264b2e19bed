from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, delete, get, post, put
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from svontai.application.knowledge.create_item import CreateKnowledgeItemCommand
from svontai.application.knowledge.fields import QUESTION_MAX_LENGTH
from svontai.application.knowledge.list_items import KnowledgeQuery
from svontai.application.pagination import PageRequest
from svontai.entrypoints.http.dependencies import MAX_SKIP, ContainerDep, TenantDep, UowDep
from svontai.entrypoints.http.schemas.knowledge import (
    KnowledgeCreateRequest,
    KnowledgeItemResponse,
    KnowledgeUpdateRequest,
)

BotId = Annotated[
    UUID | None, QueryParameter(description="Only this bot's items. 404 if it is not the tenant's.")
]
Search = Annotated[
    str | None,
    QueryParameter(
        max_length=QUESTION_MAX_LENGTH,
        description="Search text; the items are then ordered by relevance.",
    ),
]
Skip = Annotated[int, QueryParameter(ge=0, le=MAX_SKIP, description="Number of items to skip.")]
Limit = Annotated[
    int, QueryParameter(ge=1, le=200, description="Maximum number of items returned.")
]


# Path ids are `str` in the route, so a malformed id is a 422 rather than a 404 (see bots.py).
class KnowledgeController(Controller):
    path = "/api/knowledge"
    tags = ["knowledge"]

    @get("/")
    async def list_items(
        self,
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
        bot_id: BotId = None,
        q: Search = None,
        skip: Skip = 0,
        limit: Limit = 50,
    ) -> Response[list[KnowledgeItemResponse]]:
        """List the tenant's knowledge items, newest first, or the best matches for `q`.

        The total (of items, or of search hits) is in `X-Total-Count`.
        """
        query = KnowledgeQuery(bot_id, q, PageRequest(skip, limit))
        page = await container.list_knowledge(uow=uow).execute(tenant, query)
        items = [KnowledgeItemResponse.of(item) for item in page.items]
        return Response(items, headers={"X-Total-Count": str(page.total)})

    @post("/", status_code=HTTP_201_CREATED)
    async def create_item(
        self,
        data: JSONBody[KnowledgeCreateRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> KnowledgeItemResponse:
        """Add an item to a bot's knowledge, searchable at once.

        Beyond the plan's number of items (all bots together) the status is 403
        `plan_limit_reached`.
        """
        command = CreateKnowledgeItemCommand(data.bot_id, data.values())
        item = await container.create_knowledge_item(uow=uow).execute(tenant, command)
        return KnowledgeItemResponse.of(item)

    @get("/{item_id:str}")
    async def get_item(
        self, item_id: FromPath[UUID], tenant: TenantDep, container: ContainerDep, uow: UowDep
    ) -> KnowledgeItemResponse:
        """Return one of the tenant's knowledge items."""
        item = await container.get_knowledge_item(uow=uow).execute(tenant, item_id)
        return KnowledgeItemResponse.of(item)

    @put("/{item_id:str}")
    async def update_item(
        self,
        item_id: FromPath[UUID],
        data: JSONBody[KnowledgeUpdateRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> KnowledgeItemResponse:
        """Change the fields sent and keep the others."""
        use_case = container.update_knowledge_item(uow=uow)
        return KnowledgeItemResponse.of(await use_case.execute(tenant, item_id, data.changes()))

    @delete("/{item_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def delete_item(
        self, item_id: FromPath[UUID], tenant: TenantDep, container: ContainerDep, uow: UowDep
    ) -> None:
        """Delete a knowledge item and its search index entry."""
        await container.delete_knowledge_item(uow=uow).execute(tenant, item_id)
