import re
import unicodedata

import pytest

from svontai.adapters.answering.text import (
    MAX_QUERY_TERMS,
    asks_for_human,
    index_text,
    is_closing,
    is_greeting,
    language_of,
    normalise,
    terms,
)

SAFE_TERM = re.compile(r"[a-z0-9]+")


@pytest.mark.parametrize("letter", ["İ", "I", "ı", "i"])
def test_normalise_folds_every_turkish_i_to_i(letter: str) -> None:
    text = f"{letter}zmir"

    result = normalise(text)

    assert result == "izmir"


def test_normalise_folds_turkish_dotted_capital_i() -> None:
    text = "İADE"

    result = normalise(text)

    assert result == "iade"


def test_normalise_folds_dotless_i_in_lower_case() -> None:
    text = "kapı"

    result = normalise(text)

    assert result == "kapi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("şube", "sube"),
        ("çay", "cay"),
        ("dağ", "dag"),
        ("öğütme", "ogutme"),
        ("ücret", "ucret"),
        ("café", "cafe"),
        ("Ødegaard", "odegaard"),
    ],
)
def test_normalise_removes_diacritics(text: str, expected: str) -> None:
    result = normalise(text)

    assert result == expected


def test_normalise_treats_decomposed_input_like_composed_input() -> None:
    composed = "Şubeleriniz İzmir'de mi? Ücretsiz öğütme"
    decomposed = unicodedata.normalize("NFD", composed)

    result = normalise(decomposed)

    assert result == normalise(composed)


def test_normalise_removes_nul_bytes_inside_words() -> None:
    text = "kar\x00go"

    result = normalise(text)

    assert result == "kargo"


def test_normalise_removes_invisible_format_characters() -> None:
    text = "kar\u200bgo\u00ad"

    result = normalise(text)

    assert result == "kargo"


def test_normalise_turns_punctuation_and_whitespace_into_single_spaces() -> None:
    text = "  Kargo,\tücreti\n\nne   kadar?!  "

    result = normalise(text)

    assert result == "kargo ucreti ne kadar"


def test_normalise_folds_compatibility_characters() -> None:
    text = "Ｋａｒｇｏ ﬁyat"

    result = normalise(text)

    assert result == "kargo fiyat"


def test_terms_are_safe_for_fts_syntax() -> None:
    text = "kargo\" OR (iade*) AND fiyat:1 & ücret | !iptal NEAR(a b) \x00 '; DROP TABLE x --"

    result = terms(text)

    assert result
    assert all(SAFE_TERM.fullmatch(term) for term in result)


def test_terms_of_syntax_characters_alone_are_empty() -> None:
    text = "\"*:&|!()'\x00^-+"

    result = terms(text)

    assert result == []


@pytest.mark.parametrize(
    ("with_diacritics", "without_diacritics"),
    [
        ("şubeleriniz", "subeleriniz"),
        ("ücret", "ucret"),
        ("ücretleri", "ucretleri"),
        ("siparişlerim", "siparislerim"),
        ("aboneliğimi", "aboneligimi"),
        ("Kargo", "kargo"),
        ("KARGO", "kargo"),
        ("İADE", "iade"),
    ],
)
def test_terms_are_identical_with_and_without_diacritics(
    with_diacritics: str, without_diacritics: str
) -> None:
    result = terms(with_diacritics)

    assert result == terms(without_diacritics)


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("şubeleriniz", "şube"),
        ("kahvesi", "kahve"),
        ("kartları", "kart"),
        ("siparişimi", "sipariş"),
        ("aboneliğim", "abonelik"),
        ("gönderiyorsunuz", "gönderim"),
        ("deliveries", "delivery"),
        ("opening", "open"),
    ],
)
def test_terms_share_a_stem_for_inflected_forms(inflected: str, base: str) -> None:
    result = set(terms(inflected))

    assert result & set(terms(base))


@pytest.mark.parametrize("text", ["ne kadar?", "what is the", "bu mu acaba", "Merhaba!"])
def test_terms_drop_stopwords(text: str) -> None:
    result = terms(text)

    assert result == []


