"""Offset pagination shared by every tenant list."""

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageRequest:
    skip: int = 0
    limit: int = 50


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
