"""Load benchmark of the SvontAI service, measured against a bare Litestar app.

Run from the repository root, with wrk installed (apt-get install -y wrk):

    .venv/bin/python bench/run_load.py --databases sqlite,postgres --duration 10 \\
        --output bench-results.md

Every server runs as one uvicorn worker on 127.0.0.1, and wrk runs with 2 threads on the same
machine, so the figures include the load generator's CPU use. The Markdown report goes to
stdout (and to --output); progress goes to stderr. The exit status is 0 even when a check
fails, and non-zero only when the benchmark itself could not run.
"""

import argparse
import logging
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from api_seed import (
    SeededService,
    measure_answer_latency,
    owner_access_token,
    seed_service,
    write_login_bodies,
    write_send_bodies,
)
from processes import (
    HarnessError,
    free_port,
    run_to_completion,
    running_server,
    stop_process,
    wait_until_idle,
)
from report import (
    HIGH_CLIENTS,
    LOW_CLIENTS,
    MIXED_BOTS,
    MIXED_LOGIN,
    DatabaseReport,
    ScenarioRun,
    render_report,
)
from seed_data import KNOWLEDGE_ITEMS
from wrk_runner import WRK_THREADS, finish_wrk, require_wrk, run_wrk, start_wrk, wrk_command

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
VENV_BIN = REPO_ROOT / ".venv" / "bin"
# The options of `svontai serve`: one worker, no access log, asyncio's own event loop and the
# httptools parser.
UVICORN_OPTIONS = [
    "--workers", "1",
    "--loop", "asyncio",
    "--http", "httptools",
    "--no-access-log",
    "--log-level", "warning",
]  # fmt: skip
WARMUP_SECONDS = 2
KB_SIZES = (100, 100_000)
KB_TIMED_REQUESTS = 200
MIGRATE_TIMEOUT_SECONDS = 300.0
BENCH_SEED_TIMEOUT_SECONDS = 1800.0
POSTGRES_DATABASE = "svontai_bench"
POSTGRES_URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{POSTGRES_DATABASE}"
DATABASE_TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

log = logging.getLogger("bench")


@dataclass(frozen=True)
class Settings:
    databases: list[str]
    duration_seconds: int
    output: Path | None
    skip_kb_scaling: bool


def parse_databases(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in DATABASE_TITLES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"invalid database list {text!r}: use a comma-separated subset of sqlite,postgres"
        )
    return names


def positive_seconds(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"duration must be at least 1 second, got {value}")
    return value


def parse_args(argv: list[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--databases",
        type=parse_databases,
        default=["sqlite", "postgres"],
        help="comma-separated databases to run the service on (default: sqlite,postgres)",
    )
    parser.add_argument(
        "--duration",
        type=positive_seconds,
        default=10,
        help="seconds of each timed wrk run (default: 10)",
    )
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    parser.add_argument(
        "--skip-kb-scaling",
        action="store_true",
        help="skip the answer latency measurement with 100 and 100,000 knowledge items",
    )
    args = parser.parse_args(argv)
    return Settings(args.databases, args.duration, args.output, args.skip_kb_scaling)


def service_env(database_url: str) -> dict[str, str]:
    """Return the service's environment: no plan limits and rate limits far above the load."""
    # Inherited SVONTAI_* variables are dropped so that every run uses the same settings.
    env = {key: value for key, value in os.environ.items() if not key.startswith("SVONTAI_")}
    env |= {
        "SVONTAI_ENV": "development",
        "SVONTAI_DATABASE_URL": database_url,
        "SVONTAI_DEFAULT_PLAN": "enterprise",
        "SVONTAI_JWT_SECRET": secrets.token_urlsafe(36),  # 48 characters
        "SVONTAI_LOG_LEVEL": "warning",
        "SVONTAI_RATE_LIMIT_AUTH_PER_IP": "1000000/minute",
        "SVONTAI_RATE_LIMIT_WIDGET_PER_IP": "1000000/minute",
        "SVONTAI_RATE_LIMIT_WIDGET_PER_CONVERSATION": "1000000/minute",
        "SVONTAI_LOGIN_MAX_FAILURES": "1000000",
    }
    return env


def reset_postgres(workdir: Path) -> None:
    """Drop and create the benchmark database on the local PostgreSQL server."""
    if shutil.which("psql") is None:
        raise HarnessError(
            "psql is not installed. Install it with: apt-get install -y postgresql-client"
        )
    command = [
        "psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
        # FORCE (PostgreSQL 13 and later) also ends sessions left over from an aborted run.
        "-c", f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)",
        "-c", f"CREATE DATABASE {POSTGRES_DATABASE}",
    ]  # fmt: skip
    env = os.environ | {"PGCONNECT_TIMEOUT": "10"}
    run_to_completion(command, env, workdir, workdir / "psql.log", timeout=60.0)


