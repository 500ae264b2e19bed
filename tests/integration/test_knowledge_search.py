import unicodedata
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import text

from svontai.adapters.persistence.database import Database
from svontai.adapters.persistence.repositories import knowledge_search as search_sql
from svontai.adapters.persistence.repositories.knowledge import (
    MIN_EXACT_CANDIDATES,
    search_rowid,
)
from svontai.adapters.persistence.repositories.knowledge_search import (
    MAX_TYPO_PREFIXES,
    typo_prefixes,
)
from svontai.adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from svontai.application.pagination import PageRequest
from svontai.application.ports.answer_generator import SearchHit
from tests.integration.knowledge_helpers import (
    NOW,
    Owner,
    add_bot,
    add_items,
    add_owner,
    make_item,
)

BRANCH = "İstanbul'daki şubeniz nerede?"
SHIPPING = "Kargo ücreti ne kadar?"


async def search(
    database: Database, owner: Owner, query: str, limit: int = 5, all_bots: bool = False
) -> list[SearchHit]:
    bot_id = None if all_bots else owner.bot_id
    async with SqlAlchemyUnitOfWork(database) as uow:
        return await uow.knowledge.search(owner.tenant_id, bot_id, query, limit)


async def questions(
    database: Database, owner: Owner, query: str, all_bots: bool = False
) -> list[str]:
    return [hit.item.question for hit in await search(database, owner, query, all_bots=all_bots)]


async def fts_rows(database: Database) -> int:
    """Count the entries of the SQLite index."""
    async with SqlAlchemyUnitOfWork(database) as uow:
        result = await uow.execute(text("SELECT count(*) FROM knowledge_fts"))
        return int(result.scalar_one())


@pytest.fixture
async def owner(database: Database) -> Owner:
    owner = await add_owner(database)
    await add_items(
        database,
        make_item(owner, BRANCH, "Kadıköy'deyiz.", title="Şube adresi", tags=["adres"]),
        make_item(owner, SHIPPING, "Kargo 50 TL, 500 TL üzeri ücretsiz.", tags=["kargo"]),
        make_item(owner, "Do you ship abroad?", "We ship to the EU.", title="Shipping"),
    )
    return owner


async def test_search_returns_item_fields(database: Database, owner: Owner) -> None:
    hits = await search(database, owner, "kargo ücreti")

    assert hits[0].item.question == SHIPPING
    assert hits[0].item.tags == ["kargo"]
    assert hits[0].item.bot_id == owner.bot_id
    assert hits[0].item.created_at.tzinfo is not None
    assert 0 < hits[0].confidence <= 1


async def test_search_orders_hits_by_confidence(database: Database, owner: Owner) -> None:
    hits = await search(database, owner, "kargo ücreti ne kadar")

    confidences = [hit.confidence for hit in hits]
    assert confidences == sorted(confidences, reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        "istanbul şube",
        "ISTANBUL ŞUBE",
        "İSTANBUL şubeniz",
        "Istanbul sube",
        "ıstanbul subeniz",
        "istanbuldaki subeleriniz",
        unicodedata.normalize("NFD", "İstanbul şubesi"),
    ],
)
async def test_search_folds_turkish_case_and_diacritics(
    database: Database, owner: Owner, query: str
) -> None:
    found = await questions(database, owner, query)

    assert found[:1] == [BRANCH]


async def test_search_finds_ascii_item_from_turkish_query(database: Database) -> None:
    owner = await add_owner(database)
    await add_items(database, make_item(owner, "Sube saatleri", "9-18 arasi acigiz."))

    found = await questions(database, owner, "Şube saatleri nedir?")

    assert found == ["Sube saatleri"]


async def test_search_finds_item_stored_in_nfd(database: Database) -> None:
    owner = await add_owner(database)
    question = unicodedata.normalize("NFD", "Şubeniz İstanbul'da mı?")
    await add_items(database, make_item(owner, question))

    found = await questions(database, owner, "istanbul şube")

    assert found == [question]


@pytest.mark.parametrize("query", ["??", "", "   ", "ve ile için", "!!! ... ,,,", "\x00"])
async def test_search_without_terms_finds_nothing(
    database: Database, owner: Owner, query: str
) -> None:
    hits = await search(database, owner, query)

    assert hits == []


