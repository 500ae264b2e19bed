import asyncio

import httpx

from tests.http.helpers import PASSWORD, Api, assert_error


async def test_register_returns_user_without_password(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register",
        json={"email": "  Alice@Example.COM ", "password": PASSWORD, "full_name": "Alice"},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "alice@example.com"
    assert "password" not in str(body)
    assert body["is_active"] is True
    assert body["is_platform_admin"] is False
    assert body["created_at"].endswith("Z")


async def test_register_rejects_duplicate_email_case_insensitively(api: Api) -> None:
    await api.register("bob@example.com")

    response = await api.client.post(
        "/api/auth/register",
        json={"email": "BOB@example.com", "password": PASSWORD, "full_name": "Bob"},
    )

    assert_error(response, 409, "email_taken")


async def test_register_rejects_short_password(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register",
        json={"email": "c@example.com", "password": "short", "full_name": "C"},
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "password"


async def test_register_rejects_invalid_email(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register",
        json={"email": "not-an-email", "password": PASSWORD, "full_name": "C"},
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "email"


async def test_register_rejects_malformed_json(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/register",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )

    assert_error(response, 422, "validation_error")


async def test_login_returns_token_pair(api: Api) -> None:
    email = await api.register()

    response = await api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    assert body["access_token"].count(".") == 2
    assert "." not in body["refresh_token"]


async def test_login_rejects_wrong_password(api: Api) -> None:
    email = await api.register()

    response = await api.client.post("/api/auth/login", json={"email": email, "password": "x" * 9})

    assert_error(response, 401, "invalid_credentials")


async def test_login_rejects_unknown_email(api: Api) -> None:
    response = await api.client.post(
        "/api/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
    )

    assert_error(response, 401, "invalid_credentials")


async def test_login_throttles_after_five_failures(api: Api) -> None:
    email = await api.register()
    for _ in range(5):
        await api.client.post("/api/auth/login", json={"email": email, "password": "wrong-pass"})

    response = await api.client.post("/api/auth/login", json={"email": email, "password": PASSWORD})

    assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0


async def test_login_throttles_unknown_email_too(api: Api) -> None:
    body = {"email": "ghost@example.com", "password": "wrong-pass"}
    for _ in range(5):
        await api.client.post("/api/auth/login", json=body)

    response = await api.client.post("/api/auth/login", json=body)

    assert_error(response, 429, "rate_limited")


async def test_throttled_account_keeps_existing_sessions(api: Api) -> None:
    account = await api.account(with_tenant=False)
    for _ in range(6):
        await api.client.post(
            "/api/auth/login", json={"email": account.email, "password": "wrong-pass"}
        )

    response = await api.client.get("/api/me", headers=account.headers)

    assert response.status_code == 200


async def test_login_per_ip_limit(client_with) -> None:  # type: ignore[no-untyped-def]
    client = await client_with(rate_limit_auth_per_ip="2/minute")
    body = {"email": "nobody@example.com", "password": PASSWORD}
    await client.post("/api/auth/login", json=body)
    await client.post("/api/auth/login", json=body)

    response = await client.post("/api/auth/login", json=body)

    assert_error(response, 429, "rate_limited")
    assert "Retry-After" in response.headers


async def test_refresh_rotates_tokens(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.post(
        "/api/auth/refresh", json={"refresh_token": account.refresh_token}
    )

    assert response.status_code == 200
    assert response.json()["refresh_token"] != account.refresh_token


async def test_refresh_reuse_within_grace_keeps_session(api: Api) -> None:
    account = await api.account(with_tenant=False)
    first = await api.client.post(
        "/api/auth/refresh", json={"refresh_token": account.refresh_token}
    )

    again = await api.client.post(
        "/api/auth/refresh", json={"refresh_token": account.refresh_token}
    )

    assert_error(again, 401, "invalid_refresh_token")
    new_refresh = first.json()["refresh_token"]
    still_alive = await api.client.post("/api/auth/refresh", json={"refresh_token": new_refresh})
    assert still_alive.status_code == 200


async def test_concurrent_refreshes_yield_one_pair(api: Api) -> None:
    account = await api.account(with_tenant=False)
    body = {"refresh_token": account.refresh_token}

    responses = await asyncio.gather(
        *(api.client.post("/api/auth/refresh", json=body) for _ in range(4))
    )

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 401, 401, 401]


async def test_refresh_rejects_unknown_token(api: Api) -> None:
    response = await api.client.post("/api/auth/refresh", json={"refresh_token": "nope"})

    assert_error(response, 401, "invalid_refresh_token")


async def test_logout_revokes_access_token(api: Api) -> None:
    account = await api.account(with_tenant=False)

    response = await api.client.post("/api/auth/logout", headers=account.headers)

    assert response.status_code == 204
    after = await api.client.get("/api/me", headers=account.headers)
    assert_error(after, 401, "unauthorized")
    again = await api.client.post("/api/auth/logout", headers=account.headers)
    assert_error(again, 401, "unauthorized")


async def test_logout_revokes_refresh_token(api: Api) -> None:
    account = await api.account(with_tenant=False)

    await api.client.post(
        "/api/auth/logout",
        json={"refresh_token": account.refresh_token},
        headers=account.headers,
    )

    response = await api.client.post(
        "/api/auth/refresh", json={"refresh_token": account.refresh_token}
    )
    assert_error(response, 401, "invalid_refresh_token")


async def test_request_without_token_is_unauthorized(api: Api) -> None:
    response = await api.client.get("/api/me")

    assert_error(response, 401, "unauthorized")


async def test_tampered_token_is_unauthorized(api: Api) -> None:
    account = await api.account(with_tenant=False)
    forged = account.access_token[:-2] + ("AA" if account.access_token[-2:] != "AA" else "BB")

    response = await api.client.get("/api/me", headers={"Authorization": f"Bearer {forged}"})

    assert_error(response, 401, "unauthorized")


async def test_every_response_has_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    generated = await client.get("/health", headers={"X-Request-ID": "bad id with spaces"})

    assert response.headers["X-Request-ID"] == "abc-123"
    assert generated.headers["X-Request-ID"] != "bad id with spaces"
