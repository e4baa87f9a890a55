"""What an upload is, from its content; hostile files refused in French, in bounded memory."""

import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.applications.uploads import CheckedFile, clean_name, validate_upload
from tests.projects import uploads

ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GIB = 1024**3
# The memory the checks of one file may take at their peak (issue 15: under 64 MB).
PEAK_LIMIT = 64 * 1024 * 1024
MACROS = (
    "Ce document contient des macros ou des contrôles actifs : enregistrez-le sans macros "
    "(ou en PDF) avant de le déposer."
)
EMBEDDED = (
    "Ce document contient un programme ou un objet incorporé : retirez-le (ou enregistrez "
    "le document en PDF) avant de le déposer."
)
TOO_BIG = "Ce document se décompresse en plus de 100,0\xa0Mo : il n'est pas accepté."


def refusal(upload):
    """The messages and the peak memory of refusing ``upload``; every refusal is checked
    to stay under ``PEAK_LIMIT`` (issue 15: bounded memory for every hostile file)."""
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            validate_upload(upload)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"the check took {peak} bytes at its peak"
    return error.value.messages, peak


@pytest.mark.parametrize(
    ("make_upload", "checked"),
    [
        (uploads.pdf, CheckedFile("application/pdf", "pitch.pdf")),
        (uploads.odt, CheckedFile(ODT, "projet.odt")),
        (uploads.docx, CheckedFile(DOCX, "projet.docx")),
        (uploads.png, CheckedFile("image/png", "schema.png")),
        (
            lambda: uploads.pdf(name="../../Pitch FINAL.PDF"),
            CheckedFile("application/pdf", "Pitch FINAL.pdf"),
        ),
    ],
    ids=["pdf", "odt", "docx", "png", "folders and capitals"],
)
def test_accepted_files_are_recognised_by_their_content_and_keep_a_clean_name(make_upload, checked):
    assert validate_upload(make_upload()) == checked


def test_renamed_executable_posing_as_a_pdf_is_refused():
    messages, _peak = refusal(uploads.executable_named_pdf())

    assert messages == [
        "Ce type de fichier n'est pas accepté. Formats acceptés : PDF, OpenDocument, Word, "
        "Excel, PowerPoint, PNG, JPEG, WebP."
    ]


def test_zip_that_is_not_an_office_document_is_refused():
    archive = SimpleUploadedFile("docs.docx", uploads.zipped({"script.txt": "bonjour"}))

    assert refusal(archive)[0][0].startswith("Ce type de fichier n'est pas accepté.")


def test_file_over_the_limit_is_refused_with_both_sizes(settings):
    settings.TREMPLIN_UPLOAD_MAX_BYTES = 1024

    messages, _peak = refusal(uploads.pdf(content=b"%PDF-" + b"0" * 2043))

    assert messages == ["Ce fichier pèse 2,0\xa0Ko ; la limite est de 1,0\xa0Ko."]


def test_empty_file_is_refused():
    assert refusal(SimpleUploadedFile("vide.pdf", b""))[0] == ["Ce fichier est vide."]


def test_image_claiming_thirty_thousand_pixels_square_is_refused_before_decoding():
    messages, peak = refusal(uploads.png_claiming(30_000, 30_000))

    assert messages == ["Cette image déclare trop de pixels pour être ouverte sans risque."]
    assert peak < PEAK_LIMIT


def test_image_over_fifty_million_pixels_is_refused_with_its_size():
    messages, _peak = refusal(uploads.png_claiming(8_000, 7_000))

    assert messages == [
        "Cette image mesure 8000 × 7000 pixels ; la limite est de 50 millions de pixels."  # noqa: RUF001
    ]


def test_opendocument_whose_mimetype_inflates_to_a_gibibyte_is_refused_in_bounded_memory():
    bomb = uploads.inflating("projet.odt", "mimetype", GIB, descriptors={})

    messages, peak = refusal(bomb)

    assert (messages, peak < PEAK_LIMIT) == ([TOO_BIG], True)


def test_presentation_with_a_highly_compressed_entry_is_refused():
    bomb = uploads.inflating(
        "pitch.pptx",
        "ppt/media/image1.png",
        8 * 1024 * 1024,
        descriptors={"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"},
    )

    assert refusal(bomb)[0] == [TOO_BIG]


def test_archive_of_too_many_entries_is_refused_before_its_directory_is_read():
    entries = {f"word/media/{index}.xml": "" for index in range(5_001)}

    messages, _peak = refusal(uploads.docx_with(entries))

    assert messages == ["Ce document contient plus de 5000 fichiers : il n'est pas accepté."]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, MACROS),
        ({"Basic/Standard/Module1.xml": "<script/>"}, MACROS),
        ({"word/activeX/activeX1.xml": "<ax/>"}, MACROS),
        ({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}, EMBEDDED),
        ({"word/media/setup.exe": uploads.WINDOWS_EXECUTABLE}, EMBEDDED),
        ({"word/media/image1.png": uploads.WINDOWS_EXECUTABLE}, EMBEDDED),
    ],
    ids=["vba project", "odf basic", "activex", "ole object", "exe", "program as an image"],
)
def test_office_document_with_macros_or_programs_is_refused(entries, message):
    assert refusal(uploads.docx_with(entries))[0] == [message]


def test_macro_enabled_content_type_is_refused():
    document = SimpleUploadedFile(
        "projet.docx",
        uploads.zipped(
            {
                "[Content_Types].xml": '<Types><Default ContentType="application/'
                'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
                "word/document.xml": "<w/>",
            }
        ),
    )

    assert refusal(document)[0] == [MACROS]


def test_damaged_archive_is_refused_as_damaged():
    content = uploads.zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})

    damaged = SimpleUploadedFile("projet.docx", content[:-30])

    assert refusal(damaged)[0] == ["Ce document est endommagé : il ne peut pas être ouvert."]


def test_html_page_behind_a_pdf_header_is_refused():
    fake = uploads.pdf(content=b"%PDF-1.7\n<html><script>alert(1)</script></html>\n")

    assert refusal(fake)[0] == ["Ce fichier n'est pas un PDF valide : il ne peut pas être ouvert."]


def test_pdf_running_javascript_is_refused():
    assert refusal(uploads.pdf_with_javascript())[0] == [
        "Ce PDF contient du code qui s'exécute à l'ouverture ou des fichiers attachés : "
        "exportez-le de nouveau en PDF simple avant de le déposer."
    ]


def test_pdf_named_as_a_program_behind_a_right_to_left_override_is_refused():
    disguised = uploads.pdf(name="facture\u202efdp.exe")

    assert refusal(disguised)[0] == [
        "Le nom du fichier se termine par « .exe » alors que son contenu est un fichier "
        "PDF : renommez-le en « facturefdp.pdf »."
    ]


def test_a_name_loses_its_folders_and_invisible_characters():
    assert clean_name("C:\\Users\\léa\\pi\u200btch\u202e.pdf") == "pitch.pdf"
