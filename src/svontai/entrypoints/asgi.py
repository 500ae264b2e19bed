"""ASGI entry for servers: `uvicorn --factory svontai.entrypoints.asgi:create`."""

from typing import Any

from svontai.entrypoints.http.app import create_app
from svontai.entrypoints.settings import load_settings


def create() -> Any:
    return create_app(load_settings())
