"""Rows every database starts with: the four plans."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from svontai.adapters.persistence.tables import plans
from svontai.domain.plans import SEEDED_PLANS

_NAMESPACE = uuid.UUID("6f1c9a52-3d0e-4c8e-9d41-2b7f0c5a8e13")


def plan_id(code: str) -> uuid.UUID:
    """Return the fixed id of a seeded plan, the same in every database."""
    return uuid.uuid5(_NAMESPACE, f"plan:{code}")


def seed_plans(connection: Connection) -> None:
    """Insert the seeded plans that are missing; existing rows keep what administrators set."""
    now = datetime.now(UTC)
    existing = set(connection.execute(select(plans.c.code)).scalars())
    for seed in SEEDED_PLANS:
        if seed.code in existing:
            continue
        connection.execute(
            insert(plans).values(
                id=plan_id(seed.code),
                code=seed.code,
                name=seed.name,
                price_monthly=seed.price_monthly,
                currency="USD",
                bot_limit=seed.bot_limit,
                knowledge_items_limit=seed.knowledge_items_limit,
                monthly_message_limit=seed.monthly_message_limit,
                features=[feature.value for feature in seed.features],
                is_active=True,
                is_public=True,
                sort_order=seed.sort_order,
                created_at=now,
                updated_at=now,
            )
        )
