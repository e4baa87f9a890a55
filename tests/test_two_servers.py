"""Two application servers behind one reverse proxy agree: two gunicorn servers, as in
production (DEBUG off, behind TLS), on the PostgreSQL test database, one Redis and one
media folder. Started on one, a session, a sign-in cool-off, a cache invalidation, an
upload and a queued mail are right on the other.

The test process is a third server: its own writes end the public pages' generation in
the same Redis. On SQLite the test database lives in the test process's memory, which no
server can open: the test is skipped there and runs in CI's PostgreSQL pass.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests
from django.db import connection
from django_tasks_db.models import DBTaskResult

from projects.models import Attachment
from tests.editions.factories import CallFactory
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory, ProjectFactory
from tests.projects.uploads import PDF
from tests.second_factor import authenticator, current_code

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "mot-de-passe-de-test"
REDIS_FOR_TESTS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"
PREFIX = f"tremplin-cache-test-{uuid.uuid4().hex[:12]}"
FAILURES_PER_ACCOUNT = 3


def redis_is_up():
    try:
        return redis.Redis.from_url(REDIS_FOR_TESTS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the servers must open the test database: PostgreSQL only (DATABASE_URL); "
        "SQLite's test database is in this process's memory",
    ),
    pytest.mark.skipif(not redis_is_up(), reason="needs a Redis server (CI machines run one)"),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def production_environment(tmp):
    # No DJANGO_* variable of the test run, and no .env file: what a server is given.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_ENV_FILE="",
        DJANGO_SECRET_KEY="s" * 30 + "-two-servers-test-secret-" + "k" * 20,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_BEHIND_TLS_PROXY="1",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DATABASE_URL=database_url(),
        REDIS_URL=REDIS_FOR_TESTS,
        TREMPLIN_CACHE_KEY_PREFIX=PREFIX,
        TREMPLIN_CLAMAV_SOCKET="",
        TREMPLIN_LOGIN_FAILURES_PER_ACCOUNT=str(FAILURES_PER_ACCOUNT),
    )
    return environment


class Server:
    """One gunicorn server, as the reverse proxy reaches it."""

    def __init__(self, name, environment, log_folder):
        self.name = name
        self.port = free_port()
        self.log = (log_folder / f"{name}.log").open("w")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "programme.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
                # Else every gunicorn of the machine listens on one control socket.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} stopped: see {self.log.name}")
            try:
                if requests.get(f"{self.base}/healthz", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass  # not listening yet, or still loading the application
            time.sleep(0.3)
        raise RuntimeError(f"server {self.name} did not start: see {self.log.name}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        self.log.close()


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-servers")
    environment = production_environment(tmp)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=300,
    )
    started = []
    try:
        for name in ("a", "b"):
            started.append(Server(name, environment, tmp))
        for server in started:
            server.wait_until_up()
        yield started
    finally:
        for server in started:
            server.stop()
        store = redis.Redis.from_url(REDIS_FOR_TESTS)
        for key in store.scan_iter(f"{PREFIX}*"):
            store.delete(key)


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """This process writes rows too: its changes end the generation the servers read."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_FOR_TESTS,
            "KEY_PREFIX": PREFIX,
        }
    }


@pytest.fixture
def fast_password_hashing():
    """The servers check passwords with the production hashers: the factories hash
    with them too (this replaces the suite's fast hasher)."""


