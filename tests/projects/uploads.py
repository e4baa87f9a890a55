"""Small real files of each kind, built in memory for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def pdf(name="pitch.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def odt(name="projet.odt"):
    content = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
    return SimpleUploadedFile(name, content)


def docx(name="projet.docx"):
    content = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
    return SimpleUploadedFile(name, content)


def png(name="schema.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#005A9C").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def executable_named_pdf(name="pitch.pdf"):
    return SimpleUploadedFile(name, WINDOWS_EXECUTABLE, content_type="application/pdf")
