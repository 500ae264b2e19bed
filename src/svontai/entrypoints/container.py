"""The composition root: every adapter and use case is wired here and nowhere else.

Use cases are factories that need the request's unit of work: call them as
`container.login(uow=uow)`. Tests replace providers with `container.x.override(...)`.
"""

from dependency_injector import containers, providers

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
from svontai.application.tenancy.resolve_tenant import ResolveTenant
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
