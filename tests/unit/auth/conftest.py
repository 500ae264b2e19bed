import pytest

from svontai.adapters.security.pyjwt_token_codec import PyJwtTokenCodec
from svontai.application.auth.login import Login, LoginServices
from svontai.application.auth.policy import AuthPolicy
from svontai.application.auth.refresh_tokens import RefreshTokens
from svontai.application.auth.register_user import RegisterUser
from tests.unit.fakes.infrastructure import (
    FakeClock,
    FakeEventRecorder,
    FakePasswordHasher,
    FakeRateLimiter,
)
from tests.unit.fakes.unit_of_work import FakeUnitOfWork

POLICY = AuthPolicy(login_failures="5/900 seconds", per_ip="100/minute")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limiter() -> FakeRateLimiter:
    return FakeRateLimiter()


@pytest.fixture
def events() -> FakeEventRecorder:
    return FakeEventRecorder()


@pytest.fixture
def hasher() -> FakePasswordHasher:
    return FakePasswordHasher()


@pytest.fixture
def tokens() -> PyJwtTokenCodec:
    return PyJwtTokenCodec("unit-test-secret-long-enough-for-hs256-000")


@pytest.fixture
def register(
    uow: FakeUnitOfWork, hasher: FakePasswordHasher, limiter: FakeRateLimiter, clock: FakeClock
) -> RegisterUser:
    return RegisterUser(uow, hasher, limiter, clock, POLICY)


@pytest.fixture
def login(
    uow: FakeUnitOfWork,
    hasher: FakePasswordHasher,
    tokens: PyJwtTokenCodec,
    limiter: FakeRateLimiter,
    events: FakeEventRecorder,
    clock: FakeClock,
) -> Login:
    return Login(uow, LoginServices(hasher, tokens, limiter, events, clock), POLICY)


@pytest.fixture
def refresh(uow: FakeUnitOfWork, tokens: PyJwtTokenCodec, clock: FakeClock) -> RefreshTokens:
    return RefreshTokens(uow, tokens, clock, POLICY)
