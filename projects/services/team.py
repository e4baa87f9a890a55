"""What a team does to its draft: start it, fill its team, attach files; and the line
manager's answer. Status moves stay in ``projects.services.lifecycle``.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programme.models import User
from projects.enums import ManagerResponse, MemberKind, MemberRole
from projects.models import Application, Attachment, TeamMember
from projects.services.lifecycle import TransitionRefused
from projects.tasks import send_manager_request, send_member_invitation
from projects.uploads import validate_upload


def edit_refusals(application, *, at=None):
    """Why the team may not change ``application`` now: a list, empty if it may."""
    at = at or timezone.now()
    call = application.call
    if not application.is_draft:
        return [_("La candidature est déposée : elle n'est plus modifiable.")]
    if at > call.closes_at:
        return [
            _("L'appel à candidatures est clos depuis le %(date)s.")
            % {"date": date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")}
        ]
    if at < call.opens_at:
        return [
            _("L'appel à candidatures ouvre le %(date)s.")
            % {"date": date_format(timezone.localtime(call.opens_at), "DATETIME_FORMAT")}
        ]
    return []


def _check_editable(application):
    refusals = edit_refusals(application)
    if refusals:
        raise TransitionRefused(refusals)


def start_application(call, *, title, actor):
    """Open a draft on ``call`` with ``actor`` as its lead.

    Side effects: creates the application and its lead member, linked to ``actor``.
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
    return application


def _queue_member_mail(member, *, invite, ask_manager):
    if invite and member.user_id is None:
        transaction.on_commit(partial(send_member_invitation.enqueue, member.pk))
    if ask_manager and member.kind == MemberKind.AGENT and member.manager_email:
        transaction.on_commit(partial(send_manager_request.enqueue, member.pk))


def add_member(application, *, actor, **fields):
    """Add a member to the draft's team; they are invited, their manager asked.

    Side effects, in order: checks the draft is editable and the team not full; creates
    the member (linked to an existing account with that e-mail); after commit, mails
    the invitation and, for an agent, the request to their line manager.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        _check_editable(locked)
        if locked.team_members.count() >= locked.call.max_team_size:
            raise TransitionRefused(
                [
                    _("L'équipe est complète : l'appel autorise %(max)d membres au plus.")
                    % {"max": locked.call.max_team_size}
                ]
            )
        email = fields.pop("email").strip().lower()
        if locked.team_members.filter(email=email).exists():
            raise TransitionRefused([_("Cette personne fait déjà partie de l'équipe.")])
        member = TeamMember.objects.create(
            application=locked,
            email=email,
            user=User.objects.filter(email=email).first(),
            role=MemberRole.MEMBER,
            **fields,
        )
        _queue_member_mail(member, invite=True, ask_manager=True)
    return member


def update_member(member, *, actor, **fields):
    """Change a member's details; a new line manager is asked again.

    Side effects: saves the fields; if the manager's e-mail changed, their answer goes
    back to pending and, after commit, the new manager is mailed.
    """
    with transaction.atomic():
        locked = (
            TeamMember.objects.select_for_update()
            .select_related("application__call")
            .get(pk=member.pk)
        )
        _check_editable(locked.application)
        previous_manager = locked.manager_email
        for name, value in fields.items():
            setattr(locked, name, value)
        manager_changed = locked.manager_email != previous_manager
        if manager_changed:
            locked.manager_response = ManagerResponse.PENDING
            locked.manager_responded_at = None
        locked.save()
        _queue_member_mail(locked, invite=False, ask_manager=manager_changed)
    return locked


def remove_member(member, *, actor):
    with transaction.atomic():
        _check_editable(member.application)
        if member.role == MemberRole.LEAD:
            raise TransitionRefused(
                [_("Le porteur ou la porteuse du projet ne peut pas être retiré de l'équipe.")]
            )
        member.delete()


def record_manager_response(member, response, *, at=None):
    """Record the line manager's answer; the latest answer counts."""
    with transaction.atomic():
        locked = TeamMember.objects.select_for_update().get(pk=member.pk)
        if locked.manager_response == response:
            return None
        locked.manager_response = response
        locked.manager_responded_at = at or timezone.now()
        locked.save(update_fields=["manager_response", "manager_responded_at"])
    member.manager_response = locked.manager_response
    member.manager_responded_at = locked.manager_responded_at
    return locked


def add_attachment(application, upload, *, actor, required_document=None):
    """Store ``upload`` privately for the draft, once its content is checked."""
    _check_editable(application)
    content_type = validate_upload(upload)
    return Attachment.objects.create(
        application=application,
        required_document=required_document,
        file=upload,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )


def remove_attachment(attachment, *, actor):
    _check_editable(attachment.application)
    attachment.file.delete(save=False)
    attachment.delete()


def claim_memberships(user):
    """Link the team memberships invited under ``user``'s e-mail to their account."""
    return TeamMember.objects.filter(user__isnull=True, email__iexact=user.email).update(user=user)
