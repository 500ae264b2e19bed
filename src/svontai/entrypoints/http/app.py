"""The Litestar application factory."""

from functools import partial
from typing import Any

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.static_files import create_static_files_router
from sqlalchemy.exc import SQLAlchemyError
from swagger_ui_bundle import swagger_ui_path

from svontai import __version__
from svontai.entrypoints.container import Container
from svontai.entrypoints.http.controllers import ROUTE_HANDLERS
from svontai.entrypoints.http.dependencies import APP_DEPENDENCIES
from svontai.entrypoints.http.errors import EXCEPTION_HANDLERS
from svontai.entrypoints.http.middleware import CorsMiddleware, RequestContextMiddleware
from svontai.entrypoints.http.openapi_errors import document_errors
from svontai.entrypoints.http.request import StrictJsonRequest
from svontai.entrypoints.logging import configure_logging
from svontai.entrypoints.settings import Settings

MAX_BODY_BYTES = 1_048_576
PUBLIC_PREFIXES = ("/api/public/",)
SWAGGER_ASSETS = "/schema/assets"


def create_app(settings: Settings, container: Container | None = None) -> Any:
    """Build the ASGI application; nothing is created before this is called."""
    configure_logging(settings)
    container = container or Container(settings=settings)
    litestar_app = Litestar(
        route_handlers=[
            *ROUTE_HANDLERS,
            create_static_files_router(
                path=SWAGGER_ASSETS, directories=[swagger_ui_path], include_in_schema=False
            ),
        ],
        dependencies=APP_DEPENDENCIES,
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=_openapi(),
        request_max_body_size=MAX_BODY_BYTES,
        request_class=StrictJsonRequest,
        on_startup=[partial(check_database, container, settings)],
        on_shutdown=[partial(_shutdown, container)],
        logging_config=None,
        debug=False,
    )
    litestar_app.state.container = container
    # Litestar keeps the generated document, so editing it once here changes what it serves.
    document_errors(litestar_app.plugins.get("OpenAPIPlugin").provide_openapi_schema())
    cors = CorsMiddleware(litestar_app, settings.cors_origins, PUBLIC_PREFIXES)
    app = RequestContextMiddleware(cors)
    app.litestar = litestar_app  # type: ignore[attr-defined]
    return app


async def check_database(container: Container, settings: Settings) -> None:
    """Raise `RuntimeError` when the schema is missing or the default plan is unknown."""
    uow = container.unit_of_work()
    try:
        plan = await uow.plans.get_by_code(settings.default_plan)
    except SQLAlchemyError as error:
        raise RuntimeError(
            f"cannot read the database ({type(error).__name__}); run `svontai migrate` first"
        ) from error
    finally:
        await uow.close()
    if plan is None:
        raise RuntimeError(
            f"SVONTAI_DEFAULT_PLAN is {settings.default_plan!r}, but no plan has that code"
        )


async def _shutdown(container: Container) -> None:
    await container.event_recorder().drain()
    container.password_hasher().close()
    await container.llm_http_client().aclose()
    await container.database().dispose()


def _openapi() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="SvontAI API",
        version=__version__,
        description="Multi-tenant backend for AI customer assistants.",
        path="/schema",
        # Swagger UI from the swagger-ui-bundle package, served by this app: the page works
        # without internet access, unlike the CDN-hosted default.
        render_plugins=[
            SwaggerRenderPlugin(
                path=["/", "/swagger"],
                js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
                css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
                standalone_preset_js_url=f"{SWAGGER_ASSETS}/swagger-ui-standalone-preset.js",
                # Litestar's default icon comes from a CDN; the page needs no internet access.
                favicon=f"<link rel='icon' href='{SWAGGER_ASSETS}/favicon-32x32.png'>",
            )
        ],
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")
            }
        ),
        security=[{"BearerToken": []}],
    )
