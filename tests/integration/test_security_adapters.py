import asyncio
import os
import threading
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import jwt
import pytest
from argon2 import PasswordHasher

from svontai.adapters.security.argon2_password_hasher import Argon2PasswordHasher, Argon2Settings
from svontai.adapters.security.pyjwt_token_codec import AUDIENCE, ISSUER, PyJwtTokenCodec
from svontai.domain.errors import AuthenticationError, UnavailableError

SECRET = "integration-secret-long-enough-for-hs256-0"
CHEAP = Argon2Settings(time_cost=1, memory_kib=1024, threads=1, max_waiting=1)


async def test_argon2_hash_verifies_and_uses_argon2id() -> None:
    hasher = Argon2PasswordHasher(CHEAP)

    password_hash = await hasher.hash("correct horse")

    assert password_hash.startswith("$argon2id$")
    assert await hasher.verify(password_hash, "correct horse")
    assert not await hasher.verify(password_hash, "wrong horse")
    hasher.close()


async def test_argon2_rejects_garbage_hash_without_raising() -> None:
    hasher = Argon2PasswordHasher(CHEAP)

    result = await hasher.verify("not-a-hash", "anything")

    assert result is False
    hasher.close()


async def test_argon2_answers_unavailable_when_queue_is_full() -> None:
    hasher = Argon2PasswordHasher(
        Argon2Settings(time_cost=3, memory_kib=16_384, threads=1, max_waiting=1)
    )

    results = await asyncio.gather(
        *(hasher.hash(f"password {index}") for index in range(6)), return_exceptions=True
    )

    rejected = [result for result in results if isinstance(result, UnavailableError)]
    assert rejected
    assert len(rejected) < len(results)
    hasher.close()


async def test_argon2_burn_hashes_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    hashing_threads: list[int] = []
    original_hash = PasswordHasher.hash

    def recording_hash(self: PasswordHasher, password: str | bytes, **options: Any) -> str:
        hashing_threads.append(threading.get_ident())
        return original_hash(self, password, **options)

    monkeypatch.setattr(PasswordHasher, "hash", recording_hash)
    hasher = Argon2PasswordHasher(CHEAP)
    assert hashing_threads == []

    await hasher.burn()
    await hasher.burn()

    assert len(hashing_threads) == 1
    assert hashing_threads[0] != threading.get_ident()
    hasher.close()


async def test_argon2_keeps_event_loop_responsive() -> None:
    hasher = Argon2PasswordHasher(Argon2Settings(time_cost=3, memory_kib=16_384))
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.001)
            ticks += 1

    ticker = asyncio.create_task(tick())
    await hasher.hash("password one")
    ticker.cancel()

    assert ticks > 3
    hasher.close()


def test_access_token_round_trip() -> None:
    codec = PyJwtTokenCodec(SECRET, access_ttl_seconds=900)
    user_id, session_id = uuid4(), uuid4()

    claims = codec.read_access(codec.issue_access(user_id, session_id, datetime.now(UTC)))

    assert claims.user_id == user_id
    assert claims.session_id == session_id


def test_access_token_carries_required_claims() -> None:
    codec = PyJwtTokenCodec(SECRET)

    token = codec.issue_access(uuid4(), uuid4(), datetime.now(UTC))

    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience=AUDIENCE, issuer=ISSUER)
    assert claims["typ"] == "access"
    assert {"sub", "sid", "jti", "iat", "exp", "iss", "aud"} <= set(claims)


def test_expired_access_token_is_rejected() -> None:
    codec = PyJwtTokenCodec(SECRET, access_ttl_seconds=60)
    token = codec.issue_access(uuid4(), uuid4(), datetime.now(UTC) - timedelta(minutes=5))

    with pytest.raises(AuthenticationError):
        codec.read_access(token)


def test_unsigned_token_is_rejected() -> None:
    codec = PyJwtTokenCodec(SECRET)
    claims = {"sub": str(uuid4()), "sid": str(uuid4()), "typ": "access", "aud": AUDIENCE}
    token = jwt.encode(claims, key=None, algorithm="none")

    with pytest.raises(AuthenticationError):
        codec.read_access(token)


def test_token_of_other_type_is_rejected() -> None:
    codec = PyJwtTokenCodec(SECRET)
    now = datetime.now(UTC)
    claims = {
        "sub": str(uuid4()),
        "sid": str(uuid4()),
        "jti": "x",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "iss": ISSUER,
        "aud": AUDIENCE,
        "typ": "callback",
    }

    with pytest.raises(AuthenticationError):
        codec.read_access(jwt.encode(claims, SECRET, algorithm="HS256"))


async def test_argon2_thread_runs_at_lower_priority() -> None:
    hasher = Argon2PasswordHasher(CHEAP)
    await hasher.hash("warm up the thread")

    niceness = await asyncio.get_running_loop().run_in_executor(
        hasher._executor, lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    )

    assert niceness >= 10
    hasher.close()
