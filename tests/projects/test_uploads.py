import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.applications.uploads import validate_upload
from tests.projects import uploads


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (uploads.pdf(), "application/pdf"),
        (uploads.odt(), "application/vnd.oasis.opendocument.text"),
        (
            uploads.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (uploads.png(), "image/png"),
    ],
    ids=["pdf", "odt", "docx", "png"],
)
def test_accepted_files_are_recognised_by_their_content(upload, content_type):
    assert validate_upload(upload) == content_type


def test_renamed_executable_posing_as_a_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.executable_named_pdf())

    assert error.value.messages == [
        "Ce type de fichier n'est pas accepté. Formats acceptés : PDF, OpenDocument, Word, "
        "Excel, PowerPoint, PNG, JPEG, WebP."
    ]


def test_zip_that_is_not_an_office_document_is_refused():
    archive = SimpleUploadedFile("docs.docx", uploads.zipped({"script.sh": "rm -rf /"}))

    with pytest.raises(ValidationError):
        validate_upload(archive)


def test_file_over_the_limit_is_refused_with_both_sizes(settings):
    settings.TREMPLIN_UPLOAD_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as error:
        validate_upload(uploads.pdf(content=uploads.PDF + b"0" * 2048))

    assert error.value.messages == ["Ce fichier pèse 2,0\xa0Kio ; la limite est de 1,0\xa0Kio."]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("vide.pdf", b""))

    assert error.value.messages == ["Ce fichier est vide."]
