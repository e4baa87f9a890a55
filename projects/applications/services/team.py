"""What a team does to its draft: start it, fill its team, attach files; and the line
manager's answer. Status moves stay in ``projects.applications.services.lifecycle``.

None of these is a move of a lifecycle: a refusal is ``ActionRefused``. Each writes its
audit entry (``programme.audit``) in its transaction.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused
from programme.models import User
from projects.applications.uploads import validate_upload
from projects.enums import ManagerResponse, MemberKind, MemberRole
from projects.models import Application, Attachment, TeamMember
from projects.tasks import send_manager_answer, send_manager_request, send_member_invitation

START = verb("application.start", _("Brouillon commencé"))
ADD_MEMBER = verb("team.add_member", _("Membre ajouté à l'équipe"))
UPDATE_MEMBER = verb("team.update_member", _("Membre de l'équipe modifié"))
REMOVE_MEMBER = verb("team.remove_member", _("Membre retiré de l'équipe"))
MANAGER_ANSWER = verb("team.manager_answer", _("Réponse du ou de la responsable"))
CLAIM_MEMBERSHIP = verb("team.claim_membership", _("Invitation rattachée au compte"))
ADD_ATTACHMENT = verb("application.add_attachment", _("Pièce jointe ajoutée"))
REMOVE_ATTACHMENT = verb("application.remove_attachment", _("Pièce jointe supprimée"))
MEMBER_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "kind",
    "department",
    "school",
    "organisation",
    "manager_email",
    "manager_response",
)


def edit_refusals(application, *, at=None):
    """Why the team may not change ``application`` now: a list, empty if it may."""
    if not application.is_draft:
        return [_("La candidature est déposée : elle n'est plus modifiable.")]
    return application.call.submission_refusals(at or timezone.now())


def _check_editable(application):
    refusals = edit_refusals(application)
    if refusals:
        raise ActionRefused(refusals)


def start_application(call, *, title, actor):
    """Open a draft on ``call`` with ``actor`` as its lead.

    Side effects: creates the application and its lead member, linked to ``actor``;
    writes the audit entry.
    """
    with transaction.atomic():
        application = Application(call=call, title=title, created_by=actor)
        _check_editable(application)
        application.save()
        TeamMember.objects.create(
            application=application,
            user=actor,
            email=actor.email,
            first_name=actor.first_name,
            last_name=actor.last_name,
            role=MemberRole.LEAD,
        )
        audit.record(application, START, actor=actor, changes={"title": [None, title]})
    return application


def _queue_member_mail(member, *, invite, ask_manager):
    if invite and member.user_id is None:
        transaction.on_commit(partial(send_member_invitation.enqueue, member.pk))
    if ask_manager and member.kind == MemberKind.AGENT and member.manager_email:
        transaction.on_commit(partial(send_manager_request.enqueue, member.pk))


def add_member(application, *, actor, **fields):
    """Add a member to the draft's team; they are invited, their manager asked.

    Side effects, in order: checks the draft is editable and the team not full; creates
    the member (linked to an existing account with that e-mail); writes the audit entry;
    after commit, mails the invitation and, for an agent, the
    request to their line manager.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        _check_editable(locked)
        if locked.team_members.count() >= locked.call.max_team_size:
            raise ActionRefused(
                [
                    _("L'équipe est complète : l'appel autorise %(max)d membres au plus.")
                    % {"max": locked.call.max_team_size}
                ]
            )
        email = fields.pop("email").strip().lower()
        if locked.team_members.filter(email=email).exists():
            raise ActionRefused([_("Cette personne fait déjà partie de l'équipe.")])
        member = TeamMember.objects.create(
            application=locked,
            email=email,
            user=User.objects.filter(email=email).first(),
            role=MemberRole.MEMBER,
            **fields,
        )
        audit.record(
            member,
            ADD_MEMBER,
            actor=actor,
            changes=audit.changed(dict.fromkeys(MEMBER_FIELDS), member),
        )
        _queue_member_mail(member, invite=True, ask_manager=True)
    return member


