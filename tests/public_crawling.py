"""The public crawl's tools: the demo plus data that must never leak, the strings no
public page may show, and a crawler of the public pages from the sitemap and the links."""

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import deque
from decimal import Decimal
from io import StringIO
from urllib.parse import urljoin, urlsplit

from django.core.management import call_command
from django.urls import Resolver404, resolve

from editions.enums import Phase
from jury.models import Decision, Score
from programme.enums import DecisionSource
from programme.models import NewsItem, Programme, User
from projects.enums import ApplicationStatus
from projects.models import (
    Application,
    ApplicationTransition,
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhaseReport,
    Project,
    ProjectTransition,
    Resource,
    TeamMember,
    TimeDeclaration,
)
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.projects.factories import (
    REVIEWED_AT,
    SELECTED_AT,
    ApplicationFactory,
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
    ResourceFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)
from tests.projects.helpers import decide_application, decide_project

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HREF = re.compile(r"""<(?:a|link)\s[^>]*?href="([^"]+)\"""")
NOT_PAGES = ("/static/", "/admin/", "/theme.css", "/logo")
REPORT_TEXTS = (
    "problem",
    "tested",
    "results",
    "indicators_comment",
    "recommendation_reasons",
    "reopened_reason",
)


def _leak_edition(programme):
    """An edition of the demo's programme, published, with a call: where leaks live."""
    edition = EditionFactory(
        programme=programme, number=9, slug="saison-test", name="Saison de test", year=2022
    )
    return CallFactory(edition=edition)


def _staff_move(project, target, reason, **extra):
    return decide_project(project, target, reason=reason, at=paris(2022, 9, 1, 10, 0), **extra)


# Amounts and values that must never show, with the ways a page could write them.
LEAK_NUMBERS = ("98765", "87654", "4242", "5353", "6464", "7171")


def _number_forms(number):
    grouped = f"{int(number):,}"
    return {number, grouped.replace(",", " "), grouped.replace(",", "\xa0")}


def _leak_follow_up(period):
    """What a period's follow-up holds: none of it is public."""
    CoachingEntryFactory(
        period=period, topics="FUITE sujet de coaching", next_steps="FUITE prochaine étape"
    )
    MilestoneFactory(period=period, title="FUITE jalon interne", description="FUITE précisions")
    MilestoneFactory(period=period, title="FUITE jalon abandonné", status="dropped")
    TimeDeclarationFactory(period=period, comment="FUITE commentaire sur le temps donné")
    ResourceFactory(
        period=period,
        label="FUITE moyen accordé",
        amount_granted=Decimal("98765"),
        amount_used=Decimal("87654"),
        use_note="FUITE utilisation du moyen",
    )
    PhaseReportFactory(
        period=period,
        problem="FUITE problème d'un bilan brouillon",
        recommendation_reasons="FUITE raisons d'un bilan brouillon",
    )


def _leak_measurements(project, hidden_project):
    """Next to a public project's published indicators: a proposed and a rejected
    measurement, and an unpublished indicator with a validated one; and a validated
    measurement of a published indicator of a project that is not public."""
    published = project.indicators.filter(is_published=True).first()
    MeasurementFactory(indicator=published, value=4242, source="FUITE source proposée")
    MeasurementFactory(
        indicator=published, value=5353, source="FUITE source refusée", rejected=True
    )
    hidden = ImpactIndicatorFactory(
        project=project, name="FUITE indicateur non publié", is_published=False
    )
    MeasurementFactory(
        indicator=hidden, value=6464, source="FUITE source non publiée", validated=True
    )
    MeasurementFactory(
        indicator__project=hidden_project,
        indicator__name="FUITE indicateur d'un projet non publié",
        value=7171,
        source="FUITE source d'un projet non publié",
        validated=True,
    )


