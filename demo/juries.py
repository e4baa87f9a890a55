"""Holding the seed story's jury sessions through the jury services."""

import datetime
from decimal import Decimal

from demo import story
from demo.dates import paris
from jury.enums import Attendance, CriterionGrid, ItemKind, Outcome, SessionStatus
from jury.models import AgendaItem, Convocation, Criterion, Session
from jury.services import (
    declare_conflict,
    move_session,
    publish_decisions,
    record_decision,
    record_score,
)


class SessionHolder:
    """Holds a session of the story: agenda, convocations, scores, decisions, close."""

    def __init__(self, *, programme, members, staff):
        self.programme = programme
        self.members = members
        self.staff = staff

    def hold(self, key, items, *, withdrawal=None, data=None):
        """Hold session ``key`` of the story on ``items``: (kind, subject, outcome, quality),
        optionally followed by a dict of the decision's details (its public reasons, the
        outcome of a reintegration).

        ``withdrawal`` is (subject, member key, reason): a member who withdraws from the
        item on that subject. ``data`` (title, start, place) replaces the story's
        ``SESSIONS[key]``. Returns the closed session.
        """
        data = data or story.SESSIONS[key]
        staff = self.staff
        starts_at = paris(data["starts_at"])
        session, criteria = self.plan(data, [(kind, subject) for kind, subject, *_r in items])
        agenda = [
            (item, outcome, quality, details[0] if details else {})
            for item, (_kind, _subject, outcome, quality, *details) in zip(
                session.items.order_by("position"), items, strict=True
            )
        ]
        move_session(session, SessionStatus.SCORING, actor=staff, at=starts_at)
        session.convocations.update(attendance=Attendance.PRESENT)
        if withdrawal:
            subject, member_key, reason = withdrawal
            item = next(item for item, *_rest in agenda if item.subject == subject)
            declare_conflict(item, member=self.members[member_key], actor=staff, reason=reason)
        for item, _outcome, quality, _details in agenda:
            self._scores(item, criteria[item.grid], quality)
        move_session(session, SessionStatus.DELIBERATION, actor=staff, at=starts_at)
        for item, outcome, quality, details in agenda:
            self._decide(item, outcome, quality, starts_at, details)
        closed_at = starts_at + datetime.timedelta(hours=3)
        move_session(session, SessionStatus.CLOSED, actor=staff, at=closed_at)
        # The story is the past: the decisions were told then; nobody is mailed now.
        publish_decisions(session, actor=staff, at=closed_at, notify=False)
        return session

    def plan(self, data, items):
        """Set up a session (title, start, place of ``data``), its convocations, criteria
        and agenda of ``items``: (kind, subject). Returns the session and its criteria."""
        session = Session.objects.create(
            programme=self.programme,
            title=data["title"],
            starts_at=paris(data["starts_at"]),
            place=data["place"],
            substitute_chair=self.members[story.SUBSTITUTE_CHAIR],
        )
        for member in self.members.values():
            Convocation.objects.create(session=session, member=member)
        criteria = self._criteria(session)
        for position, (kind, subject) in enumerate(items, start=1):
            subject_field = "project" if kind == ItemKind.REVIEW else "application"
            AgendaItem.objects.create(
                session=session, position=position, kind=kind, **{subject_field: subject}
            )
        return session, criteria

    def _criteria(self, session):
        grids = {
            CriterionGrid.SELECTION: story.SELECTION_CRITERIA,
            CriterionGrid.REVIEW: story.REVIEW_CRITERIA,
        }
        criteria = {}
        for grid, rows in grids.items():
            criteria[grid] = [
                Criterion.objects.create(
                    session=session,
                    grid=grid,
                    position=position,
                    name=name,
                    weight=Decimal(weight),
                    scale_max=5,
                )
                for position, (name, weight) in enumerate(rows, start=1)
            ]
        return criteria

    def _scores(self, item, criteria, quality):
        voters = [m for m in self.members.values() if m.can_vote]
        withdrawn = set(item.conflicts.values_list("member_id", flat=True))
        for member_index, member in enumerate(voters):
            if member.pk in withdrawn:
                continue
            for criterion_index, criterion in enumerate(criteria):
                # Deterministic spread around the item's quality, always within 0..5.
                value = min(5, max(0, quality + (member_index + criterion_index) % 3 - 1))
                record_score(item, member=member, criterion=criterion, value=value)

    def _decide(self, item, outcome, quality, at, details):
        voters = [m for m in self.members.values() if m.can_vote]
        present = len(voters) - item.conflicts.count()
        votes_for = present if quality >= 4 else 1
        reasons = {
            Outcome.SELECTED: "Projet répondant à un vrai besoin des usagers, équipe engagée.",
            Outcome.NOT_SELECTED: "Projet intéressant mais encore insuffisamment mûr.",
            Outcome.CONTINUE: "Problème confirmé par l'investigation, prototype prometteur.",
            Outcome.RENEW: "Impacts positifs mesurés pendant la première expérimentation.",
        }
        record_decision(
            item,
            outcome=outcome,
            actor=self.staff,
            at=at,
            votes_for=votes_for,
            votes_against=present - votes_for,
            **({"public_reasons": reasons.get(outcome, "")} | details),
        )
