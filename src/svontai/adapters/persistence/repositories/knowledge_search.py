"""Full-text search statements for knowledge items, one builder per database.

Queries are built only from the terms of `svontai.adapters.answering.text.terms`, which match
`[a-z0-9]+`, and passed as bind parameters, so visitor text can never form FTS5 or tsquery
syntax (quotes, `*`, `:`, `NEAR`, `AND`, parentheses, NUL bytes). The same holds for the
prefixes of `typo_prefixes`, which are cut from those terms.

SQLite: the FTS5 table `knowledge_fts` (made by the migration) has one column, `terms`, and
its `rowid` is `knowledge_items.search_rowid`. Each term is stored with the bot's key in front
of it (`b<bot id hex>kargo`), so a query for one bot reads only that bot's entries of its
terms. Filtering with a separate bot column instead would cost time in proportion to the bot's
item count on every query, because BM25 counts the rows of each phrase of the query.
"""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    BindParameter,
    Column,
    ColumnClause,
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    Uuid,
    bindparam,
    column,
    func,
    insert,
    literal,
    literal_column,
    select,
    table,
    text,
)

from svontai.adapters.persistence.tables import knowledge_items

# The column named like the table takes FTS5 commands such as 'delete'.
knowledge_fts = table("knowledge_fts", column("rowid"), column("terms"), column("knowledge_fts"))
SQLITE_INSERT = insert(knowledge_fts)
# Pages of merge work done after each write to the index (4 KiB each by default).
MERGE_PAGES = 64
# FTS5 keeps every write transaction's entries in a segment of their own, merging them only
# four at a time, so an index built by single-item writes had a dozen segments to read for each
# term. A negative 'merge' merges segments of any level, up to MERGE_PAGES pages per call, and
# resumes on the next call, so writes keep the index at about one segment. On the demo
# knowledge base, searches took about 60 instead of 200 microseconds.
SQLITE_MERGE = text(
    "INSERT INTO knowledge_fts (knowledge_fts, rank) VALUES ('merge', :pages)"
).bindparams(pages=-MERGE_PAGES)
# At most this many bots go into one FTS5 query of a search over a whole tenant.
BOTS_PER_QUERY = 16

# A typo query contains at most this many prefixes, because each one can match many items.
MAX_TYPO_PREFIXES = 12
# Four letters, not five: a prefix of five would miss "shiping" (for "shipping"), whose first
# difference is the fifth letter. Three would match too many unrelated words.
TYPO_PREFIX_LENGTH = 4
# A shorter term gives no prefix: a typo in a four-letter word leaves three letters or fewer.
_MIN_TYPO_TERM_LENGTH = TYPO_PREFIX_LENGTH + 1

# The generated tsvector of `search_text` that the migration adds on PostgreSQL only.
_SEARCH_VECTOR: ColumnClause[Any] = literal_column("knowledge_items.search_vector")

_SQLITE_RANKED = text(
    "SELECT rowid AS search_rowid, bm25(knowledge_fts) AS score FROM knowledge_fts "
    "WHERE knowledge_fts MATCH :expression ORDER BY score LIMIT :count"
).columns(search_rowid=BigInteger, score=Float)


def bot_key(bot_id: UUID) -> str:
    """Return the prefix that ties an indexed term to its bot."""
    return "b" + bot_id.hex


def bot_terms(bot_id: UUID, search_text: str) -> str:
    """Return `search_text` with the bot's key in front of every term.

    `sqlite_bot_terms` computes the same string in SQL, which removing entries relies on.
    """
    key = bot_key(bot_id)
    return key + search_text.replace(" ", " " + key)


def sqlite_bot_terms(bot_id: UUID, search_text: ColumnElement[str]) -> ColumnElement[str]:
    """Compute `bot_terms` in SQL, for index entries removed with INSERT ... SELECT."""
    key = literal(bot_key(bot_id))
    return key + func.replace(search_text, " ", " " + key)


def typo_prefixes(query_terms: Sequence[str]) -> list[str]:
    """Return prefixes that find items whose words the query terms misspell.

    Each alphabetic term of five letters or more gives its first four letters, which still
    match when the typo comes later in the word. Then come the first four letters of that term
    with one of its second to fourth letters removed, or two of them swapped, for an extra or
    swapped letter near the start ("refnud" gives "refn", then "refu" among others). The first
    letter is kept, as `fuzzy.similar` assumes it right. At most `MAX_TYPO_PREFIXES` are
    returned, those of the terms themselves first.
    """
    # Stems of one word mostly share their first letters, so only the first term with a given
    # prefix adds variants, which leaves room for the other words' variants.
    terms_by_prefix: dict[str, str] = {}
    for term in query_terms:
        if len(term) >= _MIN_TYPO_TERM_LENGTH and term.isalpha():
            terms_by_prefix.setdefault(term[:TYPO_PREFIX_LENGTH], term)
    found = list(terms_by_prefix)
    found += [
        variant[:TYPO_PREFIX_LENGTH]
        for term in terms_by_prefix.values()
        for variant in _edits_near_start(term)
    ]
    return list(dict.fromkeys(found))[:MAX_TYPO_PREFIXES]


