"""The minutes (procès-verbal) of a session, frozen as data when the session closes, and
what each reader may see of them.

The frozen minutes are plain data (JSON): codes, names and ISO dates, so they do not
change when people or projects are renamed later; labels are read in the reader's
language (``minutes_for``). The same data, built live, makes the draft (« Projet »)
before the close.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from jury.enums import Attendance, Averaging, ItemKind, MemberRole, Outcome
from programme.models import AuditEntry
from programme.places import at_place
from programme.roles import is_innovation_staff
from projects.enums import ReintegrationOutcome

OPENING_MOVES = {
    "session.open_scoring": "scoring_opened_at",
    "session.open_deliberation": "deliberation_opened_at",
}
DATE_KEYS = ("scoring_opened_at", "deliberation_opened_at", "closed_at")


def build_minutes(session):
    """Who sat (present, from which item on; excused; absent), when the session opened
    and closed, how the marks were averaged, the quorum reached, and each item: its
    deliberation number, who chaired it, who withdrew, the voting members it counted,
    the outcome, vote, casting vote and reasons; the items withdrawn from the agenda
    with their reason; who signs, where.

    Reads a fixed number of queries, whatever the number of items.
    """
    convocations = list(
        session.convocations.select_related("member__user").order_by(
            "member__role", "member__user__last_name"
        )
    )
    items = (
        session.items.select_related("application", "project", "decision__chaired_by__user")
        .prefetch_related("conflicts__member__user")
        .order_by("position")
    )
    day = timezone.localtime(session.starts_at).date()
    present = [c for c in convocations if c.attendance == Attendance.PRESENT]
    voting_present = [c for c in present if c.member.can_vote]
    return {
        "session": {
            "title": session.title,
            "starts_at": timezone.localtime(session.starts_at).isoformat(),
            "place": session.place,
        },
        **_times(session),
        "averaging": session.averaging,
        "quorum": {"required": session.quorum, "present": len(voting_present)},
        "present": [_person(c.member) | {"arrived_after": c.arrived_after} for c in present],
        "excused": [_person(c.member) for c in _attending(convocations, Attendance.EXCUSED)],
        "absent": [_person(c.member) for c in _attending(convocations, Attendance.ABSENT)],
        "not_recorded": [_person(c.member) for c in _attending(convocations, Attendance.CONVENED)],
        "items": [
            _removed(item) if item.is_removed else _item(session, item, day, convocations)
            for item in items
        ],
        "signatories": {
            role: next(
                (_person(c.member) for c in convocations if c.member.role == member_role), None
            )
            for role, member_role in (
                ("president", MemberRole.PRESIDENT),
                ("secretary", MemberRole.SECRETARY),
            )
        },
        "signed": {
            "place": session.programme.minutes_place,
            "on": timezone.localtime(session.closed_at or timezone.now()).date().isoformat(),
        },
    }


def deliberation_number(day, position):
    """« 2022-03-15-01 »: the session's day and the item's position on its agenda."""
    return f"{day.isoformat()}-{position:02d}"


def minutes_for(session, user, minutes=None):
    """The minutes (``minutes``, else the frozen ones) as ``user`` may read them: staff all
    of them, with the internal reasons in the annex; a member neither the items they
    withdrew from (absent, not blanked: then the minutes are an « extract ») nor any
    internal reason. Labels in the current language, dates as datetimes."""
    minutes = dict(session.minutes if minutes is None else minutes)
    if is_innovation_staff(user):
        return _readable(minutes | {"show_annex": True})
    withdrawn = set(
        session.items.filter(conflicts__member__user=user).values_list("position", flat=True)
    )
    minutes["items"] = [
        {key: value for key, value in item.items() if key != "private_reasons"}
        for item in minutes["items"]
        if item["position"] not in withdrawn
    ]
    return _readable(minutes | {"extract": bool(withdrawn)})


def official_minutes(session):
    """The minutes of the record: every item, no internal reason (they stay in the staff
    annex of the page), as the president and the secretary sign them."""
    minutes = dict(session.minutes)
    minutes["items"] = [
        {key: value for key, value in item.items() if key != "private_reasons"}
        for item in minutes["items"]
    ]
    return _readable(minutes)


def _times(session):
    """When scoring and the deliberation opened (the first time, from the audit log) and
    when the session closed."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(session),
        object_id=str(session.pk),
        action__in=OPENING_MOVES,
    ).order_by("-at")
    times = dict.fromkeys(OPENING_MOVES.values())
    times |= {OPENING_MOVES[action]: _iso(at) for action, at in entries.values_list("action", "at")}
    return times | {"closed_at": _iso(session.closed_at)}


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _attending(convocations, attendance):
    return [c for c in convocations if c.attendance == attendance]


def _person(member):
    return {
        "name": str(member.user),
        "role": member.role,
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


def _item(session, item, day, convocations):
    decision = getattr(item, "decision", None)
    chair = decision.chaired_by if decision else session.chair_of(item, convocations)
    entry = {
        "position": item.position,
        "number": deliberation_number(day, item.position),
        "kind": item.kind,
        "subject": str(item.subject),
        "chair": str(chair.user) if chair else "",
        "chair_is_substitute": bool(chair and chair.role != MemberRole.PRESIDENT),
        "withdrawn": [str(conflict.member.user) for conflict in item.conflicts.all()],
        "quorum_present": len(session.voting_on(item, convocations)),
        "decided": decision is not None,
    }
    if decision is None:
        return entry
    return entry | {
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


def _readable(minutes):
    """Labels of the codes in the current language, and ISO dates as datetimes."""
    minutes = minutes | {key: _date(minutes.get(key)) for key in DATE_KEYS}
    minutes["session"] = dict(minutes["session"])
    minutes["session"]["starts_at"] = _date(minutes["session"]["starts_at"])
    signed = dict(minutes.get("signed") or {})
    if signed:
        signed["on"] = datetime.date.fromisoformat(signed["on"])
        signed["at_place"] = at_place(signed["place"])
    minutes["signed"] = signed
    for key in ("present", "excused", "absent", "not_recorded"):
        minutes[key] = [_role(person) for person in minutes.get(key, [])]
    minutes["signatories"] = {
        role: _role(person) if person else None
        for role, person in (minutes.get("signatories") or {}).items()
    }
    minutes["items"] = [_labelled(item) for item in minutes["items"]]
    # Minutes frozen before the averaging was recorded in them say nothing of it.
    minutes["averaging_label"] = _label(Averaging, minutes.get("averaging"))
    return minutes


def _role(person):
    return person | {"role_label": _label(MemberRole, person.get("role"))}


def _labelled(item):
    item = item | {"kind_label": _label(ItemKind, item.get("kind"))}
    if item.get("outcome"):
        item["outcome_label"] = _label(Outcome, item["outcome"])
    if item.get("reintegration_outcome"):
        item["reintegration_label"] = _label(ReintegrationOutcome, item["reintegration_outcome"])
    return item


def _label(choices, code):
    return str(choices(code).label) if code in choices.values else code or ""


def _date(value):
    return datetime.datetime.fromisoformat(value) if value else None
