import pytest
from limits import parse
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from svontai.adapters.ratelimit.memory_storage import (
    SWEEP_INTERVAL_SECONDS,
    MemoryWindowStorage,
)


class ManualClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def storage(clock: ManualClock) -> MemoryWindowStorage:
    return MemoryWindowStorage(clock)


async def test_window_takes_entries_up_to_the_limit(storage: MemoryWindowStorage) -> None:
    acquired = [await storage.acquire_entry("key", 3, 60) for _ in range(4)]

    assert acquired == [True, True, True, False]


async def test_window_entry_counts_until_expiry(
    storage: MemoryWindowStorage, clock: ManualClock
) -> None:
    await storage.acquire_entry("key", 2, 60)
    clock.advance(30)
    await storage.acquire_entry("key", 2, 60)
    assert not await storage.acquire_entry("key", 2, 60)

    clock.advance(30.5)  # the first entry no longer counts, the second still does

    assert await storage.acquire_entry("key", 2, 60)
    assert not await storage.acquire_entry("key", 2, 60)


async def test_window_rejects_amount_above_limit(
    storage: MemoryWindowStorage,
) -> None:
    assert not await storage.acquire_entry("key", 2, 60, amount=3)
    assert await storage.acquire_entry("key", 2, 60, amount=2)
    assert not await storage.acquire_entry("key", 2, 60)


async def test_key_with_two_limits_keeps_both(
    storage: MemoryWindowStorage, clock: ManualClock
) -> None:
    assert await storage.acquire_entry("key", 2, 10)
    assert await storage.acquire_entry("key", 3, 60)
    clock.advance(20)  # the first entry no longer counts for the 10-second limit

    assert await storage.acquire_entry("key", 2, 10)
    assert not await storage.acquire_entry("key", 3, 60)


async def test_window_starts_at_oldest_entry(
    storage: MemoryWindowStorage, clock: ManualClock
) -> None:
    start = clock.now
    await storage.acquire_entry("key", 5, 60)
    clock.advance(10)
    await storage.acquire_entry("key", 5, 60)
    clock.advance(55)  # the first entry has left the window

    assert await storage.get_moving_window("key", 5, 60) == (start + 10, 1)


async def test_window_of_an_unknown_key_is_empty(
    storage: MemoryWindowStorage, clock: ManualClock
) -> None:
    assert await storage.get_moving_window("unknown", 5, 60) == (clock.now, 0)


async def test_keys_have_separate_windows(storage: MemoryWindowStorage) -> None:
    assert await storage.acquire_entry("first", 1, 60)

    assert await storage.acquire_entry("second", 1, 60)
    assert not await storage.acquire_entry("first", 1, 60)


async def test_sweep_drops_expired_keys(storage: MemoryWindowStorage, clock: ManualClock) -> None:
    await storage.acquire_entry("idle", 5, 10)
    await storage.incr("counter", 10)
    clock.advance(SWEEP_INTERVAL_SECONDS)
    await storage.acquire_entry("busy", 5, 60)

    # reset() reports how many keys it cleared, so it shows what the sweep left.
    assert await storage.reset() == 1


async def test_sweep_keeps_live_keys(storage: MemoryWindowStorage, clock: ManualClock) -> None:
    await storage.acquire_entry("key", 2, 120)
    clock.advance(SWEEP_INTERVAL_SECONDS)
    await storage.acquire_entry("other", 2, 120)

    assert await storage.acquire_entry("key", 2, 120)
    assert not await storage.acquire_entry("key", 2, 120)


async def test_counter_counts_until_it_expires(
    storage: MemoryWindowStorage, clock: ManualClock
) -> None:
    assert await storage.incr("key", 60) == 1
    assert await storage.incr("key", 60, amount=2) == 3
    assert await storage.get("key") == 3
    assert await storage.get_expiry("key") == clock.now + 60

    clock.advance(60)

    assert await storage.get("key") == 0
    assert await storage.incr("key", 60) == 1


async def test_clear_forgets_a_key(storage: MemoryWindowStorage) -> None:
    await storage.acquire_entry("key", 1, 60)
    await storage.incr("key", 60)

    await storage.clear("key")

    assert await storage.acquire_entry("key", 1, 60)
    assert await storage.get("key") == 0


async def test_limits_strategies_run_on_the_storage(
    storage: MemoryWindowStorage, clock: ManualClock
) -> None:
    moving, fixed = MovingWindowRateLimiter(storage), FixedWindowRateLimiter(storage)
    item = parse("2/minute")

    assert [await moving.hit(item, "moving") for _ in range(3)] == [True, True, False]
    assert [await fixed.hit(item, "fixed") for _ in range(3)] == [True, True, False]
    stats = await moving.get_window_stats(item, "moving")
    assert stats.remaining == 0
    assert stats.reset_time == clock.now + 60
    assert await storage.check()
