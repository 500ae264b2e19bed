"""The composition root: every adapter and use case is wired here and nowhere else.

Use cases are factories that need the request's unit of work: call them as
`container.login(uow=uow)`. Tests replace providers with `container.x.override(...)`.
"""

import httpx
from dependency_injector import containers, providers

from svontai.adapters.answering.builtin import BuiltinAnswerGenerator
from svontai.adapters.answering.openai_compatible import (
    LlmConfig,
    OpenAiCompatibleAnswerGenerator,
)
from svontai.adapters.answering.scoring import DEFAULT_ANSWER_THRESHOLD
from svontai.adapters.persistence.database import Database, PoolSettings
from svontai.adapters.persistence.event_recorder import SqlEventRecorder
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.adapters.ratelimit.limits_rate_limiter import LimitsRateLimiter
from svontai.adapters.security.argon2_password_hasher import Argon2PasswordHasher, Argon2Settings
from svontai.adapters.security.pyjwt_token_codec import PyJwtTokenCodec
from svontai.adapters.system_clock import SystemClock
from svontai.application.auth.authenticate import Authenticate
from svontai.application.auth.create_admin import CreateAdmin
from svontai.application.auth.login import Login, LoginServices
from svontai.application.auth.logout import Logout
from svontai.application.auth.policy import AuthPolicy
from svontai.application.auth.refresh_tokens import RefreshTokens
from svontai.application.auth.register_user import RegisterUser
from svontai.application.bots.create_bot import CreateBot
from svontai.application.bots.delete_bot import DeleteBot
from svontai.application.bots.get_bot import GetBot
from svontai.application.bots.list_bots import ListBots
from svontai.application.bots.update_bot import UpdateBot
from svontai.application.conversations.get_conversation import GetConversation
from svontai.application.conversations.list_conversations import ListConversations
from svontai.application.conversations.message_quota import MessageQuota
from svontai.application.conversations.release_conversation import ReleaseConversation
from svontai.application.conversations.reply_to_conversation import ReplyToConversation
from svontai.application.conversations.take_over_conversation import TakeOverConversation
from svontai.application.knowledge.create_item import CreateKnowledgeItem
from svontai.application.knowledge.delete_item import DeleteKnowledgeItem
from svontai.application.knowledge.get_item import GetKnowledgeItem
from svontai.application.knowledge.list_items import ListKnowledgeItems
from svontai.application.knowledge.update_item import UpdateKnowledgeItem
from svontai.application.leads.capture import CaptureLeadFromMessage
from svontai.application.leads.create_lead import CreateLead
from svontai.application.leads.delete_lead import DeleteLead
from svontai.application.leads.list_leads import ListLeads
from svontai.application.leads.submit_public_lead import SubmitPublicLead
from svontai.application.leads.update_lead import UpdateLead
from svontai.application.ports.answer_generator import AnswerGenerator
from svontai.application.ports.event_recorder import EventRecorder
from svontai.application.tenancy.add_member import AddMember
from svontai.application.tenancy.change_member_role import ChangeMemberRole
from svontai.application.tenancy.create_tenant import CreateTenant
from svontai.application.tenancy.list_members import ListMembers
from svontai.application.tenancy.list_my_tenants import ListMyTenants
from svontai.application.tenancy.remove_member import RemoveMember
from svontai.application.tenancy.resolve_tenant import ResolveTenant
from svontai.application.tenancy.update_tenant import UpdateTenant
from svontai.application.users.get_me import GetMe
from svontai.application.users.update_me import UpdateMe
from svontai.application.widget.list_messages import ListWidgetMessages
from svontai.application.widget.send_message import SendWidgetMessage, WidgetServices
from svontai.application.widget.start_chat import StartWidgetChat
from svontai.application.widget.submit_lead import SubmitWidgetLead
from svontai.application.widget.throttle import WidgetLimits, WidgetThrottle
from svontai.entrypoints.settings import Settings


def _auth_policy(settings: Settings) -> AuthPolicy:
    return AuthPolicy(
        refresh_ttl_days=settings.refresh_token_ttl_days,
        login_failures=(
            f"{settings.login_max_failures}/{settings.login_failure_window_seconds} seconds"
        ),
        per_ip=settings.rate_limit_auth_per_ip,
    )


def _database(settings: Settings) -> Database:
    pool = PoolSettings(
        size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        timeout_seconds=settings.db_pool_timeout_seconds,
    )
    return Database(settings.database_url, pool)


def _hasher(settings: Settings) -> Argon2PasswordHasher:
    return Argon2PasswordHasher(
        Argon2Settings(
            time_cost=settings.argon2_time_cost,
            memory_kib=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
            threads=settings.hasher_threads,
            max_waiting=settings.hasher_max_waiting,
        )
    )


def _widget_limits(settings: Settings) -> WidgetLimits:
    return WidgetLimits(
        per_ip=settings.rate_limit_widget_per_ip,
        per_conversation=settings.rate_limit_widget_per_conversation,
    )


