"""Measure answer quality of the service on the demo knowledge base, end to end.

The script migrates a database (a temporary SQLite file unless `--database-url` names one),
loads the demo business with the loader of `svontai demo`, and sends every question of
bench/eval_questions.json to the bot. By default each question goes through the widget
endpoints (`POST /api/public/chat/init`, then `/send`) of the app running in-process with
httpx's ASGI transport, so the figures include retrieval, scoring, the answerer and the
HTTP layer. `--in-process` instead calls the knowledge search and the answer generator from
the container directly.

An answerable question counts as correct when the reply is the answer of the expected item,
an unanswerable one when the reply is the bot's fallback message. Each question gets a new
conversation, so an earlier fallback cannot silence a later question.

    .venv/bin/python bench/eval_answers.py [--database-url URL] [--in-process]
        [--strict] [--output PATH]

A `--database-url` database keeps the demo business afterwards (loading it is idempotent).
"""

import argparse
import asyncio
import json
import math
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx

from svontai.application.ports.answer_generator import AnswerRequest
from svontai.application.ports.unit_of_work import UnitOfWork
from svontai.application.widget.send_message import SEARCH_LIMIT
from svontai.entrypoints.container import Container
from svontai.entrypoints.demo.instructions import DemoSummary
from svontai.entrypoints.demo.load import KNOWLEDGE_BASE, load_demo_business
from svontai.entrypoints.http.app import create_app
from svontai.entrypoints.migrate import upgrade
from svontai.entrypoints.settings import Settings, load_settings

QUESTIONS = Path(__file__).resolve().parent / "eval_questions.json"
ACCURACY_TARGET = 0.90
FALLBACK_TARGET = 0.95
EVAL_PASSWORD = "eval-demo-password"
UNLIMITED = "1000000/minute"

# Send one question and return the reply and the seconds it took.
Ask = Callable[[str], Awaitable[tuple[str, float]]]


@dataclass(frozen=True)
class Outcome:
    question: str
    reply: str
    seconds: float


@dataclass(frozen=True)
class Report:
    path: str
    database: str
    accuracy: float
    fallback_rate: float
    answerable_misses: list[tuple[Outcome, str]]
    unanswerable_misses: list[Outcome]
    latencies: list[float]
    answerable_count: int
    unanswerable_count: int


def eval_settings(database_url: str, workdir: Path) -> Settings:
    """Return settings with the built-in answerer and rate limits the evaluation never reaches."""
    environ = {
        "SVONTAI_DATABASE_URL": database_url,
        "SVONTAI_RATE_LIMIT_AUTH_PER_IP": UNLIMITED,
        "SVONTAI_RATE_LIMIT_WIDGET_PER_IP": UNLIMITED,
        "SVONTAI_RATE_LIMIT_WIDGET_PER_CONVERSATION": UNLIMITED,
        "SVONTAI_LOG_LEVEL": "warning",
        "SVONTAI_ARGON2_TIME_COST": "1",
        "SVONTAI_ARGON2_MEMORY_KIB": "1024",
    }
    return load_settings(environ, cwd=workdir)


def http_asker(client: httpx.AsyncClient, public_key: str) -> Ask:
    async def ask(question: str) -> tuple[str, float]:
        init = await client.post("/api/public/chat/init", json={"bot_public_key": public_key})
        conversation = _expect_ok(init)
        body = {
            "conversation_id": conversation["conversation_id"],
            "external_user_id": conversation["external_user_id"],
            "message": question,
        }

        started = time.perf_counter()
        response = await client.post("/api/public/chat/send", json=body)
        seconds = time.perf_counter() - started

        reply = _expect_ok(response)["reply"]
        return ("" if reply is None else str(reply)), seconds

    return ask


def _expect_ok(response: httpx.Response) -> dict[str, object]:
    if response.status_code != 200:
        raise SystemExit(
            f"eval_answers: {response.request.url.path} returned {response.status_code}: "
            f"{response.text[:300]}. Run with --in-process if the widget endpoints are missing."
        )
    body: dict[str, object] = response.json()
    return body


def in_process_asker(container: Container, demo: DemoSummary) -> Ask:
    generator = container.answer_generator()

    async def ask(question: str) -> tuple[str, float]:
        started = time.perf_counter()
        async with container.unit_of_work() as session:
            uow = cast(UnitOfWork, session)
            hits = await uow.knowledge.search(
                demo.bot.tenant_id, demo.bot.id, question, SEARCH_LIMIT
            )
        answer = await generator.answer(AnswerRequest(demo.bot, question, hits))
        return str(answer.text), time.perf_counter() - started

    return ask


