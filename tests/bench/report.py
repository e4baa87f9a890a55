"""The bench's Markdown table: one row per page and mode, ratios to ``/healthz``."""

import dataclasses
import datetime
import os
import platform
import subprocess
from pathlib import Path

from tests.bench.load import Load


@dataclasses.dataclass
class Row:
    page: str
    mode: str
    load: Load | None = None
    queries: int | None = None
    first_ms: float | None = None
    connections: int | None = None
    target: int | None = None
    note: str = ""


def _number(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def commit():
    result = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown"


def table(rows, *, scale, sizes, duration, generated_in, deliberation):
    baselines = [row for row in rows if row.page == "/healthz" and row.load and row.load.cpu_ms]
    # /healthz is measured first and last: the ratios are to the mean of both.
    healthz_ms = sum(row.load.cpu_ms for row in baselines) / len(baselines) if baselines else None
    lines = [
        "| page | mode | first request ms | queries | req/s | p50 ms | p99 ms | errors "
        "| CPU ms / req | x `/healthz` | target | holds |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        if row.load is None:
            lines.append(f"| {row.page} | {row.mode} |" + " |" * 9 + f" {row.note} |")
            continue
        load = row.load
        ratio = load.cpu_ms / healthz_ms if healthz_ms and load.cpu_ms is not None else None
        baseline_row = row.page == "/healthz"
        holds = "" if baseline_row or ratio is None else ("yes" if ratio <= row.target else "no")
        if load.errors:
            holds = f"no ({load.errors} errors)"
        note = f" ({load.note})" if load.note else ""
        lines.append(
            f"| {row.page} | {'baseline' if baseline_row else row.mode} "
            f"| {_number(row.first_ms)} | {_number(row.queries, 0)} "
            f"| {_number(load.per_second, 0)} | {_number(load.p50_ms)} | {_number(load.p99_ms)} "
            f"| {load.errors} | {_number(load.cpu_ms, 2)} "
            f"| {_number(ratio, 1 if not baseline_row else 2)} "
            f"| {'' if baseline_row else f'≤ {row.target}'} | {holds}{note} |"
        )
    connections = sorted({row.connections for row in rows if row.connections})
    data = (
        "data reused from an earlier run"
        if generated_in is None
        else f"migrated and generated in {generated_in:.0f} s"
    )
    counts = ", ".join(f"{value} {name}" for name, value in sizes.items())
    footer = [
        "",
        f"Scale {scale} ({counts}), {data}; `--deliberation {deliberation}`.",
        f"Machine: {machine()}. Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC "
        f"on `{commit()}`.",
        f"gunicorn 2 sync workers, PostgreSQL, Redis, DEBUG off; `wrk -t2 -d{duration}s` with "
        f"{' or '.join(map(str, connections))} connections (public pages and `/healthz` with "
        "the most, signed-in pages fewer).",
        "*first request*: one GET (public pages with a new query string: a cache miss). "
        "*queries*: per request, counted in-process with the same settings (*miss*: a new "
        "query string; *hit*: the URL again). *miss*: every wrk request another query "
        "string; *hit*: the same URL. *CPU ms / req*: utime + stime of the workers over the "
        "run / the requests they handled (gunicorn's access log). Targets (issue 18): a "
        "public page on a hit ≤ 2 x `/healthz`; on a miss and signed in ≤ 15 x.",
    ]
    return "\n".join(lines + footer)
