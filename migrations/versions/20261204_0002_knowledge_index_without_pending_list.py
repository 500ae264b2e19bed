"""write knowledge search entries straight into the GIN index

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 22:20:00.000000

By default a GIN index collects new entries in a pending list until the next vacuum, and every
search reads that whole list. After 100,000 items were added, a search took 2 ms instead of
0.15 ms (EXPLAIN ANALYZE, PostgreSQL 15) until a vacuum ran. Knowledge is read far more often
than it is written, so entries now go into the index at once, and the migration moves any
pending ones there. SQLite's FTS5 index is not affected.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEX = "ix_knowledge_items_search_vector"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER INDEX {_INDEX} SET (fastupdate = off)")
    op.execute(f"SELECT gin_clean_pending_list('{_INDEX}'::regclass)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER INDEX {_INDEX} RESET (fastupdate)")
