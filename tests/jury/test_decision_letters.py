"""Decision letters of a jury's decisions: written when staff publish them, signed by who
chaired the item (the president, by name and title), attached to the mail that tells the
team, kept on the application."""

import pytest
from django.utils import timezone

from jury.enums import MemberRole, Outcome, SessionStatus
from jury.models import Decision, JuryMember
from jury.services import declare_conflict, move_session, publish_decisions, record_decision
from programme.models import AuditEntry
from projects.models import DecisionLetter
from tests.jury.factories import JuryMemberFactory, SessionFactory
from tests.pdfs import pdf_text
from tests.programme.factories import ProgrammeFactory

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
PRESIDENT_TITLE = "1er Vice-Président de la Communauté urbaine"


def president():
    return JuryMemberFactory(
        programme=ProgrammeFactory(),
        role=MemberRole.PRESIDENT,
        public_title=PRESIDENT_TITLE,
        user__first_name="Jean",
        user__last_name="Dupont",
    )


def closed_session(staff, outcome, **decision):
    session = SessionFactory(
        programme=ProgrammeFactory(),
        pitches=[{"application__title": "Ruches de l'estuaire"}],
        convened=[president()],
        decisions=[outcome],
        decisions__votes_for=1,
        closed=True,
        moved_by=staff,
        **{f"decisions__{name}": value for name, value in decision.items()},
    )
    return session, session.items.get().application


def test_publishing_attaches_a_letter_signed_by_the_president(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    session, application = closed_session(
        staff,
        Outcome.SELECTED,
        public_reasons="Un vrai besoin des usagers.",
        private_reasons="Budget à surveiller.",
    )
    lead = application.team_members.get(role="lead")

    with django_capture_on_commit_callbacks(execute=True):
        publish_decisions(session, actor=staff)

    (message,) = mailoutbox
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    letter = application.decision_letters.get(application_transition__to_status="selected")
    text = pdf_text(content)
    assert (filename, mimetype) == (letter.filename, "application/pdf")
    assert "La lettre de décision est jointe à ce message." in message.body
    assert "Décision concernant « Ruches de l'estuaire »" in text
    assert f"À l'équipe : {lead.display_name}" in text
    assert "Lauréate (Jury)" in text
    assert "Un vrai besoin des usagers." in text
    assert "Budget à surveiller." not in text
    assert f"Jean Dupont {PRESIDENT_TITLE}" in text
    assert "Communauté urbaine de test" in text
    assert "Fait au Havre, le " in text


def test_the_letter_is_dated_and_placed_as_the_programme_signs(
    staff, django_capture_on_commit_callbacks
):
    session, application = closed_session(staff, Outcome.NOT_SELECTED)

    publish_decisions(session, actor=staff, notify=False)

    letter = application.decision_letters.get(application_transition__decided_by="jury")
    day = timezone.localtime(letter.created_at).date()  # the day in Paris
    assert letter.terms["dated"] == day.isoformat()
    assert letter.terms["place"] == "Le Havre"
    assert letter.terms["reasons"] == ""


def test_the_letter_is_kept_once_with_its_audit_entry(staff):
    session, application = closed_session(staff, Outcome.NOT_SELECTED)

    publish_decisions(session, actor=staff, notify=False)
    publish_decisions(session, actor=staff, notify=False)

    letter = DecisionLetter.objects.get(application_transition__decided_by="jury")
    entry = AuditEntry.objects.filter(action="letter.write").latest("pk")
    assert letter.application == application
    assert letter.terms["decision"] == "Non retenue"
    assert letter.terms["signatory"] == {"name": "Jean Dupont", "title": PRESIDENT_TITLE}
    assert (entry.actor, entry.changes["signatory"]) == (staff, [None, "Jean Dupont"])
    assert not letter.file  # drawn on first need, not in the publication


def session_the_president_withdrew_from(staff, *, substitute=None):
    """A closed session whose one item was decided without its president, who withdrew
    from it; ``substitute`` (a member) is convened as the substitute chair."""
    chief = president()
    others = [substitute] if substitute else [JuryMemberFactory()]
    session = SessionFactory(
        programme=ProgrammeFactory(),
        pitches=[{"application__title": "Ruches de l'estuaire"}],
        convened=[chief, *others],
        substitute_chair=substitute,
    )
    item = session.items.get()
    declare_conflict(item, member=chief, actor=chief.user)
    move_session(session, SessionStatus.SCORING, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    record_decision(item, outcome=Outcome.NOT_SELECTED, actor=staff, votes_for=1)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    return session, item.application


def test_the_letter_of_an_item_the_substitute_chaired_is_signed_by_them(staff):
    substitute = JuryMemberFactory(
        public_title="Conseillère communautaire déléguée",
        user__first_name="Claire",
        user__last_name="Lemoine",
    )
    session, application = session_the_president_withdrew_from(staff, substitute=substitute)

    publish_decisions(session, actor=staff, notify=False)

    letter = application.decision_letters.get(application_transition__decided_by="jury")
    assert letter.terms["signatory"] == {
        "name": "Claire Lemoine",
        "title": "Conseillère communautaire déléguée",
    }


def test_the_letter_of_an_item_nobody_chaired_is_signed_by_the_sessions_president(staff):
    session, application = session_the_president_withdrew_from(staff)
    # The programme's president in office, who signs its other letters, is now another.
    JuryMember.objects.filter(role=MemberRole.PRESIDENT).update(is_active=False)
    JuryMemberFactory(
        programme=ProgrammeFactory(),
        president=True,
        public_title="Présidente de la Communauté urbaine",
        user__first_name="Marie",
        user__last_name="Lefèvre",
    )

    publish_decisions(session, actor=staff, notify=False)

    letter = application.decision_letters.get(application_transition__decided_by="jury")
    assert Decision.objects.get(item__session=session).chaired_by is None
    assert letter.terms["signatory"] == {"name": "Jean Dupont", "title": PRESIDENT_TITLE}
