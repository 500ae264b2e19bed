"""Moving-window rate limits with the `limits` library, in memory or in Redis."""

import math
import time
from typing import cast

from limits import RateLimitItem, parse
from limits import strategies as sync_strategies
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import MemoryStorage, storage_from_string
from limits.util import WindowStats


class LimitsRateLimiter:
    """Implements `RateLimiter`. Redis keeps the counts shared between instances.

    In memory it uses the library's synchronous storage, called directly: its operations are
    in-process list updates. The asyncio memory storage instead sweeps every key after each
    hit, with one thread hand-off per key, which under load took more CPU than the requests.
    """

    def __init__(self, redis_url: str | None = None) -> None:
        self._parsed: dict[str, RateLimitItem] = {}
        self._memory: sync_strategies.MovingWindowRateLimiter | None = None
        self._redis: MovingWindowRateLimiter | None = None
        if redis_url:
            storage = cast(Storage, storage_from_string(_async_redis_uri(redis_url)))
            self._redis = MovingWindowRateLimiter(storage)
        else:
            self._memory = sync_strategies.MovingWindowRateLimiter(MemoryStorage())

    async def hit(self, limit: str, key: str) -> int | None:
        item = self._item(limit)
        if self._memory is not None:
            allowed = self._memory.hit(item, key)
        else:
            assert self._redis is not None
            allowed = await self._redis.hit(item, key)
        if allowed:
            return None
        return await self._wait(item, key)

    async def retry_after(self, limit: str, key: str) -> int | None:
        item = self._item(limit)
        if self._memory is not None:
            allowed = self._memory.test(item, key)
        else:
            assert self._redis is not None
            allowed = await self._redis.test(item, key)
        if allowed:
            return None
        return await self._wait(item, key)

    async def reset(self) -> None:
        if self._memory is not None:
            self._memory.storage.reset()
        else:
            assert self._redis is not None
            await self._redis.storage.reset()

    def _item(self, limit: str) -> RateLimitItem:
        item = self._parsed.get(limit)
        if item is None:
            item = self._parsed[limit] = parse(limit)
        return item

    async def _wait(self, item: RateLimitItem, key: str) -> int:
        stats: WindowStats
        if self._memory is not None:
            stats = self._memory.get_window_stats(item, key)
        else:
            assert self._redis is not None
            stats = await self._redis.get_window_stats(item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))


def _async_redis_uri(url: str) -> str:
    """`limits` picks its asyncio Redis client from the `async+` scheme prefix."""
    return url if url.startswith("async+") else f"async+{url}"
