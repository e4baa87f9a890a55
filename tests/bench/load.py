"""Loading one page with wrk and reading what it cost the gunicorn workers.

Pure helpers of ``tests.bench.run``: no Django here. CPU is read from ``/proc/<pid>/stat``
(utime + stime of every worker) before and after each wrk run, once the workers are idle
again, and divided by the requests they handled (lines of gunicorn's access log, which
counts those wrk gave up on when it stopped): on a shared machine that is a steadier figure
than the requests per second.
"""

import dataclasses
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")

# Every request a new query string: each one misses a page cache keyed by the URL.
MISS_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  local query = "bench-miss=" .. counter .. "-" .. math.random(1e9)
  return wrk.format(nil, wrk.path .. SEPARATOR .. query)
end
"""


@dataclasses.dataclass
class Load:
    requests: int = 0
    per_second: float = 0.0
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    cpu_ms: float | None = None
    note: str = ""


def worker_pids(master_pid):
    """The gunicorn workers: the master's children (they change if one is restarted)."""
    path = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in path.read_text().split()]


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        # Fields 14 and 15 of stat(5), counted after the command's closing parenthesis.
        total += int(fields[11]) + int(fields[12])
    return total


def settled_ticks(pids, *, timeout=30.0):
    """The workers' CPU once it stops growing (requests wrk gave up on still finish)."""
    previous, deadline = cpu_ticks(pids), time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.2)
        current = cpu_ticks(pids)
        if current == previous:
            return current
        previous = current
    return previous


_DURATION = re.compile(r"([\d.]+)(us|ms|s|m)\b")
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = _DURATION.match(text)
    return float(match[1]) * _UNITS[match[2]] if match else None


def parse(output):
    """Requests, rate, p50/p99 (ms) and failed requests from ``wrk --latency``'s output."""
    load = Load()
    if match := re.search(r"(\d+) requests in", output):
        load.requests = int(match[1])
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        load.per_second = float(match[1])
    for percentile, name in (("50", "p50_ms"), ("99", "p99_ms")):
        if match := re.search(rf"^\s+{percentile}(?:\.000)?%\s+(\S+)", output, re.M):
            setattr(load, name, _ms(match[1]))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        load.errors += int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        load.errors += int(match[1]) + int(match[4])
    return load


def served(access_log):
    """Requests the workers handled: gunicorn logs each one, even one whose client had
    gone (wrk leaves up to one a connection unanswered when it stops)."""
    with open(access_log, "rb") as file:
        return sum(1 for _line in file)


def run_wrk(url, *, master_pid, access_log, duration, connections, cookie=None, miss=False):
    """Load ``url`` for ``duration`` seconds over ``connections`` connections; the CPU per
    request is divided by the requests the workers handled."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    script = None
    if miss:
        separator = "&" if "?" in url else "?"
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
            file.write(f'SEPARATOR = "{separator}"\n' + MISS_SCRIPT)
        script = file
        command += ["-s", script.name]
    pids = worker_pids(master_pid)
    before = settled_ticks(pids)
    handled_before = served(access_log)
    try:
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        if script:
            os.unlink(script.name)
    after = settled_ticks(pids)
    handled = served(access_log) - handled_before
    load = parse(output)
    if not load.requests:
        load.p50_ms = load.p99_ms = None
        load.note = "no request finished within the run"
    if worker_pids(master_pid) != pids:
        load.note = "a worker was restarted (timeout?)"
    if handled or load.requests:
        load.cpu_ms = (after - before) * 1000 / TICKS / (handled or load.requests)
    return load