@pytest.mark.parametrize(
    "query",
    [
        'kargo "',
        "kargo'",
        "kargo*",
        "kargo:",
        "terms: kargo",
        'bot : "b00" OR kargo',
        "(kargo",
        "kargo)",
        "NEAR(kargo ücreti)",
        "kargo AND",
        "AND kargo",
        "kargo OR",
        "NOT kargo",
        "-kargo",
        "kargo -",
        "^kargo",
        "{bot terms}: kargo",
        "kargo\x00 ücreti\x00",
        "kargo' OR '1'='1",
        "kargo; DROP TABLE knowledge_items; --",
        "kargo & | ! <-> :*",
    ],
)
async def test_search_treats_query_syntax_as_plain_words(
    database: Database, owner: Owner, query: str
) -> None:
    found = await questions(database, owner, query)

    assert SHIPPING in found


async def test_search_stays_within_the_bot(database: Database, owner: Owner) -> None:
    other_bot = await add_bot(database, owner.tenant_id)
    other = Owner(owner.tenant_id, other_bot.id)

    found = await questions(database, other, "kargo ücreti")

    assert found == []


async def test_search_stays_within_the_tenant(database: Database, owner: Owner) -> None:
    stranger = await add_owner(database)

    found = await questions(database, stranger, "kargo ücreti", all_bots=True)

    assert found == []


async def test_search_over_all_bots_of_the_tenant(database: Database, owner: Owner) -> None:
    second = Owner(owner.tenant_id, (await add_bot(database, owner.tenant_id)).id)
    await add_items(database, make_item(second, "Kargo takibi nasıl yapılır?"))
    stranger = await add_owner(database)
    await add_items(database, make_item(stranger, "Kargo firmanız hangisi?"))

    found = await questions(database, owner, "kargo", all_bots=True)

    assert sorted(found) == sorted([SHIPPING, "Kargo takibi nasıl yapılır?"])


async def test_search_for_tenant_without_bots_finds_nothing(database: Database) -> None:
    owner = await add_owner(database)
    lonely = Owner(owner.tenant_id, uuid.uuid4())
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.bots.delete(owner.tenant_id, owner.bot_id, NOW)
        await uow.commit()

    found = await questions(database, lonely, "kargo", all_bots=True)

    assert found == []


async def test_search_returns_at_most_limit_hits(database: Database) -> None:
    owner = await add_owner(database)
    items = [make_item(owner, f"Kargo seçeneği {index}") for index in range(30)]
    await add_items(database, *items)

    hits = await search(database, owner, "kargo", limit=7)

    assert len(hits) == 7


async def test_search_ranks_question_match_above_answer_mention(database: Database) -> None:
    owner = await add_owner(database)
    await add_items(
        database,
        make_item(owner, "Ödeme yöntemleri", "Kapıda ödeme yok; iade kargo ile yapılır."),
        make_item(owner, "İade nasıl yapılır?", "Ürünü 14 gün içinde geri gönderin."),
    )

    found = await questions(database, owner, "iade nasıl yapılır")

    assert found[0] == "İade nasıl yapılır?"


async def test_search_sees_an_update_at_once(database: Database, owner: Owner) -> None:
    item = (await search(database, owner, "kargo ücreti"))[0].item
    changed = replace(item, question="Hediye paketi yapıyor musunuz?", answer="Evet.", tags=[])
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.knowledge.update(changed)
        await uow.commit()

    old = await questions(database, owner, "kargo ücreti")
    new = await questions(database, owner, "hediye paketi")

    assert "Hediye paketi yapıyor musunuz?" not in old
    assert new == ["Hediye paketi yapıyor musunuz?"]


async def test_search_forgets_a_deleted_item(database: Database, owner: Owner) -> None:
    item = (await search(database, owner, "kargo ücreti"))[0].item
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.knowledge.delete(owner.tenant_id, item.id)
        await uow.commit()

    found = await questions(database, owner, "kargo ücreti")

    assert SHIPPING not in found


async def test_delete_for_bot_removes_items_and_index(database: Database, owner: Owner) -> None:
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.knowledge.delete_for_bot(owner.tenant_id, owner.bot_id)
        await uow.commit()

    found = await questions(database, owner, "kargo şube shipping")
    async with SqlAlchemyUnitOfWork(database) as uow:
        remaining = await uow.knowledge.count(owner.tenant_id)

    assert found == []
    assert remaining == 0
    if database.is_sqlite:
        assert await fts_rows(database) == 0


async def test_uncommitted_item_is_not_indexed(database: Database) -> None:
    owner = await add_owner(database)
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.knowledge.add(make_item(owner, "Kargo ücreti ne kadar?"))
        await uow.rollback()

    found = await questions(database, owner, "kargo")

    assert found == []


