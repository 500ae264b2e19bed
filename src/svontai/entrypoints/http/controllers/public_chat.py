"""The public chat widget: no login; a bot is named by its public key, a visitor by its id."""

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from svontai.application.widget.list_messages import ListMessagesCommand
from svontai.application.widget.send_message import SendMessageCommand
from svontai.application.widget.start_chat import StartChatCommand
from svontai.application.widget.submit_lead import WidgetLeadCommand
from svontai.domain.conversations import EXTERNAL_USER_ID_PATTERN, MAX_EXTERNAL_USER_ID_LENGTH
from svontai.domain.errors import ValidationError
from svontai.entrypoints.http.dependencies import ClientIpDep, ContainerDep, UowDep
from svontai.entrypoints.http.schemas.leads import LeadResponse
from svontai.entrypoints.http.schemas.public_chat import (
    InitChatRequest,
    InitChatResponse,
    MessagesResponse,
    PublicLeadRequest,
    SendMessageRequest,
    SendMessageResponse,
)

VisitorParameter = Annotated[
    str,
    QueryParameter(
        min_length=1,
        max_length=MAX_EXTERNAL_USER_ID_LENGTH,
        pattern=EXTERNAL_USER_ID_PATTERN,
        description="The visitor's id returned by `init`.",
    ),
]
SinceParameter = Annotated[
    datetime | None,
    QueryParameter(
        description="Only messages strictly after this ISO 8601 time; UTC if no offset."
    ),
]
LimitParameter = Annotated[
    int, QueryParameter(ge=1, le=200, description="Maximum number of messages, the newest ones.")
]


def _as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        # An offset that moves 0001-01-01 or 9999-12-31 out of the calendar.
        raise ValidationError("since", "must fall between the years 1 and 9999 in UTC") from None


class PublicChatController(Controller):
    path = "/api/public"
    tags = ["widget"]

    @post("/chat/init", status_code=HTTP_200_OK)
    async def init_chat(
        self,
        data: JSONBody[InitChatRequest],
        container: ContainerDep,
        uow: UowDep,
        client_ip: ClientIpDep,
    ) -> InitChatResponse:
        """Open or resume the visitor's conversation with the bot; makes a visitor id if none."""
        command = StartChatCommand(data.bot_public_key, data.external_user_id, client_ip)
        started = await container.start_widget_chat(uow=uow).execute(command)
        return InitChatResponse.of(started)

    @post("/chat/send", status_code=HTTP_200_OK)
    async def send_message(
        self,
        data: JSONBody[SendMessageRequest],
        container: ContainerDep,
        uow: UowDep,
        client_ip: ClientIpDep,
    ) -> SendMessageResponse:
        """Store the visitor's message and return the bot's reply (null when it stays silent)."""
        command = SendMessageCommand(
            data.conversation_id, data.external_user_id, data.message, client_ip
        )
        sent = await container.send_widget_message(uow=uow).execute(command)
        return SendMessageResponse.of(sent)

    @get("/chat/messages")
    async def list_messages(
        self,
        container: ContainerDep,
        uow: UowDep,
        client_ip: ClientIpDep,
        conversation_id: FromQuery[UUID],
        external_user_id: VisitorParameter,
        since: SinceParameter = None,
        limit: LimitParameter = 50,
    ) -> MessagesResponse:
        """Return the newest messages strictly after `since`, oldest first, for polling."""
        command = ListMessagesCommand(
            conversation_id, external_user_id, _as_utc(since), limit, client_ip
        )
        result = await container.list_widget_messages(uow=uow).execute(command)
        return MessagesResponse.of(result)

    @post("/leads", status_code=HTTP_201_CREATED)
    async def submit_lead(
        self,
        data: JSONBody[PublicLeadRequest],
        container: ContainerDep,
        uow: UowDep,
        client_ip: ClientIpDep,
    ) -> LeadResponse:
        """Store the widget's contact form as a lead; a conversation keeps one lead."""
        command = WidgetLeadCommand(
            bot_public_key=data.bot_public_key,
            contact=data.contact(),
            client_ip=client_ip,
            conversation_id=data.conversation_id,
            external_user_id=data.external_user_id,
        )
        lead = await container.submit_widget_lead(uow=uow).execute(command)
        return LeadResponse.of(lead)
