from typing import Any


class SqlBotRepository:
    def __init__(self, uow: Any) -> None:
        self._uow = uow
