from typing import Protocol


class RateLimiter(Protocol):
    """Counts hits per key inside a window, e.g. `limit="5/15 minutes"`."""

    async def hit(self, limit: str, key: str) -> int | None:
        """Count one hit; return None when allowed, else the seconds to wait."""
        ...

    async def retry_after(self, limit: str, key: str) -> int | None:
        """Return the seconds to wait if `key` is over `limit`, without counting a hit."""
        ...
