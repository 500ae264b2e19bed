"""Run wrk with the scenario scripts in bench/lua and parse its report."""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from processes import HarnessError, stop_process

LUA_DIR = Path(__file__).resolve().parent / "lua"
WRK_THREADS = 2
WRK_TIMEOUT = "5s"
# wrk stops by itself after -d, so this margin only bounds a hung wrk process.
WRK_EXIT_MARGIN_SECONDS = 30.0

_UNIT_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"
_REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_COMPLETED = re.compile(r"^\s+(\d+) requests in ", re.MULTILINE)
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_WRK_NON_2XX_3XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_LUA_NON_2XX = re.compile(r"^bench_non_2xx (\d+)$", re.MULTILINE)
_LUA_FIRST_ERROR = re.compile(r"^bench_first_error (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class WrkResult:
    """Figures of one wrk run, with latencies in milliseconds.

    requests_per_second is wrk's figure and counts error responses too. The latency
    percentiles also include error responses, because wrk does not separate them.
    """

    requests_per_second: float
    completed_requests: int
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int
    first_error: str | None = None

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors

    @property
    def ok_per_second(self) -> float:
        """2xx responses per second, so that fast error responses do not count as throughput."""
        if self.completed_requests <= 0:
            return 0.0
        ok_requests = max(self.completed_requests - self.non_2xx, 0)
        return self.requests_per_second * ok_requests / self.completed_requests


def require_wrk() -> str:
    """Return the path of wrk, or exit with install instructions when it is missing."""
    path = shutil.which("wrk")
    if path is None:
        print(
            "wrk is not installed. Install it with: apt-get install -y wrk",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return path


def duration_to_ms(text: str) -> float:
    """Convert a wrk duration such as '850.12us', '1.20ms' or '2.01s' to milliseconds."""
    match = re.fullmatch(_DURATION, text)
    if match is None:
        raise ValueError(f"invalid wrk duration: {text!r}")
    return float(match.group(1)) * _UNIT_TO_MS[match.group(2)]


def _percentile_ms(output: str, percent: int) -> float:
    match = re.search(rf"^\s+{percent}%\s+{_DURATION}\s*$", output, re.MULTILINE)
    if match is None:
        raise ValueError(f"wrk output has no {percent}% latency line (was --latency given?)")
    return duration_to_ms(match.group(1) + match.group(2))


def _count_non_2xx(output: str) -> int:
    # The Lua count also treats 3xx as errors. wrk's own line is the fallback for scripts
    # without the shared response() callback.
    lua_match = _LUA_NON_2XX.search(output)
    if lua_match is not None:
        return int(lua_match.group(1))
    wrk_match = _WRK_NON_2XX_3XX.search(output)
    return int(wrk_match.group(1)) if wrk_match else 0


def parse_wrk_output(output: str) -> WrkResult:
    """Parse wrk's --latency report plus the lines printed by bench/lua/common.lua."""
    rate = _REQUESTS_PER_SECOND.search(output)
    if rate is None:
        raise ValueError("wrk output has no Requests/sec line")
    completed = _COMPLETED.search(output)
    if completed is None:
        raise ValueError("wrk output has no 'N requests in T' line")
    socket_match = _SOCKET_ERRORS.search(output)
    socket_errors = sum(int(n) for n in socket_match.groups()) if socket_match else 0
    first_error = _LUA_FIRST_ERROR.search(output)
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        completed_requests=int(completed.group(1)),
        p50_ms=_percentile_ms(output, 50),
        p99_ms=_percentile_ms(output, 99),
        non_2xx=_count_non_2xx(output),
        socket_errors=socket_errors,
        first_error=first_error.group(1).strip() if first_error else None,
    )


def wrk_command(
    url: str, script: str, connections: int, duration_seconds: int, script_args: list[str]
) -> list[str]:
    """Build the wrk command line for one run of a scenario script."""
    return [
        require_wrk(),
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{duration_seconds}s",
        "--latency",
        "--timeout",
        WRK_TIMEOUT,
        "-s",
        str(LUA_DIR / f"{script}.lua"),
        url,
        "--",
        *script_args,
    ]


def start_wrk(command: list[str]) -> subprocess.Popen[str]:
    """Start wrk with its report captured, without waiting for it."""
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def finish_wrk(process: subprocess.Popen[str], duration_seconds: int) -> WrkResult:
    """Wait for a started wrk run and parse its report, stopping wrk if it overruns."""
    try:
        output, _ = process.communicate(timeout=duration_seconds + WRK_EXIT_MARGIN_SECONDS)
    except subprocess.TimeoutExpired:
        raise HarnessError(f"wrk did not stop within {duration_seconds} s plus margin") from None
    finally:
        stop_process(process)
    if process.returncode != 0:
        raise HarnessError(f"wrk failed with exit code {process.returncode}:\n{output}")
    try:
        return parse_wrk_output(output)
    except ValueError as error:
        raise HarnessError(f"could not parse wrk output ({error}):\n{output}") from None


def run_wrk(command: list[str], duration_seconds: int) -> WrkResult:
    """Run wrk to completion and return its parsed figures."""
    return finish_wrk(start_wrk(command), duration_seconds)
