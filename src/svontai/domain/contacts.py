"""Email addresses and phone numbers as the service stores them."""

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from svontai.domain.errors import ValidationError


def normalise_email(value: str, field: str = "email") -> str:
    """Return the trimmed, lowercased address, or raise `ValidationError` if it is invalid."""
    candidate = value.strip()
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(field, str(error)) from None
    return result.normalized.lower()


def normalise_phone(value: str, region: str, field: str = "phone") -> str:
    """Return the number in E.164 form; numbers without a country code use `region`."""
    try:
        number = phonenumbers.parse(value.strip(), region.upper() or None)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, f"{value!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(field, f"{value!r} is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_password(password: str, field: str = "password") -> None:
    if not 8 <= len(password) <= 128:
        raise ValidationError(field, "passwords must have 8 to 128 characters")
