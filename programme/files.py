"""Private files (attachments, stored minutes) handed out by permission-checked views."""

from django.http import FileResponse, Http404


def private_file_response(stored_file, *, filename, content_type):
    """``stored_file`` (a ``FieldFile``, from any storage) as a download: never cached,
    never sniffed; 404 if the storage lost it."""
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
