import pytest

from svontai.application.leads.extraction import FoundContacts, extract_contacts

PHONE = "+905321234567"


@pytest.mark.parametrize(
    "text",
    [
        "0532 123 45 67",
        "Numaram 0532 123 45 67, arayın.",
        "+90 (532) 123-4567",
        "05321234567",
        "Beni 05321234567'den arayabilirsiniz",
        "tel: 0 532 123 45 67.",
        "+905321234567",
        "0090 532 123 45 67",
        "5321234567",
        "Telefon no: 0532 123 45 67",
        "(0532) 123 45 67 numarasından ulaşın",
        "Siparişim için yazıyorum, numaram 0532 123 45 67",
    ],
)
def test_extract_finds_turkish_mobile_number(text: str) -> None:
    found = extract_contacts(text, "TR")

    assert found.phone == PHONE


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Sabit hattım 0212 555 12 12", "+902125551212"),
        ("call me on +44 20 7946 0958 please", "+442079460958"),
        ("+1 (415) 555-2671 is my cell", "+14155552671"),
    ],
)
def test_extract_finds_other_numbers(text: str, phone: str) -> None:
    found = extract_contacts(text, "TR")

    assert found.phone == phone


def test_extract_reads_national_number_with_given_region() -> None:
    found = extract_contacts("my number is (415) 555-2671", "US")

    assert found.phone == "+14155552671"


@pytest.mark.parametrize(
    "text",
    [
        "Sipariş no: 123456789",
        "Sipariş no: 5321234567",
        "sipariş numaram 5321234567",
        "Siparis numarasi: 05321234567",
        "order #5321234567",
        "Kargo takip numarası: 5321234567",
        "Fatura no 2125551212",
        "TC kimlik no 12345678901",
        "IBAN TR33 0006 1005 1978 6457 8413 26",
        "1.250 TL",
        "Fiyatı 5321234567 TL mi?",
        "₺5321234567 ödedim",
        "$2125551212",
        "12.500,00 TL",
        "Tarih 12.03.2024",
        "2024-03-12 14:30",
        "12/03/2024",
        "3 adet, toplam 450",
        "123",
        "Saat 14:30'da geleceğim",
        "",
        "Merhaba, fiyat listesi var mı?",
    ],
)
def test_extract_ignores_numbers_that_are_not_phones(text: str) -> None:
    found = extract_contacts(text, "TR")

    assert found.phone is None


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("ali@example.com", "ali@example.com"),
        ("Mailim Ali.Veli@Example.COM.", "ali.veli@example.com"),
        ("Adresim: ayse+destek@firma.com.tr, teşekkürler", "ayse+destek@firma.com.tr"),
        ("(mehmet@example.org)", "mehmet@example.org"),
        ("mehmet@example.org'a yazın", "mehmet@example.org"),
        ("mehmet@example.org! Bekliyorum", "mehmet@example.org"),
        ("e-posta:zeynep_k@example.net;", "zeynep_k@example.net"),
        ("...ali@example.com", "ali@example.com"),
        ("ilki bozuk a@b, ikincisi veli@example.com", "veli@example.com"),
    ],
)
def test_extract_finds_email_in_sentence(text: str, email: str) -> None:
    found = extract_contacts(text, "TR")

    assert found.email == email


@pytest.mark.parametrize(
    "text",
    [
        "a@b",
        "ali@",
        "@example.com",
        "x..y@example.com",
        "ali@example",
        "ali at example dot com",
        "x" * 70 + "@example.com",
    ],
)
def test_extract_ignores_invalid_email(text: str) -> None:
    found = extract_contacts(text, "TR")

    assert found.email is None


def test_extract_finds_email_and_phone_together() -> None:
    text = "Bana ali@example.com ya da 0532 123 45 67 üzerinden ulaşın."

    found = extract_contacts(text, "TR")

    assert found == FoundContacts(email="ali@example.com", phone=PHONE)


def test_extract_takes_first_of_several_phones() -> None:
    found = extract_contacts("0532 123 45 67 veya 0212 555 12 12", "TR")

    assert found.phone == PHONE


def test_extract_reads_no_phone_inside_email() -> None:
    found = extract_contacts("05321234567@example.com", "TR")

    assert found.phone is None


def test_extract_skips_reference_and_finds_later_phone() -> None:
    text = "Sipariş no: 5321234567, telefonum 0212 555 12 12"

    found = extract_contacts(text, "TR")

    assert found.phone == "+902125551212"


def test_extract_returns_empty_for_plain_text() -> None:
    found = extract_contacts("Merhaba, açılış saatleriniz nedir?", "TR")

    assert found.is_empty


def test_extract_handles_message_of_maximum_length() -> None:
    text = "a" * 3999 + "@"

    found = extract_contacts(text, "TR")

    assert found.is_empty
