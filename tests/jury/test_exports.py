"""The staff's « Exports » screen and its CSV and XLSX downloads."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jury.enums import CriterionGrid, SessionStatus
from jury.services import declare_conflict, move_session, record_score
from tests.editions.factories import EditionFactory
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    ReviewItemFactory,
    SessionFactory,
)
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    ApplicationFactory,
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
PAGE = "/admin/exports/"
DATASETS = ["candidatures", "projets", "indicateurs", "notes"]


def download_url(dataset, file_format, edition="toutes"):
    """The download of ``dataset``, of every edition unless ``edition`` (a slug) is given;
    ``edition=None`` leaves the choice to the default, the latest edition."""
    url = reverse("admin:export_download", args=[dataset, file_format])
    return f"{url}?edition={edition}" if edition else url


def build_programme(size, staff, *, edition=None):
    """``size`` projects, each followed (coaching, milestone, indicator, measurements)
    and scored at a review session by one member, while another withdrew after scoring."""
    session = SessionFactory()
    scorer = ConvocationFactory(session=session, member__user__last_name="Notant").member
    withdrawn = ConvocationFactory(session=session, member__user__last_name="Déporté").member
    criterion = CriterionFactory(session=session, grid=CriterionGrid.REVIEW, name="Impact")
    call = {"application__call__edition": edition} if edition else {}
    items = [
        ReviewItemFactory(session=session, project=ProjectFactory(**call)) for _ in range(size)
    ]
    move_session(session, SessionStatus.SCORING, actor=staff)
    for item in items:
        record_score(item, member=scorer, criterion=criterion, value=4)
        record_score(item, member=withdrawn, criterion=criterion, value=1)
        declare_conflict(item, member=withdrawn, actor=staff)
        period = item.project.periods.get()
        CoachingEntryFactory(period=period)
        MilestoneFactory(period=period)
        indicator = ImpactIndicatorFactory(project=item.project)
        MeasurementFactory(indicator=indicator, validated=True)
        MeasurementFactory(indicator=indicator)
    return items


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def comparable(value):
    """A cell as the CSV writes it, to compare an XLSX cell read back with openpyxl."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except ArithmeticError:
        return str(value)


def test_exports_page_lists_each_dataset_with_its_csv_and_xlsx_links(staff_client):
    content = staff_client.get(PAGE).content.decode()

    for label in ("Candidatures", "Projets lauréats", "Indicateurs d&#x27;impact", "Notes du jury"):
        assert f'<th scope="row">{label}</th>' in content
    for dataset in DATASETS:
        assert f'href="{download_url(dataset, "csv")}"' in content
        assert f'href="{download_url(dataset, "xlsx")}"' in content


def test_exports_page_carries_the_chosen_edition_into_its_links(staff_client):
    project = ProjectFactory()
    edition = project.edition

    content = staff_client.get(PAGE, {"edition": edition.slug}).content.decode()

    assert f'href="{download_url("projets", "xlsx", edition.slug)}"' in content
    assert f"Jeux de données — {edition.name}" in content


def test_exports_page_offers_the_latest_edition_first_and_every_edition_on_demand(
    staff_client,
):
    older, latest = EditionFactory(number=1), EditionFactory(number=2)

    default = staff_client.get(PAGE).content.decode()
    every = staff_client.get(PAGE, {"edition": "toutes"}).content.decode()

    assert f"Jeux de données — {latest.name}" in default
    assert f'<option value="{latest.slug}" selected>' in default
    assert f'href="{download_url("candidatures", "csv", latest.slug)}"' in default
    assert "Jeux de données — toutes les éditions" in every
    assert '<option value="toutes" selected>' in every
    assert f'href="{download_url("candidatures", "csv")}"' in every
    assert older.slug in every


def test_a_download_without_an_edition_holds_the_latest_edition_only(staff_client):
    ProjectFactory(title="Ancien", application__call__edition__number=1)
    ProjectFactory(title="Récent", application__call__edition__number=2)

    latest = staff_client.get(download_url("projets", "csv", edition=None))
    every = staff_client.get(download_url("projets", "csv"))

    assert [row[2] for row in csv_rows(latest)[1:]] == ["Récent"]
    assert [row[2] for row in csv_rows(every)[1:]] == ["Ancien", "Récent"]


