"""Reading a PDF as its reader would: its text, by poppler's ``pdftotext``."""

import subprocess


def pdf_text(content, *, layout=False):
    """The text of the PDF ``content`` (bytes), its lines joined by single spaces; in
    reading order, or as laid out on the page (``layout``). Fails if it does not open."""
    options = ["-layout"] if layout else []
    text = subprocess.run(
        ["pdftotext", *options, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def missing(text, *lines):
    """The ``lines`` not found in ``text``, in order: all of them in one failure."""
    return [line for line in lines if line not in text]
