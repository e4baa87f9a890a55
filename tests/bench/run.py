"""``make bench``: the pages that grow with the programme, loaded over HTTP in production.

    .venv/bin/python -m tests.bench.run [--scale N] [--quick] [--deliberation 100x15x6]

Steps: (1) a fresh PostgreSQL database ``tremplin_bench_s<N>`` (``--database-url`` or
``BENCH_DATABASE_URL`` to choose, ``--reuse`` to keep one already generated), migrated,
static files collected, then ``manage.py generate_programme_data --scale N``;
(2) gunicorn with 2 sync workers on ``programme.wsgi``, DEBUG off, Redis cache
(``BENCH_REDIS_URL``, db 7 by default), settings from environment variables only;
(3) per page: one timed first request, the query counts of a miss and of a hit (counted in
this process through Django's test client, same settings and database), then
``wrk -t2 -d3s`` on a miss (every request another query string, public pages only) and on
a hit (the same URL again); signed-in pages with a session cookie (``-H``).
CPU ms per request = utime + stime of the workers over the run / requests they handled
(gunicorn's access log: wrk gives up on the ones in flight when it stops).
Prints a Markdown table (``--output`` writes it to a file too); ratios are to ``/healthz``
measured in the same run.
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.bench.load import run_wrk
from tests.bench.report import Row, table

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HIT_TARGET, OTHER_TARGET = 2, 15


def production_environment(database_url, redis_url, static_root):
    """The settings of a production server, from environment variables (README table)."""
    return {
        "DJANGO_SETTINGS_MODULE": "programme.settings",
        "DJANGO_ENV_FILE": "",  # never the developer's .env (DEBUG=1)
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # no TLS proxy in front of the bench
        "DATABASE_URL": database_url,
        "DJANGO_DB_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "DJANGO_TASKS_BACKEND": "database",
        "TREMPLIN_CLAMAV_SOCKET": "",
        "DJANGO_STATIC_ROOT": str(static_root),
    }


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--deliberation", default="20x8x5", help="ITEMSxVOTERSxCRITERIA")
    parser.add_argument("--quick", action="store_true", help="1 s per run, 4 connections")
    parser.add_argument("--duration", type=int, help="seconds per wrk run (default 3)")
    parser.add_argument("--pages", help="comma-separated page names to load (default all)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    )
    parser.add_argument("--reuse", action="store_true", help="keep the generated database")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    options = parser.parse_args(argv)
    options.database_url = options.database_url or (
        f"postgres://postgres@127.0.0.1:5432/tremplin_bench_s{options.scale}"
    )
    options.duration = options.duration or (1 if options.quick else 3)
    return options


def fresh_database(database_url):
    """Drop and create the database of ``database_url`` (PostgreSQL only)."""
    import psycopg2

    base, _slash, name = database_url.rpartition("/")
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def prepare(options, environment):
    """Migrate, collect static files and generate the data (unless reused)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    reuse = options.reuse and _has_programme(options.database_url)
    options.reused = reuse
    if not reuse:
        fresh_database(options.database_url)
    steps = [["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]]
    if not reuse:
        steps.append(
            [
                *("generate_programme_data", "--scale", str(options.scale)),
                *("--deliberation", options.deliberation),
            ]
        )
    for step in steps:
        print(f"# manage.py {' '.join(step)}", file=sys.stderr, flush=True)
        subprocess.run([*manage, *step], env=os.environ | environment, check=True, cwd=ROOT)
    if not reuse:
        analyze(options.database_url)


def analyze(database_url):
    """Refresh the planner's statistics after the bulk load, as autovacuum would in
    production (it may be off on a development server): on a table it believes empty the
    planner sorts a million marks on disk instead of hashing them (1.3 s against 0.6 s)."""
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    finally:
        connection.close()


def _has_programme(database_url):
    import psycopg2

    try:
        connection = psycopg2.connect(database_url)
    except psycopg2.Error:
        return False
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM programme_programme")
            return cursor.fetchone()[0] > 0
    except psycopg2.Error:
        return False
    finally:
        connection.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(environment, port, access_log):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "programme.wsgi",
        f"--access-logfile={access_log}",
        "--workers=2",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--timeout=60",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=os.environ | environment, cwd=ROOT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30):
                pass
            return server
        except OSError:  # refused while booting, or a timeout on a busy machine
            if server.poll() is not None:
                raise SystemExit("gunicorn stopped while starting") from None
            time.sleep(0.3)
    server.terminate()
    server.wait(timeout=30)
    raise SystemExit("gunicorn did not answer /healthz within 90 s")


def first_request(url, cookie=None):
    """(status, milliseconds) of one GET."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def measure(options, world, port, master_pid, access_log):
    """The rows of the table, /healthz first."""
    duration, quick = options.duration, options.quick
    public_connections, signed_in_connections = (4, 2) if quick else (16, 4)
    rows = []
    wanted = set(options.pages.split(",")) if options.pages else None
    healthz = world.pages[0]
    # Both workers import and connect before anything is measured.
    run_wrk(
        f"http://127.0.0.1:{port}/healthz",
        master_pid=master_pid,
        access_log=access_log,
        duration=1,
        connections=4,
    )
    pages = [page for page in world.pages if not wanted or page.name in wanted]
    for page in [healthz, *[page for page in pages if page is not healthz], healthz]:
        url = f"http://127.0.0.1:{port}{page.path}"
        cookie = world.cookies.get(page.user)
        probe = url + ("&" if "?" in url else "?") + f"bench-first={secrets.token_hex(4)}"
        status, first_ms = first_request(probe if page.public else url, cookie)
        if status != 200:
            rows.append(Row(page.name, "—", note=f"HTTP {status} at {page.path}"))
            continue
        modes = ["miss", "hit"] if page.public else ["signed in"] if page.user else ["baseline"]
        for mode in modes:
            queries = world.queries(page, miss=mode == "miss")
            connections = signed_in_connections if page.user else public_connections
            load = run_wrk(
                url,
                master_pid=master_pid,
                access_log=access_log,
                duration=duration,
                connections=connections,
                cookie=cookie,
                miss=mode == "miss",
            )
            rows.append(
                Row(
                    page.name,
                    mode,
                    load=load,
                    queries=queries,
                    first_ms=first_ms if mode != "hit" else None,
                    connections=connections,
                    target=PUBLIC_HIT_TARGET if mode == "hit" else OTHER_TARGET,
                )
            )
            print(f"# {page.name} {mode}: {load}", file=sys.stderr, flush=True)
    return rows


def main(argv=None):
    options = arguments(argv)
    if not options.database_url.startswith("postgres"):
        raise SystemExit("The bench runs on PostgreSQL: --database-url postgres://…")
    if subprocess.run(["sh", "-c", "command -v wrk"], capture_output=True).returncode:
        raise SystemExit("The bench needs wrk: sudo apt-get install wrk")
    static_root = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/tremplin-bench-static"))
    environment = production_environment(options.database_url, options.redis_url, static_root)
    started = time.monotonic()
    prepare(options, environment)
    generated_in = time.monotonic() - started
    os.environ.update(environment)
    from tests.bench.world import World  # Django starts here, with the settings above

    world = World.build(scale=options.scale)
    port = free_port()
    access_log = Path(tempfile.mkstemp(prefix="tremplin-bench-", suffix=".log")[1])
    server = start_gunicorn(environment, port, access_log)
    try:
        rows = measure(options, world, port, server.pid, access_log)
    finally:
        server.terminate()
        server.wait(timeout=30)
        world.sign_out()
        access_log.unlink()
    text = table(
        rows,
        scale=options.scale,
        sizes=world.sizes(),
        duration=options.duration,
        generated_in=None if options.reused else generated_in,
        deliberation=options.deliberation,
    )
    print(text)
    if options.output:
        options.output.write_text(text + "\n")


if __name__ == "__main__":
    main()
