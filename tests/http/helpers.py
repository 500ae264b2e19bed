"""Small helpers that set up users, tenants and bots through the public API."""

import itertools
from dataclasses import dataclass, field
from typing import Any

import httpx

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


@dataclass
class Account:
    email: str
    access_token: str
    refresh_token: str
    tenant_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Api:
    client: httpx.AsyncClient

    async def register(self, email: str | None = None, password: str = PASSWORD) -> str:
        email = email or f"user{next(_counter)}@example.com"
        response = await self.client.post(
            "/api/auth/register",
            json={"email": email, "password": password, "full_name": "Test User"},
        )
        assert response.status_code == 201, response.text
        return email

    async def login(self, email: str, password: str = PASSWORD) -> Account:
        response = await self.client.post(
            "/api/auth/login", json={"email": email, "password": password}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        headers = {"Authorization": f"Bearer {body['access_token']}"}
        return Account(email, body["access_token"], body["refresh_token"], headers=headers)

    async def account(self, with_tenant: bool = True, tenant_name: str = "Acme") -> Account:
        """Register, log in and (by default) create a tenant the account owns."""
        account = await self.login(await self.register())
        if with_tenant:
            response = await self.client.post(
                "/api/tenants", json={"name": tenant_name}, headers=account.headers
            )
            assert response.status_code == 201, response.text
            account.tenant_id = response.json()["id"]
            account.headers["X-Tenant-ID"] = account.tenant_id
        return account

    async def bot(self, account: Account, **fields: Any) -> dict[str, Any]:
        body = {"name": "Support bot", **fields}
        response = await self.client.post("/api/bots", json=body, headers=account.headers)
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def knowledge(
        self, account: Account, bot_id: str, question: str, answer: str, **fields: Any
    ) -> dict[str, Any]:
        body = {"bot_id": bot_id, "question": question, "answer": answer, **fields}
        response = await self.client.post("/api/knowledge", json=body, headers=account.headers)
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    """Check the status and the error envelope `{status_code, detail, code}`."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status_code"] == status
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
