"""The antivirus: every upload is scanned by a ClamAV daemon (clamd) before it is kept.

The daemon is reached through ``TREMPLIN_CLAMAV_SOCKET``: a Unix socket path (Debian's
``clamav-daemon`` listens on ``/var/run/clamav/clamd.ctl``) or ``tcp://host:port``. Empty
turns scanning off, as in the zero-set-up demo. The file is streamed to the daemon with
its INSTREAM command. Anything but a clean verdict refuses the file: a virus found, an
error of the daemon, a daemon that does not answer in ``TREMPLIN_CLAMAV_TIMEOUT``
seconds. A file is never let through unscanned while scanning is on.
"""

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
CHUNK = 64 * 1024
# A verdict is one short line; a longer answer is not clamd's.
MAX_REPLY = 4096


def _connect(address, timeout):
    if address.startswith("tcp://"):
        host, _colon, port = address.removeprefix("tcp://").rpartition(":")
        return socket.create_connection((host, int(port)), timeout=timeout)
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(timeout)
    try:
        connection.connect(address)
    except OSError:
        connection.close()
        raise
    return connection


def _verdict(upload, address, timeout):
    with _connect(address, timeout) as connection:
        connection.sendall(b"zINSTREAM\0")
        upload.seek(0)
        while chunk := upload.read(CHUNK):
            connection.sendall(struct.pack("!L", len(chunk)) + chunk)
        connection.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0") and len(reply) < MAX_REPLY:
            received = connection.recv(MAX_REPLY)
            if not received:
                break
            reply += received
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(upload):
    """Raise a French ``ValidationError`` unless the daemon finds ``upload`` clean."""
    address = settings.TREMPLIN_CLAMAV_SOCKET
    if not address:
        return
    try:
        verdict = _verdict(upload, address, settings.TREMPLIN_CLAMAV_TIMEOUT)
    except (OSError, ValueError) as error:
        logger.error("Antivirus unreachable at %s: %s", address, error)
        verdict = ""
    finally:
        upload.seek(0)
    if verdict.endswith(" FOUND"):
        name = verdict.removeprefix("stream:").removesuffix(" FOUND").strip()
        raise ValidationError(
            _("L'antivirus a trouvé « %(name)s » dans ce fichier : il n'est pas accepté.")
            % {"name": name},
            code="virus",
        )
    if verdict != "stream: OK":
        if verdict:
            logger.error("Antivirus error at %s: %s", address, verdict)
        raise ValidationError(
            _(
                "L'antivirus n'a pas pu analyser ce fichier : il n'est pas accepté pour "
                "l'instant. Réessayez dans quelques minutes."
            ),
            code="scan_failed",
        )