def build_leaky_demo(settings):
    """The demo story, and next to it everything a public page must not show."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    programme = Programme.objects.current()
    call = _leak_edition(programme)

    draft = ApplicationFactory(call=call, title="FUITE brouillon de candidature")
    TeamMemberFactory(
        application=draft, first_name="Gaspard", last_name="Fuiteur", email="gaspard@fuite.test"
    )
    refused = ApplicationFactory(call=call, title="FUITE candidature non retenue", shortlisted=True)
    decide_application(
        refused,
        ApplicationStatus.NOT_SELECTED,
        reason="FUITE motif de refus interne",
        at=SELECTED_AT,
    )
    untold = ApplicationFactory(call=call, title="FUITE sélection non publiée", shortlisted=True)
    decide_application(
        untold,
        ApplicationStatus.SELECTED,
        decided_by=DecisionSource.JURY,
        reason="FUITE décision de sélection non publiée",
        at=SELECTED_AT,
    )
    untold.project.is_published = True  # ticked before the decision was published
    untold.project.save()

    witness = ProjectFactory(
        application__call=call,
        application__title="Projet témoin",
        application__problem="FUITE problème décrit dans la candidature",
    )
    TeamMemberFactory(
        application=witness.application,
        first_name="Ophélie",
        last_name="Cachefuite",
        email="ophelie@fuite.test",
        manager_name="FUITE nom du responsable",
        public_name_consent=False,
    )
    period = witness.periods.get()
    period.results_summary = "FUITE bilan non publié"
    period.objectives = "FUITE objectifs internes"
    period.save()
    _leak_follow_up(period)
    decide_project(
        witness,
        Phase.REINTEGRATION,
        decided_by=DecisionSource.JURY,
        reason="FUITE motif du jury non publié",
        outcome="stopped",
        at=REVIEWED_AT,
    )

    staff_moved = ProjectFactory(application__call=call, application__title="Projet suivi")
    _staff_move(staff_moved, Phase.EXPERIMENTATION, "FUITE motif interne de l'équipe innovation")

    hidden_edition = EditionFactory(
        programme=programme,
        number=10,
        slug="saison-cachee",
        name="FUITE saison non publiée",
        is_published=False,
    )
    ProjectFactory(
        application__call=CallFactory(edition=hidden_edition),
        application__title="FUITE projet d'une saison cachée",
    )
    hidden_project = ProjectFactory(
        application__call=call, application__title="FUITE projet non publié", is_published=False
    )

    _leak_measurements(Project.objects.get(slug="carbolocal"), hidden_project)
    PhaseReportFactory(
        period=staff_moved.periods.get(sequence=1),
        results="FUITE résultats d'un bilan déposé",
        submitted=True,
    )
    Score.objects.update(comment="FUITE commentaire de notation")
    Decision.objects.update(private_reasons="FUITE motif privé du jury")
    return programme


def forbidden_strings(programme):
    """Everything of the database that no public page may show."""
    public_projects = Project.objects.public()
    public_titles = set(public_projects.values_list("title", flat=True))
    strings = {"FUITE"}
    for number in LEAK_NUMBERS:
        strings |= _number_forms(number)
    strings |= {
        email
        for email in User.objects.values_list("email", flat=True)
        if email != programme.contact_email
    }
    strings |= set(TeamMember.objects.values_list("email", flat=True))
    strings |= set(
        TeamMember.objects.exclude(manager_email="").values_list("manager_email", flat=True)
    )
    strings |= set(
        TeamMember.objects.exclude(manager_name="").values_list("manager_name", flat=True)
    )
    strings |= {
        f"{first} {last}"
        for first, last in TeamMember.objects.filter(public_name_consent=False).values_list(
            "first_name", "last_name"
        )
    }
    strings |= {
        title
        for title in Application.objects.values_list("title", flat=True)
        if title not in public_titles
    }
    strings |= set(Application.objects.exclude(problem="").values_list("problem", flat=True))
    strings |= {
        reason for reason in Decision.objects.values_list("private_reasons", flat=True) if reason
    }
    strings |= {comment for comment in Score.objects.values_list("comment", flat=True) if comment}
    told = set(
        ProjectTransition.objects.public()
        .filter(decided_by=DecisionSource.JURY)
        .values_list("reason", flat=True)
    )
    strings |= {
        reason
        for reason in ProjectTransition.objects.exclude(
            pk__in=ProjectTransition.objects.public().filter(decided_by=DecisionSource.JURY)
        ).values_list("reason", flat=True)
        if reason and reason not in told
    }
    # Public pages show no application's history: screening and selection reasons.
    strings |= {
        reason
        for reason in ApplicationTransition.objects.values_list("reason", flat=True)
        if reason and reason not in told
    }
    strings |= {
        reason
        for reason in Decision.objects.filter(published_at=None).values_list(
            "public_reasons", flat=True
        )
        if reason
    }
    strings |= follow_up_strings()
    drafts = NewsItem.objects.exclude(pk__in=NewsItem.objects.public())
    strings |= set(drafts.values_list("title", flat=True)) | set(
        drafts.exclude(summary="").values_list("summary", flat=True)
    )
    strings.discard("")
    return strings


def follow_up_strings():
    """The follow-up of every project: coaching, milestones, time, resources and reports
    are never public; nor are the measurements and indicators that are not."""
    strings = set()
    for model, fields in (
        (CoachingEntry, ("topics", "next_steps")),
        (Milestone, ("title", "description", "status_note")),
        (TimeDeclaration, ("comment",)),
        (Resource, ("label", "use_note")),
        (PhaseReport, REPORT_TEXTS),
    ):
        for values in model.objects.values_list(*fields):
            strings |= set(values)
    public = Measurement.objects.public().filter(indicator__project__in=Project.objects.public())
    public_sources = set(public.values_list("source", flat=True))
    strings |= set(Measurement.objects.values_list("source", flat=True)) - public_sources
    public_names = set(public.values_list("indicator__name", flat=True))
    strings |= set(ImpactIndicator.objects.values_list("name", flat=True)) - public_names
    return strings


def readable(response):
    """The response's text as a reader sees it: HTML entities and JSON escapes undone."""
    text = response.content.decode()
    if response.headers["Content-Type"].startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def sitemap_paths(client):
    """Every path the sitemap lists, through its index, with its alternates."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    paths = set()
    for entry in index.iter(f"{SITEMAP}sitemap"):
        address = urlsplit(entry.findtext(f"{SITEMAP}loc"))
        part = f"{address.path}?{address.query}" if address.query else address.path
        root = ET.fromstring(client.get(part).content)
        for url in root.iter(f"{SITEMAP}url"):
            paths.add(urlsplit(url.findtext(f"{SITEMAP}loc")).path)
            for alternate in url.iter(f"{XHTML}link"):
                paths.add(urlsplit(alternate.get("href")).path)
    return paths


def is_public_page(path):
    try:
        return getattr(resolve(urlsplit(path).path).func, "is_public_page", False)
    except Resolver404:
        return False


def crawl(client, start):
    """Every public page reachable from ``start``: {path: response}."""
    seen, pages = set(start), {}
    queue = deque(sorted(start))
    while queue:
        path = queue.popleft()
        response = client.get(path)
        pages[path] = response
        if not response.headers["Content-Type"].startswith("text/html"):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urljoin(path, html.unescape(href))
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local.startswith(NOT_PAGES) or local in seen or not is_public_page(local):
                continue
            seen.add(local)
            queue.append(local)
    return pages
