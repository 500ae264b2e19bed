"""The text `svontai demo` prints: the login, the bot's key and commands to chat with it."""

import secrets
from dataclasses import dataclass

from svontai.domain.bots import Bot

TURKISH_QUESTION = "Kargo ücreti ne kadar?"
ENGLISH_QUESTION = "Do you ship abroad?"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    email: str
    password: str | None
    tenant_name: str
    plan_code: str
    bot: Bot
    items_added: int
    items_total: int


def instructions(summary: DemoSummary, public_base_url: str) -> str:
    """Render the summary and ready-to-paste curl commands against `public_base_url`."""
    base_url = public_base_url.rstrip("/")
    return "\n".join(
        [
            *_summary_lines(summary),
            "",
            "With the server running (`make run` in another terminal), chat with the bot:",
            "",
            # A new visitor id each time: the id is the visitor's secret, and everyone who
            # pasted the same commands would otherwise share one conversation.
            *_curl_lines(summary.bot.public_key, base_url, f"demo-{secrets.token_hex(8)}"),
        ]
    )


def _summary_lines(summary: DemoSummary) -> list[str]:
    state = "loaded" if summary.items_added else "already loaded, nothing changed"
    password = summary.password or (
        "(not shown: it was changed after the demo was loaded, or the demo was loaded with "
        "another SVONTAI_DEMO_PASSWORD)"
    )
    return [
        f"Demo business {summary.tenant_name!r} {state}.",
        "",
        f"  login     {summary.email}",
        f"  password  {password}",
        f"  tenant    {summary.tenant_name} (plan {summary.plan_code})",
        f"  bot       {summary.bot.name}, public key {summary.bot.public_key}",
        f"  knowledge {summary.items_total} items ({summary.items_added} added now)",
    ]


def _curl_lines(public_key: str, base_url: str, visitor_id: str) -> list[str]:
    init_body = f'{{"bot_public_key": "{public_key}", "external_user_id": "{visitor_id}"}}'
    return [
        f"CONVERSATION_ID=$(curl -s -X POST {base_url}/api/public/chat/init \\",
        "  -H 'Content-Type: application/json' \\",
        f"  -d '{init_body}' \\",
        "  | python3 -c 'import json, sys; print(json.load(sys.stdin)[\"conversation_id\"])')",
        "",
        *_send_lines(base_url, visitor_id, TURKISH_QUESTION),
        "",
        *_send_lines(base_url, visitor_id, ENGLISH_QUESTION),
    ]


def _send_lines(base_url: str, visitor_id: str, question: str) -> list[str]:
    # Double quotes let the shell put the conversation id into the JSON body.
    body = (
        f'{{\\"conversation_id\\": \\"$CONVERSATION_ID\\", '
        f'\\"external_user_id\\": \\"{visitor_id}\\", \\"message\\": \\"{question}\\"}}'
    )
    return [
        f"curl -s -X POST {base_url}/api/public/chat/send \\",
        "  -H 'Content-Type: application/json' \\",
        f'  -d "{body}"',
    ]
