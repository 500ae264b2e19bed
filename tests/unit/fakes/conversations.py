from typing import Any


class FakeConversationRepository:
    def __init__(self, *stores: Any) -> None:
        self.stores = stores


class FakeMessageRepository:
    def __init__(self, *stores: Any) -> None:
        self.stores = stores
