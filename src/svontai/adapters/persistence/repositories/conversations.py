from typing import Any


class SqlConversationRepository:
    def __init__(self, uow: Any) -> None:
        self._uow = uow


class SqlMessageRepository:
    def __init__(self, uow: Any) -> None:
        self._uow = uow