async def test_index_entry_is_keyed_by_search_rowid(database: Database) -> None:
    if not database.is_sqlite:
        pytest.skip("the FTS5 table exists on SQLite only")
    owner = await add_owner(database)
    item = make_item(owner, "Kargo ücreti ne kadar?")
    await add_items(database, item)

    async with SqlAlchemyUnitOfWork(database) as uow:
        rowids = (await uow.execute(text("SELECT rowid FROM knowledge_fts"))).scalars().all()

    assert rowids == [search_rowid(item.id)]


async def test_single_item_writes_leave_the_index_merged(database: Database) -> None:
    if not database.is_sqlite:
        pytest.skip("the FTS5 table exists on SQLite only")
    owner = await add_owner(database)
    items = [
        make_item(owner, f"Kargo sorusu {index}?", offset_seconds=index) for index in range(30)
    ]
    for item in items:
        await add_items(database, item)
    async with SqlAlchemyUnitOfWork(database) as uow:
        await uow.begin_write()
        await uow.knowledge.update(replace(items[0], question="İade sorusu?"))
        await uow.knowledge.delete(owner.tenant_id, items[1].id)
        await uow.commit()

    # A further merge finds nothing to do: the writes merged every segment already.
    blocks = text("SELECT id, block FROM knowledge_fts_data ORDER BY id")
    async with SqlAlchemyUnitOfWork(database) as uow:
        before = (await uow.execute(blocks)).all()
        await uow.begin_write()
        await uow.execute(search_sql.SQLITE_MERGE)
        await uow.commit()
        after = (await uow.execute(blocks)).all()

    assert after == before
    assert await questions(database, owner, "iade") == ["İade sorusu?"]


async def test_list_page_is_newest_first_with_total(database: Database) -> None:
    owner = await add_owner(database)
    items = [make_item(owner, f"Soru {index}", offset_seconds=index) for index in range(5)]
    await add_items(database, *items)

    async with SqlAlchemyUnitOfWork(database) as uow:
        page = await uow.knowledge.list_page(owner.tenant_id, None, PageRequest(1, 2))

    assert [item.question for item in page.items] == ["Soru 3", "Soru 2"]
    assert page.total == 5


async def test_list_page_filters_by_bot(database: Database, owner: Owner) -> None:
    second = Owner(owner.tenant_id, (await add_bot(database, owner.tenant_id)).id)
    await add_items(database, make_item(second, "Soru"))

    async with SqlAlchemyUnitOfWork(database) as uow:
        page = await uow.knowledge.list_page(owner.tenant_id, second.bot_id, PageRequest())
        total = await uow.knowledge.count(owner.tenant_id)

    assert [item.question for item in page.items] == ["Soru"]
    assert page.total == 1
    assert total == 4


async def test_get_is_scoped_to_the_tenant(database: Database, owner: Owner) -> None:
    item = make_item(owner, "Soru")
    await add_items(database, item)
    stranger = await add_owner(database)

    async with SqlAlchemyUnitOfWork(database) as uow:
        own = await uow.knowledge.get(owner.tenant_id, item.id)
        foreign = await uow.knowledge.get(stranger.tenant_id, item.id)

    assert own == item
    assert foreign is None


SHIPPING_COST = "How much does shipping cost?"
REFUND = "Can I get a refund?"
SUBSCRIPTION = "Kahve aboneliği nasıl çalışıyor?"


@pytest.fixture
async def typo_owner(database: Database) -> Owner:
    owner = await add_owner(database)
    await add_items(
        database,
        make_item(owner, SHIPPING_COST, "Shipping costs 59.90 TL.", tags=["shipping"]),
        make_item(owner, REFUND, "Yes, within 14 days of delivery."),
        make_item(owner, SUBSCRIPTION, "Her ay seçtiğiniz kahveyi gönderiyoruz."),
    )
    return owner


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("how much is shiping", SHIPPING_COST),
        ("SHIPPPING??", SHIPPING_COST),
        ("can i get a refnud", REFUND),
        ("can i get a rfeund", REFUND),
        ("aboenlik nasıl", SUBSCRIPTION),
    ],
)
async def test_search_finds_item_of_misspelt_words(
    database: Database, typo_owner: Owner, query: str, expected: str
) -> None:
    found = await questions(database, typo_owner, query)

    assert found[:1] == [expected]


