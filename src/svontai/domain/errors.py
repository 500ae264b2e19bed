"""The one error hierarchy of the service.

Each error carries a stable machine `code`; the HTTP layer maps the class to a status code and
never needs to look at the message.
"""

from dataclasses import dataclass


class DomainError(Exception):
    """Base of every expected failure; `detail` is a sentence safe to show to the caller."""

    code = "error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(DomainError):
    code = "not_found"


class NoTenantError(NotFoundError):
    code = "no_tenant"


class AuthenticationError(DomainError):
    code = "unauthorized"


class InvalidCredentialsError(AuthenticationError):
    code = "invalid_credentials"


class InvalidRefreshTokenError(AuthenticationError):
    code = "invalid_refresh_token"


class RefreshTokenReusedError(AuthenticationError):
    code = "refresh_token_reused"


class PermissionDeniedError(DomainError):
    code = "forbidden"


class PlanLimitError(PermissionDeniedError):
    code = "plan_limit_reached"


class FeatureNotInPlanError(PermissionDeniedError):
    code = "feature_not_in_plan"


class TenantSuspendedError(PermissionDeniedError):
    code = "tenant_suspended"


class UserDisabledError(PermissionDeniedError):
    code = "user_disabled"


class ConflictError(DomainError):
    code = "conflict"


class SlugTakenError(ConflictError):
    """Another tenant took the slug between the check and the insert."""


class EmailTakenError(ConflictError):
    code = "email_taken"


class InvalidTransitionError(ConflictError):
    code = "invalid_transition"


class RateLimitedError(DomainError):
    code = "rate_limited"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)


class UnavailableError(DomainError):
    code = "unavailable"


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str


class ValidationError(DomainError):
    """Input that is well-formed but breaks a rule (an invalid phone number, an empty name)."""

    code = "validation_error"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"Invalid value for {field}: {message}")
        self.errors = (FieldError(field, message),)