def prepare_database(database: str, workdir: Path) -> str:
    """Create an empty database and return its SQLAlchemy URL."""
    if database == "postgres":
        reset_postgres(workdir)
        return POSTGRES_URL
    return f"sqlite+aiosqlite:///{workdir / 'bench.db'}"


def measure_scenario(
    scenario: str, url: str, script_args: list[str], duration: int
) -> list[ScenarioRun]:
    """Run a short warm-up, then one timed wrk run at 16 and one at 128 connections."""
    log.info("%s: warm-up %d s", scenario, WARMUP_SECONDS)
    run_wrk(wrk_command(url, scenario, LOW_CLIENTS, WARMUP_SECONDS, script_args), WARMUP_SECONDS)
    runs = []
    for clients in (LOW_CLIENTS, HIGH_CLIENTS):
        log.info("%s: %d connections, %d s", scenario, clients, duration)
        result = run_wrk(wrk_command(url, scenario, clients, duration, script_args), duration)
        runs.append(ScenarioRun(scenario, clients, result))
    return runs


def measure_mixed(base_url: str, login_file: Path, duration: int) -> list[ScenarioRun]:
    """Run bots and login with 16 connections each at the same time."""
    log.info(
        "bots with login running: %d + %d connections, %d s", LOW_CLIENTS, LOW_CLIENTS, duration
    )
    login_command = wrk_command(
        f"{base_url}/api/auth/login", "login", LOW_CLIENTS, duration, [str(login_file)]
    )
    bots_command = wrk_command(
        f"{base_url}/api/bots", "bots", LOW_CLIENTS, duration, [owner_access_token(base_url)]
    )
    login_process = start_wrk(login_command)
    try:
        bots_result = run_wrk(bots_command, duration)
        login_result = finish_wrk(login_process, duration)
    finally:
        stop_process(login_process)
    return [
        ScenarioRun(MIXED_LOGIN, LOW_CLIENTS, login_result),
        ScenarioRun(MIXED_BOTS, LOW_CLIENTS, bots_result),
    ]


def measure_service(
    base_url: str,
    pid: int,
    seeded: SeededService,
    workdir: Path,
    duration: int,
    runs: list[ScenarioRun],
) -> None:
    """Run the login, bots, send and mixed scenarios, appending each result to runs.

    Each scenario starts once the service is idle. Results are appended as they come, so a
    report on a failed run keeps what was measured.
    """
    login_file, send_file = workdir / "login-bodies.jsonl", workdir / "send-bodies.jsonl"
    write_login_bodies(login_file, seeded.login_emails)
    write_send_bodies(send_file, seeded.conversations)
    runs += measure_scenario("login", f"{base_url}/api/auth/login", [str(login_file)], duration)
    settle(pid)
    # A token taken right before the run, so that it cannot expire during it.
    token = owner_access_token(base_url)
    runs += measure_scenario("bots", f"{base_url}/api/bots", [token], duration)
    settle(pid)
    runs += measure_scenario("send", f"{base_url}/api/public/chat/send", [str(send_file)], duration)
    settle(pid)
    runs += measure_mixed(base_url, login_file, duration)


