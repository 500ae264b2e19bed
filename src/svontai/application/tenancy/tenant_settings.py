"""The settings a tenant may store, their defaults and their validation."""

import functools
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any

import phonenumbers

from svontai.domain.errors import ValidationError

DEFAULT_TENANT_SETTINGS: dict[str, Any] = {
    "default_phone_region": "TR",
    "timezone": "Europe/Istanbul",
}


def merge_settings(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Return `current` with `changes` applied key by key.

    A `None` value puts the key back to its default. Unknown keys are rejected with a
    `ValidationError` instead of being stored, so a typo cannot pass silently and the
    stored settings only ever hold keys the service reads.
    """
    merged = {**DEFAULT_TENANT_SETTINGS, **current}
    for key, value in changes.items():
        check = _CHECKS.get(key)
        if check is None:
            raise ValidationError(f"settings.{key}", "is not a known setting")
        merged[key] = DEFAULT_TENANT_SETTINGS[key] if value is None else check(value)

    return merged


def _phone_region(value: Any) -> str:
    region = value.strip().upper() if isinstance(value, str) else ""
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(
            "settings.default_phone_region", "must be an ISO 3166 country code such as TR"
        )
    return region


def _timezone(value: Any) -> str:
    if not isinstance(value, str) or value not in _iana_zones():
        raise ValidationError("settings.timezone", "must be an IANA time zone such as UTC")
    return value


@functools.cache
def _iana_zones() -> frozenset[str]:
    # `localtime` is the host's zone link in /usr/share/zoneinfo, not an IANA zone name.
    return frozenset(zoneinfo.available_timezones() - {"localtime"})


_CHECKS: dict[str, Callable[[Any], str]] = {
    "default_phone_region": _phone_region,
    "timezone": _timezone,
}
