from typing import Any


class SqlKnowledgeRepository:
    def __init__(self, uow: Any) -> None:
        self._uow = uow
