from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from svontai.application.conversations.reply_to_conversation import ReplyCommand
from svontai.application.pagination import PageRequest
from svontai.application.ports.conversations import ConversationFilter
from svontai.domain.conversations import Channel, ConversationStatus
from svontai.entrypoints.http.dependencies import MAX_SKIP, ContainerDep, TenantDep, UowDep
from svontai.entrypoints.http.schemas.conversations import (
    ConversationDetailResponse,
    ConversationResponse,
    MessageResponse,
    ReplyRequest,
)

Skip = Annotated[
    int, QueryParameter(ge=0, le=MAX_SKIP, description="Number of conversations to skip.")
]
Limit = Annotated[
    int, QueryParameter(ge=1, le=200, description="Maximum number of conversations returned.")
]


class ConversationController(Controller):
    path = "/api/conversations"
    tags = ["conversations"]

    @get("/")
    async def list_conversations(
        self,
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
        bot_id: FromQuery[UUID | None] = None,
        status: FromQuery[ConversationStatus | None] = None,
        channel: FromQuery[Channel | None] = None,
        skip: Skip = 0,
        limit: Limit = 50,
    ) -> Response[list[ConversationResponse]]:
        """List conversations, most recent activity first; the total is in `X-Total-Count`."""
        filters = ConversationFilter(bot_id, status, channel)
        use_case = container.list_conversations(uow=uow)
        page = await use_case.execute(tenant, filters, PageRequest(skip, limit))
        items = [ConversationResponse.of(conversation) for conversation in page.items]
        return Response(items, headers={"X-Total-Count": str(page.total)})

    @get("/{conversation_id:str}")
    async def get_conversation(
        self,
        conversation_id: FromPath[UUID],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> ConversationDetailResponse:
        """Return a conversation with its messages, oldest first, with knowledge ids used."""
        detail = await container.get_conversation(uow=uow).execute(tenant, conversation_id)
        return ConversationDetailResponse.of_detail(detail)

    @post("/{conversation_id:str}/messages", status_code=HTTP_201_CREATED)
    async def reply(
        self,
        conversation_id: FromPath[UUID],
        data: JSONBody[ReplyRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> MessageResponse:
        """Send an operator's reply; it does not count against the monthly quota."""
        command = ReplyCommand(conversation_id, data.content)
        message = await container.reply_to_conversation(uow=uow).execute(tenant, command)
        return MessageResponse.of(message)

    @post("/{conversation_id:str}/takeover", status_code=HTTP_200_OK)
    async def take_over(
        self,
        conversation_id: FromPath[UUID],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> ConversationResponse:
        """Hand the conversation to a human; the bot stays silent until it is released."""
        use_case = container.take_over_conversation(uow=uow)
        return ConversationResponse.of(await use_case.execute(tenant, conversation_id))

    @post("/{conversation_id:str}/release", status_code=HTTP_200_OK)
    async def release(
        self,
        conversation_id: FromPath[UUID],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> ConversationResponse:
        """Give the conversation back to the bot."""
        use_case = container.release_conversation(uow=uow)
        return ConversationResponse.of(await use_case.execute(tenant, conversation_id))