@pytest.mark.parametrize(
    "query", ["how is it ???", "ve, ile; için...", "the and or !!", '*:* | & ! "" ()', "a b c"]
)
async def test_search_with_only_stopwords_or_punctuation_finds_nothing(
    database: Database, typo_owner: Owner, query: str
) -> None:
    hits = await search(database, typo_owner, query)

    assert hits == []


@pytest.mark.parametrize(
    "query",
    [
        'shiping"*',
        "shiping*",
        "shiping:*",
        "shiping | refnud",
        "(shiping) & !refnud",
        "shiping' OR '1",
    ],
)
async def test_typo_search_treats_query_syntax_as_plain_words(
    database: Database, typo_owner: Owner, query: str
) -> None:
    found = await questions(database, typo_owner, query)

    assert SHIPPING_COST in found


async def test_typo_search_stays_within_the_bot(database: Database, typo_owner: Owner) -> None:
    other = Owner(typo_owner.tenant_id, (await add_bot(database, typo_owner.tenant_id)).id)

    found = await questions(database, other, "how much is shiping")

    assert found == []


async def test_typo_search_stays_within_the_tenant(database: Database, typo_owner: Owner) -> None:
    stranger = await add_owner(database)

    found = await questions(database, stranger, "how much is shiping", all_bots=True)

    assert found == []


async def test_typo_search_over_all_bots_of_the_tenant(
    database: Database, typo_owner: Owner
) -> None:
    second = Owner(typo_owner.tenant_id, (await add_bot(database, typo_owner.tenant_id)).id)
    await add_items(database, make_item(second, "Do you ship to Germany?"))

    found = await questions(database, typo_owner, "shiping germny", all_bots=True)

    assert sorted(found) == sorted([SHIPPING_COST, "Do you ship to Germany?"])


async def test_typo_search_drops_unrelated_prefix_matches(database: Database) -> None:
    owner = await add_owner(database)
    await add_items(database, make_item(owner, "Kagovus nedir?"))

    hits = await search(database, owner, "kargo")

    assert hits == []


@pytest.mark.parametrize(
    ("exact_matches", "finds_near_miss"),
    [(MIN_EXACT_CANDIDATES - 1, True), (MIN_EXACT_CANDIDATES, False)],
)
async def test_typo_search_needs_few_exact_matches(
    database: Database, exact_matches: int, finds_near_miss: bool
) -> None:
    owner = await add_owner(database)
    exact = [make_item(owner, f"Zebulon {index}") for index in range(exact_matches)]
    await add_items(database, *exact, make_item(owner, "Zebulox"))

    found = await questions(database, owner, "zebulon")

    assert ("Zebulox" in found) is finds_near_miss


def test_typo_prefixes_put_the_terms_own_prefixes_first() -> None:
    prefixes = typo_prefixes(["refnudu", "refnud", "shiping"])

    assert prefixes[:2] == ["refn", "ship"]
    assert "refu" in prefixes


def test_typo_prefixes_skip_short_terms_and_numbers() -> None:
    prefixes = typo_prefixes(["ship", "750tl", "v6000", "12345"])

    assert prefixes == []


def test_typo_prefixes_are_capped() -> None:
    words = [f"{letter}bcdefg" for letter in "abcdefghijklmnop"]

    prefixes = typo_prefixes(words)

    assert len(prefixes) == MAX_TYPO_PREFIXES


@pytest.fixture
async def terse_owner(database: Database) -> Owner:
    owner = await add_owner(database)
    await add_items(
        database,
        make_item(owner, "What are your opening hours?", "Every day from 9:00 to 18:00."),
        make_item(owner, "Which payment methods do you accept?", "Cards and bank transfer."),
        make_item(owner, "Havuzunuz var mı?", "Ataşehir kulübümüzde kapalı havuz var."),
    )
    return owner


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("when do you close?", "What are your opening hours?"),
        ("kaçta kapanıyorsunuz", "What are your opening hours?"),
        ("how can I pay", "Which payment methods do you accept?"),
        ("can i swim there", "Havuzunuz var mı?"),
    ],
)
async def test_search_finds_item_through_words_of_its_topic(
    database: Database, terse_owner: Owner, query: str, expected: str
) -> None:
    found = await questions(database, terse_owner, query)

    assert found[:1] == [expected]


async def test_topic_search_stays_within_the_bot(database: Database, terse_owner: Owner) -> None:
    other = await add_owner(database)
    await add_items(database, make_item(other, "Opening hours?", "Always open."))

    found = await questions(database, other, "when do you close?")

    assert found == ["Opening hours?"]
