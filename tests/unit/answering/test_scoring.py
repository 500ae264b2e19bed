import json
import random
from pathlib import Path
from typing import Any

import pytest

from svontai.adapters.answering.fuzzy import similar
from svontai.adapters.answering.scoring import (
    DEFAULT_ANSWER_THRESHOLD,
    _fuzzy_index,
    _matches_fuzzily,
    confidence,
)

DEMO_KNOWLEDGE_BASE = (
    Path(__file__).resolve().parents[3] / "src/svontai/entrypoints/demo/knowledge_base.json"
)

Item = tuple[str | None, str, str, list[str]]

SHIPPING_COST: Item = (
    "Kargo ücreti",
    "Kargo ücreti ne kadar?",
    "Kargo ücreti 59,90 TL'dir. 750 TL ve üzeri siparişlerde kargo ücretsizdir.",
    ["kargo", "ücretsiz kargo"],
)
OPENING_HOURS: Item = (
    "Opening hours",
    "What are your opening hours?",
    "Our cafés are open every day from 07:30 to 22:00.",
    ["hours", "opening times"],
)
DELIVERY_ARRIVAL: Item = (
    "Delivery time",
    "What time does the delivery arrive?",
    "Couriers deliver between 16:00 and 20:00.",
    ["delivery"],
)


@pytest.mark.parametrize(
    "query",
    [
        "Kargo ücreti ne kadar?",
        "kargo ucreti ne kadar",
        "KARGO ÜCRETİ???",
        "kargo ücretli mi",
        "kargo ücertı ne kadar",
    ],
)
def test_confidence_is_high_for_a_paraphrase(query: str) -> None:
    result = confidence(query, *SHIPPING_COST)

    assert result >= DEFAULT_ANSWER_THRESHOLD


def test_confidence_is_high_for_an_english_paraphrase() -> None:
    result = confidence("what time do you open", *OPENING_HOURS)

    assert result >= DEFAULT_ANSWER_THRESHOLD


def test_confidence_low_for_shared_common_word() -> None:
    result = confidence("what time do you open", *DELIVERY_ARRIVAL)

    assert result < DEFAULT_ANSWER_THRESHOLD


def test_confidence_prefers_the_item_the_question_is_about() -> None:
    about_hours = confidence("what time do you open", *OPENING_HOURS)

    about_delivery = confidence("what time do you open", *DELIVERY_ARRIVAL)

    assert about_hours > about_delivery


@pytest.mark.parametrize(
    "query", ["Bugün hava nasıl olacak?", "write me a poem", "Galatasaray maçı kaç kaç bitti?"]
)
def test_confidence_is_low_for_an_unrelated_question(query: str) -> None:
    result = confidence(query, *SHIPPING_COST)

    assert result < DEFAULT_ANSWER_THRESHOLD


@pytest.mark.parametrize("query", ["", "   ", "ne kadar?", "?!*", "\x00"])
def test_confidence_is_zero_without_content_words(query: str) -> None:
    result = confidence(query, *SHIPPING_COST)

    assert result == 0.0


def test_confidence_counts_answer_matches_less_than_question_matches() -> None:
    item: Item = (
        "Kargo ücreti",
        "Kargo ücreti ne kadar?",
        "Siparişleriniz özenle paketlenir.",
        [],
    )

    in_question = confidence("kargo", *item)
    in_answer = confidence("paket", *item)

    assert in_answer < in_question


# Items as a business writes them when it is in a hurry: a question, a short answer, no tags.
TERSE_HOURS: Item = (None, "What are the gym's hours?", "Weekdays 06:00-23:00.", [])
TERSE_PAYMENT: Item = (
    None,
    "Which payment methods do you accept?",
    "We accept credit cards, bank transfer and cash on delivery.",
    [],
)
TERSE_POOL: Item = (None, "Havuzunuz var mı?", "Ataşehir kulübümüzde kapalı havuz var.", [])


@pytest.mark.parametrize(
    ("query", "item"),
    [
        ("when do you close?", TERSE_HOURS),
        ("opening hours", TERSE_HOURS),
        ("how can i pay", TERSE_PAYMENT),
        ("yüzme havuzu var mı", TERSE_POOL),
    ],
)
def test_confidence_counts_topic_words(query: str, item: Item) -> None:
    result = confidence(query, *item)

    assert result >= DEFAULT_ANSWER_THRESHOLD


def test_topic_word_scores_below_own_word() -> None:
    same_word = confidence("opening hours", *OPENING_HOURS)

    topic_word = confidence("closing hours", *OPENING_HOURS)

    assert topic_word < same_word


def test_confidence_prefers_question_language() -> None:
    turkish: Item = (None, "Şubeniz nerede?", "Kadıköy'deyiz.", ["adres"])
    english: Item = (None, "Where is your shop?", "We are in Kadıköy.", ["address"])

    in_english = confidence("what is your address", *english)
    in_turkish = confidence("what is your address", *turkish)

    assert in_english > in_turkish


