"""Retention of applications and laureates: what the schedule anonymises or deletes.

The three kinds registered here (``programme.retention``): drafts never submitted,
deleted once their call closed long enough ago; applications not selected, anonymised
from the decision that ended them; laureates, anonymised from the end of their project.

Anonymising keeps what the record needs: the application, its title, theme, call,
status, history and decisions (their reasons with the team's names taken out), and its
team as a composition (each member's role and kind, no longer who). Names, addresses,
free texts, line managers, consents and files go, with their copies in the audit log,
the history's reasons and the queue of e-mails. The project of a laureate keeps what
staff published (its page, phases, results, indicators): with the team anonymised and
every consent gone, its page names nobody.

``anonymise_member`` and ``anonymise_application`` are the units a person's erasure
reuses: each takes ``actor`` and writes one audit entry on the object it anonymised.
"""

from functools import partial

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.enums import Phase
from programme import audit
from programme.actions import verb
from programme.copies import forget
from programme.retention import Kind, anonymous_email, register, register_role
from projects.enums import ApplicationStatus
from projects.models import (
    Application,
    ApplicationTransition,
    DecisionLetter,
    MailingDelivery,
    Project,
    ProjectTransition,
    TeamMember,
    TimeDeclaration,
)

ANONYMISE_MEMBER = verb("team.anonymise_member", _("Membre de l'équipe anonymisé"))
ANONYMISE_APPLICATION = verb("application.anonymise", _("Candidature anonymisée"))
DELETE_DRAFT = verb("application.delete_draft", _("Brouillon supprimé"))

UNSUCCESSFUL = (
    ApplicationStatus.WITHDRAWN,
    ApplicationStatus.INELIGIBLE,
    ApplicationStatus.NOT_SHORTLISTED,
    ApplicationStatus.NOT_SELECTED,
)
ENDED = (Phase.REINTEGRATION, Phase.ABANDONED)
# What a member's anonymisation empties, and erases from the entries of the member.
MEMBER_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "job_title",
    "manager_name",
    "manager_email",
    "department",
    "school",
    "organisation",
    "user",
    "public_name_consent",
    "public_name_consent_at",
)
TEXT_FIELDS = ("problem", "target_users", "proposed_solution", "expected_impact")


def _member_values(member):
    """What names the member, wherever it was copied."""
    return [member.email, member.full_name, member.manager_name, member.manager_email]


def anonymise_member(member, *, actor, at=None, reason=""):
    """Anonymise a team member: the row stays (role and kind), the person goes.

    Side effects, in order: empties the member's name, address, job, organisations,
    line manager, consent and account; stamps ``anonymised_at``; writes the audit entry
    on the member; takes the person's name and addresses out of the audit log, the
    e-mail queue, the application's history reasons, its decision letters (whose PDFs
    are then drawn again) and the mailings' deliveries (address, subject); touches the
    application, so the public pages that name the team are revalidated. Returns ``False``
    for a member already anonymised.
    """
    at = at or timezone.now()
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=member.pk)
        if member.anonymised_at is not None:
            return False
        values = _member_values(member)
        member.email = anonymous_email("membre", member.pk)
        member.first_name = member.last_name = member.job_title = ""
        member.manager_name = member.manager_email = ""
        member.department = member.school = member.organisation = member.user = None
        member.public_name_consent = False
        member.public_name_consent_at = None
        member.anonymised_at = at
        member.save()
        audit.record(
            member,
            ANONYMISE_MEMBER,
            actor=actor,
            changes={"anonymised_at": [None, at]},
            reason=reason,
            at=at,
        )
        forget(values, objects=[member], fields=MEMBER_FIELDS)
        _scrub_history(member.application_id, values)
        _scrub_deliveries(member, values)
        Application.objects.filter(pk=member.application_id).update(updated_at=timezone.now())
    return True


def _scrub_history(application_id, values):
    scrub = audit.scrubber(values)
    rows = [
        *ApplicationTransition.objects.filter(application_id=application_id),
        *ProjectTransition.objects.filter(project__application_id=application_id),
    ]
    for row in rows:
        reason = scrub(row.reason)
        if reason != row.reason:
            row.reason = reason
            row.save(update_fields=["reason"])
    # A decision letter names the team: its terms lose the name, and its stored PDF is
    # deleted after commit, to be drawn again from them when next needed.
    for letter in DecisionLetter.objects.filter(application_id=application_id):
        terms = scrub(letter.terms)
        if terms != letter.terms:
            if letter.file:
                transaction.on_commit(partial(letter.file.storage.delete, letter.file.name))
            letter.terms, letter.file = terms, ""
            letter.save(update_fields=["terms", "file"])


def _scrub_deliveries(member, values):
    scrub = audit.scrubber(values)
    for delivery in MailingDelivery.objects.filter(member=member):
        delivery.email = member.email
        delivery.subject = scrub(delivery.subject)
        delivery.save(update_fields=["email", "subject"])


