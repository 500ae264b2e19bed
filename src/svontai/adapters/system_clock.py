from datetime import UTC, datetime


class SystemClock:
    """Implements `Clock` with the machine's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)
