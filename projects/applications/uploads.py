"""What an uploaded file really is, read from its content, never from its name.

Accepted: PDF, OpenDocument (text, spreadsheet, presentation), Office Open XML (Word,
Excel, PowerPoint), PNG, JPEG and WebP images, up to ``TREMPLIN_UPLOAD_MAX_BYTES``.
Every check reads a bounded amount: an archive is refused from its directory before it
is unpacked, and unpacked by chunks that stop at the limits; an image is refused from its
header before its pixels are decoded. The file's name must end with an extension of the
type found, and the name kept is cleaned of the characters that disguise it. Last, the
antivirus scans what passed (``antivirus.py``).
"""

import dataclasses
import unicodedata
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from projects.applications import antivirus, archives, pdfs

PDF = "application/pdf"
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
EXTENSIONS = {
    PDF: (".pdf",),
    **{content_type: (f".{kind}",) for kind, content_type in archives.ODF_TYPES.items()},
    **{content_type: (f".{kind}",) for kind, content_type in archives.OOXML_TYPES.values()},
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/webp": (".webp",),
}
ACCEPTED_LABEL = "PDF, OpenDocument, Word, Excel, PowerPoint, PNG, JPEG, WebP"
# 50 million pixels: a 10,000 by 5,000 scan. A larger image is a decompression bomb here.
IMAGE_MAX_PIXELS = 50_000_000


@dataclasses.dataclass(frozen=True)
class CheckedFile:
    """What the checks found: the content type, and the name to keep."""

    content_type: str
    name: str


def refusal(message, code):
    return ValidationError(message, code=code)


def _head(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _image_type(upload):
    """The image's type from its header, refused before decoding if it is too large."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > IMAGE_MAX_PIXELS:
                    raise _image_too_large(width, height)
                image.verify()
                return IMAGE_TYPES.get(image.format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refusal(
            _("Cette image déclare trop de pixels pour être ouverte sans risque."), "bomb"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)


def _image_too_large(width, height):
    return refusal(
        _(
            "Cette image mesure %(width)d × %(height)d pixels ; la limite est de "  # noqa: RUF001 (French typography)
            "%(limit)d millions de pixels."
        )
        % {"width": width, "height": height, "limit": IMAGE_MAX_PIXELS // 1_000_000},
        "bomb",
    )


def detect_content_type(upload):
    """The accepted content type of ``upload``, or ``None`` if it is none of them.

    Raises ``ValidationError`` for a file of an accepted kind that is dangerous (a bomb,
    macros, an embedded program, a PDF that does not parse).
    """
    head = _head(upload)
    if head.startswith(b"%PDF-"):
        pdfs.check(upload)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return archives.office_type(upload)
    return _image_type(upload)


def clean_name(name):
    """``name`` without its folders and the invisible characters that can disguise it
    (a right-to-left override makes « facture‮fdp.exe » read « facture exe.pdf »)."""
    kept = "".join(
        character
        for character in PurePath(name.replace("\\", "/")).name
        if unicodedata.category(character) not in {"Cc", "Cf"}
    )
    return kept.strip() or "fichier"


def _named_for(name, content_type):
    """The cleaned name, whose extension must be one of ``content_type``'s."""
    path = PurePath(clean_name(name))
    extension = path.suffix.lower()
    allowed = EXTENSIONS[content_type]
    if extension not in allowed:
        raise refusal(
            _(
                "Le nom du fichier se termine par « %(extension)s » alors que son contenu "
                "est un fichier %(kind)s : renommez-le en « %(expected)s »."
            )
            % {
                "extension": extension or _("(aucune extension)"),
                "kind": allowed[0].removeprefix(".").upper(),
                "expected": f"{path.stem}{allowed[0]}",
            },
            "extension",
        )
    return f"{path.stem}{extension}"[-255:]


def validate_upload(upload):
    """The ``CheckedFile`` of an acceptable upload; a French ``ValidationError`` otherwise."""
    limit = settings.TREMPLIN_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise refusal(
            _("Ce fichier pèse %(size)s ; la limite est de %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            "too_large",
        )
    if upload.size == 0:
        raise refusal(_("Ce fichier est vide."), "empty")
    content_type = detect_content_type(upload)
    if content_type is None:
        raise refusal(
            _("Ce type de fichier n'est pas accepté. Formats acceptés : %(formats)s.")
            % {"formats": ACCEPTED_LABEL},
            "type",
        )
    name = _named_for(upload.name, content_type)
    antivirus.scan(upload)
    return CheckedFile(content_type, name)
