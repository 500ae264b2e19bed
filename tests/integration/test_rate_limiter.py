import socket
import uuid

import pytest

from svontai.adapters.ratelimit.limits_rate_limiter import LimitsRateLimiter

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["memory", "redis"])
def limiter(request: pytest.FixtureRequest) -> LimitsRateLimiter:
    if request.param == "memory":
        return LimitsRateLimiter()
    if not _redis_available():
        pytest.fail(f"Redis at {REDIS_URL} is unreachable", pytrace=False)
    return LimitsRateLimiter(REDIS_URL)


async def test_limiter_allows_up_to_the_limit(limiter: LimitsRateLimiter) -> None:
    key = uuid.uuid4().hex

    results = [await limiter.hit("3/minute", key) for _ in range(3)]

    assert results == [None, None, None]


async def test_limiter_returns_retry_after_past_the_limit(limiter: LimitsRateLimiter) -> None:
    key = uuid.uuid4().hex
    for _ in range(3):
        await limiter.hit("3/minute", key)

    retry_after = await limiter.hit("3/minute", key)

    assert retry_after is not None
    assert 1 <= retry_after <= 60


async def test_limiter_test_does_not_count(limiter: LimitsRateLimiter) -> None:
    key = uuid.uuid4().hex

    for _ in range(5):
        assert await limiter.retry_after("1/minute", key) is None

    assert await limiter.hit("1/minute", key) is None


async def test_limiter_keys_are_independent(limiter: LimitsRateLimiter) -> None:
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    await limiter.hit("1/minute", first)

    result = await limiter.hit("1/minute", second)

    assert result is None
