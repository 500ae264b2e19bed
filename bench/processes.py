"""Start, probe and stop the subprocesses of the load benchmark (servers, migrations, seeders)."""

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

READY_TIMEOUT_SECONDS = 30.0
# A server counts as idle once it used less than this share of one CPU over an interval.
IDLE_CPU_SHARE = 0.05
IDLE_INTERVAL_SECONDS = 0.5
IDLE_TIMEOUT_SECONDS = 30.0
STOP_GRACE_SECONDS = 5.0
LOG_TAIL_LINES = 40


class HarnessError(Exception):
    """A failure of the benchmark itself (server did not start, seeding failed)."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """Return the last lines of a log file, or a note when it is missing."""
    if not path.exists():
        return f"(no log at {path})"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:]) or f"(log {path} is empty)"


def stop_process(process: subprocess.Popen[Any]) -> None:
    """Send SIGTERM to the process group, then SIGKILL if it is still alive after 5 s."""
    if process.poll() is not None:
        return
    # Each child runs in its own session, so the group id equals its pid and also covers
    # any grandchildren (for example a CLI that execs or forks uvicorn).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_GRACE_SECONDS)


@contextlib.contextmanager
def started_process(
    command: list[str], env: dict[str, str], cwd: Path, log_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a command with stdout and stderr sent to log_path, and stop it on exit."""
    with log_path.open("ab") as log_file:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # A new session keeps Ctrl-C in the terminal away from the child, so the
            # finally clause below decides when and how it stops.
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop_process(process)


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log_path: Path, name: str) -> None:
    """Poll url until it returns 200, raising HarnessError after 30 s or if the process exits."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(
                f"{name} exited with code {process.returncode} before it was ready.\n"
                f"Last lines of {log_path}:\n{log_tail(log_path)}"
            )
        with contextlib.suppress(httpx.TransportError):
            # trust_env=False keeps proxy variables from routing loopback requests elsewhere.
            if httpx.get(url, timeout=2.0, trust_env=False).status_code == 200:
                return
        time.sleep(0.2)
    raise HarnessError(
        f"{name} did not return 200 on {url} within {READY_TIMEOUT_SECONDS:.0f} s.\n"
        f"Last lines of {log_path}:\n{log_tail(log_path)}"
    )


@contextlib.contextmanager
def running_server(
    name: str, command: list[str], env: dict[str, str], cwd: Path, log_path: Path, ready_url: str
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait until ready_url returns 200, and stop the server on exit."""
    with started_process(command, env, cwd, log_path) as process:
        wait_until_ready(ready_url, process, log_path, name)
        yield process


def run_to_completion(
    command: list[str], env: dict[str, str], cwd: Path, log_path: Path, timeout: float
) -> None:
    """Run a command to its end within timeout seconds, raising HarnessError if it fails."""
    with started_process(command, env, cwd, log_path) as process:
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise HarnessError(
                f"{' '.join(command)} timed out after {timeout:.0f} s.\n"
                f"Last lines of {log_path}:\n{log_tail(log_path)}"
            ) from None
    if code != 0:
        raise HarnessError(
            f"{' '.join(command)} failed with exit code {code}.\n"
            f"Last lines of {log_path}:\n{log_tail(log_path)}"
        )


def wait_until_idle(pid: int) -> float:
    """Wait until the process uses almost no CPU, and return the seconds waited.

    Work a scenario leaves queued, such as logins still waiting for the password hasher after
    wrk closed their connections, would otherwise run during the next scenario. Gives up after
    `IDLE_TIMEOUT_SECONDS`, or at once where /proc is missing.
    """
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return 0.0
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    started = time.monotonic()
    before = _cpu_ticks(stat)
    while time.monotonic() - started < IDLE_TIMEOUT_SECONDS:
        time.sleep(IDLE_INTERVAL_SECONDS)
        after = _cpu_ticks(stat)
        share = (after - before) / ticks_per_second / IDLE_INTERVAL_SECONDS
        if share < IDLE_CPU_SHARE:
            break
        before = after
    return time.monotonic() - started


def _cpu_ticks(stat: Path) -> int:
    # utime and stime, fields 14 and 15 of /proc/PID/stat. The command name in field 2 has no
    # spaces here, since the server's is "svontai".
    fields = stat.read_text().split()
    return int(fields[13]) + int(fields[14])
