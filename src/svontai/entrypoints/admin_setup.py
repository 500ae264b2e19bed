"""`svontai create-admin`: run the use case outside any HTTP request."""

from svontai.entrypoints.container import Container
from svontai.entrypoints.settings import Settings


async def create_admin(settings: Settings, email: str, password: str) -> bool:
    """Create or promote the admin; return True when a new user was created."""
    container = Container(settings=settings)
    uow = container.unit_of_work()
    try:
        result = await container.create_admin(uow=uow).execute(email, password)
    finally:
        await uow.close()
        container.password_hasher().close()
        await container.database().dispose()
    return result.created