def test_confidence_weighs_generic_words_of_a_question_less() -> None:
    result = confidence("payment", *TERSE_PAYMENT)

    assert result >= DEFAULT_ANSWER_THRESHOLD


def test_confidence_stays_between_zero_and_one() -> None:
    queries = ["kargo", "kargo kargo kargo", "Kargo ücreti ne kadar? Kargo ücreti ne kadar?"]

    results = [confidence(query, *SHIPPING_COST) for query in queries]

    assert all(0.0 <= result <= 1.0 for result in results)


def test_confidence_is_deterministic() -> None:
    first = confidence("kargo ücreti ne kadar", *SHIPPING_COST)

    second = confidence("kargo ücreti ne kadar", *SHIPPING_COST)

    assert first == second


def test_confidence_accepts_an_item_without_title_or_tags() -> None:
    result = confidence("kargo ücreti", None, "Kargo ücreti ne kadar?", "59,90 TL.", [])

    assert result >= DEFAULT_ANSWER_THRESHOLD


@pytest.mark.parametrize(
    ("first", "second"),
    [("shipping", "shiping"), ("refund", "refnud"), ("gonderiyor", "gonderim")],
)
def test_similar_accepts_typos_and_leftover_suffixes(first: str, second: str) -> None:
    result = similar(first, second)

    assert result is True


@pytest.mark.parametrize(
    ("first", "second"), [("phone", "iphone"), ("kart", "kargo"), ("kahve", "kahvalti")]
)
def test_similar_rejects_different_words(first: str, second: str) -> None:
    result = similar(first, second)

    assert result is False


def test_confidence_ranks_own_demo_item_first() -> None:
    items = json.loads(DEMO_KNOWLEDGE_BASE.read_text(encoding="utf-8"))["items"]

    misses = [
        item["question"]
        for item in items
        if _best_question(item["question"], items) != item["question"]
    ]

    assert misses == []


def _best_question(query: str, items: list[dict[str, Any]]) -> str:
    best = max(
        items,
        key=lambda item: confidence(
            query, item["title"], item["question"], item["answer"], item["tags"]
        ),
    )
    return str(best["question"])


def test_fuzzy_index_finds_exactly_the_terms_similar_accepts() -> None:
    # Words from both languages with typos, suffixes, short words and shared first letters.
    words = [
        "gonderim", "gonderiyor", "gondermek", "gondrim", "kargo", "kargom", "krago", "iade",
        "iadesi", "teslimat", "teslmat", "tesilmat", "shipping", "shiping", "phone", "iphone",
        "refund", "refnud", "refunds", "adres", "adress", "saat", "saatler", "open", "opening",
    ]  # fmt: skip
    index = _fuzzy_index(words)

    for word in words:
        expected = any(similar(word, term) for term in words)
        assert _matches_fuzzily((word,), index) is expected, word


def _similar_by_definition(first: str, second: str) -> bool:
    """The rule `similar` documents, written out plainly."""
    shorter = min(len(first), len(second))
    if shorter < 5:
        return False
    shared = 0
    while shared < shorter and first[shared] == second[shared]:
        shared += 1
    if shared >= 5 and shared >= 0.7 * shorter:
        return True
    if first[0] != second[0]:
        return False
    edits = {first[:i] + first[i + 1 :] for i in range(len(first))}  # deletions
    edits |= {first[:i] + c + first[i:] for i in range(len(first) + 1) for c in set(second)}
    edits |= {first[:i] + c + first[i + 1 :] for i in range(len(first)) for c in set(second)}
    edits |= {first[:i] + first[i + 1] + first[i] + first[i + 2 :] for i in range(len(first) - 1)}
    return second in edits


def test_similar_follows_its_definition_on_generated_pairs() -> None:
    rng = random.Random(20261204)
    words = ["gonderim", "teslimat", "shipping", "refund", "kargolar", "odeme", "iadesi"]
    pairs = []
    for _ in range(3000):
        word = rng.choice(words)
        other = list(rng.choice([word, rng.choice(words)]))
        for _ in range(rng.randint(0, 2)):
            position = rng.randrange(len(other))
            action = rng.choice(["drop", "add", "swap", "change"])
            if action == "drop" and len(other) > 1:
                del other[position]
            elif action == "add":
                other.insert(position, rng.choice("aeikmnrst"))
            elif action == "swap" and position < len(other) - 1:
                other[position], other[position + 1] = other[position + 1], other[position]
            else:
                other[position] = rng.choice("aeikmnrst")
        pairs.append((word, "".join(other)))

    for first, second in pairs:
        assert similar(first, second) is _similar_by_definition(first, second), (first, second)