def anonymise_application(application, *, actor, at=None, reason=""):
    """Anonymise an application and its team; it stays, with its status and history.

    Side effects, in order: anonymises each member (``anonymise_member``); deletes the
    attachments' rows, and after commit their files from storage; empties the free
    texts, and a laureate's comments on the time its members gave; stamps
    ``anonymised_at``; writes the audit entry on the application; erases the texts and
    the files' names from its entries. Returns ``False`` for an application already
    anonymised.
    """
    at = at or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.anonymised_at is not None:
            return False
        for member in application.team_members.all():
            anonymise_member(member, actor=actor, at=at, reason=reason)
        attachments = list(application.attachments.all())
        names = [attachment.original_name for attachment in attachments]
        for attachment in attachments:
            transaction.on_commit(partial(attachment.file.storage.delete, attachment.file.name))
            attachment.original_name = ""  # its entries are then labelled by number
        application.attachments.all().delete()
        TimeDeclaration.objects.filter(period__project__application=application).update(comment="")
        for name in TEXT_FIELDS:
            setattr(application, name, "")
        application.anonymised_at = at
        application.save()
        audit.record(
            application,
            ANONYMISE_APPLICATION,
            actor=actor,
            changes={"anonymised_at": [None, at], "attachments": [len(attachments), 0]},
            reason=reason,
            at=at,
        )
        forget(
            names,
            objects=[application, *attachments],
            fields=(*TEXT_FIELDS, "original_name"),
        )
    return True


def delete_draft(application, *, actor, at=None, reason=""):
    """Delete a draft never submitted, its team and files.

    Side effects, in order: anonymises it (``anonymise_application``: the team's names
    and the files leave the log and the storage); writes the audit entry of its
    deletion; erases its title from its entries; deletes the draft (and so its team).
    """
    at = at or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.DRAFT:
            return False
        anonymise_application(application, actor=actor, at=at, reason=reason)
        title = application.title
        application.title = ""
        audit.record(application, DELETE_DRAFT, actor=actor, reason=reason, at=at)
        forget([title], objects=[application], fields=("title",))
        application.delete()
    return True


def _drafts(cutoff, *, actor, at):
    drafts = Application.objects.filter(status=ApplicationStatus.DRAFT, call__closes_at__lt=cutoff)
    reason = str(_("Brouillon jamais déposé : durée de conservation écoulée."))
    return sum(
        delete_draft(application, actor=actor, at=at, reason=reason)
        for application in drafts.order_by("pk")
    )


def _entered_current_state(history, subject, state):
    """When the subject moved to the state it is in: its latest history row there."""
    rows = history.objects.filter(**{subject: OuterRef("pk"), f"to_{state}": OuterRef(state)})
    return Subquery(rows.order_by("-at").values("at")[:1])


def _unsuccessful(cutoff, *, actor, at):
    applications = (
        Application.objects.filter(status__in=UNSUCCESSFUL, anonymised_at=None)
        .annotate(ended_at=_entered_current_state(ApplicationTransition, "application", "status"))
        .filter(ended_at__lt=cutoff)
    )
    reason = str(_("Candidature non retenue : durée de conservation écoulée."))
    return sum(
        anonymise_application(application, actor=actor, at=at, reason=reason)
        for application in applications.order_by("pk")
    )


def _laureates(cutoff, *, actor, at):
    projects = (
        Project.objects.filter(phase__in=ENDED, application__anonymised_at=None)
        .annotate(ended_at=_entered_current_state(ProjectTransition, "project", "phase"))
        .filter(ended_at__lt=cutoff)
        .select_related("application")
    )
    reason = str(_("Projet terminé : durée de conservation écoulée."))
    return sum(
        anonymise_application(project.application, actor=actor, at=at, reason=reason)
        for project in projects.order_by("pk")
    )


def register_kinds():
    """Called once, when the app is ready."""
    for related_name in ("team_memberships", "coached_periods"):
        register_role(related_name)
    register(
        Kind(
            "drafts",
            label=_("Candidatures jamais déposées (brouillons)"),
            counted_from=_("après la clôture de leur appel"),
            fate=_("supprimées, avec leur équipe et leurs pièces jointes"),
            apply=_drafts,
            order=10,
        )
    )
    register(
        Kind(
            "unsuccessful",
            label=_("Candidatures non retenues, leur équipe et leurs pièces jointes"),
            counted_from=_("après la décision qui les a écartées (ou leur retrait)"),
            fate=_(
                "anonymisées : noms, adresses, textes et fichiers effacés ; la candidature, "
                "son statut et ses décisions restent"
            ),
            apply=_unsuccessful,
            order=20,
        )
    )
    register(
        Kind(
            "laureates",
            label=_("Données personnelles des équipes lauréates"),
            counted_from=_("après la fin du projet (réintégration ou abandon)"),
            fate=_(
                "anonymisées : l'équipe n'est plus nommée ; ce que la collectivité a "
                "publié du projet reste"
            ),
            apply=_laureates,
            order=30,
        )
    )
