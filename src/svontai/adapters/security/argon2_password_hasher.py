"""Argon2id hashing in a small thread pool, with a bound on how many hashes may wait."""

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from svontai.domain.errors import UnavailableError

T = TypeVar("T")
_HASHING_NICENESS = 19


def _lower_thread_priority() -> None:
    """Give hashing threads a lower CPU priority than the event loop (Linux, per thread).

    Under a burst of logins the scheduler then prefers the thread that serves every other
    request, so logins queue behind one another instead of slowing the whole API down.
    """
    # Where this is not Linux or not permitted, hashing keeps the normal priority.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _HASHING_NICENESS)


@dataclass(frozen=True, slots=True)
class Argon2Settings:
    """Cost parameters; the defaults are OWASP's minimum for Argon2id (19 MiB, t=2, p=1)."""

    time_cost: int = 2
    memory_kib: int = 19_456
    parallelism: int = 1
    threads: int = 1
    max_waiting: int = 256


class Argon2PasswordHasher:
    """Implements `PasswordHasher`. A full queue raises `UnavailableError` (HTTP 503).

    One hashing thread by default leaves the other core to the event loop, so logins slow each
    other down and nothing else.
    """

    def __init__(self, settings: Argon2Settings | None = None) -> None:
        settings = settings or Argon2Settings()
        self._hasher = PasswordHasher(
            time_cost=settings.time_cost,
            memory_cost=settings.memory_kib,
            parallelism=settings.parallelism,
            type=Type.ID,
        )
        self._executor = ThreadPoolExecutor(
            settings.threads, thread_name_prefix="argon2", initializer=_lower_thread_priority
        )
        self._slots = asyncio.BoundedSemaphore(settings.threads + settings.max_waiting)
        # Made by the first `burn`, on a hashing thread: the container builds this object
        # during the first request that needs it, and a hash on the event loop would stall
        # every other request for as long as a login takes.
        self._dummy_hash: str | None = None

    async def hash(self, password: str) -> str:
        return await self._run(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        return await self._run(self._verify_sync, password_hash, password)

    async def burn(self) -> None:
        await self._run(self._burn_sync)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _burn_sync(self) -> None:
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash("svontai-timing-equaliser")
        self._verify_sync(self._dummy_hash, "not-the-password")

    def _verify_sync(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    async def _run(self, function: Callable[..., T], *args: str) -> T:
        if self._slots.locked():
            raise UnavailableError("Too many sign-ins are in progress; try again in a moment.")
        async with self._slots:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, function, *args)