def _edits_near_start(term: str) -> list[str]:
    """Return `term` with one of its letters 2 to 4 removed, or with letters 2 and 3 or 3 and 4
    swapped. Swapping letters 4 and 5 gives the same prefix as removing letter 4."""
    removed = [term[:index] + term[index + 1 :] for index in range(1, TYPO_PREFIX_LENGTH)]
    swapped = [
        term[:index] + term[index + 1] + term[index] + term[index + 2 :]
        for index in range(1, TYPO_PREFIX_LENGTH - 1)
    ]
    return removed + swapped


def index_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the `knowledge_fts` rows of `knowledge_items` rows."""
    return [
        {"rowid": row["search_rowid"], "terms": bot_terms(row["bot_id"], row["search_text"])}
        for row in rows
    ]


def sqlite_expression(bot_ids: Sequence[UUID], query_terms: Sequence[str], prefix: bool) -> str:
    """Return the FTS5 query for any of the terms in any of the bots, or for any word starting
    with one of them when `prefix` is set."""
    star = "*" if prefix else ""
    return " OR ".join(
        f'"{bot_key(bot_id)}{term}"{star}' for bot_id in bot_ids for term in query_terms
    )


def postgres_expression(query_terms: Sequence[str], prefix: bool) -> str:
    """Return the tsquery text for any of the terms, or for words starting with one of them."""
    star = ":*" if prefix else ""
    return " | ".join(term + star for term in query_terms)


def sqlite_candidates(columns: Sequence[Column[Any]]) -> Select[Any]:
    """Select the `count` items of the tenant that BM25 ranks best for the FTS5 `expression`.

    The rank is selected too, as `score` (lower is better), so the results of several
    queries can be merged. Parameters: `tenant_id`, `expression` (`sqlite_expression`), `count`.
    """
    # Without a `prefix=` index, FTS5 reads the terms in the prefix's range of the term index.
    # With one for 37 characters (bot key and four letters), typo queries at 100,000 items took
    # 10 to 20 % less time, but the index grew by 60 % and loading it took 70 % longer.
    ranked = _SQLITE_RANKED.bindparams(
        bindparam("expression", type_=String()), bindparam("count", type_=Integer())
    ).subquery("ranked")
    return (
        select(*columns, ranked.c.score)
        .join(ranked, ranked.c.search_rowid == knowledge_items.c.search_rowid)
        .where(knowledge_items.c.tenant_id == bindparam("tenant_id", type_=Uuid()))
        .order_by(ranked.c.score)
    )


def postgres_candidates(columns: Sequence[Column[Any]], one_bot: bool) -> Select[Any]:
    """Select the `count` items, of the bot `bot_id` or of the whole tenant, that rank best for
    the tsquery `expression` (`postgres_expression`). Parameters: `tenant_id`, `expression`,
    `count`, and `bot_id` when `one_bot` is set."""
    expression: BindParameter[str] = bindparam("expression", type_=String())
    query = func.to_tsquery(literal_column("'simple'"), expression)
    statement = select(*columns).where(
        knowledge_items.c.tenant_id == bindparam("tenant_id", type_=Uuid()),
        _SEARCH_VECTOR.op("@@")(query),
    )
    if one_bot:
        statement = statement.where(knowledge_items.c.bot_id == bindparam("bot_id", type_=Uuid()))
    # ts_rank with normalisation 1 (divide by 1 + log of the item's length), not ts_rank_cd.
    # On PostgreSQL 15 (EXPLAIN ANALYZE, 2-CPU virtual machine) it ranked 5,000 matching rows
    # about 5 times faster. Over the demo knowledge base, its top 3 held the expected item for
    # 134 of the 138 answerable questions of bench/eval_questions.json, against 130 for
    # ts_rank_cd.
    #
    # The rank gets the query from a scalar subquery, which PostgreSQL evaluates once. psycopg
    # prepares a statement after five runs, and PostgreSQL may then pick a generic plan, which
    # parsed the bound text again for every matching row: 15,000 rows took 200 ms, not 65.
    rank = func.ts_rank(_SEARCH_VECTOR, select(query).scalar_subquery(), 1)
    return statement.order_by(rank.desc()).limit(bindparam("count", type_=Integer()))
