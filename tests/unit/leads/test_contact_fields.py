import pytest

from svontai.application.leads.contact_fields import ContactInput, clean_field, phone_region
from svontai.domain.errors import ValidationError
from tests.unit.leads.builders import make_tenant


def test_phone_region_reads_tenant_setting() -> None:
    tenant = make_tenant({"default_phone_region": "de"})

    assert phone_region(tenant) == "DE"


@pytest.mark.parametrize(
    "settings", [{}, {"default_phone_region": ""}, {"default_phone_region": 7}]
)
def test_phone_region_defaults_to_turkey(settings: dict[str, object]) -> None:
    tenant = make_tenant(settings)

    assert phone_region(tenant) == "TR"


def test_clean_field_normalises_email() -> None:
    assert clean_field("email", "  Ali@Example.COM ", "TR") == "ali@example.com"


def test_clean_field_normalises_phone_to_e164() -> None:
    assert clean_field("phone", "0532 123 45 67", "TR") == "+905321234567"


def test_clean_field_trims_name() -> None:
    assert clean_field("name", "  Ayşe Yılmaz ", "TR") == "Ayşe Yılmaz"


@pytest.mark.parametrize("field", ["name", "email", "phone", "notes"])
def test_clean_field_turns_blank_into_none(field: str) -> None:
    assert clean_field(field, "   ", "TR") is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("phone", "12"),
        ("phone", "call me"),
        ("name", "x" * 201),
        ("email", "a" * 310 + "@example.com"),
        ("phone", "0" * 33),
        ("notes", "x" * 5001),
    ],
)
def test_clean_field_rejects_bad_value(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as raised:
        clean_field(field, value, "TR")

    assert raised.value.errors[0].field == field


def test_clean_field_accepts_notes_at_limit() -> None:
    assert clean_field("notes", "x" * 5000, "TR") == "x" * 5000


def test_contact_input_cleans_every_field() -> None:
    contact = ContactInput(name=" Ali ", email="ALI@example.com", phone="05321234567", notes="")

    cleaned = contact.cleaned("TR")

    assert cleaned == ContactInput("Ali", "ali@example.com", "+905321234567", None)
