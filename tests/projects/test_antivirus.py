"""Every upload is scanned by a real ClamAV daemon, started here with a signature
database made by the tests (the EICAR test file's), since the public mirrors are out of
reach; a virus, or a scan that cannot be made, refuses the file in French."""

import datetime
import hashlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from projects.applications.antivirus import scan
from projects.applications.uploads import validate_upload
from tests.editions.factories import CallFactory
from tests.projects import uploads
from tests.projects.factories import ApplicationFactory

# The industry's harmless test file, which every antivirus reports as a virus.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
ONE_DAY = datetime.timedelta(days=1)
CLAMD = Path(shutil.which("clamd") or "/usr/sbin/clamd")
UNAVAILABLE = (
    "L'antivirus n'a pas pu analyser ce fichier : il n'est pas accepté pour l'instant. "
    "Réessayez dans quelques minutes."
)


def _answers(path):
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(1)
            connection.connect(str(path))
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory):
    if not CLAMD.exists():
        pytest.fail(
            "The antivirus tests need ClamAV: apt-get install clamav-daemon "
            "(make test does it as root)."
        )
    folder = tmp_path_factory.mktemp("clamav")
    (folder / "db").mkdir()
    # A ClamAV hash signature: the file's MD5, its size and the name to report.
    digest = hashlib.md5(EICAR, usedforsecurity=False).hexdigest()
    (folder / "db" / "tests.hdb").write_text(f"{digest}:{len(EICAR)}:Tremplin-Test-EICAR\n")
    path = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {path}\nDatabaseDirectory {folder / 'db'}\nTemporaryDirectory {folder}\n"
        f"LogFile {folder / 'clamd.log'}\nForeground yes\n"
    )
    daemon = subprocess.Popen([str(CLAMD), "--config-file", str(config)])
    try:
        for _ in range(600):
            if _answers(path):
                break
            if daemon.poll() is not None:
                pytest.fail(f"clamd stopped: {(folder / 'clamd.log').read_text()}")
            time.sleep(0.1)
        else:
            pytest.fail("clamd did not answer within a minute")
        yield str(path)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


@pytest.fixture
def scanning(settings, clamd_socket):
    settings.TREMPLIN_CLAMAV_SOCKET = clamd_socket


def messages_of(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.messages


def test_a_clean_file_passes_the_scan(scanning):
    assert validate_upload(uploads.pdf()).content_type == "application/pdf"


def test_the_eicar_file_is_refused_by_name(scanning):
    assert messages_of(lambda: scan(SimpleUploadedFile("eicar.txt", EICAR))) == [
        "L'antivirus a trouvé « Tremplin-Test-EICAR.UNOFFICIAL » dans ce fichier : il n'est "
        "pas accepté."
    ]


def test_a_document_hiding_the_eicar_file_is_refused(scanning):
    document = uploads.docx_with({"word/media/readme.txt": EICAR})

    assert messages_of(lambda: validate_upload(document))[0].startswith(
        "L'antivirus a trouvé « Tremplin-Test-EICAR"
    )


def test_an_unreachable_scanner_refuses_the_file_rather_than_passing_it(settings, tmp_path):
    settings.TREMPLIN_CLAMAV_SOCKET = str(tmp_path / "absent.sock")

    assert messages_of(lambda: validate_upload(uploads.pdf())) == [UNAVAILABLE]


def test_an_unreachable_tcp_scanner_refuses_the_file(settings):
    settings.TREMPLIN_CLAMAV_SOCKET = "tcp://127.0.0.1:9"

    assert messages_of(lambda: validate_upload(uploads.pdf())) == [UNAVAILABLE]


@pytest.mark.django_db
def test_a_team_uploading_an_infected_document_is_told_and_nothing_is_kept(
    client, scanning, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    call = CallFactory(opens_at=now - ONE_DAY, closes_at=now + ONE_DAY)
    draft = ApplicationFactory(call=call)
    client.force_login(draft.created_by)

    response = client.post(
        reverse("projects:application_attachments", args=[draft.pk]),
        {"file": uploads.docx_with({"word/media/readme.txt": EICAR})},
    )

    assert "L&#x27;antivirus a trouvé" in response.content.decode()
    assert (draft.attachments.count(), list(tmp_path.iterdir())) == (0, [])
