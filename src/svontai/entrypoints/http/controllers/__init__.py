"""Every route handler of the API, one controller per resource."""

from litestar.types import ControllerRouterHandler

from svontai.entrypoints.http.controllers.auth import AuthController
from svontai.entrypoints.http.controllers.bots import BotController
from svontai.entrypoints.http.controllers.conversations import ConversationController
from svontai.entrypoints.http.controllers.health import health, health_head, ready, ready_head
from svontai.entrypoints.http.controllers.knowledge import KnowledgeController
from svontai.entrypoints.http.controllers.leads import LeadController
from svontai.entrypoints.http.controllers.me import MeController
from svontai.entrypoints.http.controllers.public_chat import PublicChatController
from svontai.entrypoints.http.controllers.tenants import MemberController, TenantController

ROUTE_HANDLERS: list[ControllerRouterHandler] = [
    health,
    health_head,
    ready,
    ready_head,
    AuthController,
    BotController,
    KnowledgeController,
    MeController,
    TenantController,
    MemberController,
    LeadController,
    ConversationController,
    PublicChatController,
]
