"""The database schema. Constraint names are fixed so violations map to domain errors."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    Uuid,
    text,
)

from svontai.adapters.persistence.types import JsonType, UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _timestamps() -> list[Column[object]]:
    return [
        Column("created_at", UtcDateTime(), nullable=False),
        Column("updated_at", UtcDateTime(), nullable=False),
    ]


users = Table(
    "users",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("full_name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("is_active", Boolean(), nullable=False),
    Column("is_platform_admin", Boolean(), nullable=False),
    Column("last_login_at", UtcDateTime()),
    *_timestamps(),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("user_id", Uuid(), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime()),
    Index(None, "user_id"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("session_id", Uuid(), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("rotated_at", UtcDateTime()),
    Index(None, "session_id"),
)

tenants = Table(
    "tenants",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("slug", String(80), nullable=False, unique=True),
    Column("settings", JsonType, nullable=False),
    Column("is_suspended", Boolean(), nullable=False),
    *_timestamps(),
)

memberships = Table(
    "memberships",
    metadata,
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Uuid(), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index(None, "user_id", "created_at"),
)

plans = Table(
    "plans",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("code", String(50), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("price_monthly", Numeric(12, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("bot_limit", Integer()),
    Column("knowledge_items_limit", Integer()),
    Column("monthly_message_limit", Integer()),
    Column("features", JsonType, nullable=False),
    Column("is_active", Boolean(), nullable=False),
    Column("is_public", Boolean(), nullable=False),
    Column("sort_order", Integer(), nullable=False),
    *_timestamps(),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True),
    Column("plan_id", Uuid(), ForeignKey("plans.id"), nullable=False),
    Column("previous_plan_id", Uuid(), ForeignKey("plans.id")),
    Column("expires_at", UtcDateTime()),
    *_timestamps(),
)

usage_counters = Table(
    "usage_counters",
    metadata,
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True),
    Column("period_start", UtcDateTime(), primary_key=True),
    Column("messages_sent", Integer(), nullable=False),
)

bots = Table(
    "bots",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("description", Text()),
    Column("welcome_message", Text(), nullable=False),
    Column("language", String(10), nullable=False),
    Column("primary_color", String(7), nullable=False),
    Column("widget_position", String(5), nullable=False),
    Column("is_active", Boolean(), nullable=False),
    Column("fallback_message", Text(), nullable=False),
    Column("handoff_message", Text(), nullable=False),
    Column("answer_threshold", Float(), nullable=False),
    Column("public_key", String(64), nullable=False, unique=True),
    Column("deleted_at", UtcDateTime()),
    *_timestamps(),
    Index(None, "tenant_id", "created_at"),
)

knowledge_items = Table(
    "knowledge_items",
    metadata,
    Column("id", Uuid(), primary_key=True),
    # A 63-bit number that names the item in the SQLite full-text table (its rowid).
    Column("search_rowid", BigInteger(), nullable=False, unique=True),
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
    Column("bot_id", Uuid(), ForeignKey("bots.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200)),
    Column("question", Text(), nullable=False),
    Column("answer", Text(), nullable=False),
    Column("tags", JsonType, nullable=False),
    # Normalised, stemmed terms of the item: what the full-text index is built from.
    # The index itself is made by the migration, outside this metadata: the FTS5 table
    # `knowledge_fts` on SQLite, the generated `search_vector` column with GIN on PostgreSQL.
    Column("search_text", Text(), nullable=False),
    *_timestamps(),
    Index(None, "tenant_id", "created_at"),
    Index(None, "bot_id", "created_at"),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
    Column("bot_id", Uuid(), ForeignKey("bots.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("external_user_id", String(128), nullable=False),
    Column("status", String(20), nullable=False),
    Column("is_ai_paused", Boolean(), nullable=False),
    Column("lead_id", Uuid()),
    Column("last_message_at", UtcDateTime(), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index(None, "bot_id", "channel", "external_user_id"),
    Index(None, "tenant_id", "last_message_at"),
    # At most one open conversation per visitor, bot and channel, even with concurrent starts.
    Index(
        "uq_conversations_open_visitor",
        "bot_id",
        "channel",
        "external_user_id",
        unique=True,
        sqlite_where=text("status != 'closed'"),
        postgresql_where=text("status != 'closed'"),
    ),
)

messages = Table(
    "messages",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column(
        "conversation_id",
        Uuid(),
        ForeignKey("conversations.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
    Column("sender", String(20), nullable=False),
    Column("content", Text(), nullable=False),
    Column("knowledge_item_ids", JsonType, nullable=False),
    Column("confidence", Float()),
    Column("created_at", UtcDateTime(), nullable=False),
    # Insertion order, which breaks ties between messages with equal timestamps. PostgreSQL
    # fills it from an identity; SQLite ignores identities, so the repository sets it there.
    Column("seq", BigInteger(), Identity(), nullable=False),
    Index(None, "conversation_id", "created_at"),
)

leads = Table(
    "leads",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
    Column("bot_id", Uuid(), ForeignKey("bots.id", ondelete="SET NULL")),
    Column(
        "conversation_id",
        Uuid(),
        ForeignKey("conversations.id", ondelete="SET NULL"),
        unique=True,
    ),
    Column("name", String(200)),
    Column("email", String(320)),
    Column("phone", String(32)),
    Column("notes", Text()),
    Column("source", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    *_timestamps(),
    Index(None, "tenant_id", "created_at"),
)

system_events = Table(
    "system_events",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("tenant_id", Uuid(), ForeignKey("tenants.id", ondelete="CASCADE")),
    Column("level", String(10), nullable=False),
    Column("source", String(50), nullable=False),
    Column("code", String(80), nullable=False),
    Column("message", Text(), nullable=False),
    Column("meta", JsonType, nullable=False),
    Column("correlation_id", String(128)),
    Column("created_at", UtcDateTime(), nullable=False),
    Index(None, "tenant_id", "created_at"),
    Index(None, "code", "created_at"),
)
