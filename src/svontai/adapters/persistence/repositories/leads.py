from typing import Any


class SqlLeadRepository:
    def __init__(self, uow: Any) -> None:
        self._uow = uow
