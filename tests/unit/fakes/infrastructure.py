from datetime import UTC, datetime, timedelta

from svontai.application.ports.event_recorder import SystemEvent


class FakeClock:
    def __init__(self, now: datetime | None = None) -> None:
        # Real time by default: the JWT library checks expiry against the machine clock.
        self.current = now or datetime.now(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class FakePasswordHasher:
    """Reversible "hashing" so tests stay fast; the real one is tested as an adapter."""

    def __init__(self) -> None:
        self.burned = 0

    async def hash(self, password: str) -> str:
        return f"hashed:{password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == f"hashed:{password}"

    async def burn(self) -> None:
        self.burned += 1


class FakeRateLimiter:
    """Counts hits per key with no time window; `limit` is parsed for its count only."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}

    async def hit(self, limit: str, key: str) -> int | None:
        if self._over(limit, key):
            return 60
        self.hits[key] = self.hits.get(key, 0) + 1
        return None

    async def retry_after(self, limit: str, key: str) -> int | None:
        return 60 if self._over(limit, key) else None

    def _over(self, limit: str, key: str) -> bool:
        return self.hits.get(key, 0) >= int(limit.split("/")[0])


class FakeEventRecorder:
    def __init__(self) -> None:
        self.events: list[SystemEvent] = []

    async def record(self, event: SystemEvent) -> None:
        self.events.append(event)

    def codes(self) -> list[str]:
        return [event.code.value for event in self.events]
