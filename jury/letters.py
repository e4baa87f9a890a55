"""Who signs the decision letters (``projects.letters``): the president of the jury,
by the name and the title (« qualité ») they hold on it; for a jury decision, who
chaired its item (the substitute chair when the president withdrew from it)."""

from jury.enums import MemberRole
from jury.models import JuryMember
from projects.letters import Signatory


def member_signatory(member):
    """``member`` (a ``JuryMember``, its user fetched) as a letter's signatory, or
    ``None``: the programme's signatory then signs."""
    if member is None:
        return None
    return Signatory(name=str(member.user), title=member.public_title)


def session_president(session):
    """The president convened to ``session``, or ``None``."""
    convocation = (
        session.convocations.filter(member__role=MemberRole.PRESIDENT)
        .select_related("member__user")
        .first()
    )
    return convocation.member if convocation else None


def programme_president(programme):
    """The programme's letters' signatory: its president in office, or ``None``."""
    president = (
        JuryMember.objects.filter(programme=programme, role=MemberRole.PRESIDENT, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return member_signatory(president)
