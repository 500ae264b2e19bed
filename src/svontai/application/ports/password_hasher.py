from typing import Protocol


class PasswordHasher(Protocol):
    """Slow password hashing; implementations run it off the event loop.

    Both methods raise `UnavailableError` when too many hashes are already waiting.
    """

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool: ...

    async def burn(self) -> None:
        """Spend the time of one verification, so an unknown email takes as long as a known one."""
        ...