def settle(pid: int) -> None:
    waited = wait_until_idle(pid)
    log.info("service idle after %.1f s", waited)


def measure_bare(tmp_root: Path, duration: int) -> list[ScenarioRun]:
    """Start the bare app under uvicorn and measure GET /ping."""
    workdir = tmp_root / "bare"
    workdir.mkdir()
    port = free_port()
    command = [
        str(VENV_BIN / "python"), "-m", "uvicorn", "bare_app:app", "--app-dir", str(BENCH_DIR),
        "--host", "127.0.0.1", "--port", str(port), *UVICORN_OPTIONS,
    ]  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    log.info("bare app: starting on %s", base_url)
    with running_server(
        "bare app", command, dict(os.environ), workdir, workdir / "uvicorn.log", f"{base_url}/ping"
    ):
        return measure_scenario("bare", f"{base_url}/ping", [], duration)


@contextmanager
def running_service(env: dict[str, str], workdir: Path) -> Iterator[tuple[str, int]]:
    """Start `svontai serve` on a free port and yield its base URL and process id once /health
    returns 200."""
    port = free_port()
    command = [str(VENV_BIN / "svontai"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    base_url = f"http://127.0.0.1:{port}"
    log.info("service: starting on %s", base_url)
    with running_server(
        "svontai serve", command, env, workdir, workdir / "serve.log", f"{base_url}/health"
    ) as process:
        yield base_url, process.pid


def bulk_seed_knowledge(env: dict[str, str], workdir: Path, bot_id: str, count: int) -> None:
    """Add count synthetic knowledge items to a bot with the service's bulk seeder."""
    command = [
        str(VENV_BIN / "python"), "-m", "svontai.entrypoints.bench_seed",
        "--bot-id", bot_id, "--count", str(count),
    ]  # fmt: skip
    log.info("bench_seed: adding %d synthetic items to bot %s", count, bot_id)
    log_path = workdir / f"bench_seed-{count}.log"
    run_to_completion(command, env, workdir, log_path, BENCH_SEED_TIMEOUT_SECONDS)


def measure_kb_scaling(
    env: dict[str, str], workdir: Path, seeded: SeededService, report: DatabaseReport
) -> None:
    """Grow each knowledge base bot to its size, then time replies from each of them."""
    # The service is stopped while the seeder writes, and a new one starts afterwards, so no
    # knowledge index cached by the service can hide the new items.
    for size, bot in seeded.kb_bots.items():
        bulk_seed_knowledge(env, workdir, bot.id, size - len(KNOWLEDGE_ITEMS))
    with running_service(env, workdir) as (base_url, _):
        for size, bot in seeded.kb_bots.items():
            log.info("answer latency: %d items, %d requests", size, KB_TIMED_REQUESTS)
            report.answer_latency[size] = measure_answer_latency(base_url, bot, KB_TIMED_REQUESTS)


def run_database(database: str, tmp_root: Path, settings: Settings, report: DatabaseReport) -> None:
    """Migrate, seed and measure the service on one database, filling report as it goes."""
    # The service writes .svontai/secrets into its working directory, so each run gets its own.
    workdir = tmp_root / database
    workdir.mkdir()
    env = service_env(prepare_database(database, workdir))
    log.info("%s: migrating", database)
    migrate = [str(VENV_BIN / "svontai"), "migrate"]
    run_to_completion(migrate, env, workdir, workdir / "migrate.log", MIGRATE_TIMEOUT_SECONDS)
    kb_sizes = [] if settings.skip_kb_scaling else list(KB_SIZES)
    with running_service(env, workdir) as (base_url, pid):
        log.info("%s: seeding through the API", database)
        seeded = seed_service(base_url, kb_sizes)
        measure_service(base_url, pid, seeded, workdir, settings.duration_seconds, report.runs)
    if kb_sizes:
        measure_kb_scaling(env, workdir, seeded, report)


def bench_database(database: str, tmp_root: Path, settings: Settings) -> DatabaseReport:
    """Measure one database, recording a harness failure in the report instead of raising it."""
    report = DatabaseReport(DATABASE_TITLES[database])
    try:
        run_database(database, tmp_root, settings, report)
    except HarnessError as error:
        log.error("%s: benchmark failed: %s", database, error)
        report.error = str(error)
    return report


def first_output_line(command: list[str]) -> str | None:
    """Return the first line a command prints, or None when it cannot run."""
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=10, check=False, cwd=REPO_ROOT
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (completed.stdout or completed.stderr).splitlines()
    return lines[0].strip() if completed.returncode in (0, 1) and lines else None


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def render_header(settings: Settings) -> list[str]:
    """Describe the setup, so that figures from different machines are not mixed up."""
    # wrk --version prints "wrk <version> [epoll] Copyright ..." and exits with status 1.
    wrk_version = (first_output_line(["wrk", "--version"]) or "wrk").split(" Copyright")[0]
    commit = first_output_line(["git", "rev-parse", "--short", "HEAD"]) or "no commit yet"
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    # Other work on the machine shifts every figure, so the load before the run is recorded.
    load_1m, load_5m, _ = os.getloadavg()
    return [
        "# SvontAI load benchmark",
        "",
        f"- Run: {now}, service commit {commit}, `bench/run_load.py`.",
        f"- Machine: {os.cpu_count()} CPUs ({cpu_model()}), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, load average before the "
        f"run {load_1m:.1f} (1 min) and {load_5m:.1f} (5 min).",
        "- Servers: one uvicorn worker each (`--loop asyncio --http httptools`), on 127.0.0.1.",
        f"- Load: {wrk_version}, {WRK_THREADS} threads on the same machine, "
        f"{settings.duration_seconds} s per timed run after a {WARMUP_SECONDS} s warm-up, "
        "`--timeout 5s`.",
        "- req/s: 2xx responses per second. p50 and p99 are wrk's latency percentiles over all "
        "responses, error responses included.",
        "- errors: non-2xx responses plus socket errors (connect, read, write, timeout).",
        "- vs bare: req/s as a share of the bare Litestar app's req/s at the same clients.",
    ]


def interrupt_on_sigterm(signal_number: int, frame: FrameType | None) -> None:
    # Raising here runs every finally clause, so the servers and wrk processes are stopped.
    raise KeyboardInterrupt(f"signal {signal_number}")


def write_report(markdown: str, output: Path | None) -> None:
    sys.stdout.write(markdown)
    sys.stdout.flush()
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown, encoding="utf-8")
        log.info("report written to %s", output)


def run_benchmark(settings: Settings, tmp_root: Path) -> bool:
    """Run every measurement and write the report, returning False if the harness failed."""
    header = render_header(settings)
    bare_runs = measure_bare(tmp_root, settings.duration_seconds)
    reports = [bench_database(database, tmp_root, settings) for database in settings.databases]
    write_report(render_report(header, bare_runs, reports), settings.output)
    return not any(report.error for report in reports)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    # httpx logs every request at INFO, which would drown the progress lines.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = parse_args(argv)
    require_wrk()
    signal.signal(signal.SIGTERM, interrupt_on_sigterm)
    tmp_root = Path(tempfile.mkdtemp(prefix="svontai-bench-"))
    succeeded = False
    try:
        succeeded = run_benchmark(settings, tmp_root)
    except HarnessError as error:
        log.error("benchmark failed: %s", error)
    except KeyboardInterrupt:
        log.error("interrupted, so every started process was stopped")
        return 130
    finally:
        if succeeded:
            shutil.rmtree(tmp_root, ignore_errors=True)
        else:
            log.error("logs and databases kept in %s", tmp_root)
    return 0 if succeeded else 1


if __name__ == "__main__":
    sys.exit(main())
