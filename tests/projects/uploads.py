"""Small real files of each kind, built in memory for upload tests."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _one_page_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _one_page_pdf()
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


def png_claiming(width, height, name="schema.png"):
    """A PNG of a few bytes whose header declares ``width`` by ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    content = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, content, content_type="image/png")


def inflating(name, entry, size, *, descriptors):
    """An archive with ``entry`` unpacking to ``size`` zero bytes, besides ``descriptors``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for descriptor, content in descriptors.items():
            archive.writestr(descriptor, content)
        with archive.open(entry, "w", force_zip64=size > 2**31) as stream:
            block = b"\0" * (1024 * 1024)
            for _ in range(size // len(block)):
                stream.write(block)
    return SimpleUploadedFile(name, buffer.getvalue())


def docx_with(entries, name="projet.docx"):
    base = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
    return SimpleUploadedFile(name, zipped(base | entries))


def pdf_with_javascript(name="pitch.pdf"):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('bonjour');"),
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")
