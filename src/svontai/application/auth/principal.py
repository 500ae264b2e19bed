from dataclasses import dataclass
from uuid import UUID

from svontai.domain.users import User


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller of a request."""

    user: User
    session_id: UUID
