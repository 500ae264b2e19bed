import httpx
import pytest

from tests.http.helpers import assert_error


async def test_health_answers_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/health", "/ready"])
async def test_health_checks_answer_head(client: httpx.AsyncClient, path: str) -> None:
    response = await client.head(path)
    full = await client.get(path)

    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == str(len(full.content))


async def test_ready_checks_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/ready")

    assert response.status_code == 200


async def test_unknown_path_is_not_found_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/nothing-here")

    assert_error(response, 404, "not_found")


async def test_wrong_method_is_method_not_allowed(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/auth/login")

    assert_error(response, 405, "method_not_allowed")


async def test_body_over_one_mebibyte_is_rejected(client: httpx.AsyncClient) -> None:
    body = b'{"email": "' + b"a" * (1_048_576 + 10) + b'"}'

    response = await client.post(
        "/api/auth/login", content=body, headers={"Content-Type": "application/json"}
    )

    assert_error(response, 413, "payload_too_large")


async def test_wrong_json_type_is_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/login", json={"email": 5, "password": "x" * 8})

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "email"


@pytest.mark.parametrize(
    ("field", "value"),
    [("answer_threshold", "0.5"), ("is_active", "true"), ("is_active", 1), ("name", 5)],
)
async def test_json_types_are_not_coerced(api, field: str, value: object) -> None:  # type: ignore[no-untyped-def]
    account = await api.account()
    bot = await api.bot(account)

    response = await api.client.put(
        f"/api/bots/{bot['id']}", json={field: value}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == field
    stored = await api.client.get(f"/api/bots/{bot['id']}", headers=account.headers)
    assert stored.json()[field] == bot[field]


async def test_deeply_nested_json_is_validation_error(client: httpx.AsyncClient) -> None:
    body = b"[" * 100_000 + b"]" * 100_000

    response = await client.post(
        "/api/public/chat/send", content=body, headers={"Content-Type": "application/json"}
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"] == [{"field": "body", "message": "JSON is nested too deeply"}]


async def test_array_body_is_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/login", json=["not", "an", "object"])

    assert_error(response, 422, "validation_error")


async def test_missing_field_is_named(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/register", json={"email": "a@example.com"})

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] in {"password", "full_name"}


async def test_non_json_content_type_is_rejected(
    client: httpx.AsyncClient,
) -> None:
    body = b'{"email": "a@example.com", "password": "a long password", "full_name": "A"}'

    response = await client.post(
        "/api/auth/register", content=body, headers={"Content-Type": "text/plain"}
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "Content-Type"


@pytest.mark.parametrize(
    "content_type", [None, "application/json; charset=utf-8", "application/merge-patch+json"]
)
async def test_json_content_types_are_accepted(
    client: httpx.AsyncClient, content_type: str | None
) -> None:
    body = b'{"email": "b@example.com", "password": "a long password", "full_name": "B"}'
    headers = {} if content_type is None else {"Content-Type": content_type}

    response = await client.post("/api/auth/register", content=body, headers=headers)

    assert response.status_code == 201, response.text


async def test_form_body_is_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/auth/login",
        content=b"email=a&password=b",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert_error(response, 422, "validation_error")


async def test_openapi_document_lists_the_api(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/auth/login" in paths
    assert "/health" in paths


async def test_openapi_ui_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema")

    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


async def test_authenticated_api_refuses_unlisted_origin(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/api/bots",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )

    assert "access-control-allow-origin" not in response.headers
    assert_error(response, 403, "forbidden")


async def test_listed_origin_may_call_the_authenticated_api(client_with) -> None:  # type: ignore[no-untyped-def]
    client = await client_with(cors_origins=["https://app.example"])

    response = await client.options(
        "/api/bots",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "https://app.example"


async def test_public_widget_paths_allow_any_origin(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/api/public/chat/send",
        headers={
            "Origin": "https://shop.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "content-type" in response.headers["access-control-allow-headers"]


async def test_malformed_path_ids_are_validation_errors(api) -> None:  # type: ignore[no-untyped-def]
    account = await api.account()
    paths = [
        ("GET", "/api/bots/not-a-uuid"),
        ("GET", "/api/knowledge/not-a-uuid"),
        ("PUT", "/api/leads/not-a-uuid"),
        ("GET", "/api/conversations/not-a-uuid"),
        ("POST", "/api/conversations/not-a-uuid/takeover"),
        ("PUT", "/api/tenants/not-a-uuid"),
    ]

    for method, path in paths:
        response = await api.client.request(method, path, json={}, headers=account.headers)

        assert response.status_code == 422, (method, path, response.text)
        assert response.json()["code"] == "validation_error"


async def test_body_that_is_not_utf8_is_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/auth/login",
        content=b'{"email": "\xff", "password": "x"}',
        headers={"Content-Type": "application/json"},
    )

    assert_error(response, 422, "validation_error")


async def test_empty_body_is_named_as_missing(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/public/chat/send", headers={"content-type": "application/json"}
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"] == [{"field": "body", "message": "a JSON body is required"}]


async def test_lone_surrogate_is_called_malformed_json(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/auth/login",
        content=b'"\\ud800"',
        headers={"Content-Type": "application/json"},
    )

    assert_error(response, 422, "validation_error")
    assert "JSON is malformed" in response.json()["detail"]
    assert "JSON is malformed" in response.json()["extra"][0]["message"]


async def test_huge_skip_is_validation_error(api) -> None:  # type: ignore[no-untyped-def]
    account = await api.account()

    response = await api.client.get(
        "/api/bots", params={"skip": 9223372036854775808}, headers=account.headers
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "skip"


async def test_missing_query_parameter_is_named(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/public/chat/messages",
        params={"conversation_id": "3f1b0c9e-52a1-4b7e-9a51-1d6f0d1c2e3a"},
    )

    assert_error(response, 422, "validation_error")
    assert response.json()["extra"][0]["field"] == "external_user_id"


async def test_swagger_ui_assets_are_served_locally(client: httpx.AsyncClient) -> None:
    page = await client.get("/schema")
    script = await client.get("/schema/assets/swagger-ui-bundle.js")

    assert "/schema/assets/swagger-ui-bundle.js" in page.text
    assert script.status_code == 200
    assert "https://" not in page.text


async def test_openapi_documents_the_error_envelope(client: httpx.AsyncClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()

    responses = document["paths"]["/api/bots"]["get"]["responses"]
    assert "400" not in responses
    assert responses["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert {"401", "403", "404", "429"} <= set(responses)
    assert "code" in document["components"]["schemas"]["Error"]["properties"]


async def test_openapi_documents_the_tenant_header(client: httpx.AsyncClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()

    parameters = document["paths"]["/api/bots"]["get"]["parameters"]
    assert any(parameter["name"] == "X-Tenant-ID" for parameter in parameters)


async def test_openapi_marks_public_operations_open(client: httpx.AsyncClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()

    paths = document["paths"]
    assert paths["/api/public/chat/send"]["post"]["security"] == []
    assert paths["/api/auth/login"]["post"]["security"] == []
    assert "404" in paths["/api/public/chat/init"]["post"]["responses"]
    assert "security" not in paths["/api/bots"]["get"]