def test_terms_keep_content_words_between_stopwords() -> None:
    text = "Kargo ücreti ne kadar?"

    result = terms(text)

    assert "kargo" in result
    assert "ucret" in result
    assert "kadar" not in result


def test_terms_are_capped_in_number() -> None:
    text = " ".join(f"kelime{number}x" for number in range(200))

    result = terms(text)

    assert len(result) == MAX_QUERY_TERMS


def test_terms_are_capped_in_length() -> None:
    text = "a" * 5000

    result = terms(text)

    assert max(len(term) for term in result) <= 40


def test_index_text_repeats_title_question_and_tags() -> None:
    text = index_text("Kargo", "Kargo ücreti ne kadar?", "Ücretsiz gönderim.", ["kargo"])

    result = text.split()

    assert result.count("kargo") == 6
    assert result.count("gonderim") == 1


def test_index_text_adds_joined_compounds() -> None:
    text = index_text(None, "Wi-Fi var mı?", "Yurt dışı gönderim yok.", [])

    result = text.split()

    assert "wifi" in result
    assert "yurtdisi" in result


def test_index_text_contains_only_safe_terms() -> None:
    text = index_text("Başlık*", 'Soru "OR" NEAR?', "Yanıt: 59,90 TL & (KDV)", ["etiket|x"])

    result = text.split()

    assert all(SAFE_TERM.fullmatch(term) for term in result)


@pytest.mark.parametrize(
    "text",
    [
        "merhaba",
        "Merhabaaa!!! 👋",
        "selam",
        "Selamün aleyküm",
        "iyi günler",
        "İYİ AKŞAMLAR",
        "günaydın hocam",
        "hi",
        "hello there",
        "Good morning, team!",
        "hey how are you",
    ],
)
def test_is_greeting_accepts_plain_greetings(text: str) -> None:
    result = is_greeting(text)

    assert result is True


@pytest.mark.parametrize(
    "text",
    [
        "merhaba, kargo ne kadar?",
        "hi, what time do you open?",
        "selam kaçta açılıyorsunuz",
        "thanks!",
        "kargo",
        "iyi",
        "",
        "   ",
        "merhaba " * 20,
    ],
)
def test_is_greeting_rejects_messages_with_a_request(text: str) -> None:
    result = is_greeting(text)

    assert result is False


@pytest.mark.parametrize(
    "text",
    [
        "thanks!",
        "Thank you very much",
        "ok thanks, bye",
        "Bye, have a nice day",
        "hi, thanks",
        "teşekkürler",
        "Çok teşekkür ederim",
        "tamam sağolun",
        "hoşçakalın",
        "thank you so much for your help",
        "yardımınız için teşekkürler",
        "iyi geceler",
    ],
)
def test_is_closing_accepts_thanks_and_goodbyes(text: str) -> None:
    assert is_closing(text) is True


@pytest.mark.parametrize(
    "text", ["merhaba", "thanks, do you ship abroad?", "teşekkürler, iade nasıl yapılır", ""]
)
def test_is_closing_rejects_greetings_and_requests(text: str) -> None:
    assert is_closing(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "I want to talk to a human",
        "can i speak with someone",
        "is there a real person there?",
        "temsilciye bağlar mısınız",
        "canlı destek var mı",
        "gerçek bir kişiyle görüşmek istiyorum",
    ],
)
def test_asks_for_human_finds_requests(text: str) -> None:
    assert asks_for_human(text) is True


@pytest.mark.parametrize(
    "text", ["what are your opening hours", "talk to you later", "kargo ücreti ne kadar"]
)
def test_asks_for_human_ignores_other_messages(text: str) -> None:
    assert asks_for_human(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What are your opening hours?", "en"),
        ("Şubeleriniz nerede?", "tr"),
        ("izmirde neredesiniz", "tr"),
        ("v60", None),
    ],
)
def test_language_of_guesses_turkish_or_english(text: str, expected: str | None) -> None:
    result = language_of(text)

    assert result == expected
