"""The jury's PDFs (the minutes, the scoring sheets, the sign-in sheet), drawn by
``programme.pdf`` (WeasyPrint, the system's fonts, no network)."""

from programme.pdf import render_pdf


def render_minutes_pdf(minutes, *, draft=False):
    """The PDF of ``minutes`` (as ``jury.minutes`` gives them to a reader, their session
    with them), marked « Projet » when ``draft``, else official. Returns its bytes."""
    return render_pdf("jury/minutes_document.html", {"minutes": minutes, "draft": draft})