async def ask_all(ask: Ask, questions: list[str]) -> list[Outcome]:
    outcomes = []
    for question in questions:
        reply, seconds = await ask(question)
        outcomes.append(Outcome(question, reply, seconds))
    return outcomes


async def run(settings: Settings, in_process: bool, questions: list[str]) -> list[Outcome]:
    """Load the demo and return the outcome of every question, in order."""
    demo = await load_demo_business(settings, EVAL_PASSWORD)
    container = Container(settings=settings)
    try:
        if in_process:
            return await ask_all(in_process_asker(container, demo), questions)
        transport = httpx.ASGITransport(app=create_app(settings, container))
        async with httpx.AsyncClient(transport=transport, base_url="http://eval") as client:
            return await ask_all(http_asker(client, demo.bot.public_key), questions)
    finally:
        container.password_hasher().close()
        await container.llm_http_client().aclose()
        await container.database().dispose()


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of `values` (`share` between 0 and 1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def build_report(
    outcomes: list[Outcome], dataset: dict[str, Any], path: str, database: str
) -> Report:
    items = json.loads(KNOWLEDGE_BASE.read_text(encoding="utf-8"))
    answers = {item["question"]: item["answer"] for item in items["items"]}
    fallback = items["business"]["bot"]["fallback_message"]
    answerable = dataset["answerable"]
    answered, unanswered = outcomes[: len(answerable)], outcomes[len(answerable) :]
    misses = [
        (outcome, entry["expected_question"])
        for outcome, entry in zip(answered, answerable, strict=True)
        if outcome.reply != answers[entry["expected_question"]]
    ]
    wrong_answers = [outcome for outcome in unanswered if outcome.reply != fallback]
    return Report(
        path=path,
        database=database,
        accuracy=1 - len(misses) / len(answered),
        fallback_rate=1 - len(wrong_answers) / len(unanswered),
        answerable_misses=misses,
        unanswerable_misses=wrong_answers,
        latencies=[outcome.seconds for outcome in outcomes],
        answerable_count=len(answered),
        unanswerable_count=len(unanswered),
    )


def print_report(report: Report) -> None:
    print("Answerable questions answered wrongly or not at all:")
    for outcome, expected in report.answerable_misses:
        print(
            f"  {outcome.question!r}\n      expected {expected!r}\n      got {outcome.reply[:90]!r}"
        )
    print("\nUnanswerable questions that got an answer:")
    for outcome in report.unanswerable_misses:
        print(f"  {outcome.question!r}\n      got {outcome.reply[:90]!r}")
    print()
    print(markdown(report))


def markdown(report: Report) -> str:
    p50 = percentile(report.latencies, 0.50) * 1000
    p95 = percentile(report.latencies, 0.95) * 1000
    return "\n".join(
        [
            f"Answer evaluation on the demo knowledge base ({report.database}, {report.path}).",
            "",
            "| measure | result | target |",
            "|---|---|---|",
            f"| answered correctly ({report.answerable_count} answerable questions) "
            f"| {report.accuracy:.1%} | {ACCURACY_TARGET:.0%} |",
            f"| fell back correctly ({report.unanswerable_count} unanswerable questions) "
            f"| {report.fallback_rate:.1%} | {FALLBACK_TARGET:.0%} |",
            f"| answer latency p50 | {p50:.1f} ms | |",
            f"| answer latency p95 | {p95:.1f} ms | |",
        ]
    )


def meets_targets(report: Report) -> bool:
    return report.accuracy >= ACCURACY_TARGET and report.fallback_rate >= FALLBACK_TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="database to use instead of a temporary SQLite")
    parser.add_argument(
        "--in-process", action="store_true", help="call the answerer directly instead of HTTP"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--output", type=Path, help="also write the figures as Markdown here")
    arguments = parser.parse_args()

    dataset = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    questions = [entry["question"] for entry in dataset["answerable"]] + dataset["unanswerable"]
    with tempfile.TemporaryDirectory(prefix="svontai-eval-") as workdir:
        url = arguments.database_url or f"sqlite+aiosqlite:///{workdir}/eval.db"
        upgrade(url)
        settings = eval_settings(url, Path(workdir))
        outcomes = asyncio.run(run(settings, arguments.in_process, questions))

    path = "answerer called in-process" if arguments.in_process else "widget HTTP endpoints"
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    report = build_report(outcomes, dataset, path, database)
    print_report(report)
    if arguments.output:
        arguments.output.write_text(markdown(report) + "\n", encoding="utf-8")
    if arguments.strict and not meets_targets(report):
        print("eval_answers: below a target, see the table above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