class Browser:
    """A visitor's browser behind the TLS proxy: it keeps its cookies (secure ones, which
    the proxy's HTTPS would carry) and sends them to whichever server answers."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, server, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{server.port}",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        response = requests.request(
            method,
            server.base + path,
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, server, path):
        return self.request("GET", server, path)

    def post(self, server, path, data, files=None):
        """Post a form the way a browser would: after reading the page it is on."""
        page = self.get(server, path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(
            "POST", server, path, data={"csrfmiddlewaretoken": token, **data}, files=files
        )

    def sign_in(self, server, email, password=PASSWORD):
        return self.post(
            server, "/connexion/mot-de-passe/", {"username": email, "password": password}
        )


def test_a_session_opened_on_one_server_is_open_on_the_other(servers):
    a, b = servers
    UserFactory(email="ines.belkacem@exemple.test", first_name="Inès", last_name="Belkacem")
    browser = Browser()

    signed_in = browser.sign_in(a, "ines.belkacem@exemple.test")
    account = browser.get(b, "/compte/")

    assert signed_in.status_code == 302
    assert account.status_code == 200
    assert "ines.belkacem@exemple.test" in account.text


def test_wrong_passwords_on_both_servers_count_together(servers):
    a, b = servers
    UserFactory(email="juree@exemple.test")
    browser = Browser()
    for attempt in range(FAILURES_PER_ACCOUNT):
        refused = browser.sign_in((a, b)[attempt % 2], "juree@exemple.test", "mauvais")
        assert refused.status_code == 200

    waiting = browser.sign_in(a, "juree@exemple.test")

    assert waiting.status_code == 429
    assert "patientez" in waiting.text
    assert "sessionid" not in browser.cookies


def test_a_change_on_one_server_ends_the_page_the_other_kept(servers):
    a, b = servers
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    theme = project.theme
    staff = UserFactory(innovation_staff=True, email="equipe@exemple.test")
    device = authenticator(staff)
    assert theme.name in browser_page(b, "/laureats/")
    # Behind the site's back (no signal): server B answers from its cache.
    type(theme).objects.filter(pk=theme.pk).update(name="Nom changé en douce")
    assert "Nom changé en douce" not in browser_page(b, "/laureats/")
    browser = Browser()
    browser.sign_in(a, staff.email)
    assert browser.post(a, "/connexion/second-facteur/", {"code": current_code(device)}).ok

    edited = browser.post(
        a,
        f"/admin/programme/theme/{theme.pk}/change/",
        {"name": "Biodiversité et abeilles", "slug": theme.slug, "description": ""},
    )

    assert edited.status_code == 302
    assert "Biodiversité et abeilles" in browser_page(b, "/laureats/")


def browser_page(server, path):
    response = Browser().get(server, path)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    return response.text


def test_a_file_uploaded_on_one_server_downloads_from_the_other(servers):
    a, b = servers
    draft = ApplicationFactory(call=CallFactory(open_now=True), title="Ruches de l'estuaire")
    browser = Browser()
    browser.sign_in(a, draft.created_by.email)

    uploaded = browser.post(
        a,
        f"/candidatures/{draft.pk}/pieces/",
        {},
        files={"file": ("pitch.pdf", PDF, "application/pdf")},
    )
    attachment = Attachment.objects.get(application=draft)
    download = browser.get(b, f"/pieces-jointes/{attachment.pk}/")
    stranger = Browser()
    stranger.sign_in(b, UserFactory().email)

    assert uploaded.status_code == 302
    assert download.status_code == 200
    assert download.content == PDF
    assert stranger.get(b, f"/pieces-jointes/{attachment.pk}/").status_code == 404


def test_a_mail_queued_by_one_server_waits_in_the_queue_the_other_reads(servers):
    a, b = servers
    user = UserFactory(email="oubli@exemple.test")

    asked = Browser().post(a, "/connexion/mot-de-passe/oubli/", {"email": user.email})
    queued = list(DBTaskResult.objects.ready().values_list("task_path", "args_kwargs"))
    time.sleep(1.1)
    health = requests.get(f"{b.base}/healthz", timeout=10).text

    assert asked.status_code == 302
    assert queued == [
        ("programme.tasks.send_password_reset_mail", {"args": [user.pk], "kwargs": {}})
    ]
    waiting = int(re.search(r"oldest queued task: (\d+) s", health).group(1))
    assert waiting >= 1
