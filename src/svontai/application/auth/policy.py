from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AuthPolicy:
    """Lifetimes and limits of sign-in, as `limits` strings such as `5/900 seconds`."""

    refresh_ttl_days: int = 30
    login_failures: str = "5/900 seconds"
    per_ip: str = "30/minute"
    reuse_grace_seconds: int = 10
