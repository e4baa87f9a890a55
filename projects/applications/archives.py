"""Office documents are zip archives: which kind this one is, read within fixed limits.

The archive's directory is read first (at most ``MAX_ENTRIES`` entries, counted from the
end record before anything is parsed); the sizes it declares must stay under
``MAX_UNPACKED`` in all and under ``MAX_RATIO`` times their packed size. Then every entry
is unpacked by chunks of ``CHUNK`` bytes, counting what comes out, so an archive whose
directory lies is stopped at the same limits. Macros (VBA projects, ODF Basic and
scripts), ActiveX controls, embedded OLE objects and programs are refused.
"""

import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
OOXML_TYPES = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
MAX_ENTRIES = 5_000
MAX_UNPACKED = 100 * 1024 * 1024
# Text compresses well, but not a hundredfold; the ratio is checked on large entries only.
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024
CHUNK = 64 * 1024
# Entries read whole to tell the kind of document: small by nature.
DESCRIPTORS = {"mimetype": 1024, "[Content_Types].xml": 1024 * 1024}
END_RECORD = b"PK\x05\x06"
PROGRAM_HEADS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf")
PROGRAM_EXTENSIONS = (
    ".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".jar",
    ".sh", ".app",
)  # fmt: skip
MACRO_NAMES = ("vbaproject.bin", "vbadata.xml")
MACRO_FOLDERS = ("basic/", "scripts/", "activex/")
MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "activex")


def _refusal(message, code):
    return ValidationError(message, code=code)


def _damaged():
    return _refusal(_("Ce document est endommagé : il ne peut pas être ouvert."), "damaged")


def _too_big():
    return _refusal(
        _("Ce document se décompresse en plus de %(limit)s : il n'est pas accepté.")
        % {"limit": filesizeformat(MAX_UNPACKED)},
        "bomb",
    )


def _entry_count(upload):
    """The number of entries the archive's end record declares, read before parsing."""
    upload.seek(max(upload.size - (0xFFFF + 22), 0))
    tail = upload.read()
    position = tail.rfind(END_RECORD)
    if position < 0 or len(tail) < position + 12:
        raise _damaged()
    return int.from_bytes(tail[position + 10 : position + 12], "little")


def _check_directory(entries):
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise _too_big()
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise _too_big()
        _check_name(entry.filename)


def _check_name(name):
    lowered = name.lower()
    if (
        lowered.rsplit("/", 1)[-1] in MACRO_NAMES
        or lowered.startswith(MACRO_FOLDERS)
        or "/activex/" in f"/{lowered}"
    ):
        raise _macros()
    if lowered.endswith(PROGRAM_EXTENSIONS) or (
        "/embeddings/" in f"/{lowered}" and lowered.endswith(".bin")
    ):
        raise _embedded_program()


def _macros():
    return _refusal(
        _(
            "Ce document contient des macros ou des contrôles actifs : enregistrez-le "
            "sans macros (ou en PDF) avant de le déposer."
        ),
        "macros",
    )


def _embedded_program():
    return _refusal(
        _(
            "Ce document contient un programme ou un objet incorporé : retirez-le (ou "
            "enregistrez le document en PDF) avant de le déposer."
        ),
        "embedded",
    )


def _unpack(archive, entries):
    """Unpack every entry by chunks within the limits; the descriptors' contents."""
    unpacked, descriptors = 0, {}
    for entry in entries:
        kept = DESCRIPTORS.get(entry.filename)
        content, first = b"", True
        with archive.open(entry) as stream:
            while chunk := stream.read(CHUNK):
                if first and chunk.startswith(PROGRAM_HEADS):
                    raise _embedded_program()
                first = False
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED:
                    raise _too_big()
                if kept is not None:
                    content += chunk
                    if len(content) > kept:
                        raise _damaged()
        if kept is not None:
            descriptors[entry.filename] = content.decode("utf-8", "replace")
    return descriptors


def office_type(upload):
    """The content type of the office document ``upload`` is, or ``None`` for another
    archive; ``ValidationError`` for a damaged or dangerous one."""
    try:
        if _entry_count(upload) > MAX_ENTRIES:
            raise _refusal(
                _("Ce document contient plus de %(limit)d fichiers : il n'est pas accepté.")
                % {"limit": MAX_ENTRIES},
                "bomb",
            )
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            entries = [entry for entry in archive.infolist() if not entry.is_dir()]
            _check_directory(entries)
            descriptors = _unpack(archive, entries)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError):
        raise _damaged() from None
    finally:
        upload.seek(0)
    return _kind(descriptors, [entry.filename for entry in entries])


def _kind(descriptors, names):
    if "mimetype" in descriptors:
        declared = descriptors["mimetype"].strip()
        return declared if declared in ODF_TYPES.values() else None
    content_types = descriptors.get("[Content_Types].xml")
    if content_types is None:
        return None
    if any(marker in content_types.lower() for marker in MACRO_CONTENT_TYPES):
        raise _macros()
    for prefix, (_kind_name, content_type) in OOXML_TYPES.items():
        if any(name.startswith(prefix) for name in names):
            return content_type
    return None
