"""Find the email address and the phone number a visitor wrote in a chat message."""

import re
from dataclasses import dataclass

import phonenumbers

from svontai.domain.contacts import normalise_email
from svontai.domain.errors import ValidationError

# Common address shapes only, and each candidate is then checked by `normalise_email`. The top-level
# domain must be letters, so a full stop or comma after an address is not taken into it. The
# local part is at most 64 characters (RFC 5321), which also keeps the search linear.
_EMAIL = re.compile(r"(?<![\w+-])\w[\w.+-]{0,63}@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# A number right after a label such as "Sipariş no:", "order #" or "TC kimlik" is a reference,
# not a phone number, even when its digits happen to form a valid one.
_REFERENCE_LABEL = re.compile(
    r"(?:\b(?:sipari[şs]|order|fatura|invoice|kargo|takip|track|ref|müşteri|musteri|customer"
    r"|hesap|account|iban|tc|kimlik|ürün|urun|product|ticket|talep)\w*"
    r"(?:\s*(?:no|nr|numara|number|kod|code|id)\w*)?|#)\s*[.:#-]?\s*$",
    re.IGNORECASE,
)

# A number next to a currency is a price.
_CURRENCY_BEFORE = re.compile(r"[₺$€£]\s*$")
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:[₺$€£]|(?:tl|try|usd|eur|gbp|lira|dolar|euro)\b)", re.IGNORECASE
)

# How much text before a number is searched for a label.
_LABEL_WINDOW = 40


@dataclass(frozen=True, slots=True)
class FoundContacts:
    """The first valid email address and phone number (E.164) of a text, if any."""

    email: str | None = None
    phone: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.email is None and self.phone is None


def extract_contacts(text: str, region: str) -> FoundContacts:
    """Return the first valid email address and phone number written in `text`.

    Phone numbers without a country code are read as numbers of `region`. Only numbers that
    `phonenumbers` finds valid count, so order numbers, prices and dates are left alone, and
    numbers labelled as references or next to a currency are skipped.
    """
    email = _first_email(text)
    without_emails = _EMAIL.sub(lambda match: " " * len(match.group()), text)

    return FoundContacts(email=email, phone=_first_phone(without_emails, region))


def _first_email(text: str) -> str | None:
    for match in _EMAIL.finditer(text):
        try:
            return normalise_email(match.group())
        except ValidationError:
            continue
    return None


def _first_phone(text: str, region: str) -> str | None:
    for match in phonenumbers.PhoneNumberMatcher(text, region.upper()):
        before = text[max(0, match.start - _LABEL_WINDOW) : match.start]
        after = text[match.end :]
        if _REFERENCE_LABEL.search(before) or _CURRENCY_BEFORE.search(before):
            continue
        if _CURRENCY_AFTER.search(after):
            continue
        return str(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return None
