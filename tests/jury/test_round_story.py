"""Issue 17's story of a round, read through the mail outbox: every mail the round sends
is opened, in French, with its placeholders filled, its iCalendar slot in Paris time and
its decision letter read with ``pdftotext``.

The round runs in chapters, in the order staff live it: the edition prepared from the
last one, a mailing to all its applicants, the screening, the pitch invitations, the
session and the published decisions. Each chapter acts through the services (the queued
mails run at commit by the immediate task backend) and reads the mails it sent; a new
step of the round is a new chapter in ``CHAPTERS`` at its place, and any chapter may read
``story.round`` and add to it.
"""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from icalendar import Calendar

from editions.models import Call
from editions.services import prepare_next_season
from jury.enums import MemberRole, Outcome, SessionStatus
from jury.services import (
    invite_members,
    invite_teams,
    move_session,
    publish_decisions,
    record_decision,
)
from projects.applications.services import publish_screening
from projects.enums import ApplicationStatus
from projects.mailings.services import queue_mailing
from tests.editions.factories import CLOSES_AT, OPENS_AT, CallFactory, paris
from tests.jury.factories import (
    ConvocationFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.pdfs import pdf_text
from tests.programme.factories import ProgrammeFactory, UserFactory
from tests.projects.factories import ApplicationFactory, TeamMemberFactory
from tests.projects.helpers import decide_application

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PRESIDENT = ("Marie Lemaire", "1re Vice-Présidente de la Communauté urbaine")
# What a mail must never show: a template's unfilled placeholder, or English.
UNFILLED = ("{{", "}}", "{%", "%(", "None")
ENGLISH = ("Hello", "Dear", "The innovation team", "Reasons:")


def the_round():
    """Last year's edition and its call (offer, eligibility, rules); the jury's president
    (by name and title) and two members."""
    programme = ProgrammeFactory()
    last_call = CallFactory(
        edition__programme=programme,
        edition__name="Saison 1",
        offer="Trois mois d'accompagnement.",
        eligibility="Les agents de la communauté urbaine et les étudiants.",
        rules="Un dossier par équipe.",
    )
    first_name, last_name = PRESIDENT[0].split()
    jury = [
        JuryMemberFactory(
            programme=programme,
            role=MemberRole.PRESIDENT,
            public_title=PRESIDENT[1],
            user__first_name=first_name,
            user__last_name=last_name,
        ),
        JuryMemberFactory(programme=programme, role=MemberRole.ELECTED_OFFICIAL),
        JuryMemberFactory(programme=programme, role=MemberRole.QUALIFIED_PERSON),
    ]
    return SimpleNamespace(
        programme=programme,
        last_edition=last_call.edition,
        jury=jury,
        staff=UserFactory(innovation_staff=True),
    )


def team_addresses(application):
    return sorted(application.team_members.values_list("email", flat=True))


def letter_text(message):
    """The text of the decision letter ``message`` carries (its only PDF)."""
    (content,) = [c for _name, c, mimetype in message.attachments if mimetype == "application/pdf"]
    return pdf_text(content)


def slot_of(message):
    """The pitch slot of ``message``'s iCalendar attachment, as a diary reads it."""
    (content,) = [c for _name, c, mimetype in message.attachments if mimetype == "text/calendar"]
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    return event


def next_season(story, sent):
    """Staff prepare season 2 from season 1: its call keeps the offer, eligibility and
    rules, on new dates; three teams apply, each a lead and a colleague. No mail."""
    round_ = story.round
    edition = prepare_next_season(
        round_.last_edition,
        actor=round_.staff,
        name="Saison 2",
        slug="saison-2",
        year=2022,
        call_title="Appel à innovateur territorial — saison 2",
        opens_at=OPENS_AT,
        closes_at=CLOSES_AT,
    )
    call = Call.objects.get(edition=edition)
    assert (call.offer, call.eligibility, call.rules) == (
        "Trois mois d'accompagnement.",
        "Les agents de la communauté urbaine et les étudiants.",
        "Un dossier par équipe.",
    )
    round_.edition, round_.call, round_.teams = edition, call, {}
    for title in ("Ruches de l'estuaire", "Rencontres étudiantes", "Quais éclairés"):
        application = ApplicationFactory(call=call, submitted=True, title=title)
        TeamMemberFactory(application=application, first_name="Camille", last_name=title[:5])
        round_.teams[title] = application
    assert sent() == []


def mailing(story, sent):
    """Staff write to every applicant of season 2: each member of each team gets the
    text with their own name and project."""
    round_ = story.round
    with story.capture(execute=True):
        queue_mailing(
            round_.edition,
            audience="all",
            subject="Jury de {{ edition }} : à vos agendas",
            body="Bonjour,\n\n{{ membre }}, le jury entendra « {{ projet }} » en mars.\n",
            actor=round_.staff,
        )
    mails = sent()
    assert sorted(m.to[0] for m in mails) == sorted(
        address for team in round_.teams.values() for address in team_addresses(team)
    )
    for message in mails:
        (team,) = [t for t in round_.teams.values() if message.to[0] in team_addresses(t)]
        member = team.team_members.get(email=message.to[0])
        assert message.subject == "Jury de Saison 2 : à vos agendas"
        assert message.body == (
            f"Bonjour,\n\n{member.display_name}, le jury entendra « {team.title} » en mars.\n"
        )


def screening(story, sent):
    """Staff shortlist two applications and not the third, then publish: each member of
    each team is mailed the outcome with its letter, signed by the president."""
    round_ = story.round
    for title, target in (
        ("Ruches de l'estuaire", ApplicationStatus.SHORTLISTED),
        ("Rencontres étudiantes", ApplicationStatus.SHORTLISTED),
        ("Quais éclairés", ApplicationStatus.NOT_SHORTLISTED),
    ):
        decide_application(
            round_.teams[title], target, actor=round_.staff, reason=f"Examen de « {title} »."
        )
    with story.capture(execute=True):
        publish_screening(round_.call, actor=round_.staff, at=paris(2022, 2, 16, 9, 0))
    mails = sent()
    assert sorted(m.subject for m in mails) == sorted(
        ["Candidature présélectionnée : Ruches de l'estuaire"] * 2
        + ["Candidature présélectionnée : Rencontres étudiantes"] * 2
        + ["Candidature non présélectionnée : Quais éclairés"] * 2
    )
    for message in mails:
        title = message.subject.split(" : ", 1)[1]
        assert message.to[0] in team_addresses(round_.teams[title])
        assert f"Motif : Examen de « {title} »." in message.body
        text = letter_text(message)
        assert f"Décision concernant « {title} »" in text
        assert f"Examen de « {title} »." in text
        assert " ".join(PRESIDENT) in text
        assert "Fait au Havre, le 16 février 2022." in text


def pitch_invitations(story, sent):
    """The session of 15 March: the jury convened, then each shortlisted team invited to
    its slot (14:00 and 14:30, Paris time) with the slot in iCalendar."""
    round_ = story.round
    session = SessionFactory(
        programme=round_.programme,
        title="Jury du 15 mars",
        place="Cité numérique",
        starts_at=paris(2022, 3, 15, 14, 0),
    )
    for title, time in (("Ruches de l'estuaire", (14, 0)), ("Rencontres étudiantes", (14, 30))):
        SelectionItemFactory(
            session=session, application=round_.teams[title], scheduled_time=datetime.time(*time)
        )
    for member in round_.jury:
        ConvocationFactory(session=session, member=member, attendance="present")
    with story.capture(execute=True):
        invite_members(session, actor=round_.staff)
        invite_teams(session, actor=round_.staff)
    mails = sent()
    convocations = [m for m in mails if m.subject.startswith("Convocation : ")]
    pitches = [m for m in mails if m.subject.startswith("Convocation devant le jury")]
    assert sorted(m.to[0] for m in convocations) == sorted(j.user.email for j in round_.jury)
    assert len(convocations) + len(pitches) == len(mails)
    slots = {
        "Ruches de l'estuaire": ((14, 0), (14, 30)),
        "Rencontres étudiantes": ((14, 30), (14, 50)),
    }
    for message in pitches:
        title = message.subject.removeprefix("Convocation devant le jury : ").split(" (")[0]
        (start, end) = slots[title]
        event = slot_of(message)
        assert message.to[0] in team_addresses(round_.teams[title])
        assert message.subject.endswith("(15 mars 2022)")
        assert f"de {start[0]}:{start[1]:02d} à {end[0]}:{end[1]:02d}" in message.body
        assert event.decoded("dtstart") == datetime.datetime(2022, 3, 15, *start, tzinfo=PARIS)
        assert event.decoded("dtend") == datetime.datetime(2022, 3, 15, *end, tzinfo=PARIS)
        assert event["dtstart"].params["TZID"] == "Europe/Paris"
        assert str(event["location"]) == "Cité numérique"
        assert str(event["summary"]) == f"Présentation devant le jury : {title}"
    assert sorted(m.to[0] for m in pitches) == sorted(
        team_addresses(round_.teams["Ruches de l'estuaire"])
        + team_addresses(round_.teams["Rencontres étudiantes"])
    )
    round_.session = session


def deliberation(story, sent):
    """The jury scores, deliberates and closes: one laureate, one not retained; nothing is
    mailed to the teams until staff publish."""
    round_ = story.round
    session = round_.session
    move_session(session, SessionStatus.SCORING, actor=round_.staff)
    move_session(session, SessionStatus.DELIBERATION, actor=round_.staff)
    for item, outcome, reasons in zip(
        session.items.order_by("position"),
        (Outcome.SELECTED, Outcome.NOT_SELECTED),
        ("Un besoin fort des apiculteurs.", "Une idée à mûrir avec les écoles."),
        strict=True,
    ):
        votes = {"votes_for": 3} if outcome == Outcome.SELECTED else {"votes_against": 3}
        record_decision(
            item,
            outcome=outcome,
            actor=round_.staff,
            public_reasons=reasons,
            private_reasons="Budget à surveiller.",
            **votes,
        )
    with story.capture(execute=True):
        move_session(session, SessionStatus.CLOSED, actor=round_.staff)
    assert sent() == []


def published_decisions(story, sent):
    """Staff publish the jury's decisions: each member of each team reads the decision,
    its public reasons (never the internal ones) and its letter, signed by the president."""
    round_ = story.round
    with story.capture(execute=True):
        publish_decisions(round_.session, actor=round_.staff, at=paris(2022, 3, 16, 10, 0))
    mails = sent()
    expected = {
        "Projet lauréat : Ruches de l'estuaire": ("Lauréate", "Un besoin fort des apiculteurs."),
        "Projet non retenu : Rencontres étudiantes": (
            "Non retenue",
            "Une idée à mûrir avec les écoles.",
        ),
    }
    assert sorted(m.subject for m in mails) == sorted(list(expected) * 2)
    for message in mails:
        decision, reasons = expected[message.subject]
        title = message.subject.split(" : ", 1)[1]
        text = letter_text(message)
        assert message.to[0] in team_addresses(round_.teams[title])
        assert reasons in message.body
        assert "Budget à surveiller." not in message.body + text
        assert f"{decision} (Jury)" in text
        assert reasons in text
        assert " ".join(PRESIDENT) in text
        assert "Fait au Havre, le 16 mars 2022." in text
        for member in round_.teams[title].team_members.all():
            assert member.display_name in text


CHAPTERS = [next_season, mailing, screening, pitch_invitations, deliberation, published_decisions]


def test_a_round_told_through_the_outbox(mailoutbox, django_capture_on_commit_callbacks):
    story = SimpleNamespace(round=the_round(), capture=django_capture_on_commit_callbacks)
    mailoutbox.clear()
    read = 0

    def sent():
        """The mails sent since the chapter's last reading."""
        nonlocal read
        new, read = mailoutbox[read:], len(mailoutbox)
        return new

    for chapter in CHAPTERS:
        chapter(story, sent)

    assert len(mailoutbox) == 6 + 6 + 3 + 4 + 4
    for message in mailoutbox:
        for text in (message.subject, message.body):
            assert [mark for mark in UNFILLED + ENGLISH if mark in text] == []
        assert message.body.startswith("Bonjour,")
