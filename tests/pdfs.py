"""Reading a PDF as its reader would: its text, by poppler's ``pdftotext``."""

import subprocess


def pdf_text(content):
    """The text of the PDF ``content`` (bytes), its lines joined by single spaces."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())
