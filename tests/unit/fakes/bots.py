from typing import Any


class FakeBotRepository:
    def __init__(self, *stores: Any) -> None:
        self.stores = stores
