from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Response, delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from msgspec import UnsetType

from svontai.application.leads.create_lead import CreateLeadCommand
from svontai.application.leads.update_lead import UNCHANGED, UpdateLeadCommand
from svontai.application.pagination import PageRequest
from svontai.application.ports.leads import LeadFilter
from svontai.domain.leads import LeadSource, LeadStatus
from svontai.entrypoints.http.dependencies import MAX_SKIP, ContainerDep, TenantDep, UowDep
from svontai.entrypoints.http.schemas.leads import (
    LeadCreateRequest,
    LeadResponse,
    LeadUpdateRequest,
)

Skip = Annotated[int, QueryParameter(ge=0, le=MAX_SKIP, description="Number of leads to skip.")]
Limit = Annotated[
    int, QueryParameter(ge=1, le=200, description="Maximum number of leads returned.")
]
Search = Annotated[
    str | None,
    QueryParameter(max_length=200, description="Text to find in the name, email, phone or notes."),
]


def _sent(value: Any) -> Any:
    return UNCHANGED if isinstance(value, UnsetType) else value


def _update_command(lead_id: UUID, data: LeadUpdateRequest) -> UpdateLeadCommand:
    return UpdateLeadCommand(
        lead_id=lead_id,
        name=_sent(data.name),
        email=_sent(data.email),
        phone=_sent(data.phone),
        notes=_sent(data.notes),
        status=_sent(data.status),
        source=_sent(data.source),
    )


# Path ids are declared as `str` in the route and converted by the handler's `UUID`
# annotation, so a malformed id is a 422 naming the parameter, not an unmatched route (404).
class LeadController(Controller):
    path = "/api/leads"
    tags = ["leads"]

    @get("/")
    async def list_leads(
        self,
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
        bot_id: FromQuery[UUID | None] = None,
        status: FromQuery[LeadStatus | None] = None,
        source: FromQuery[LeadSource | None] = None,
        search: Search = None,
        skip: Skip = 0,
        limit: Limit = 50,
    ) -> Response[list[LeadResponse]]:
        """List the tenant's leads, newest first, with the total in `X-Total-Count`.

        An unknown `bot_id`, or another tenant's, returns 404.
        """
        lead_filter = LeadFilter(bot_id=bot_id, status=status, source=source, search=search)
        page = await container.list_leads(uow=uow).execute(
            tenant, lead_filter, PageRequest(skip=skip, limit=limit)
        )
        items = [LeadResponse.of(lead) for lead in page.items]
        return Response(items, headers={"X-Total-Count": str(page.total)})

    @post("/", status_code=HTTP_201_CREATED)
    async def create_lead(
        self,
        data: JSONBody[LeadCreateRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> LeadResponse:
        """Add a lead. `source` defaults to `manual`, and `bot_id` must name a tenant bot."""
        command = CreateLeadCommand(data.contact(), data.bot_id, data.source, data.status)
        lead = await container.create_lead(uow=uow).execute(tenant, command)
        return LeadResponse.of(lead)

    @put("/{lead_id:str}")
    async def update_lead(
        self,
        lead_id: FromPath[UUID],
        data: JSONBody[LeadUpdateRequest],
        tenant: TenantDep,
        container: ContainerDep,
        uow: UowDep,
    ) -> LeadResponse:
        """Change the fields sent. The lead must keep a name, an email or a phone number."""
        command = _update_command(lead_id, data)
        lead = await container.update_lead(uow=uow).execute(tenant, command)
        return LeadResponse.of(lead)

    @delete("/{lead_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def delete_lead(
        self, lead_id: FromPath[UUID], tenant: TenantDep, container: ContainerDep, uow: UowDep
    ) -> None:
        """Delete a lead."""
        await container.delete_lead(uow=uow).execute(tenant, lead_id)
