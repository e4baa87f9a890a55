"""A real OpenID Connect provider for the ProConnect tests: node's oidc-provider package
(``tests/oidc_provider/``, installed by ``make oidc-provider``), started once per test
session on a free port, for the live server's redirect URIs.

Fixtures (imported by ``tests/conftest.py``):

- ``oidc_provider``: the running provider (``issuer``, ``accounts`` by login);
- ``proconnect``: the site configured to sign in with it, ``SITE_URL`` being the live
  server's address; the same namespace as ``oidc_provider``.

Its test users are ``ACCOUNTS``: the login typed on its login page, and the claims it
answers with. Nothing here mocks an HTTP exchange: the site talks to the provider over
the loopback, as it talks to ProConnect.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
CLIENT_ID = "tremplin-test-client"
CLIENT_SECRET = "a-test-client-secret-that-is-long-enough-for-hs256"
ACCOUNTS = {
    "nouvelle.agente": {
        "sub": "sub-nouvelle-agente",
        "email": "nouvelle.agente@ville.example.fr",
        "email_verified": True,
        "given_name": "Nadia",
        "usual_name": "Nouvelle",
        "uid": "1001",
        "siret": "21750001600019",
    },
    "agent.existant": {
        "sub": "sub-agent-existant",
        "email": "agent.existant@ville.example.fr",
        "email_verified": True,
        "given_name": "Étienne",
        "usual_name": "Existant",
        "uid": "1002",
        "siret": "21750001600019",
    },
    "adresse.non.verifiee": {
        "sub": "sub-adresse-non-verifiee",
        "email": "non.verifiee@ville.example.fr",
        "email_verified": False,
        "given_name": "Véra",
        "usual_name": "Nonverifiee",
        "uid": "1003",
        "siret": "21750001600019",
    },
}
START_TIMEOUT = 20


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir() or not shutil.which("node"):
        pytest.fail(
            "The test OpenID Connect provider is not installed: run `make oidc-provider` "
            "(Node.js and `npm ci` in tests/oidc_provider).",
            pytrace=False,
        )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": f"{live_server.url}/connexion/proconnect/retour/",
        "OIDC_POST_LOGOUT_REDIRECT_URIS": f"{live_server.url}/deconnexion/proconnect/",
        "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
    }
    # Its output goes to a file: a pipe nobody reads would block it once full.
    log_path = tmp_path_factory.mktemp("oidc-provider") / "provider.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        ["node", "provider.js"],
        cwd=PROVIDER_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_ready(process, issuer, log_path)
        yield SimpleNamespace(issuer=issuer, accounts=ACCOUNTS, client_id=CLIENT_ID)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_until_ready(process, issuer, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The test OpenID Connect provider stopped:\n{log_path.read_text()}")
        try:
            requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1)
        except requests.ConnectionError:
            time.sleep(0.1)
        else:
            return
    process.terminate()
    pytest.fail(f"The test OpenID Connect provider did not start in {START_TIMEOUT} s.")


@pytest.fixture
def proconnect(oidc_provider, live_server, settings):
    settings.SITE_URL = live_server.url
    settings.PROCONNECT = {
        "issuer": oidc_provider.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": "openid email given_name usual_name uid siret",
        "acr_values": "eidas1",
        "timeout": 10.0,
    }
    return oidc_provider
