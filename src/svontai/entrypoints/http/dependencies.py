"""Per-request dependencies: the unit of work, the caller and the tenant they act in."""

import ipaddress
from typing import Any
from uuid import UUID

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import SkipValidation

from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.auth.principal import Principal
from svontai.application.tenancy.context import TenantContext
from svontai.domain.errors import AuthenticationError, ValidationError
from svontai.entrypoints.container import Container

AnyRequest = Request[Any, Any, Any]
# The key of the request's unit of work in the request's state, set by `provide_uow`.
UNIT_OF_WORK_KEY = "unit_of_work"
# The largest `skip` accepted by lists: far beyond any real list, within a 32-bit integer.
MAX_SKIP = 2_000_000_000


def provide_uow(request: AnyRequest, container: "ContainerDep") -> SqlAlchemyUnitOfWork:
    """Return the request's unit of work, which `RequestContextMiddleware` closes once the
    response is sent or the request failed.

    A generator dependency was not closed when a later dependency failed, and Litestar's
    cleanup group and exit stack for it cost about 2 % of a bot list's CPU time. Taking the
    container (not the app state) chains the dependencies, so Litestar resolves them one
    after another instead of spawning a task group per request.
    """
    uow: SqlAlchemyUnitOfWork = container.unit_of_work()
    request.scope["state"][UNIT_OF_WORK_KEY] = uow
    return uow


def provide_container(state: State) -> Container:
    container: Container = state.container
    return container


async def provide_principal(
    request: AnyRequest, container: "ContainerDep", uow: "UowDep"
) -> Principal:
    return await _authenticate(request, container, uow)


async def _authenticate(
    request: AnyRequest, container: Container, uow: SqlAlchemyUnitOfWork
) -> Principal:
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("A bearer access token is required.")
    try:
        tenant_id = tenant_header(request)
    except ValidationError:
        tenant_id = None  # Reported by the tenant dependency; logout must not fail on it.
    principal = await container.authenticate(uow=uow).execute(token.strip(), tenant_id)
    request.scope["state"]["user_id"] = str(principal.user.id)
    return principal


def tenant_header(request: AnyRequest) -> UUID | None:
    value = request.headers.get("x-tenant-id")
    if value is None:
        return None
    try:
        return UUID(value.strip())
    except ValueError:
        raise ValidationError("X-Tenant-ID", "must be a UUID") from None


async def provide_tenant(
    request: AnyRequest, container: "ContainerDep", uow: "UowDep"
) -> TenantContext:
    # Authenticates itself rather than taking the principal dependency: one dependency fewer
    # for Litestar to resolve on every tenant-scoped request.
    principal = await _authenticate(request, container, uow)
    resolve = container.resolve_tenant(uow=uow)
    context = await resolve.execute(principal, tenant_header(request))
    request.scope["state"]["tenant_id"] = str(context.tenant.id)
    return context


def client_ip(request: AnyRequest, trusted_proxies: tuple[str, ...]) -> str:
    """Return the peer address, or the forwarded client when the peer is a trusted proxy."""
    peer = request.client.host if request.client else "unknown"
    if not trusted_proxies or not _is_trusted(peer, trusted_proxies):
        return peer
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted(address, trusted_proxies):
            return address
    return peer


def _is_trusted(address: str, trusted_proxies: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in trusted_proxies)


async def provide_client_ip(request: AnyRequest, container: "ContainerDep", uow: "UowDep") -> str:
    # Taking the unit of work, unused here, puts this dependency after it: two dependencies
    # at the same depth make Litestar resolve them in a task group, which cost about 5 % of
    # a widget message.
    del uow
    return client_ip(request, container.settings().trusted_proxies)


APP_DEPENDENCIES = {
    "container": Provide(provide_container, sync_to_thread=False),
    "uow": Provide(provide_uow, sync_to_thread=False),
    "principal": Provide(provide_principal),
    "tenant": Provide(provide_tenant),
    "client_ip": Provide(provide_client_ip),
}

# Handler parameter types. Validation is skipped because these are trusted objects built by
# the dependencies above (a dependency-injector container is not an instance of its class).
ContainerDep = NamedDependency[SkipValidation[Container]]
UowDep = NamedDependency[SkipValidation[SqlAlchemyUnitOfWork]]
PrincipalDep = NamedDependency[SkipValidation[Principal]]
TenantDep = NamedDependency[SkipValidation[TenantContext]]
ClientIpDep = NamedDependency[SkipValidation[str]]
