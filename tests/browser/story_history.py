"""The end-to-end story's past: what existed before edition 2."""

from jury.enums import MemberRole
from tests.editions.factories import CallFactory, EditionFactory
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import OrganisationFactory, ProgrammeFactory, UserFactory
from tests.projects.factories import ProjectFactory

STAFF = "innovation@agglo.test"
REVIEWED = "Carbolocal"
COACH = "coach@incubateur.test"


def build_history():
    """What existed before edition 2: the programme, edition 1 with a project in
    experimentation, the organisations, the staff account and the standing jury."""
    programme = ProgrammeFactory(
        name="Appel à innovateur territorial", authority_name="Le Havre Seine Métropole"
    )
    edition_1 = EditionFactory(programme=programme, number=1, name="Saison 1", slug="saison-1")
    call_1 = CallFactory(edition=edition_1)
    reviewed = ProjectFactory(
        experimentation=True, application__call=call_1, application__title=REVIEWED
    )
    OrganisationFactory(department=True, name="Direction de l'habitat")
    OrganisationFactory(school=True, name="La Manu")
    OrganisationFactory(local_actor=True, name="Association Quartiers vivants")
    UserFactory(email=STAFF, innovation_staff=True)
    reviewed.periods.open().get().coaches.add(UserFactory(email=COACH))
    members = {}
    for role, email in (
        (MemberRole.PRESIDENT, "president@agglo.test"),
        (MemberRole.ELECTED_OFFICIAL, "elue@agglo.test"),
        (MemberRole.ELECTED_OFFICIAL, "elu@agglo.test"),
    ):
        members[email] = JuryMemberFactory(
            programme=programme,
            role=role,
            user=UserFactory(email=email, first_name=email.split("@")[0], last_name="Test"),
        )
    return {"programme": programme, "reviewed": reviewed, "members": members}
