from typing import Any


class FakeLeadRepository:
    def __init__(self, *stores: Any) -> None:
        self.stores = stores
