"""Checks shared by every path that writes a lead, so that a stored lead is always valid.

Blank text counts as no value: a form that sends `""` for a field it did not fill leaves the
field empty instead of failing.
"""

from dataclasses import dataclass

from svontai.application.text_rules import reject_nul
from svontai.domain.contacts import normalise_email, normalise_phone
from svontai.domain.errors import ValidationError
from svontai.domain.tenants import Tenant

DEFAULT_PHONE_REGION = "TR"

# Limits on the text as sent, before trimming and normalising.
MAX_LENGTHS = {"name": 200, "email": 320, "phone": 32, "notes": 5000}


def phone_region(tenant: Tenant) -> str:
    """Return the region assumed for phone numbers written without a country code."""
    region = tenant.settings.get("default_phone_region")
    if isinstance(region, str) and region.strip():
        return region.strip().upper()
    return DEFAULT_PHONE_REGION


def clean_field(field: str, value: str | None, region: str) -> str | None:
    """Return the value of a lead's text field as stored, or raise `ValidationError`.

    `field` is one of `name`, `email`, `phone`, `notes`. Emails are validated and lowercased,
    phone numbers turned into E.164 with `region` for numbers without a country code.
    """
    if value is None:
        return None
    max_length = MAX_LENGTHS[field]
    if len(value) > max_length:
        raise ValidationError(field, f"must have at most {max_length} characters")
    text = reject_nul(field, value.strip())
    if not text:
        return None
    if field == "email":
        return normalise_email(text)
    if field == "phone":
        return normalise_phone(text, region)
    return text


@dataclass(frozen=True, slots=True)
class ContactInput:
    """A lead's text fields as a caller sent them. None means not sent."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None

    def cleaned(self, region: str) -> "ContactInput":
        """Return the fields as they will be stored, or raise `ValidationError`."""
        return ContactInput(
            name=clean_field("name", self.name, region),
            email=clean_field("email", self.email, region),
            phone=clean_field("phone", self.phone, region),
            notes=clean_field("notes", self.notes, region),
        )
