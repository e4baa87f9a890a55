"""The minutes (procès-verbal) of a session, frozen as data when the session closes."""

from django.utils import timezone

from jury.enums import Attendance


def build_minutes(session):
    """Who sat, who withdrew from what, and each item's outcome, reasons and vote.

    Plain data (JSON): once frozen it does not change when people or projects are
    renamed later.
    """
    convocations = session.convocations.select_related("member__user").order_by(
        "member__role", "member__user__last_name"
    )
    items = session.items.select_related("application", "project", "decision").prefetch_related(
        "conflicts__member__user"
    )
    return {
        "session": {
            "title": session.title,
            "starts_at": timezone.localtime(session.starts_at).isoformat(),
            "place": session.place,
        },
        "present": [_person(c.member) for c in convocations if c.attendance == Attendance.PRESENT],
        "absent": [
            _person(c.member) | {"attendance": c.attendance}
            for c in convocations
            if c.attendance != Attendance.PRESENT
        ],
        "items": [_item(item) for item in items],
    }


def _person(member):
    return {
        "name": str(member.user),
        "role": member.role,
        "role_label": str(member.get_role_display()),
        "title": member.public_title,
    }


def _item(item):
    decision = item.decision
    return {
        "position": item.position,
        "kind": item.kind,
        "subject": str(item.subject),
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