def _answer_generator(
    settings: Settings, client: httpx.AsyncClient, events: EventRecorder
) -> AnswerGenerator:
    builtin = BuiltinAnswerGenerator()
    if not settings.llm_configured:
        return builtin
    config = LlmConfig(
        base_url=settings.llm_base_url or "",
        model=settings.llm_model or "",
        api_key=settings.llm_api_key,
        timeout_seconds=settings.llm_timeout_seconds,
    )
    return OpenAiCompatibleAnswerGenerator(client, config, builtin, events)


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    database = providers.Singleton(_database, settings)
    password_hasher = providers.Singleton(_hasher, settings)
    token_codec = providers.Singleton(
        PyJwtTokenCodec,
        secret=settings.provided.jwt_secret,
        access_ttl_seconds=settings.provided.access_token_ttl_seconds,
    )
    rate_limiter = providers.Singleton(LimitsRateLimiter, redis_url=settings.provided.redis_url)
    event_recorder = providers.Singleton(SqlEventRecorder, database, clock)
    auth_policy = providers.Singleton(_auth_policy, settings)
    # One connection pool for every LLM call; `create_app` closes it on shutdown.
    llm_http_client = providers.Singleton(
        httpx.AsyncClient, timeout=settings.provided.llm_timeout_seconds
    )
    answer_generator = providers.Singleton(
        _answer_generator, settings, llm_http_client, event_recorder
    )

    unit_of_work = providers.Factory(SqlAlchemyUnitOfWork, database)

    # Auth and tenancy
    authenticate = providers.Factory(Authenticate, tokens=token_codec, clock=clock)
    resolve_tenant = providers.Factory(ResolveTenant)
    register_user = providers.Factory(
        RegisterUser,
        hasher=password_hasher,
        limiter=rate_limiter,
        clock=clock,
        policy=auth_policy,
    )
    login = providers.Factory(
        Login,
        services=providers.Factory(
            LoginServices, password_hasher, token_codec, rate_limiter, event_recorder, clock
        ),
        policy=auth_policy,
    )
    refresh_tokens = providers.Factory(
        RefreshTokens, tokens=token_codec, clock=clock, policy=auth_policy
    )
    logout = providers.Factory(Logout, clock=clock)
    create_admin = providers.Factory(CreateAdmin, hasher=password_hasher, clock=clock)

    # Me, tenants and members
    get_me = providers.Factory(GetMe, clock=clock)
    update_me = providers.Factory(UpdateMe, hasher=password_hasher, clock=clock)
    create_tenant = providers.Factory(
        CreateTenant, clock=clock, default_plan=settings.provided.default_plan
    )
    list_my_tenants = providers.Factory(ListMyTenants)
    update_tenant = providers.Factory(UpdateTenant, clock=clock)
    list_members = providers.Factory(ListMembers)
    add_member = providers.Factory(AddMember, clock=clock)
    change_member_role = providers.Factory(ChangeMemberRole)
    remove_member = providers.Factory(RemoveMember)

    # Bots and knowledge
    list_bots = providers.Factory(ListBots)
    get_bot = providers.Factory(GetBot)
    create_bot = providers.Factory(
        CreateBot,
        clock=clock,
        events=event_recorder,
        default_answer_threshold=DEFAULT_ANSWER_THRESHOLD,
    )
    update_bot = providers.Factory(UpdateBot, clock=clock)
    delete_bot = providers.Factory(DeleteBot, clock=clock)
    list_knowledge = providers.Factory(ListKnowledgeItems)
    get_knowledge_item = providers.Factory(GetKnowledgeItem)
    create_knowledge_item = providers.Factory(
        CreateKnowledgeItem, clock=clock, events=event_recorder
    )
    update_knowledge_item = providers.Factory(UpdateKnowledgeItem, clock=clock)
    delete_knowledge_item = providers.Factory(DeleteKnowledgeItem)

    # Leads
    list_leads = providers.Factory(ListLeads)
    create_lead = providers.Factory(CreateLead, clock=clock)
    update_lead = providers.Factory(UpdateLead, clock=clock)
    delete_lead = providers.Factory(DeleteLead)
    capture_lead = providers.Factory(CaptureLeadFromMessage, clock=clock)
    submit_public_lead = providers.Factory(SubmitPublicLead, clock=clock)

    # Conversations and the public widget
    message_quota = providers.Singleton(MessageQuota, rate_limiter, event_recorder, clock)
    widget_throttle = providers.Singleton(
        WidgetThrottle, rate_limiter, event_recorder, providers.Singleton(_widget_limits, settings)
    )
    list_conversations = providers.Factory(ListConversations)
    get_conversation = providers.Factory(GetConversation)
    reply_to_conversation = providers.Factory(ReplyToConversation, clock=clock)
    take_over_conversation = providers.Factory(TakeOverConversation)
    release_conversation = providers.Factory(ReleaseConversation)
    start_widget_chat = providers.Factory(StartWidgetChat, throttle=widget_throttle, clock=clock)
    send_widget_message = providers.Factory(
        SendWidgetMessage,
        answers=answer_generator,
        services=providers.Factory(WidgetServices, widget_throttle, message_quota, clock),
    )
    list_widget_messages = providers.Factory(ListWidgetMessages, throttle=widget_throttle)
    submit_widget_lead = providers.Factory(SubmitWidgetLead, throttle=widget_throttle, clock=clock)
