"""Plans: what a tenant may use and how much of it."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

from svontai.domain.errors import FeatureNotInPlanError, PlanLimitError


class Feature(StrEnum):
    WIDGET = "widget"
    WHATSAPP = "whatsapp"
    AUTOMATION = "automation"
    LEAD_CAPTURE = "lead_capture"
    LLM_ANSWERS = "llm_answers"


@dataclass(slots=True)
class Plan:
    id: UUID
    code: str
    name: str
    bot_limit: int | None
    knowledge_items_limit: int | None
    monthly_message_limit: int | None
    features: list[str] = field(default_factory=list)
    price_monthly: float = 0.0
    currency: str = "USD"
    is_active: bool = True
    is_public: bool = True
    sort_order: int = 0

    def has(self, feature: Feature) -> bool:
        return feature.value in self.features

    def require_feature(self, feature: Feature) -> None:
        if not self.has(feature):
            raise FeatureNotInPlanError(
                f"The {self.name} plan does not include the {feature.value} feature."
            )

    def check_bot_limit(self, bots_used: int) -> None:
        if self.bot_limit is not None and bots_used >= self.bot_limit:
            raise PlanLimitError(f"The {self.name} plan allows {self.bot_limit} bot(s).")

    def check_knowledge_limit(self, items_used: int) -> None:
        limit = self.knowledge_items_limit
        if limit is not None and items_used >= limit:
            raise PlanLimitError(f"The {self.name} plan allows {limit} knowledge items.")

    def has_message_quota(self, messages_used: int) -> bool:
        limit = self.monthly_message_limit
        return limit is None or messages_used < limit


@dataclass(frozen=True, slots=True)
class PlanSeed:
    code: str
    name: str
    bot_limit: int | None
    knowledge_items_limit: int | None
    monthly_message_limit: int | None
    features: tuple[Feature, ...]
    price_monthly: float
    sort_order: int


_PRO_FEATURES = (Feature.WIDGET, Feature.WHATSAPP, Feature.AUTOMATION, Feature.LEAD_CAPTURE)

SEEDED_PLANS = (
    PlanSeed("free", "Free", 1, 50, 500, (Feature.WIDGET,), 0, 10),
    PlanSeed("pro", "Pro", 3, 1_000, 5_000, _PRO_FEATURES, 29, 20),
    PlanSeed(
        "premium", "Premium", 10, 10_000, 50_000, (*_PRO_FEATURES, Feature.LLM_ANSWERS), 99, 30
    ),
    PlanSeed("enterprise", "Enterprise", None, None, None, tuple(Feature), 499, 40),
)


def billing_period(now: datetime) -> tuple[datetime, datetime]:
    """Return the calendar month in UTC that contains `now`, end exclusive."""
    start = datetime(now.year, now.month, 1, tzinfo=UTC)
    if now.month == 12:
        return start, datetime(now.year + 1, 1, 1, tzinfo=UTC)
    return start, datetime(now.year, now.month + 1, 1, tzinfo=UTC)
