"""A file that says it is a PDF must parse as one, and carry no active content.

Refused: what does not parse (an HTML page behind a ``%PDF-`` line), and a document
whose catalogue runs something when opened (JavaScript, a launch action) or carries
attached files. pypdf reads the structure, not the page contents, so the time it takes
is bounded by the file's size, itself bounded by ``TREMPLIN_UPLOAD_MAX_BYTES``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader

ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData"}
ACTIVE_NAMES = {"/JavaScript", "/EmbeddedFiles"}


def _active(catalog):
    action = catalog.get("/OpenAction")
    if hasattr(action, "get_object"):
        action = action.get_object()
    if isinstance(action, dict) and action.get("/S") in ACTIVE_ACTIONS:
        return True
    names = catalog.get("/Names")
    names = names.get_object() if names is not None else {}
    return "/AA" in catalog or any(name in names for name in ACTIVE_NAMES)


def check(upload):
    """Raise a French ``ValidationError`` unless ``upload`` is a plain PDF."""
    try:
        reader = PdfReader(upload, strict=False)
        pages = len(reader.pages)
        active = _active(reader.trailer["/Root"].get_object())
    # pypdf answers hostile input with exceptions of many kinds (its own, KeyError,
    # ValueError, TypeError, RecursionError...): any of them means "not a PDF".
    except Exception:
        raise ValidationError(
            _("Ce fichier n'est pas un PDF valide : il ne peut pas être ouvert."),
            code="damaged",
        ) from None
    finally:
        upload.seek(0)
    if pages == 0:
        raise ValidationError(_("Ce PDF n'a aucune page."), code="damaged")
    if active:
        raise ValidationError(
            _(
                "Ce PDF contient du code qui s'exécute à l'ouverture ou des fichiers "
                "attachés : exportez-le de nouveau en PDF simple avant de le déposer."
            ),
            code="active",
        )
