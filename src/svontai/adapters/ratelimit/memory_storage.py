"""An in-process storage for the `limits` library whose upkeep does not grow with each hit.

The asyncio memory storage that ships with `limits` sweeps every key after each hit and hands
each key to a worker thread. With 200 active conversations that sweep ran all the time, and a
widget message cost about 15 % more CPU than with this storage (measured on 2 cores). This
one trims a key's window when the key is used, and drops idle keys in one pass at most every
`SWEEP_INTERVAL_SECONDS`.
"""

import time
from collections import deque
from collections.abc import Callable

from limits.aio.storage import MovingWindowSupport, Storage

SWEEP_INTERVAL_SECONDS = 30.0


class _Window:
    """The times of a key's entries, oldest first, and the longest time any entry counts."""

    __slots__ = ("expiry", "times")

    def __init__(self, expiry: float) -> None:
        self.expiry = expiry
        self.times: deque[float] = deque()

    def trim(self, now: float) -> None:
        cutoff = now - self.expiry
        times = self.times
        while times and times[0] < cutoff:
            times.popleft()


class MemoryWindowStorage(Storage, MovingWindowSupport):
    """Moving windows and fixed-window counters in this process's memory.

    Each method runs without awaiting, so on one event loop no hit can interleave with
    another and no lock is needed. A window contains at most `limit` entries.
    """

    # Built directly, never from a storage URI, so it registers no URI scheme.
    STORAGE_SCHEME = None

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        super().__init__()
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._counters: dict[str, tuple[int, float]] = {}
        self._next_sweep = clock() + SWEEP_INTERVAL_SECONDS

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return ValueError

    async def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = self._now()
        window = self._windows.get(key)
        if window is None:
            window = self._windows[key] = _Window(expiry)
        window.expiry = max(window.expiry, expiry)
        window.trim(now)
        times = window.times
        # The window is full when its `limit - amount + 1`-th newest entry still counts. Checking
        # only that entry keeps a key exact for each of two limits that share it.
        oldest_kept = limit - amount + 1
        if len(times) >= oldest_kept and times[-oldest_kept] >= now - expiry:
            return False
        times.extend([now] * amount)
        return True

    async def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """Return the time of the oldest entry that still counts, and how many entries count."""
        now = self._now()
        window = self._windows.get(key)
        if window is None:
            return now, 0
        cutoff = now - expiry
        # Entries are in time order, so the first one inside the window starts it.
        for skipped, moment in enumerate(window.times):
            if moment >= cutoff:
                return moment, len(window.times) - skipped
        return now, 0

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = self._now()
        count, expires_at = self._counters.get(key, (0, 0.0))
        if expires_at <= now:
            count, expires_at = 0, now + expiry
        count += amount
        self._counters[key] = (count, expires_at)
        return count

    async def get(self, key: str) -> int:
        count, expires_at = self._counters.get(key, (0, 0.0))
        return count if expires_at > self._now() else 0

    async def get_expiry(self, key: str) -> float:
        now = self._now()
        _, expires_at = self._counters.get(key, (0, now))
        return max(expires_at, now)

    async def check(self) -> bool:
        return True

    async def reset(self) -> int | None:
        cleared = len(self._windows) + len(self._counters)
        self._windows.clear()
        self._counters.clear()
        return cleared

    async def clear(self, key: str) -> None:
        self._windows.pop(key, None)
        self._counters.pop(key, None)

    def _now(self) -> float:
        """Return the time, first dropping idle keys when a sweep is due."""
        now = self._clock()
        if now >= self._next_sweep:
            self._sweep(now)
        return now

    def _sweep(self, now: float) -> None:
        self._next_sweep = now + SWEEP_INTERVAL_SECONDS
        idle = [
            key
            for key, window in self._windows.items()
            if not window.times or window.times[-1] < now - window.expiry
        ]
        for key in idle:
            del self._windows[key]
        expired = [key for key, (_, expires_at) in self._counters.items() if expires_at <= now]
        for key in expired:
            del self._counters[key]
