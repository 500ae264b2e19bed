"""Moving-window rate limits with the `limits` library, in memory or in Redis."""

import math
import time
from typing import cast

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from svontai.adapters.ratelimit.memory_storage import MemoryWindowStorage


class LimitsRateLimiter:
    """Implements `RateLimiter`. Redis keeps the counts shared between instances."""

    def __init__(self, redis_url: str | None = None) -> None:
        storage = (
            cast(Storage, storage_from_string(_async_redis_uri(redis_url)))
            if redis_url
            else MemoryWindowStorage()
        )
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self._parsed: dict[str, RateLimitItem] = {}

    async def hit(self, limit: str, key: str) -> int | None:
        item = self._item(limit)
        if await self._limiter.hit(item, key):
            return None
        return await self._wait(item, key)

    async def retry_after(self, limit: str, key: str) -> int | None:
        item = self._item(limit)
        if await self._limiter.test(item, key):
            return None
        return await self._wait(item, key)

    async def reset(self) -> None:
        await self._storage.reset()

    def _item(self, limit: str) -> RateLimitItem:
        item = self._parsed.get(limit)
        if item is None:
            item = self._parsed[limit] = parse(limit)
        return item

    async def _wait(self, item: RateLimitItem, key: str) -> int:
        stats = await self._limiter.get_window_stats(item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))


def _async_redis_uri(url: str) -> str:
    """`limits` picks its asyncio Redis client from the `async+` scheme prefix."""
    return url if url.startswith("async+") else f"async+{url}"
