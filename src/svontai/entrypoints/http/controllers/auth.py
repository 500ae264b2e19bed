from litestar import Controller, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from svontai.application.auth.login import LoginCommand
from svontai.application.auth.register_user import RegisterUserCommand
from svontai.application.auth.tokens import TokenPair
from svontai.entrypoints.http.dependencies import ClientIpDep, ContainerDep, PrincipalDep, UowDep
from svontai.entrypoints.http.schemas.auth import (
    LoginRequest,
    LogoutRequest,
    RefreshRequest,
    RegisterRequest,
    TokenResponse,
    UserResponse,
)


def _tokens(pair: TokenPair) -> TokenResponse:
    return TokenResponse(pair.access_token, pair.refresh_token, pair.token_type, pair.expires_in)


class AuthController(Controller):
    path = "/api/auth"
    tags = ["auth"]

    @post("/register", status_code=HTTP_201_CREATED)
    async def register(
        self,
        data: JSONBody[RegisterRequest],
        container: ContainerDep,
        uow: UowDep,
        client_ip: ClientIpDep,
    ) -> UserResponse:
        """Create an account."""
        command = RegisterUserCommand(data.email, data.password, data.full_name, client_ip)
        user = await container.register_user(uow=uow).execute(command)
        return UserResponse.of(user)

    @post("/login", status_code=200)
    async def login(
        self,
        data: JSONBody[LoginRequest],
        container: ContainerDep,
        uow: UowDep,
        client_ip: ClientIpDep,
    ) -> TokenResponse:
        """Exchange an email and password for an access and a refresh token."""
        command = LoginCommand(data.email, data.password, client_ip)
        return _tokens(await container.login(uow=uow).execute(command))

    @post("/refresh", status_code=200)
    async def refresh(
        self, data: JSONBody[RefreshRequest], container: ContainerDep, uow: UowDep
    ) -> TokenResponse:
        """Rotate a refresh token into a new token pair."""
        return _tokens(await container.refresh_tokens(uow=uow).execute(data.refresh_token))

    @post("/logout", status_code=HTTP_204_NO_CONTENT)
    async def logout(
        self,
        principal: PrincipalDep,
        container: ContainerDep,
        uow: UowDep,
        data: JSONBody[LogoutRequest | None] = None,
    ) -> None:
        """End the current session (and the refresh token's, if sent)."""
        refresh_token = data.refresh_token if data else None
        await container.logout(uow=uow).execute(principal, refresh_token)
