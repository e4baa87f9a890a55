"""The minutes (procès-verbal) of a session, frozen as data when the session closes, and
what each reader may see of them."""

from django.utils import timezone

from jury.enums import Attendance
from programme.roles import is_innovation_staff


def build_minutes(session):
    """Who sat, who chaired and who withdrew from what, each item's outcome, reasons and
    vote, and the items withdrawn from the agenda with their reason.

    Plain data (JSON): once frozen it does not change when people or projects are
    renamed later.
    """
    convocations = session.convocations.select_related("member__user").order_by(
        "member__role", "member__user__last_name"
    )
    items = (
        session.items.select_related("application", "project", "decision__chaired_by__user")
        .prefetch_related("conflicts__member__user")
        .order_by("position")
    )
    return {
        "session": {
            "title": session.title,
            "starts_at": timezone.localtime(session.starts_at).isoformat(),
            "place": session.place,
        },
        "present": [
            _person(c.member) | {"arrived_after": c.arrived_after}
            for c in convocations
            if c.attendance == Attendance.PRESENT
        ],
        "absent": [
            _person(c.member) | {"attendance": c.attendance}
            for c in convocations
            if c.attendance != Attendance.PRESENT
        ],
        "items": [_removed(item) if item.is_removed else _item(item) for item in items],
    }


def minutes_for(session, user):
    """The frozen minutes as ``user`` may read them: staff all of them, with the internal
    reasons; a member neither the items they withdrew from (absent, not blanked) nor any
    internal reason."""
    minutes = dict(session.minutes)
    if is_innovation_staff(user):
        return minutes | {"show_annex": True}
    withdrawn = set(
        session.items.filter(conflicts__member__user=user).values_list("position", flat=True)
    )
    minutes["items"] = [
        {key: value for key, value in item.items() if key != "private_reasons"}
        for item in minutes["items"]
        if item["position"] not in withdrawn
    ]
    return minutes


def _person(member):
    return {
        "name": str(member.user),
        "role": member.role,
        "role_label": str(member.get_role_display()),
        "title": member.public_title,
    }


def _removed(item):
    return {
        "position": item.position,
        "kind": item.kind,
        "subject": str(item.subject),
        "removed": True,
        "removal_reason": item.removal_reason,
    }


def _item(item):
    decision = item.decision
    return {
        "position": item.position,
        "kind": item.kind,
        "subject": str(item.subject),
        "chair": str(decision.chaired_by.user) if decision.chaired_by else "",
        "withdrawn": [str(conflict.member.user) for conflict in item.conflicts.all()],
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "reintegration_outcome": decision.reintegration_outcome,
        "public_reasons": decision.public_reasons,
        "private_reasons": decision.private_reasons,
        "votes": {
            "for": decision.votes_for,
            "against": decision.votes_against,
            "abstain": decision.votes_abstain,
            "casting_vote_used": decision.casting_vote_used,
        },
    }