def test_exports_screen_is_listed_on_the_admin_index(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()

    assert f'<a href="{PAGE}">Exports</a>' in content


def test_applications_csv_has_french_headers_and_defuses_formulas(staff_client):
    application = ApplicationFactory(submitted=True, title='=HYPERLINK("http://x")')

    response = staff_client.get(download_url("candidatures", "csv"))

    header, row = csv_rows(response)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert header[:5] == ["identifiant", "édition", "titre", "thématique", "statut"]
    assert row[:5] == [
        str(application.pk),
        application.call.edition.name,
        '\'=HYPERLINK("http://x")',
        application.theme.name,
        "Déposée",
    ]


def test_xlsx_has_a_bold_header_dates_as_dates_and_formulas_as_text(staff_client):
    indicator = ImpactIndicatorFactory(name="=1+1")
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2022, 6, 1))

    response = staff_client.get(download_url("indicateurs", "xlsx"))

    sheet = xlsx_sheet(response)
    header = [cell.value for cell in sheet[1]]
    measured_on = sheet.cell(row=2, column=header.index("date de la mesure") + 1)
    name = sheet.cell(row=2, column=header.index("indicateur") + 1)
    assert response.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert sheet.title == "Indicateurs d'impact"
    assert all(cell.font.b for cell in sheet[1])
    assert measured_on.value == datetime.datetime(2022, 6, 1)
    assert measured_on.number_format == "DD/MM/YYYY"
    assert (name.value, name.data_type) == ("'=1+1", "s")


@pytest.mark.parametrize("dataset", DATASETS)
def test_xlsx_holds_the_same_rows_as_the_csv(staff_client, dataset):
    build_programme(2, staff_client.staff)

    rows = csv_rows(staff_client.get(download_url(dataset, "csv")))
    sheet = xlsx_sheet(staff_client.get(download_url(dataset, "xlsx")))

    assert len(rows) > 1
    assert [[comparable(cell) for cell in row] for row in sheet.iter_rows(values_only=True)] == [
        [comparable(cell) for cell in row] for row in rows
    ]


@pytest.mark.parametrize("dataset", DATASETS)
def test_xlsx_header_is_frozen_with_filters_over_every_row(staff_client, dataset):
    build_programme(2, staff_client.staff)

    sheet = xlsx_sheet(staff_client.get(download_url(dataset, "xlsx")))

    assert sheet.max_row > 1
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", sheet.dimensions)


def test_scores_leave_out_a_member_who_withdrew_from_the_item(staff_client):
    (item,) = build_programme(1, staff_client.staff)

    header, *rows = csv_rows(staff_client.get(download_url("notes", "csv")))

    assert header == [
        "séance",
        "date de la séance",
        "point",
        "objet",
        "sujet",
        "critère",
        "coefficient",
        "membre",
        "note",
        "note maximale",
    ]
    assert len(rows) == 1
    assert rows[0][0] == item.session.title
    assert rows[0][4:] == [item.project.title, "Impact", "1.00", rows[0][7], "4", "5"]
    assert "Notant" in rows[0][7]


def test_export_keeps_the_chosen_edition_and_names_the_file_after_it(staff_client):
    kept = ProjectFactory(title="Gardé")
    ProjectFactory(title="Autre édition")
    edition = kept.edition

    response = staff_client.get(download_url("projets", "csv", edition.slug))

    today = timezone.localdate().isoformat()
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="projets-{edition.slug}-{today}.csv"'
    )
    assert [row[2] for row in csv_rows(response)[1:]] == ["Gardé"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/exports/inconnu.csv",
        "/admin/exports/projets.pdf",
        "/admin/exports/projets.csv?edition=saison-inconnue",
    ],
)
def test_unknown_dataset_format_or_edition_is_not_found(staff_client, url):
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("url", [PAGE, "/admin/exports/candidatures.xlsx"])
def test_anonymous_and_non_staff_are_sent_to_the_admin_login(client, url):
    ApplicationFactory(title="Candidature confidentielle")
    anonymous = client.get(url)
    client.force_login(UserFactory())

    signed_in = client.get(url)

    for response in (anonymous, signed_in):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", [PAGE, *[download_url(dataset, "csv") for dataset in DATASETS]])
def test_staff_without_the_permission_is_refused(client, url):
    ApplicationFactory(title="Candidature confidentielle")
    client.force_login(UserFactory(is_staff=True))

    response = client.get(url)

    assert response.status_code == 403
    assert "Candidature confidentielle" not in response.content.decode()


def test_scores_need_the_jury_permission_too(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_project"))
    client.force_login(user)

    page = client.get(PAGE).content.decode()
    scores = client.get(download_url("notes", "csv"))

    assert "Projets lauréats" in page
    assert "Notes du jury" not in page
    assert scores.status_code == 403


def test_each_export_keeps_a_flat_query_count_as_projects_grow(staff_client):
    urls = [PAGE] + [download_url(d, f) for d in DATASETS for f in ("csv", "xlsx")]
    build_programme(1, staff_client.staff)

    def counts():
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert staff_client.get(url).status_code == 200
            result[url] = len(queries)
        return result

    small = counts()
    build_programme(29, staff_client.staff)

    assert counts() == small
