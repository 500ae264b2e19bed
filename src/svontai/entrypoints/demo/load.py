"""`svontai demo`: load the sample coffee-shop business and print how to chat with its bot.

Everything is created through the same use cases as the API. Loading is idempotent: the demo
user, its tenant, the bot and each knowledge item (matched by question) are created only when
missing, so a second run changes nothing and prints the same login and bot key.

The demo tenant is created on the `enterprise` plan, whatever plan `SVONTAI_DEFAULT_PLAN`
names. The demo then shows every feature (lead capture from chat, LLM answers when an LLM is
configured) and does not run into the monthly reply quota while someone tries it out. The free
plan's limit of 50 items would hold the demo's knowledge base, but it lacks those features.
"""

import json
import os
import secrets
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from svontai.application.auth.principal import Principal
from svontai.application.auth.register_user import RegisterUserCommand
from svontai.application.bots.fields import BotFields
from svontai.application.knowledge.create_item import CreateKnowledgeItemCommand
from svontai.application.knowledge.fields import KnowledgeFields
from svontai.application.knowledge.list_items import KnowledgeQuery
from svontai.application.pagination import PageRequest
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.tenancy.context import TenantContext
from svontai.application.tenancy.create_tenant import CreateTenantCommand
from svontai.domain.bots import Bot
from svontai.domain.roles import Role
from svontai.domain.users import User
from svontai.entrypoints.container import Container
from svontai.entrypoints.demo.instructions import DemoSummary, instructions
from svontai.entrypoints.settings import Settings

# `.example` is reserved for examples (RFC 2606) and passes the email validation, which rejects
# special-use names such as `.local`.
DEMO_EMAIL = "demo@svontai.example"
DEMO_FULL_NAME = "Demo Owner"
DEMO_PLAN = "enterprise"
PASSWORD_VARIABLE = "SVONTAI_DEMO_PASSWORD"  # noqa: S105 - a variable name, not a password
PASSWORD_FILE = "demo_password"  # noqa: S105 - a file name, not a password
KNOWLEDGE_BASE = Path(__file__).with_name("knowledge_base.json")
# Registration is rate limited per client IP, and this command is a local client.
_CLIENT_IP = "127.0.0.1"
_PAGE_SIZE = 200
_MAX_PAGES = 1000


@dataclass(frozen=True, slots=True)
class DemoLogin:
    user: User
    password: str | None


async def load_demo(settings: Settings, password: str | None = None) -> str:
    """Load the demo business into the configured database and return the text to print.

    The password is `password`, else `SVONTAI_DEMO_PASSWORD`, else one generated on the first
    run and kept in the secrets directory, so later runs print it again.
    """
    summary = await load_demo_business(settings, password)
    return instructions(summary, settings.public_base_url)


async def load_demo_business(settings: Settings, password: str | None = None) -> DemoSummary:
    """Load the demo business like `load_demo` and return what was loaded."""
    data = json.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))
    container = Container(settings=settings)
    try:
        return await _load(container, settings, data, password)
    finally:
        container.password_hasher().close()
        await container.database().dispose()


async def _load(
    container: Container, settings: Settings, data: dict[str, Any], password: str | None
) -> DemoSummary:
    async with container.unit_of_work() as session:
        # The repositories are attached at run time, so the type checker needs the port.
        uow = cast(UnitOfWork, session)
        login = await _demo_user(container, uow, settings, password)
        # The use cases need a caller. It has no session because nobody logged in.
        principal = Principal(login.user, session_id=uuid.uuid4())
        context = await _demo_tenant(container, uow, principal, data["business"]["name"])
        bot = await _demo_bot(container, uow, context, data["business"]["bot"])
        added = await _add_missing_items(container, uow, context, bot, data["items"])
        total = await uow.knowledge.count(context.tenant.id)

    return DemoSummary(
        email=DEMO_EMAIL,
        password=login.password,
        tenant_name=context.tenant.name,
        plan_code=context.tenant.plan_code,
        bot=bot,
        items_added=added,
        items_total=total,
    )


async def _demo_user(
    container: Container, uow: UnitOfWork, settings: Settings, password: str | None
) -> DemoLogin:
    password = password or os.environ.get(PASSWORD_VARIABLE) or None
    password_file = Path(settings.secrets_dir) / PASSWORD_FILE
    user = await uow.users.get_by_email(DEMO_EMAIL)
    if user is not None:
        known = password or _read_password(password_file)
        hasher = container.password_hasher()
        matches = known is not None and await hasher.verify(user.password_hash, known)
        return DemoLogin(user, known if matches else None)

    if password is None:
        password = _read_password(password_file) or _store_password(password_file)
    command = RegisterUserCommand(DEMO_EMAIL, password, DEMO_FULL_NAME, _CLIENT_IP)
    user = await container.register_user(uow=uow).execute(command)
    return DemoLogin(user, password)


def _read_password(path: Path) -> str | None:
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").strip() or None


def _store_password(path: Path) -> str:
    """Generate a password and write it to `path`, readable by the owner only."""
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(password + "\n")
    return password


async def _demo_tenant(
    container: Container, uow: UnitOfWork, principal: Principal, name: str
) -> TenantContext:
    for access in await container.list_my_tenants(uow=uow).execute(principal):
        if access.tenant.name == name and access.role is Role.OWNER:
            return TenantContext(principal, access.tenant, access.role)

    create = container.create_tenant(uow=uow, default_plan=DEMO_PLAN)
    tenant = await create.execute(principal, CreateTenantCommand(name))
    return TenantContext(principal, tenant, Role.OWNER)


async def _demo_bot(
    container: Container, uow: UnitOfWork, context: TenantContext, fields: dict[str, Any]
) -> Bot:
    page = await container.list_bots(uow=uow).execute(context, PageRequest(0, _PAGE_SIZE))
    for bot in page.items:
        if bot.name == fields["name"]:
            return bot

    return await container.create_bot(uow=uow).execute(context, BotFields(**fields))


async def _add_missing_items(
    container: Container,
    uow: UnitOfWork,
    context: TenantContext,
    bot: Bot,
    items: list[dict[str, Any]],
) -> int:
    """Create the items whose question the bot does not have yet, and return their number."""
    existing = await _existing_questions(container, uow, context, bot)
    missing = [item for item in items if item["question"].strip() not in existing]
    create = container.create_knowledge_item(uow=uow)
    for item in missing:
        fields = KnowledgeFields(
            title=item.get("title"),
            question=item["question"],
            answer=item["answer"],
            tags=list(item.get("tags", [])),
        )
        await create.execute(context, CreateKnowledgeItemCommand(bot.id, fields))

    return len(missing)


async def _existing_questions(
    container: Container, uow: UnitOfWork, context: TenantContext, bot: Bot
) -> set[str]:
    questions: set[str] = set()
    listing = container.list_knowledge(uow=uow)
    for number in range(_MAX_PAGES):
        page_request = PageRequest(number * _PAGE_SIZE, _PAGE_SIZE)
        page = await listing.execute(context, KnowledgeQuery(bot_id=bot.id, page=page_request))
        questions.update(item.question for item in page.items)
        if len(page.items) < _PAGE_SIZE:
            break

    return questions