def update_member(member, *, actor, **fields):
    """Change a member's details; a new line manager is asked again.

    Side effects: saves the fields; if the manager's e-mail changed, their answer goes
    back to pending; writes the audit entry with the fields changed;
    after commit, the new manager is mailed.
    """
    with transaction.atomic():
        locked = (
            TeamMember.objects.select_for_update()
            .select_related("application__call")
            .get(pk=member.pk)
        )
        _check_editable(locked.application)
        before = audit.snapshot(locked, MEMBER_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        manager_changed = locked.manager_email != before["manager_email"]
        if manager_changed:
            locked.manager_response = ManagerResponse.PENDING
            locked.manager_responded_at = None
        locked.save()
        audit.record(locked, UPDATE_MEMBER, actor=actor, changes=audit.changed(before, locked))
        _queue_member_mail(locked, invite=False, ask_manager=manager_changed)
    return locked


def remove_member(member, *, actor):
    """Take ``member`` off the draft's team (never its lead).

    Side effects: writes the audit entry; deletes the member.
    """
    with transaction.atomic():
        _check_editable(member.application)
        if member.role == MemberRole.LEAD:
            raise ActionRefused(
                [_("Le porteur ou la porteuse du projet ne peut pas être retiré de l'équipe.")]
            )
        audit.record(
            member,
            REMOVE_MEMBER,
            actor=actor,
            changes={
                name: [value, None]
                for name, value in audit.snapshot(member, MEMBER_FIELDS).items()
                if value
            },
        )
        member.delete()


def manager_answer_refusals(member, response):
    """Why the line manager may not answer ``response`` now: a list, empty if they may.

    Once the application is submitted, an agreement given stays: the team applied on it
    (and staff shortlist on it), so it is not turned into a refusal behind their back.
    """
    if (
        not member.application.is_draft
        and member.manager_response == ManagerResponse.AGREED
        and response != ManagerResponse.AGREED
    ):
        return [
            _(
                "La candidature est déposée avec votre accord : il ne peut plus être retiré "
                "ici. Pour revenir dessus, écrivez à l'équipe innovation."
            )
        ]
    return []


def record_manager_response(member, response, *, at=None, notify=True):
    """Record the line manager's answer; the latest answer counts, but an agreement on
    a submitted application stays (``manager_answer_refusals``).

    The manager answers by a signed link, without an account: the audit entry has no
    actor and names the manager's address. Side effects, in order: locks the member;
    checks the answer may change; writes the answer and its time; writes the audit
    entry; after commit, mails the answer to the team's lead and the member (and to
    staff once the application is submitted), unless ``notify`` is false (the demo's
    past).
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = (
            TeamMember.objects.select_for_update().select_related("application").get(pk=member.pk)
        )
        if locked.manager_response == response:
            return None
        refusals = manager_answer_refusals(locked, response)
        if refusals:
            raise ActionRefused(refusals)
        before = audit.snapshot(locked, ["manager_response"])
        locked.manager_response = response
        locked.manager_responded_at = at
        locked.save(update_fields=["manager_response", "manager_responded_at"])
        audit.record(
            locked,
            MANAGER_ANSWER,
            actor=None,
            changes=audit.changed(before, locked),
            reason=locked.manager_email,
            at=at,
        )
        if notify:
            transaction.on_commit(partial(send_manager_answer.enqueue, locked.pk))
    member.manager_response = locked.manager_response
    member.manager_responded_at = locked.manager_responded_at
    return locked


def add_attachment(application, upload, *, actor, required_document=None):
    """Store ``upload`` privately for the draft, once its content is checked.

    Side effects: checks the draft is editable and the file's content; stores it;
    writes the audit entry on the application.
    """
    _check_editable(application)
    checked = validate_upload(upload)
    with transaction.atomic():
        attachment = Attachment.objects.create(
            application=application,
            required_document=required_document,
            file=upload,
            original_name=checked.name,
            content_type=checked.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        audit.record(
            attachment,
            ADD_ATTACHMENT,
            actor=actor,
            changes={"original_name": [None, attachment.original_name]},
        )
    return attachment


def remove_attachment(attachment, *, actor):
    """Delete a draft's file. Side effects: writes the audit entry; deletes the stored
    file and its row."""
    _check_editable(attachment.application)
    with transaction.atomic():
        audit.record(
            attachment,
            REMOVE_ATTACHMENT,
            actor=actor,
            changes={"original_name": [attachment.original_name, None]},
        )
        attachment.file.delete(save=False)
        attachment.delete()


def claim_memberships(user):
    """Link the team memberships invited under ``user``'s e-mail to their account.

    Side effects: links each; writes one audit entry per membership, by ``user``.
    """
    with transaction.atomic():
        members = list(
            TeamMember.objects.select_for_update()
            .filter(user__isnull=True, email__iexact=user.email)
            .select_related("application")
        )
        for member in members:
            member.user = user
            member.save(update_fields=["user"])
            audit.record(member, CLAIM_MEMBERSHIP, actor=user, changes={"user": [None, user.pk]})
    return len(members)
