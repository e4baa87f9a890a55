"""Benchmarks of the pages that grow with the programme (``make bench``).

They are not tests: ``make test`` does not collect them (their files are ``bench_*.py``)
and they assert nothing about time. Each builds its rows once, then pytest-benchmark
times the request and prints min / mean / max per page; the query count of the request
is printed beside it, so a regression in either shows in the figures.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def measure(benchmark, request):
    """``measure(client, path)``: time GET ``path`` and record its query count."""

    def run(client, path, expected_status=200):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == expected_status, path
        # Counted now: every request clears the connection's query log.
        count = len(queries)
        benchmark.extra_info.update(queries=count, path=path)
        benchmark.pedantic(client.get, args=(path,), rounds=20, warmup_rounds=2)
        request.config._bench_queries.append((request.node.name, path, count))
        return response

    return run


def pytest_configure(config):
    config._bench_queries = []


def pytest_terminal_summary(terminalreporter, config):
    if config._bench_queries:
        terminalreporter.section("queries per request")
        for name, path, count in config._bench_queries:
            terminalreporter.write_line(f"{count:>4}  {name}  {path}")
