"""The load benchmark runs (not timed): the driver at scale 1, quick, on ``/`` only, so that
``make bench`` cannot rot between the runs whose figures the README quotes.

It reuses the data of its database when there is some (``--reuse``: generating takes a
minute; ``tests/demo/test_generator.py`` tests the generator). It needs what the bench
needs: PostgreSQL (a database of its own beside the suite's), Redis and wrk; it skips,
saying which, without PostgreSQL or wrk.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")


def bench(module, *arguments):
    """``python -m module arguments`` as ``make`` runs it (production settings, no
    DEBUG), on the bench's Redis database."""
    return subprocess.run(
        [
            *(sys.executable, "-m", module, *arguments),
            *("--redis-url", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"},
    )


@pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="the bench runs on PostgreSQL only"
)
@pytest.mark.skipif(shutil.which("wrk") is None, reason="the bench needs wrk (make wrk)")
def test_bench_driver_prints_the_table_for_a_page(tmp_path):
    output = tmp_path / "bench.md"
    database = DATABASE_URL.rsplit("?", 1)[0] + "_bench_smoke"
    result = bench(
        "tests.bench.run",
        "--quick",
        "--pages",
        "/",
        "--reuse",
        *("--database-url", database, "--output", str(output)),
    )

    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line.split(" | ")[:2] for line in output.read_text().splitlines() if line[:2] == "| "]
    assert rows[2:] == [
        ["| /healthz", "baseline"],
        ["| /", "miss"],
        ["| /", "hit"],
        ["| /healthz", "baseline"],
    ]


@pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="the bench runs on PostgreSQL only"
)
def test_ranking_benchmark_ranks_its_session_and_prints_its_line():
    """``make bench-ranking`` on a small session (its million marks take minutes)."""
    database = DATABASE_URL.rsplit("?", 1)[0] + "_bench_ranking_smoke"
    result = bench(
        "tests.bench.ranking", "--deliberation", "4x3x2", "--reuse", "--database-url", database
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert "| ranking of 4 items x 3 voters x 2 criteria" in result.stdout
    assert "# 4 items ranked" in result.stderr
