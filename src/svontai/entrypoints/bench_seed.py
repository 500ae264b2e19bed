"""Bulk-load synthetic knowledge items into one bot, for the load benchmark.

    python -m svontai.entrypoints.bench_seed --bot-id BOT_ID --count N

The database is the one in SVONTAI_DATABASE_URL. Items are random combinations of a
vocabulary of made-up words, so they grow the knowledge base and its index without matching
real visitor questions. They are written with their index entries, in batches of one
multi-row insert per table, and one commit per batch.

This is a benchmark tool: it bypasses the plan's knowledge item limit and the HTTP API on
purpose, so a bot on any plan can be grown to 100,000 items.
"""

import argparse
import asyncio
import os
import random
import sys
import time
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from multiprocessing import get_context
from typing import Any

from sqlalchemy import select, text

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.repositories.knowledge import (
    SqlKnowledgeRepository,
    row_values,
)
from svontai.adapters.persistence.tables import bots
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.domain.bots import KnowledgeItem
from svontai.entrypoints.settings import PREFIX, Settings

BATCH_SIZE = 2000
VOCABULARY_SIZE = 3000
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
# Every made-up word has a syllable starting with one of these letters, which Turkish does not
# use and English uses rarely, so the words stay apart from real ones.
_RARE_LETTERS = "qxw"


def vocabulary(rng: random.Random, size: int = VOCABULARY_SIZE) -> list[str]:
    """Return `size` distinct made-up words of seven letters, such as "kowaxim".

    Two such words together are longer than the compounds that `text.compound_groups` joins
    (12 letters), so no item needs a stemmer call for each pair of neighbouring words. With
    six-letter words, building 10,000 items took 47 s of CPU time instead of 2 s.
    """
    words: dict[str, None] = {}
    for _ in range(size * 20):
        syllables = [rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(3)]
        syllables[rng.randrange(3)] = rng.choice(_RARE_LETTERS) + rng.choice(_VOWELS)
        words["".join(syllables) + rng.choice(_CONSONANTS)] = None
        if len(words) == size:
            break
    return list(words)


def synthetic_items(
    rng: random.Random, words: Sequence[str], tenant_id: uuid.UUID, bot_id: uuid.UUID, count: int
) -> Iterator[KnowledgeItem]:
    """Yield `count` items whose title, question, answer and tags are random word runs."""
    now = datetime.now(UTC)
    for _ in range(count):
        yield KnowledgeItem(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            bot_id=bot_id,
            title=" ".join(rng.sample(words, rng.randint(2, 3))).capitalize(),
            question=" ".join(rng.sample(words, rng.randint(4, 8))).capitalize() + "?",
            answer=" ".join(rng.sample(words, rng.randint(8, 20))).capitalize() + ".",
            tags=rng.sample(words, rng.randint(0, 3)),
            created_at=now,
            updated_at=now,
        )


@dataclass(frozen=True, slots=True)
class Batch:
    """One batch of items to make, reproducible from its seed."""

    seed: int
    size: int
    tenant_id: uuid.UUID
    bot_id: uuid.UUID


@lru_cache(maxsize=1)
def _vocabulary_of(bot_id: uuid.UUID) -> list[str]:
    return vocabulary(random.Random(bot_id.int))  # noqa: S311 - made-up words, no secret


def build_rows(batch: Batch) -> list[dict[str, Any]]:
    """Make the `knowledge_items` rows of a batch, index terms included.

    It runs in worker processes, because the terms take most of the time.
    """
    rng = random.Random(batch.seed)  # noqa: S311 - made-up words, no secret
    words = _vocabulary_of(batch.bot_id)
    items = synthetic_items(rng, words, batch.tenant_id, batch.bot_id, batch.size)
    return [row_values(item) for item in items]


async def _tenant_of(uow: SqlAlchemyUnitOfWork, bot_id: uuid.UUID) -> uuid.UUID | None:
    query = select(bots.c.tenant_id).where(bots.c.id == bot_id, bots.c.deleted_at.is_(None))
    tenant_id: uuid.UUID | None = (await uow.execute(query)).scalar()
    await uow.rollback()
    return tenant_id


async def _write(uow: SqlAlchemyUnitOfWork, rows: list[dict[str, Any]]) -> int:
    await uow.begin_write()
    await SqlKnowledgeRepository(uow).add_rows(rows)
    await uow.commit()
    return len(rows)


async def _analyze(uow: SqlAlchemyUnitOfWork) -> None:
    """Refresh the planner's statistics, which a bulk load leaves stale, and on SQLite merge the
    text index into one segment.

    Without statistics PostgreSQL may scan all of a bot's items instead of using the text
    index. The writes merge SQLite's index only a bounded step at a time, so a bulk load leaves
    several segments, which every search would read.
    """
    await uow.begin_write()
    await uow.execute(text("ANALYZE knowledge_items"))
    if uow.dialect == "sqlite":
        await uow.execute(text("INSERT INTO knowledge_fts (knowledge_fts) VALUES ('optimize')"))
    await uow.commit()


async def _write_batches(uow: SqlAlchemyUnitOfWork, batches: list[Batch], workers: int) -> int:
    """Write the batches while worker processes build the next ones."""
    loop = asyncio.get_running_loop()
    written = 0
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        pending: deque[asyncio.Future[list[dict[str, Any]]]] = deque()
        for batch in batches:
            pending.append(loop.run_in_executor(pool, build_rows, batch))
            if len(pending) > workers:
                written += await _write(uow, await pending.popleft())
        while pending:
            written += await _write(uow, await pending.popleft())
    return written


async def seed(database_url: str, bot_id: uuid.UUID, count: int, workers: int = 1) -> int:
    """Add `count` items to the bot and return how many were written."""
    database = Database(database_url)
    uow = SqlAlchemyUnitOfWork(database)
    try:
        tenant_id = await _tenant_of(uow, bot_id)
        if tenant_id is None:
            raise LookupError(f"bot {bot_id} not found (or deleted) in {_safe(database_url)}")
        batches = [
            Batch(bot_id.int + start + 1, min(BATCH_SIZE, count - start), tenant_id, bot_id)
            for start in range(0, count, BATCH_SIZE)
        ]
        written = await _write_batches(uow, batches, workers)
        await _analyze(uow)
        return written
    finally:
        await uow.close()
        await database.dispose()


def _safe(database_url: str) -> str:
    """Return the URL without its password, for messages."""
    scheme, _, rest = database_url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bot-id", type=uuid.UUID, required=True, help="the bot to fill")
    parser.add_argument("--count", type=int, required=True, help="number of items to add")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that build items (default: the number of CPUs)",
    )
    arguments = parser.parse_args(argv)
    if arguments.count < 0 or arguments.workers < 1:
        parser.error("--count must be 0 or more and --workers 1 or more")
    database_url = os.environ.get(f"{PREFIX}DATABASE_URL") or Settings().database_url

    started = time.perf_counter()
    try:
        written = asyncio.run(
            seed(database_url, arguments.bot_id, arguments.count, arguments.workers)
        )
    except LookupError as error:
        print(f"bench_seed: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started

    print(f"bench_seed: added {written} items to bot {arguments.bot_id} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
