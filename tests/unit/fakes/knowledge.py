from typing import Any


class FakeKnowledgeRepository:
    def __init__(self, *stores: Any) -> None:
        self.stores = stores
