"""The request class of the app: JSON bodies must have the JSON types of their schema."""

import re
from functools import lru_cache
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException
from litestar.handlers import HTTPRouteHandler

_PATH = re.compile(r"^(?P<message>.*) - at `\$\.?(?P<path>[^`]*)`$")


class StrictJsonRequest(Request[Any, Any, Any]):
    """A request whose JSON body is checked against the handler's body type without coercion.

    Litestar decodes a body and then converts it with msgspec's lax rules, which read the
    string "0.5" as a number and 1 as true. The body is decoded once more here, strictly,
    so a value of another JSON type is a 422 naming its field. Nesting too deep for the
    decoder is a 422 too, not a `RecursionError`. A body declared as anything but JSON is a
    422 naming `Content-Type`; a body without a declared type is read as JSON.
    """

    async def json(self) -> Any:
        content_type = self.headers.get("content-type")
        if content_type is not None and not _is_json(content_type):
            raise _invalid("Content-Type", "must be application/json for a JSON body", "header")
        try:
            value = await super().json()
            decoder = _strict_decoder(self.route_handler)
            if decoder is not None:
                decoder.decode(await self.body())
        except RecursionError:
            raise _invalid("body", "JSON is nested too deeply") from None
        except msgspec.ValidationError as error:
            match = _PATH.match(str(error))
            if match is None:
                raise _invalid("body", str(error)) from None
            raise _invalid(match["path"] or "body", match["message"]) from None
        return value


def _is_json(content_type: str) -> bool:
    """Tell whether a Content-Type names JSON: `application/json` or a `+json` type."""
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


@lru_cache(maxsize=256)
def _strict_decoder(handler: HTTPRouteHandler) -> msgspec.json.Decoder[Any] | None:
    """Return a strict decoder for the handler's `data` parameter, or None when it has none."""
    field = handler.parsed_fn_signature.parameters.get("data")
    return None if field is None else msgspec.json.Decoder(field.annotation, strict=True)


def _invalid(field: str, message: str, source: str = "body") -> ValidationException:
    return ValidationException(
        detail=message, extra=[{"key": field, "message": message, "source": source}]
    )
